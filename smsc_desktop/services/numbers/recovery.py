"""Money requests the app stopped in the middle of, found again when it starts.

A paid request gets its journal line ("requested") before it leaves and its outcome line
after the answer. An operation whose last line is still "requested" when the journal is
opened was cut off: the app was killed, crashed or lost power while waiting for SMSC. Its
outcome is unknown, so, never sending anything again:

- a rent is put into My numbers as "result unknown" (if it is not there yet), gets an
  ``unknown`` outcome line, is announced (``rent_unknown``) and is reconciled against a
  free list requested after the rent was;
- a renewal change is marked unconfirmed and gets an ``unknown`` outcome line;
- a test SMS (the Site captcha page) gets an ``unknown`` outcome line (a balance read after a
  restart cannot tell whether it went).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Iterable
from datetime import datetime
from typing import Any

from smsc_desktop.services.journal import (
    JournalAction,
    JournalEntry,
    JournalOutcome,
    operations,
)
from smsc_desktop.services.ledger import OwnedNumber, RentalSource, RentalStatus
from smsc_desktop.services.numbers.events import NumbersEvents
from smsc_desktop.services.numbers.records import Records
from smsc_desktop.services.numbers.results import Reconciliation

log = logging.getLogger("smsc_desktop.services.numbers")

STOPPED = "the app stopped before SMSC's answer"
"""The detail of the outcome line written for a request cut off by the app stopping."""

Reconcile = Callable[[str, datetime], Coroutine[Any, Any, Reconciliation]]


def cut_off(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    """The "requested" lines no outcome followed, oldest first."""
    dangling = [e for e in operations(entries) if not e.is_final]
    return sorted(dangling, key=lambda e: e.time)


async def recover(
    entries: Iterable[JournalEntry],
    records: Records,
    events: NumbersEvents,
    reconcile: Reconcile,
    start: Callable[[Coroutine[Any, Any, Reconciliation]], object],
) -> list[str]:
    """Record the cut-off operations of ``entries`` as unknown; start (``start``) the
    reconciliation of the cut-off rents. Returns the phones of those rents."""
    ledger = records.ledger
    rents: list[str] = []
    for entry in cut_off(entries):
        phone = entry.phone
        owned = ledger.get(phone)
        if entry.action is JournalAction.RENT:
            if _recorded_as_rented(owned, entry):
                # My numbers got it before the app stopped: the answer had come.
                await records.outcome(entry, JournalOutcome.OK, detail=STOPPED)
                continue
            log.warning("Rent of %s was cut off by the app stopping: outcome unknown", phone)
            if owned is None or owned.status is not RentalStatus.UNKNOWN:
                ledger.put(_unknown_rental(entry))
                await records.save_ledger()
            await records.outcome(entry, JournalOutcome.UNKNOWN, detail=STOPPED)
            rents.append(phone)
            events.rent_unknown.emit(phone)
            start(reconcile(phone, entry.time))
        elif entry.action in (JournalAction.RENEWAL_ON, JournalAction.RENEWAL_OFF):
            if owned is not None and entry.renew is not None:
                ledger.update(phone, renew=entry.renew, renew_confirmed=False)
                await records.save_ledger()
            await records.outcome(entry, JournalOutcome.UNKNOWN, detail=STOPPED)
        elif entry.action is JournalAction.SEND:
            # A test SMS: the balance read now cannot tell (time has passed), and it is never
            # sent again: the journal says its outcome is unknown instead of "requested".
            log.warning("Test SMS to %s was cut off by the app stopping: outcome unknown", phone)
            await records.outcome(entry, JournalOutcome.UNKNOWN, detail=STOPPED)
    return rents


def _recorded_as_rented(owned: OwnedNumber | None, entry: JournalEntry) -> bool:
    if owned is None or owned.status not in (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED):
        return False
    return owned.rented_at is not None and owned.rented_at >= entry.time


def _unknown_rental(entry: JournalEntry) -> OwnedNumber:
    return OwnedNumber(
        phone=entry.phone,
        renew=True if entry.renew is None else entry.renew,
        status=RentalStatus.UNKNOWN,
        source=RentalSource.APP,
        monthly_cost=entry.monthly,
        currency=entry.currency,
        rented_at=entry.time,
    )
