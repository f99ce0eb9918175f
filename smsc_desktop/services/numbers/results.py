"""What the numbers service reports: outcomes as data, never as prose (the UI words them)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
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
    """What the confirmation states before anything is sent."""

    number: FreeNumber
    balance: Decimal | None
    currency: str

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
