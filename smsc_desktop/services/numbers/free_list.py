"""The list of free numbers: loaded one request at a time, within SMSC's limit.

``refresh`` starts a load (or joins the one running: callers share it) as long as SMSC's
limit of 2 identical requests a minute allows; the answer is indexed off the GUI thread
into a :class:`~smsc_desktop.services.free_numbers.FreeNumbersTable` and compared with My
numbers. ``fresh`` waits for a list requested after a given moment (what reconciling an
unknown rent needs).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from smsc_desktop.api import (
    Endpoint,
    FreeNumber,
    RateLimitedError,
    RecordList,
    SmscClient,
    SmscError,
)
from smsc_desktop.services.free_numbers import FreeNumbersTable
from smsc_desktop.services.gcpause import gc_paused, release_memory
from smsc_desktop.services.ledger import RentalStatus
from smsc_desktop.services.numbers.events import NumbersEvents
from smsc_desktop.services.numbers.records import Records
from smsc_desktop.services.numbers.results import ListLoaded
from smsc_desktop.services.tasks import TaskSet


class FreeList:
    def __init__(
        self,
        client: SmscClient,
        records: Records,
        events: NumbersEvents,
        background: TaskSet,
        *,
        now: Callable[[], datetime],
        sleep: Callable[[float], Awaitable[Any]],
        renting: Callable[[], str | None],
    ) -> None:
        self._client = client
        self._records = records
        self._events = events
        self._background = background
        self._now = now
        self._sleep = sleep
        self._renting = renting
        self.table: FreeNumbersTable | None = None
        self.loaded_at: datetime | None = None
        self.requested_at: datetime | None = None
        """When the list shown was asked for (its prices are SMSC's of that moment)."""
        self._task: asyncio.Task[FreeNumbersTable] | None = None
        self._started_at: datetime | None = None

    @property
    def loading(self) -> bool:
        return self._task is not None and not self._task.done()

    def retry_after(self) -> float:
        """Seconds until SMSC's limit lets the list be asked for again (0: now)."""
        if self.loading:
            return 0.0
        return self._client.wait_time(Endpoint.FREE_NUMBERS)

    async def refresh(self) -> FreeNumbersTable:
        """Load the free list (or join the load already running). Raises ``SmscError``."""
        if self._task is None or self._task.done():
            wait = self._client.wait_time(Endpoint.FREE_NUMBERS)
            if wait > 0:
                error = RateLimitedError(wait, limit=2, endpoint="receive_phones", command="get")
                self._events.list_failed.emit(error)
                raise error
            self._started_at = self._now()
            self._task = self._background.start(
                self._load(self._started_at), name="list", awaited=True
            )
        return await asyncio.shield(self._task)

    async def _load(self, started_at: datetime) -> FreeNumbersTable:
        self._events.list_loading.emit()
        try:
            with gc_paused():
                answer: list[RecordList[FreeNumber]] = [await self._client.list_available_numbers()]
                skipped = answer[0].skipped_count
                table = await asyncio.to_thread(_index_and_release, answer)
        except SmscError as exc:
            self._events.list_failed.emit(exc)
            raise
        release_memory()  # the answer's text and the parse's garbage, back to the system
        ended = await self._match_mine(table, started_at)
        self.table = table
        self.requested_at = started_at
        self.loaded_at = self._now()
        self._events.list_loaded.emit(ListLoaded(table, skipped, tuple(ended)))
        return table

    async def _match_mine(self, table: FreeNumbersTable, started_at: datetime) -> list[str]:
        """Compare a new free list with My numbers.

        A number rented after the list was asked for may still be on it: take it off. A
        number rented before and offered again has ended its rental (e.g. renewal was off
        at the month's end): mark it so.
        """
        ledger = self._records.ledger
        ended = []
        for number in ledger.numbers():
            if number.status not in (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED):
                continue
            if number.phone == self._renting():
                continue
            if number.rented_at is not None and number.rented_at >= started_at:
                table.remove(number.phone)
                continue
            if table.row_of(number.phone) is not None:
                ledger.update(number.phone, status=RentalStatus.ENDED)
                ended.append(number.phone)
        if ended:
            await self._records.save_ledger()
        return ended

    async def fresh(self, phone: str, since: datetime) -> FreeNumbersTable:
        """A free list requested after ``since`` (a list already on its way may predate the
        unknown rent of ``phone``, so it is awaited and then a new one asked for). Waits for
        SMSC's limit, saying so with ``check_started``."""
        while True:
            if self._task is not None and not self._task.done():
                started = self._started_at
                try:
                    table = await asyncio.shield(self._task)
                except SmscError:
                    table = None
                if table is not None and started is not None and started >= since:
                    return table
                continue
            wait = self._client.wait_time(Endpoint.FREE_NUMBERS)
            if wait > 0:
                self._events.check_started.emit(phone, wait)
                await self._sleep(wait + 0.05)
                continue
            self._events.check_started.emit(phone, 0.0)
            return await self.refresh()

    async def asked_since(self, since: datetime) -> FreeNumbersTable:
        """A list asked for at or after ``since`` (one on its way that started earlier is
        awaited, then a new one asked for); waits for SMSC's limit. Raises ``SmscError``."""
        while True:
            if self._task is not None and not self._task.done():
                started = self._started_at
                table = await asyncio.shield(self._task)
                if started is not None and started >= since:
                    return table
                continue
            if self.table is not None and self.requested_at and self.requested_at >= since:
                return self.table
            wait = self._client.wait_time(Endpoint.FREE_NUMBERS)
            if wait > 0:
                await self._sleep(wait + 0.05)
                continue
            return await self.refresh()


def _index_and_release(answer: list[RecordList[FreeNumber]]) -> FreeNumbersTable:
    """Index the list in a worker thread, and free its 100,000 objects there too, a slice at
    a time: freeing them in one go holds the GIL (and so stalls the GUI thread) for 25-50 ms."""
    numbers = answer.pop()
    table = FreeNumbersTable(numbers)
    while numbers:
        del numbers[-4096:]
    return table
