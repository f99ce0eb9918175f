"""Reading one value of an export: a delivery status's meaning, a date, an amount, SMS parts.

These run once per *distinct* value (the scanner counts raw values first), so they can be
thorough without costing time on a million rows.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from decimal import Decimal, InvalidOperation


class Outcome(enum.Enum):
    """What a delivery status means for the person asking "how many were delivered?"."""

    DELIVERED = "delivered"
    PENDING = "pending"  # waiting, sent to the operator: not final yet
    FAILED = "failed"  # expired, undeliverable, prohibited, wrong number, no money
    UNKNOWN = "unknown"  # empty or a status we do not know


# SMSC's status codes (status.php): 1 delivered, 2 read, 4 link clicked; -1 waiting,
# 0 passed to the operator; 3 expired, 20 undeliverable, 22 wrong number, 23 prohibited,
# 24 not enough money, 25 unavailable number.
_CODES = {
    "1": Outcome.DELIVERED,
    "2": Outcome.DELIVERED,
    "4": Outcome.DELIVERED,
    "-1": Outcome.PENDING,
    "0": Outcome.PENDING,
    "-3": Outcome.FAILED,
    "3": Outcome.FAILED,
    "20": Outcome.FAILED,
    "22": Outcome.FAILED,
    "23": Outcome.FAILED,
    "24": Outcome.FAILED,
    "25": Outcome.FAILED,
}
# Word stems, checked in this order (so "не доставлено" is failed before "доставлено" is
# delivered).
_STEMS = (
    (Outcome.FAILED, ("не достав", "недостав", "not deliver", "undeliver", "невозможно")),
    (Outcome.FAILED, ("просроч", "expired", "запрещ", "prohibit", "forbid", "blocked")),
    (Outcome.FAILED, ("неверн", "invalid", "wrong", "недостаточно", "insufficient")),
    (Outcome.FAILED, ("недоступ", "unavailable", "ошибк", "error", "fail", "reject", "отклон")),
    (Outcome.FAILED, ("не найден", "not found")),
    (Outcome.DELIVERED, ("доставлен", "delivered", "прочитан", "read", "нажата", "clicked")),
    (Outcome.PENDING, ("ожида", "waiting", "pending", "queued", "в очереди", "передано")),
    (Outcome.PENDING, ("отправлен", "sent", "accepted", "принят", "transmitted")),
)


def outcome_of(status: str) -> Outcome:
    text = status.strip().lower().replace("ё", "е")
    if not text:
        return Outcome.UNKNOWN
    code = _CODES.get(text)
    if code is not None:
        return code
    for outcome, stems in _STEMS:
        if any(stem in text for stem in stems):
            return outcome
    return Outcome.UNKNOWN


_DATE_FORMATS = (
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}))?"), ("d", "m", "y", "h")),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}))?"), ("y", "m", "d", "h")),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}))?"), ("d", "m", "y", "h")),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2})(?:[ T]+(\d{1,2}))?(?!\d)"), ("d", "m", "y", "h")),
)


def hour_of(value: str) -> dt.datetime | None:
    """The hour a date-time value falls in (``01.03.2024 09:15:00`` → 09:00), or None.

    Read: ``dd.mm.yyyy``, ``yyyy-mm-dd``, ``dd/mm/yyyy``, ``dd.mm.yy``, each with an optional
    time; a date without a time counts at midnight.
    """
    text = value.strip().strip('"')
    for pattern, order in _DATE_FORMATS:
        match = pattern.match(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        year = int(parts["y"])
        if year < 100:
            year += 2000
        try:
            return dt.datetime(year, int(parts["m"]), int(parts["d"]), int(parts["h"] or 0))
        except ValueError:
            return None
    return None


_AMOUNT = re.compile(r"-?\d+(?:[.,]\d+)?")


def amount_of(value: str) -> Decimal | None:
    """``3.50``, ``3,50``, ``"1 234,50 руб."`` → Decimal; empty → 0; unreadable → None."""
    text = value.strip().strip('"').replace("\u00a0", "").replace(" ", "")
    if not text:
        return Decimal(0)
    match = _AMOUNT.search(text)
    if match is None:
        return None
    try:
        return Decimal(match.group().replace(",", "."))
    except InvalidOperation:
        return None


def parts_of(value: str) -> int | None:
    text = value.strip().strip('"')
    return int(text) if text.isdigit() else None


GSM_SINGLE, GSM_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67


def parts_for(length: int, latin: bool) -> int:
    """SMS parts of a text of ``length`` characters: 160/153 in Latin, 70/67 in Cyrillic
    (any character outside ASCII makes the whole message UCS-2)."""
    single, multi = (GSM_SINGLE, GSM_MULTI) if latin else (UCS2_SINGLE, UCS2_MULTI)
    if length == 0:
        return 0
    return 1 if length <= single else -(-length // multi)
