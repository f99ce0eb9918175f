"""How numbers, money, phones and times look in the interface."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

CURRENCY_SIGNS = {"RUR": "₽", "RUB": "₽", "KZT": "₸", "UAH": "₴", "USD": "$", "EUR": "€"}


def format_money(amount: Decimal, currency: str = "", *, locale: QLocale | None = None) -> str:
    """``1 234.50 ₽``: two decimals, grouped thousands, the currency's sign or code."""
    loc = locale or QLocale()
    text = loc.toString(float(amount.quantize(Decimal("0.01"))), "f", 2)
    sign = CURRENCY_SIGNS.get(currency.upper(), currency)
    return f"{text} {sign}".strip()


def format_phone(digits: str) -> str:
    """International digits made readable: ``79001234567`` → ``+7 900 123-45-67``."""
    d = "".join(c for c in digits if c.isdigit())
    if len(d) == 11 and d[0] == "7":
        return f"+7 {d[1:4]} {d[4:7]}-{d[7:9]}-{d[9:11]}"
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
