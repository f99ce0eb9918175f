"""The pool of free dedicated numbers offered by ``receive_phones.php?get=1``.

Numbers are realistic Russian (``79XXXXXXXXX``) and Kazakh (``77XXXXXXXXX``) mobile numbers
with the operator that owns the prefix. Types: 1 and 4 are dedicated virtual numbers, 2 is
a number on a SIM card (SIM hosting). List prices are monthly, in RUB; an account in another
currency sees them converted at a fixed rate (see ``config.CURRENCY_RATES``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

_RU_OPERATORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MTS", ("910", "911", "912", "913", "914", "915", "916", "917", "919", "980", "985", "987")),
    ("Beeline", ("903", "905", "906", "909", "960", "961", "962", "963", "965", "967", "968")),
    ("MegaFon", ("920", "921", "922", "923", "925", "926", "927", "928", "929", "931", "937")),
    ("Tele2", ("900", "901", "902", "904", "950", "951", "952", "953", "977", "991", "992")),
)
_KZ_OPERATORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Kcell", ("701", "702", "775", "778")),
    ("Beeline KZ", ("705", "771", "776", "777")),
    ("Tele2 KZ", ("707", "747")),
    ("Altel", ("700", "708")),
)

# type -> (monthly list prices in RUB, probability that calls are notified too)
_TYPE_PRICES: dict[int, tuple[tuple[str, ...], float]] = {
    1: (("300.00", "450.00", "500.00", "700.00"), 0.3),
    4: (("1500.00", "2500.00", "3900.00"), 0.6),
    2: (("1200.00", "1600.00", "2000.00"), 1.0),
}


@dataclass(frozen=True, slots=True)
class NumberOffer:
    """One dedicated number: list price per full month in RUB."""

    phone: str
    type: int
    cost: Decimal
    info: str
    country: str


def money(value: Decimal) -> str:
    """Two decimals, as SMSC writes prices: ``"258.06"``."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def convert(cost_rub: Decimal, rate: Decimal) -> Decimal:
    return (cost_rub * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def days_left(today: dt.date, with_today: bool = True) -> tuple[int, int]:
    """(days left in the month, today included unless ``with_today`` is False; days in
    the month)."""
    total = calendar.monthrange(today.year, today.month)[1]
    return total - today.day + int(with_today), total


def prorate(cost: Decimal, today: dt.date, with_today: bool = True) -> Decimal:
    """The price for the days left in the current month (``SandboxConfig.prorate_days``)."""
    left, total = days_left(today, with_today)
    return (cost * left / total).quantize(CENT, rounding=ROUND_HALF_UP)


def join_info(operator: str, notices: str, shape: str) -> str:
    """``info`` as ``SandboxConfig.info_format`` writes it: ``MTS; SMS, calls`` (semicolon),
    ``MTS, SMS, calls`` (comma) or ``MTS SMS calls`` (plain)."""
    if shape == "comma":
        return f"{operator}, {notices}"
    if shape == "plain":
        return f"{operator} {notices.replace(',', '')}"
    return f"{operator}; {notices}"


@functools.lru_cache(maxsize=8)
def generate_pool(
    size: int, seed: int, exclude: frozenset[str] = frozenset()
) -> tuple[NumberOffer, ...]:
    """``size`` distinct numbers, deterministic for a given seed, sorted by phone."""
    rng = random.Random(seed)
    seen: set[str] = set(exclude)
    offers: list[NumberOffer] = []
    types = (1, 1, 1, 1, 4, 2, 2)
    while len(offers) < size:
        if rng.random() < 0.85:
            country, operators = "RU", _RU_OPERATORS
        else:
            country, operators = "KZ", _KZ_OPERATORS
        operator, prefixes = operators[rng.randrange(len(operators))]
        phone = f"7{prefixes[rng.randrange(len(prefixes))]}{rng.randrange(10_000_000):07d}"
        if phone in seen:
            continue
        seen.add(phone)
        kind = types[rng.randrange(len(types))]
        prices, calls_share = _TYPE_PRICES[kind]
        cost = Decimal(prices[rng.randrange(len(prices))])
        notices = "SMS, calls" if rng.random() < calls_share else "SMS"
        offers.append(NumberOffer(phone, kind, cost, f"{operator}; {notices}", country))
    offers.sort(key=lambda o: o.phone)
    return tuple(offers)


def operator_info(phone: str) -> tuple[str, str]:
    """(info, country) for a number that is not in the pool (e.g. pre-rented ones)."""
    for country, table in (("KZ", _KZ_OPERATORS), ("RU", _RU_OPERATORS)):
        for operator, prefixes in table:
            if phone[1:4] in prefixes and (country == "KZ") == phone.startswith("77"):
                return f"{operator}; SMS", country
    if phone.startswith("77"):
        return "Kcell; SMS", "KZ"
    return "MTS; SMS", "RU"


def read_phone(raw: str, domestic: str = "as_is") -> str | None:
    """A ``phone`` parameter as the sandbox reads it: spaces and one leading ``+`` dropped.

    ``domestic`` (``SandboxConfig.domestic_phones``) says what happens to the Russian
    domestic forms written without ``+``, ``8XXXXXXXXXX`` (11 digits) and ``9XXXXXXXXX``
    (10 digits): ``"as_is"`` keeps them as written, ``"international"`` reads them as
    ``7XXXXXXXXXX``, ``"reject"`` returns None (the caller answers ``invalid phone``).
    """
    phone = raw.strip()
    if phone.startswith("+"):
        return phone[1:]
    if domestic == "as_is" or not phone.isdigit():
        return phone
    is_domestic = (len(phone) == 11 and phone[0] == "8") or (len(phone) == 10 and phone[0] == "9")
    if not is_domestic:
        return phone
    if domestic == "reject":
        return None
    return "7" + phone[-10:]
