"""How numbers, money, phones and times look in the interface."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Context, Decimal

from PySide6.QtCore import QLocale

CENT = Decimal("0.01")
CURRENCY_SIGNS = {"RUR": "₽", "RUB": "₽", "KZT": "₸", "UAH": "₴", "USD": "$", "EUR": "€"}


def format_amount(amount: Decimal, *, locale: QLocale | None = None) -> str:
    """``1 234,50`` / ``1,234.50``: two decimals and the locale's separators, exact (no float).

    Total: any amount, however large (10**26 and more need more than the default 28 digits
    of precision), gives a text; ``NaN`` and infinities, which no balance can be, give "—".
    """
    loc = locale or QLocale()
    if not amount.is_finite():
        return "\u2014"
    # Enough digits for the whole part and the cents, so quantize never overflows.
    digits = max(28, amount.adjusted() + 4)
    value = amount.quantize(CENT, rounding=ROUND_HALF_UP, context=Context(prec=digits))
    whole, _, cents = f"{value.copy_abs():f}".partition(".")  # abs() would round
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = loc.groupSeparator().join(groups) + loc.decimalPoint() + (cents or "00")
    return (loc.negativeSign() + text) if value < 0 else text


def currency_sign(currency: str) -> str:
    """``₽`` for ``RUR``; the code itself for currencies without a common sign."""
    return CURRENCY_SIGNS.get(currency.upper(), currency)


def format_money(amount: Decimal, currency: str = "", *, locale: QLocale | None = None) -> str:
    """``1 234,50 ₽``: two decimals, grouped thousands, the currency's sign or code."""
    return f"{format_amount(amount, locale=locale)} {currency_sign(currency)}".strip()


def format_phone(digits: str) -> str:
    """International digits made readable: ``79001234567`` → ``+7 900 123-45-67``."""
    d = "".join(c for c in digits if c in "0123456789")
    if len(d) == 11 and d[0] == "7":
        return f"+7 {d[1:4]} {d[4:7]}-{d[7:9]}-{d[9:11]}"
    if len(d) == 12 and d.startswith("375"):
        return f"+375 {d[3:5]} {d[5:8]}-{d[8:10]}-{d[10:12]}"
    if len(d) == 12 and d.startswith("380"):
        return f"+380 {d[3:5]} {d[5:8]}-{d[8:10]}-{d[10:12]}"
    if len(d) > 4:
        return "+" + d
    return digits


def format_time(value: datetime | None, *, seconds: bool = True) -> str:
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d.%m.%Y %H:%M:%S" if seconds else "%d.%m.%Y %H:%M")


def format_duration(seconds: float) -> str:
    """``4:05`` or ``1:02:03``."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_bytes(size: float) -> str:
    units = ("B", "KB", "MB", "GB", "TB")
    value = float(size)
    for unit in units:
        if abs(value) < 1024 or unit == units[-1]:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TB"
