"""My numbers (the ledger) and the journal of money: every write the numbers service makes.

The journal protocol of a paid request (a rent, a renewal change):

1. ``await records.write(records.entry(..., JournalOutcome.REQUESTED, ...))`` *before* the
   request leaves; it raises ``OSError`` when the line cannot be written (whatever the
   cause: any failure is reported as an ``OSError``), and then the request is not sent.
2. ``await records.outcome(requested, outcome, ...)`` once the outcome is known. The action
   has happened by then, so a failed write is logged and reported (``storage_failed``)
   instead of raised, whatever failed; a line that cannot be written as it is gets written
   without its texts, so the operation never ends with "requested" alone.

File writes run in a worker thread; ``save_ledger`` writes the whole ledger, one save at a
time, from a snapshot taken when it is called.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from smsc_desktop.services.journal import Journal, JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.services.ledger import Ledger
from smsc_desktop.services.numbers.events import NumbersEvents
from smsc_desktop.services.storage import storage_error

log = logging.getLogger("smsc_desktop.services.numbers")


class Records:
    def __init__(
        self,
        folder: Path,
        events: NumbersEvents,
        *,
        now: Callable[[], datetime],
        profile_name: Callable[[], str],
        currency: Callable[[], str],
    ) -> None:
        self.ledger = Ledger(folder)
        self.journal = Journal(folder)
        self._events = events
        self._now = now
        self._profile_name = profile_name
        self._currency = currency
        self._save_lock = asyncio.Lock()

    def entry(
        self,
        action: JournalAction,
        phone: str,
        outcome: JournalOutcome,
        *,
        error: BaseException | None = None,
        **fields: Any,
    ) -> JournalEntry:
        """A new journal line (not written yet)."""
        return JournalEntry(
            time=self._now(),
            profile=self._profile_name(),
            action=action,
            phone=phone,
            outcome=outcome,
            currency=self._currency(),
            **error_fields(error),
            **fields,
        )

    async def write(self, entry: JournalEntry) -> None:
        """Append to the journal in a worker thread; raises ``OSError`` (any failure)."""
        try:
            await asyncio.to_thread(self.journal.append, entry)
        except Exception as exc:
            raise storage_error(exc) from exc
        self._events.journal_appended.emit(entry)

    async def outcome(
        self,
        requested: JournalEntry,
        outcome: JournalOutcome,
        *,
        amount: Decimal | None = None,
        error: BaseException | None = None,
        detail: str = "",
    ) -> None:
        """Append the outcome line of an operation whose ``requested`` line was written."""
        entry = replace(
            requested,
            time=self._now(),
            outcome=outcome,
            amount=requested.amount if amount is None else amount,
            currency=requested.currency or self._currency(),
            detail=detail or requested.detail,
            **error_fields(error),
        )
        await self._append(entry)

    async def record(
        self,
        action: JournalAction,
        phone: str,
        outcome: JournalOutcome,
        *,
        error: BaseException | None = None,
        **fields: Any,
    ) -> None:
        """Append a line of its own (a check after an unknown rent)."""
        await self._append(self.entry(action, phone, outcome, error=error, **fields))

    async def _append(self, entry: JournalEntry) -> None:
        """Append a line after the request: never raises."""
        try:
            await self.write(entry)
        except OSError as exc:
            log.error("Journal line not written: %s (%s)", ascii(entry), exc)
            self._events.storage_failed.emit(exc)
            bare = _without_texts(entry)
            if bare != entry:
                try:
                    await self.write(bare)
                except OSError as again:
                    log.error("Journal line not written without its texts either: %s", again)

    def record_now(self, entry: JournalEntry) -> None:
        """Save the ledger and append ``entry`` without awaiting (a cancelled task cannot
        await any more); raises ``OSError`` (any failure), after trying both writes."""
        failure: OSError | None = None
        try:
            self.ledger.save()
        except Exception as exc:
            failure = storage_error(exc)
        for line in (entry, _without_texts(entry)):
            try:
                self.journal.append(line)
            except Exception as exc:
                failure = failure or storage_error(exc)
                continue
            self._events.journal_appended.emit(line)
            break
        if failure is not None:
            raise failure

    async def save_ledger(self) -> None:
        """Write My numbers in a worker thread: never raises (a failure is reported)."""
        self._events.mine_changed.emit()
        snapshot = self.ledger.snapshot()
        async with self._save_lock:
            try:
                await asyncio.to_thread(self.ledger.save, snapshot)
            except Exception as exc:
                log.error("My numbers not saved: %r", exc)
                self._events.storage_failed.emit(storage_error(exc))


def _without_texts(entry: JournalEntry) -> JournalEntry:
    """The line with only what the app itself wrote: the outcome, amounts, codes, plain
    ASCII in place of SMSC's texts (the fallback when the line cannot be written)."""
    return replace(entry, profile=_ascii(entry.profile), error=_ascii(entry.error), detail="")


def _ascii(text: str) -> str:
    return ascii(text)[1:-1]


def error_fields(error: BaseException | None) -> dict[str, Any]:
    """What the journal records of a failure: SMSC's code and text, or the kind of failure
    (the exception's class name, or the OS's text for a file error). Secret-free."""
    if error is None:
        return {}
    code = getattr(error, "code", None)
    if isinstance(error, OSError):
        return {"error": f"{type(error).__name__}: {error.strerror or error}"}
    server = getattr(error, "server_message", None)
    if code is not None:
        return {"error_code": int(code), "error": str(server or "")}
    return {"error": type(error).__name__}
