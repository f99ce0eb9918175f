"""How numbers, money, phones and times look in the interface."""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale

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


def format_countdown(seconds: float) -> str:
    """Time left, ``15:00`` until a whole second has gone (rounded up, as clocks count down):
    every countdown of the same moment reads the same."""
    return format_duration(math.ceil(max(0.0, seconds)))


def format_number(value: float, decimals: int = 0, *, locale: QLocale | None = None) -> str:
    """``7,6`` / ``7.6``; ``1 089 756`` / ``1,089,756``: the interface language's digits."""
    return (locale or QLocale()).toString(float(value), "f", decimals)


def _unit(name: str) -> str:
    units = {
        "B": QCoreApplication.translate("units", "B"),
        "KB": QCoreApplication.translate("units", "KB"),
        "MB": QCoreApplication.translate("units", "MB"),
        "GB": QCoreApplication.translate("units", "GB"),
        "TB": QCoreApplication.translate("units", "TB"),
    }
    return units[name]


def format_bytes(size: float, *, locale: QLocale | None = None) -> str:
    """``48.0 KB`` / ``48,0 КБ``: binary multiples, one decimal, in the interface language."""
    units = ("B", "KB", "MB", "GB", "TB")
    value = float(size)
    for unit in units:
        if abs(value) < 1024 or unit == units[-1]:
            digits = format_number(value, 0 if unit == "B" else 1, locale=locale)
            return f"{digits} {_unit(unit)}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover - the last unit always returns


def format_speed(bytes_per_second: float, *, locale: QLocale | None = None) -> str:
    """``4.8 MB/s`` / ``4,8 МБ/с``."""
    return QCoreApplication.translate("units", "%1/s").replace(
        "%1", format_bytes(bytes_per_second, locale=locale)
    )


def format_percent(percent: float, decimals: int = 1, *, locale: QLocale | None = None) -> str:
    """``7.6 %`` / ``7,6 %`` for 7.6 (a percentage, not a fraction)."""
    return f"{format_number(percent, decimals, locale=locale)} %"


def next_month_start(today: date) -> date:
    return date(today.year + (today.month == 12), today.month % 12 + 1, 1)


def long_date(day: date, locale: QLocale | None = None) -> str:
    """``1 December 2026`` / ``1 декабря 2026`` (no weekday)."""
    return (locale or QLocale()).toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")
