"""My numbers: the ledger of the numbers a profile rents, kept by the app.

SMSC's API has no documented list of the numbers an account rents, so the app records the
ones it rented (and the ones the user adds by hand) with their renewal state, in
``my_numbers.json`` in the profile's folder, written atomically.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from smsc_desktop.services.storage import atomic_write_json, decimal_or_none, read_json

__all__ = ["Ledger", "OwnedNumber", "RentalSource", "RentalStatus", "Totals", "totals"]

log = logging.getLogger("smsc_desktop.services.ledger")

LEDGER_FILE = "my_numbers.json"
SCHEMA_VERSION = 1


class RentalStatus(enum.StrEnum):
    ACTIVE = "active"
    UNKNOWN = "unknown"
    """A rent was sent and no answer came back; the app is checking."""
    PROBABLY_RENTED = "probably_rented"
    """After an unknown result the number left the free list: most likely rented by us."""
    ENDED = "ended"
    """The number is on the free list again: its rental has ended."""


class RentalSource(enum.StrEnum):
    APP = "app"
    """Rented from this app."""
    EXTERNAL = "external"
    """Rented elsewhere (the cabinet, another tool) and added by hand."""


@dataclass(frozen=True, slots=True)
class OwnedNumber:
    """A number the account rents (as far as the app knows)."""

    phone: str
    renew: bool = True
    status: RentalStatus = RentalStatus.ACTIVE
    source: RentalSource = RentalSource.APP
    monthly_cost: Decimal | None = None
    paid: Decimal | None = None
    currency: str = ""
    type: int | None = None
    info: str = ""
    rented_at: datetime | None = None
    renew_confirmed: bool = True
    """False when a renewal change got no answer: SMSC may have the other setting."""
    note: str = ""

    @property
    def counts_for_renewal(self) -> bool:
        """Whether next month's renewal will charge for this number."""
        return self.renew and self.status in (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED)

    def to_dict(self) -> dict[str, Any]:
        return {
            "phone": self.phone,
            "renew": self.renew,
            "status": self.status.value,
            "source": self.source.value,
            "monthly_cost": None if self.monthly_cost is None else str(self.monthly_cost),
            "paid": None if self.paid is None else str(self.paid),
            "currency": self.currency,
            "type": self.type,
            "info": self.info,
            "rented_at": None if self.rented_at is None else self.rented_at.isoformat(),
            "renew_confirmed": self.renew_confirmed,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OwnedNumber:
        rented_at = data.get("rented_at")
        when = datetime.fromisoformat(rented_at) if rented_at else None
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        type_code = data.get("type")
        return cls(
            phone=str(data["phone"]),
            renew=bool(data.get("renew", True)),
            status=RentalStatus(data.get("status", RentalStatus.ACTIVE.value)),
            source=RentalSource(data.get("source", RentalSource.APP.value)),
            monthly_cost=decimal_or_none(data.get("monthly_cost")),
            paid=decimal_or_none(data.get("paid")),
            currency=str(data.get("currency", "")),
            type=int(type_code) if type_code is not None else None,
            info=str(data.get("info", "")),
            rented_at=when,
            renew_confirmed=bool(data.get("renew_confirmed", True)),
            note=str(data.get("note", "")),
        )


@dataclass(frozen=True, slots=True)
class Totals:
    """What next month's renewals will cost, and whether the balance covers them."""

    monthly: Decimal
    renewing: int
    unknown_price: int
    """Renewing numbers whose monthly price the app does not know (added by hand)."""
    covered: bool | None
    """Balance ≥ monthly commitment; ``None`` when the balance is unknown."""
    shortfall: Decimal


def totals(numbers: Iterable[OwnedNumber], balance: Decimal | None) -> Totals:
    monthly = Decimal("0.00")
    renewing = unknown = 0
    for number in numbers:
        if not number.counts_for_renewal:
            continue
        renewing += 1
        if number.monthly_cost is None:
            unknown += 1
        else:
            monthly += number.monthly_cost
    if balance is None:
        return Totals(monthly, renewing, unknown, None, Decimal("0.00"))
    shortfall = max(Decimal("0.00"), monthly - balance)
    return Totals(monthly, renewing, unknown, shortfall == 0, shortfall)


class Ledger:
    """The numbers of one profile, in memory, saved as a whole on every change."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LEDGER_FILE
        self._numbers: dict[str, OwnedNumber] = {}
        self.load_problem: str | None = None

    def load(self) -> None:
        """Read the file (missing file: empty ledger). A damaged entry is skipped."""
        raw = read_json(self.path, None)
        self._numbers = {}
        self.load_problem = None
        if raw is None:
            if self.path.exists():
                self.load_problem = "unreadable"
                log.error("Ledger %s is unreadable; starting empty (file kept)", self.path)
                self._keep_damaged()
            return
        entries = raw.get("numbers", []) if isinstance(raw, dict) else []
        for item in entries:
            try:
                number = OwnedNumber.from_dict(item)
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("Ledger %s: skipped an entry: %s", self.path, exc)
                self.load_problem = "entries_skipped"
                continue
            self._numbers[number.phone] = number

    def _keep_damaged(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        try:
            self.path.replace(self.path.with_name(f"{self.path.name}.damaged-{stamp}"))
        except OSError:
            log.exception("Could not set the damaged ledger aside")

    def snapshot(self) -> list[dict[str, Any]]:
        return [n.to_dict() for n in self._numbers.values()]

    def save(self, snapshot: list[dict[str, Any]] | None = None) -> None:
        """Write the ledger atomically. Raises ``OSError`` (e.g. disk full)."""
        data = {
            "schema": SCHEMA_VERSION,
            "numbers": self.snapshot() if snapshot is None else snapshot,
        }
        atomic_write_json(self.path, data)

    def numbers(self) -> list[OwnedNumber]:
        return list(self._numbers.values())

    def get(self, phone: str) -> OwnedNumber | None:
        return self._numbers.get(phone)

    def __contains__(self, phone: object) -> bool:
        return phone in self._numbers

    def __len__(self) -> int:
        return len(self._numbers)

    def put(self, number: OwnedNumber) -> None:
        self._numbers[number.phone] = number

    def update(self, phone: str, **changes: Any) -> OwnedNumber | None:
        current = self._numbers.get(phone)
        if current is None:
            return None
        updated = replace(current, **changes)
        self._numbers[phone] = updated
        return updated

    def remove(self, phone: str) -> OwnedNumber | None:
        return self._numbers.pop(phone, None)
