"""Deferred export jobs (``downloads.php?get_list=1``): the list, paging and auto-refresh.

SMSC answers at most 3 identical list requests a minute, so the list is refreshed
automatically only while some job is waiting or running, at most every ``interval`` seconds
and never sooner than the client's rate guard allows (``next_refresh_at`` says when; the UI
shows it). A manual refresh spends from the same budget.

Paging: a full load asks for ``page_size`` jobs at a time with ``cnt``/``after_id`` (after
the last job of the previous page, in the order SMSC gave them) until a page comes back
short, at most ``max_pages`` pages; ``has_more`` then tells whether :meth:`load_more` can
fetch further. SMSC's sentence on ``after_id`` is cut off, so nothing assumes which way the
list runs: the order is learnt from the pages (oldest first with ``after_id`` giving newer
jobs, or newest first with ``after_id`` giving older ones; the sandbox's ``jobs_order``
plays both). Jobs are merged by id and shown newest first.

An automatic refresh asks only for the part holding the unfinished jobs (oldest first:
from just before the oldest of them, so its request stays the same while it runs; newest
first: from the start until past it), and never drops a job: a job that is waiting or
running stays until a full refresh shows it gone.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Final

from smsc_desktop.api import (
    AuthError,
    Endpoint,
    ExportJob,
    IpBlockedError,
    JobStatus,
    RateLimitedError,
    SmscClient,
    SmscError,
)
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.tasks import TaskSet

log = logging.getLogger("smsc_desktop.services.exports")

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

PAGE_SIZE: Final = 100
MAX_PAGES: Final = 10
REFRESH_INTERVAL: Final = 30.0
"""Seconds between automatic refreshes: 2 of SMSC's 3 identical requests a minute, so a
manual refresh still fits."""
ACTIVE: Final = (JobStatus.WAITING, JobStatus.RUNNING)
_ASCENDING: Final = "oldest first"
_DESCENDING: Final = "newest first"


class _Mode(enum.Enum):
    FULL = "full"
    """From the start: the result replaces the list (what is missing from it is gone)."""
    MORE = "more"
    """The next pages: merged."""
    ACTIVE = "active"
    """The part with the unfinished jobs: merged, nothing dropped."""


FINAL_ERRORS: Final = (AuthError, IpBlockedError)
"""Errors that no automatic retry can cure."""


class ExportsService:
    """The account's export jobs, observed by the Exports tab."""

    def __init__(
        self,
        client: SmscClient,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
        interval: float = REFRESH_INTERVAL,
    ) -> None:
        self.client = client
        self.jobs: list[ExportJob] = []
        """Known jobs, newest (highest id) first."""
        self.has_more = False
        self.loaded = False
        self.loading = False
        self.error: SmscError | None = None
        """The last refresh's error (the list keeps its last good data)."""
        self.updated_at: datetime | None = None
        self.next_refresh_at: float | None = None
        """Clock time of the next automatic refresh; None while no job is waiting/running."""
        self._clock = clock
        self._sleep = sleep
        self._page_size = page_size
        self._max_pages = max_pages
        self._interval = interval
        self._last_request: float | None = None
        self._order: str | None = None
        """How SMSC orders the list, once a page showed it (``_ASCENDING``/``_DESCENDING``)."""
        self._cursor: int | None = None
        """Where :meth:`load_more` continues: the last job of the last page loaded."""
        self._auto: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._background = TaskSet("exports")
        self.jobs_changed = Signal("exports.jobs_changed")  # (list[ExportJob])
        self.refresh_failed = Signal("exports.refresh_failed")  # (SmscError)
        self.schedule_changed = Signal("exports.schedule_changed")  # (float | None)
        self.busy_changed = Signal("exports.busy_changed")  # (bool)
        self.job_finished = Signal("exports.job_finished")  # (ExportJob) waiting/running → final

    # --- reading ------------------------------------------------------------------------

    def clock(self) -> float:
        return self._clock()

    @property
    def has_active_jobs(self) -> bool:
        return any(job.status in ACTIVE for job in self.jobs)

    def job(self, job_id: int) -> ExportJob | None:
        return next((j for j in self.jobs if j.id == job_id), None)

    def retry_after(self) -> float:
        """Seconds until a manual (full) refresh can be sent."""
        return self.client.wait_time(Endpoint.JOBS, limit=self._page_size, after_id=None)

    # --- loading ------------------------------------------------------------------------

    async def refresh(self) -> bool:
        """Reload the list from its start (first page onwards). False on an error."""
        return await self._load(after_id=None, mode=_Mode.FULL)

    async def load_more(self) -> bool:
        """Fetch the jobs after the last one of the last page loaded."""
        if not self.jobs or self._cursor is None:
            return await self.refresh()
        return await self._load(after_id=self._cursor, mode=_Mode.MORE)

    async def refresh_active(self) -> bool:
        """Refresh the part of the list that holds the unfinished jobs (what auto-refresh
        does): from just before the oldest of them when the list is oldest first, from the
        start until past it when it is newest first (or the order is not known yet)."""
        return await self._load(after_id=self._incremental_after_id(), mode=_Mode.ACTIVE)

    def _incremental_after_id(self) -> int | None:
        if self._order != _ASCENDING:
            return None
        active = [j.id for j in self.jobs if j.status in ACTIVE]
        if not active:
            return max((j.id for j in self.jobs), default=None)
        oldest = min(active)
        before = [j.id for j in self.jobs if j.id < oldest]
        return max(before) if before else None

    async def _load(self, *, after_id: int | None, mode: _Mode) -> bool:
        async with self._lock:
            self._set_busy(True)
            active = [j.id for j in self.jobs if j.status in ACTIVE]
            reach = min(active) if mode is _Mode.ACTIVE and active else None
            try:
                pages, more, cursor = await self._fetch_pages(after_id, reach)
            except SmscError as exc:
                self.error = exc
                if isinstance(exc, RateLimitedError):
                    log.info("Job list not refreshed: %s", exc)
                else:
                    log.warning("Job list refresh failed: %s", exc)
                self.refresh_failed.emit(exc)
                return False
            finally:
                self._set_busy(False)
                self._reschedule()
            self.error = None
            if mode is _Mode.ACTIVE and after_id is None and not more:
                mode = _Mode.FULL  # the whole list came back: as good as a full refresh
            self._apply(pages, mode=mode, more=more, cursor=cursor)
            return True

    async def _fetch_pages(
        self, after_id: int | None, reach: int | None = None
    ) -> tuple[list[ExportJob], bool, int | None]:
        """Pages from ``after_id`` on: (jobs, more pages exist, where the next page starts).

        The next page starts after the *last* job of a page, in the order SMSC gave them:
        the documentation's sentence on ``after_id`` is cut off, so this follows the list
        whether it is oldest first (``after_id`` gives newer jobs) or newest first (older
        ones). ``reach``: stop once the jobs down to that id are in (auto-refresh).
        """
        found: list[ExportJob] = []
        seen: set[int] = set()
        cursor = after_id
        for _ in range(self._max_pages):
            self._last_request = self._clock()
            page = await self.client.list_jobs(limit=self._page_size, after_id=cursor)
            self._learn_order(page)
            fresh = [j for j in page if j.id not in seen]
            found.extend(fresh)
            seen.update(j.id for j in fresh)
            if len(page) < self._page_size or not fresh:
                return found, False, page[-1].id if page else cursor
            cursor = page[-1].id
            if reach is not None and after_id is None and min(seen) <= reach:
                return found, True, cursor
        return found, True, cursor

    def _learn_order(self, page: list[ExportJob]) -> None:
        if len(page) >= 2 and page[0].id != page[-1].id:
            order = _ASCENDING if page[0].id < page[-1].id else _DESCENDING
            if order != self._order:
                log.info("SMSC lists export jobs %s", order)
                self._order = order

    def _apply(
        self, fetched: list[ExportJob], *, mode: _Mode, more: bool, cursor: int | None
    ) -> None:
        old = {j.id: j for j in self.jobs}
        if mode is _Mode.FULL:
            jobs = {j.id: j for j in fetched}
            if more and fetched:
                # The pages stopped early: what lies beyond them was not looked at.
                low, high = min(jobs), max(jobs)
                jobs.update((i, j) for i, j in old.items() if not low <= i <= high)
            self.has_more = more
            self._cursor = cursor
        else:
            # Merged by id: nothing is dropped (a job that is waiting or running stays
            # until a full refresh shows it gone).
            jobs = dict(old)
            jobs.update((j.id, j) for j in fetched)
            if mode is _Mode.MORE:
                self.has_more = more
                self._cursor = cursor
        for job in jobs.values():
            before = old.get(job.id)
            if before is not None and before.status in ACTIVE and job.status.is_final:
                log.info("Export job %s is now %s", job.id, job.status.name.lower())
                self.job_finished.emit(job)
        self.jobs = sorted(jobs.values(), key=lambda j: j.id, reverse=True)
        self.loaded = True
        self.updated_at = datetime.now(UTC)
        self.jobs_changed.emit(self.jobs)
        self._reschedule()

    def _set_busy(self, busy: bool) -> None:
        if self.loading != busy:
            self.loading = busy
            self.busy_changed.emit(busy)

    # --- automatic refresh --------------------------------------------------------------

    def start(self) -> None:
        """Load the list, then keep it fresh while jobs are waiting or running."""
        if self._auto is None or self._auto.done():
            self._auto = self._background.start(self._auto_refresh(), name="auto-refresh")

    def stop(self) -> None:
        if self._auto is not None:
            self._auto.cancel()
            self._auto = None
        self.next_refresh_at = None

    async def aclose(self) -> None:
        """``stop()`` and wait until the automatic refresh has ended."""
        task = self._auto
        self.stop()
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    def _due(self) -> float | None:
        """When the next automatic refresh may go, or None when none is needed."""
        if isinstance(self.error, FINAL_ERRORS):
            return None  # wrong credentials or a blocked IP: only the user can fix that
        if self.loaded and not self.has_active_jobs:
            return None
        now = self._clock()
        if self._last_request is None:
            due = now
        else:
            due = self._last_request + self._interval
        after_id = self._incremental_after_id() if self.loaded else None
        wait = self.client.wait_time(Endpoint.JOBS, limit=self._page_size, after_id=after_id)
        return max(due, now + wait)

    def _reschedule(self) -> None:
        due = self._due() if self._auto is not None else None
        if due != self.next_refresh_at:
            self.next_refresh_at = due
            self.schedule_changed.emit(due)
        self._wake.set()

    async def _auto_refresh(self) -> None:
        try:
            await self._auto_refresh_loop()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("Automatic refresh of the job list stopped")
            raise

    async def _auto_refresh_loop(self) -> None:
        while True:
            self._wake.clear()
            due = self._due()
            if due != self.next_refresh_at:
                self.next_refresh_at = due
                self.schedule_changed.emit(due)
            if due is None:
                await self._wake.wait()
                continue
            delay = due - self._clock()
            if delay > 0:
                await self._sleep(delay)
                continue
            if self.loaded:
                await self.refresh_active()
            else:
                await self.refresh()
