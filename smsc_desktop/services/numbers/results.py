"""What the numbers service reports: outcomes as data, never as prose (the UI words them)."""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from smsc_desktop.api import FreeNumber, SmscError
from smsc_desktop.services.free_numbers import FreeNumbersTable


class RequestStatus(enum.StrEnum):
    OK = "ok"
    REFUSED = "refused"
    """SMSC answered with an error; nothing changed."""
    NOT_SENT = "not_sent"
    """Nothing left this computer (see ``NotSentReason``)."""
    UNKNOWN = "unknown"
    """The request left and no readable answer came back."""


class NotSentReason(enum.StrEnum):
    BUSY = "busy"
    """Another request of the same kind is running."""
    ALREADY_OWNED = "already_owned"
    RATE_LIMITED = "rate_limited"
    NETWORK = "network"
    JOURNAL = "journal"
    """The journal could not be written, so the paid request was not sent."""


class Reconciliation(enum.StrEnum):
    PROBABLY_RENTED = "probably_rented"
    NOT_RENTED = "not_rented"
    CHECK_FAILED = "check_failed"


@dataclass(frozen=True, slots=True)
class RentQuote:
    """What the confirmation states before anything is sent.

    ``today`` is the date in SMSC's time zone (Moscow) when the quote was made: the month
    the prorated price pays for. ``previous_charge`` is set when the price was asked from
    SMSC again because a day may have begun for SMSC since the list was loaded (what the
    old list said; see ``prorating``). ``rules_url`` is SMSC's page for the account's server that states the rules
    a rent accepts.
    """

    number: FreeNumber
    balance: Decimal | None
    currency: str
    today: date | None = None
    previous_charge: Decimal | None = None
    rules_url: str = ""

    @property
    def refreshed(self) -> bool:
        """The price was asked again because a day may have begun since the list loaded."""
        return self.previous_charge is not None

    @property
    def price_changed(self) -> bool:
        """Asked again, SMSC's price is not the one the old list showed."""
        return self.previous_charge is not None and self.previous_charge != self.charge_now

    @property
    def renews_from(self) -> date | None:
        """The first day the monthly price is charged (the next month's 1st)."""
        if self.today is None:
            return None
        return date(self.today.year + (self.today.month == 12), self.today.month % 12 + 1, 1)

    @property
    def days_in_month(self) -> int | None:
        if self.today is None:
            return None
        return calendar.monthrange(self.today.year, self.today.month)[1]

    @property
    def days_paid(self) -> int | None:
        """How many days of this month the prorated charge pays for, read off SMSC's own
        prices (``current_cost`` against ``cost``): SMSC does not say whether "the rest of
        the month" counts today. ``None`` when the prices are not a whole number of days."""
        total = self.days_in_month
        cost, now = self.number.cost, self.number.current_cost
        if total is None or cost <= 0 or now <= 0 or now > cost:
            return None
        days = round(now * total / cost)
        if not 1 <= days <= total or abs(cost * days / total - now) > Decimal("0.01"):
            return None
        return int(days)

    @property
    def charge_now(self) -> Decimal:
        return self.number.current_cost

    @property
    def monthly(self) -> Decimal:
        return self.number.cost

    @property
    def balance_after(self) -> Decimal | None:
        return None if self.balance is None else self.balance - self.charge_now

    @property
    def enough_money(self) -> bool | None:
        """``False`` when the balance is known and too low; ``None`` when unknown."""
        return None if self.balance is None else self.balance >= self.charge_now

    @property
    def shortfall(self) -> Decimal:
        if self.balance is None:
            return Decimal("0.00")
        return max(Decimal("0.00"), self.charge_now - self.balance)


@dataclass(frozen=True, slots=True)
class RentResult:
    phone: str
    status: RequestStatus
    charged: Decimal | None = None
    error: SmscError | OSError | None = None
    reason: NotSentReason | None = None
    reconciliation: Reconciliation | None = None
    balance_before: Decimal | None = None
    balance_after: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RenewalResult:
    phone: str
    renew: bool
    status: RequestStatus
    error: SmscError | OSError | None = None
    reason: NotSentReason | None = None


@dataclass(frozen=True, slots=True)
class ListLoaded:
    table: FreeNumbersTable
    skipped: int
    ended: tuple[str, ...]
    """Numbers of My numbers that the free list offers again (their rental ended)."""
