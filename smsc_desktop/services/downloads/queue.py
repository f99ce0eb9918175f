"""The queue engine: ``DownloadQueue`` runs the downloads of one account.

It keeps one :class:`DownloadItem` per file the user asked for and runs at most
``concurrency`` of them at a time; the rest wait their turn. The rules of one item's life are
in the package's docstring (``services/downloads/__init__.py``); the files on disk are
``files.py``'s, the saved queue ``store.py``'s and the transfer the ``Transport``'s.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from smsc_desktop.api import (
    ApiError,
    DownloadInterruptedError,
    DownloadResult,
    ExportJob,
    JobStatus,
    NetworkError,
    ProtocolError,
    RateLimitedError,
    SmscClient,
    SmscError,
    TooManyRequestsError,
)
from smsc_desktop.services.downloads.files import (
    drop_empty_part,
    part_size,
    place_file,
    prepare_part,
    problem_from_os_error,
    safe_file_name,
    unique_name,
)
from smsc_desktop.services.downloads.items import (
    DownloadItem,
    DownloadState,
    Problem,
    ProblemKind,
)
from smsc_desktop.services.downloads.store import QUEUE_FILE, QueueStore
from smsc_desktop.services.downloads.transport import SmscTransport, Transport, on_loop
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.tasks import TaskSet

log = logging.getLogger("smsc_desktop.services.downloads")

PROGRESS_HZ: Final = 10
"""At most this many progress updates per second per item reach the owning loop."""
SPEED_WINDOW: Final = 3.0
"""Seconds of progress the speed (and so the time left) is averaged over."""
BACKOFF_BASE: Final = 2.0
BACKOFF_CAP: Final = 60.0
MAX_FRUITLESS_ATTEMPTS: Final = 8
"""Automatic retries in a row that brought no new byte before the item is given up."""
MAX_CONCURRENCY: Final = 6
"""SMSC refuses a 15th simultaneous request of one login; stay far below it."""

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


class _Intent(enum.Enum):
    PAUSE = "pause"
    CANCEL = "cancel"
    SHUTDOWN = "shutdown"


class QueueingStage(enum.StrEnum):
    FOLDER = "folder"
    """The folder could not be created or used."""
    ITEM = "item"
    """A file could not be named in the folder."""


class QueueingError(Exception):
    """Jobs could not be queued into ``folder``: ``error`` says why, ``stage`` where, and
    ``added`` holds the items queued before it happened (they stay in the queue)."""

    def __init__(
        self, folder: Path, error: OSError, stage: QueueingStage, added: list[DownloadItem]
    ) -> None:
        super().__init__(f"{stage.value}: {folder}: {error}")
        self.folder = folder
        self.error = error
        self.stage = stage
        self.added = added


class DownloadQueue:
    """The downloads of one account, saved in *store* (a JSON file; None: not saved).

    *clock* and *sleep* schedule retries (tests pass a clock they move); *meter* measures
    speed and time spent, and stays the real monotonic clock.
    """

    def __init__(
        self,
        transport: Transport,
        store: Path | None,
        *,
        concurrency: int = 2,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        meter: Clock = time.monotonic,
        backoff_base: float = BACKOFF_BASE,
        backoff_cap: float = BACKOFF_CAP,
    ) -> None:
        self.transport = transport
        self.items: list[DownloadItem] = []
        self._concurrency = max(1, min(MAX_CONCURRENCY, concurrency))
        self._clock = clock
        self._meter = meter
        self._sleep = sleep
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._intents: dict[str, _Intent] = {}
        self._background = TaskSet("downloads")
        self._loop_bound = False
        self._store = QueueStore(store, lambda: self.items)
        self._saved_before: bool | None = None
        self._closed = False
        self._wakers: dict[str, asyncio.Event] = {}
        self.item_added = Signal("downloads.item_added")  # (item, row)
        self.item_changed = Signal("downloads.item_changed")  # (item)
        self.item_removed = Signal("downloads.item_removed")  # (item, row)
        self.reset = Signal("downloads.reset")  # ()
        self.item_finished = Signal("downloads.item_finished")  # (item) done or failed

    @classmethod
    def for_client(cls, client: SmscClient, data_dir: Path, **kwargs: Any) -> DownloadQueue:
        return cls(SmscTransport(client), data_dir / QUEUE_FILE, **kwargs)

    # --- reading ------------------------------------------------------------------------

    def __iter__(self) -> Iterator[DownloadItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, item_id: str) -> DownloadItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def row_of(self, item: DownloadItem) -> int:
        return self.items.index(item)

    @property
    def concurrency(self) -> int:
        return self._concurrency

    def clock(self) -> float:
        return self._clock()

    def active_for_job(self, job_id: int) -> DownloadItem | None:
        """An unfinished download of this job (to avoid fetching a file twice)."""
        return next(
            (
                i
                for i in self.items
                if i.job_id == job_id
                and i.state.is_unfinished
                and i.state is not DownloadState.PAUSED
            ),
            None,
        )

    def counts(self) -> dict[DownloadState, int]:
        counts = dict.fromkeys(DownloadState, 0)
        for item in self.items:
            counts[item.state] += 1
        return counts

    def total_speed(self) -> float:
        return sum(i.speed for i in self.items if i.state is DownloadState.DOWNLOADING)

    # --- loading and saving -------------------------------------------------------------

    async def load(self) -> None:
        """Read the saved queue, look at the files on disk and continue what was unfinished."""
        self._bind_loop()
        if self._store.path is None:
            return
        items, self._saved_before = await self._store.read()
        self.items = items + self.items  # anything added while the file was read stays
        self.reset.emit()
        self._pump()

    @property
    def saved_before(self) -> bool | None:
        """Whether a saved queue was found by :meth:`load` (None: not loaded yet): False
        for an account that has never downloaded anything on this computer."""
        return self._saved_before

    def save_now(self) -> None:
        """Write the queue to disk synchronously (at shutdown)."""
        self._store.save_now()

    def _bind_loop(self) -> asyncio.AbstractEventLoop:
        """The loop the queue runs on: the one running when it is first used."""
        if not self._loop_bound:
            self._background.bind_loop()
            self._loop_bound = True
        return self._background.loop

    # --- commands -----------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """True once ``shutdown()`` ran: nothing can be added any more."""
        return self._closed

    async def add_jobs(self, jobs: Iterable[ExportJob], folder: Path) -> list[DownloadItem]:
        """Queue the files of the done jobs among *jobs* into *folder* (created when
        missing), in the order given. A job whose file is already queued or downloading is
        skipped; a name that is taken gets a suffix. Returns the new items, and stops
        quietly once the queue is closed. Raises :class:`QueueingError` when the folder
        cannot be used (the items queued before stay)."""
        wanted = [j for j in jobs if j.status is JobStatus.DONE]
        if not wanted or self._closed:
            return []
        try:
            await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
        except OSError as exc:
            raise QueueingError(folder, exc, QueueingStage.FOLDER, []) from exc
        added: list[DownloadItem] = []
        for job in wanted:
            if self._closed:
                break  # the account was closed meanwhile
            if self.active_for_job(job.id) is not None:
                continue  # already on its way
            try:
                item = await self._add(job, folder)
            except OSError as exc:
                raise QueueingError(folder, exc, QueueingStage.ITEM, added) from exc
            if item is not None:
                added.append(item)
        return added

    async def add(self, job: ExportJob, folder: Path) -> DownloadItem:
        """Queue the job's file for *folder*; the name gets a suffix when it is taken."""
        item = await self._add(job, folder)
        if item is None:
            raise RuntimeError("The download queue is closed.")
        return item

    async def _add(self, job: ExportJob, folder: Path) -> DownloadItem | None:
        if self._closed:
            return None
        self._bind_loop()
        reserved = {i.file_name for i in self.items if i.folder == folder and i.state.is_unfinished}
        name = await asyncio.to_thread(unique_name, folder, safe_file_name(job), reserved)
        if self._closed:
            return None  # closed while the name was found: nothing is added any more
        item = DownloadItem(job_id=job.id, job_name=job.name, file_name=name, folder=folder)
        self.items.append(item)
        self.item_added.emit(item, len(self.items) - 1)
        self._store.save_later()
        self._pump()
        return item

    def pause(self, item: DownloadItem) -> None:
        if item.state is DownloadState.QUEUED and item.id not in self._tasks:
            self._set(item, DownloadState.PAUSED)
        elif item.id in self._tasks:
            self._stop_task(item, _Intent.PAUSE)

    def resume(self, item: DownloadItem) -> None:
        """Continue a paused or failed item from the bytes already on disk."""
        if item.state in (DownloadState.PAUSED, DownloadState.FAILED):
            item.attempts = 0
            item.problem = None
            self._set(item, DownloadState.QUEUED)
            self._pump()

    def retry(self, item: DownloadItem) -> None:
        """Start a failed or cancelled item again (a failed one resumes from its ``.part``)."""
        if item.state in (DownloadState.FAILED, DownloadState.CANCELLED):
            if item.state is DownloadState.CANCELLED:
                item.received = 0
            item.attempts = 0
            item.problem = None
            self._set(item, DownloadState.QUEUED)
            self._pump()
        elif item.state is DownloadState.WAITING_RETRY:
            # "Retry now": skip the rest of the backoff (SMSC's limit still applies).
            waker = self._wakers.get(item.id)
            if waker is not None:
                waker.set()

    def cancel(self, item: DownloadItem) -> None:
        """Stop the item and delete its ``.part`` (the list keeps it as cancelled)."""
        if item.id in self._tasks:
            self._stop_task(item, _Intent.CANCEL)
        elif item.state in (DownloadState.QUEUED, DownloadState.PAUSED, DownloadState.FAILED):
            self._set(item, DownloadState.CANCELLED)
            self._background.start(self._delete_part(item), name="delete-part")

    async def remove(self, item: DownloadItem, *, delete_file: bool = False) -> None:
        """Take the item off the list. A finished file is kept unless *delete_file*; an
        unfinished item's ``.part`` is deleted (nothing could resume it any more)."""
        if item.id in self._tasks:
            self._stop_task(item, _Intent.CANCEL)
            task = self._tasks.get(item.id)
            if task is not None:
                await asyncio.wait({task})
        if item not in self.items:
            return
        if item.state is not DownloadState.DONE:
            await self._delete_part(item)
        elif delete_file:
            await asyncio.to_thread(item.target.unlink, missing_ok=True)
        row = self.items.index(item)
        self.items.pop(row)
        self.item_removed.emit(item, row)
        self._store.save_later()

    def set_concurrency(self, value: int) -> None:
        self._concurrency = max(1, min(MAX_CONCURRENCY, int(value)))
        self._pump()

    # --- shutting down ------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop every transfer where it is and save the queue (synchronously).

        Unfinished items are saved as queued and continue at the next start.
        """
        if self._closed:
            return
        self._closed = True
        self._store.stop()
        for item_id in list(self._tasks):
            self._intents[item_id] = _Intent.SHUTDOWN
            self._tasks[item_id].cancel()
        self.save_now()
        close = getattr(self.transport, "close", None)
        if close is not None:
            close()

    async def aclose(self) -> None:
        """:meth:`shutdown`, then wait for the transfers to stop and close the transport."""
        self.shutdown()
        tasks = list(self._tasks.values())
        if tasks:
            await asyncio.wait(tasks, timeout=5.0)
        self.save_now()
        await self.transport.aclose()

    # --- the engine ---------------------------------------------------------------------

    def _pump(self) -> None:
        """Start queued items while slots are free."""
        if self._closed or not self._loop_bound:
            return
        running = len(self._tasks)
        for item in self.items:
            if running >= self._concurrency:
                break
            if item.state is DownloadState.QUEUED and item.id not in self._tasks:
                task = self._background.start(self._run(item), name=f"job-{item.job_id}")
                task.add_done_callback(functools.partial(self._task_done, item))
                self._tasks[item.id] = task
                running += 1

    def _task_done(self, item: DownloadItem, task: asyncio.Task[None]) -> None:
        """A task cancelled before its first step never runs ``_run``'s handlers: do it."""
        if self._tasks.get(item.id) is not task:
            return
        del self._tasks[item.id]
        intent = self._intents.pop(item.id, _Intent.SHUTDOWN)
        if intent is _Intent.PAUSE:
            self._set(item, DownloadState.PAUSED)
        elif intent is _Intent.CANCEL:
            self._set(item, DownloadState.CANCELLED)
            self._background.start(self._delete_part(item), name="delete-part")
        self._pump()

    def _stop_task(self, item: DownloadItem, intent: _Intent) -> None:
        task = self._tasks.get(item.id)
        if task is None or task.done():
            return
        self._intents[item.id] = intent
        task.cancel()

    def _set(
        self, item: DownloadItem, state: DownloadState, problem: Problem | None = None
    ) -> None:
        item.state = state
        item.problem = problem
        if state is not DownloadState.DOWNLOADING:
            item.speed = 0.0
            item._samples.clear()
        if state is not DownloadState.WAITING_RETRY:
            item.retry_at = None
        self.item_changed.emit(item)
        self._store.save_later()
        if state in (DownloadState.DONE, DownloadState.FAILED):
            self.item_finished.emit(item)

    async def _run(self, item: DownloadItem) -> None:
        try:
            await self._transfer(item)
        except asyncio.CancelledError:
            intent = self._intents.pop(item.id, _Intent.SHUTDOWN)
            self._account_time(item)
            if intent is _Intent.PAUSE:
                item.received = await asyncio.to_thread(part_size, item.part)
                self._set(item, DownloadState.PAUSED)
            elif intent is _Intent.CANCEL:
                await self._delete_part(item)
                item.received = 0
                self._set(item, DownloadState.CANCELLED)
            # SHUTDOWN: the saved queue already says "queued"
        except Exception as exc:  # a bug: say so on the item, keep the queue running
            log.exception("Download of job %s failed unexpectedly", item.job_id)
            self._set(item, DownloadState.FAILED, Problem(ProblemKind.INTERNAL, repr(exc)))
        finally:
            self._tasks.pop(item.id, None)
            self._intents.pop(item.id, None)
            self._pump()

    async def _transfer(self, item: DownloadItem) -> None:
        """Attempts until the file is placed, the item fails, or the task is cancelled."""
        while True:
            wait = self.transport.retry_after(item.job_id)
            if wait > 0:
                await self._wait(item, wait, Problem(ProblemKind.RATE_LIMIT))
                continue
            try:
                before = item.received = await asyncio.to_thread(prepare_part, item.part)
            except OSError as exc:
                await self._fail(item, problem_from_os_error(exc))
                return
            self._set(item, DownloadState.DOWNLOADING)
            item.started_from = before
            item._started = self._meter()
            item._samples.append((item._started, item.received))
            try:
                progress = on_loop(self._bind_loop(), self._apply_progress, item, PROGRESS_HZ)
                result = await self.transport.download(item.job_id, item.part, progress)
            except RateLimitedError as exc:
                self._account_time(item)
                await self._wait(
                    item, exc.retry_after, Problem(ProblemKind.RATE_LIMIT, str(exc), exc)
                )
                continue
            except TooManyRequestsError as exc:
                self._account_time(item)
                item.attempts += 1
                wait = max(exc.retry_after, self.transport.retry_after(item.job_id))
                await self._wait(item, wait, Problem(ProblemKind.RATE_LIMIT, str(exc), exc, 9))
                continue
            except (DownloadInterruptedError, NetworkError) as exc:
                self._account_time(item)
                item.received = await asyncio.to_thread(part_size, item.part)
                if item.received > before:
                    item.attempts = 0
                item.attempts += 1
                problem = Problem(ProblemKind.CONNECTION, str(exc), exc)
                if item.attempts > MAX_FRUITLESS_ATTEMPTS:
                    self._set(item, DownloadState.FAILED, problem)
                    return
                delay = min(self._backoff_cap, self._backoff_base * 2 ** (item.attempts - 1))
                log.info(
                    "Download of job %s interrupted at %d bytes; retry %d in %.0f s",
                    item.job_id,
                    item.received,
                    item.attempts,
                    delay,
                )
                await self._wait(item, delay, problem)
                continue
            except ApiError as exc:
                self._account_time(item)
                await self._fail(item, Problem(ProblemKind.SERVER_ERROR, str(exc), exc, exc.code))
                return
            except ProtocolError as exc:
                self._account_time(item)
                await self._fail(item, Problem(ProblemKind.NOT_A_FILE, str(exc), exc))
                return
            except SmscError as exc:
                self._account_time(item)
                await self._fail(item, Problem(ProblemKind.INTERNAL, str(exc), exc))
                return
            except OSError as exc:
                self._account_time(item)
                await self._fail(item, problem_from_os_error(exc))
                return
            self._account_time(item)
            await self._finish(item, result)
            return

    async def _fail(self, item: DownloadItem, problem: Problem) -> None:
        """FAILED; the ``.part`` stays for a later resume unless it is empty."""
        item.received = await asyncio.to_thread(drop_empty_part, item.part)
        self._set(item, DownloadState.FAILED, problem)

    async def _finish(self, item: DownloadItem, result: DownloadResult) -> None:
        size = await asyncio.to_thread(part_size, item.part)
        if size != result.total_bytes:
            await self._fail(
                item,
                Problem(
                    ProblemKind.SIZE_MISMATCH,
                    f"{size} bytes on disk, {result.total_bytes} expected",
                ),
            )
            return
        try:
            placed = await asyncio.to_thread(place_file, item.part, item.target)
        except OSError as exc:
            await self._fail(item, problem_from_os_error(exc))
            return
        if placed.name != item.file_name:
            log.info("%s existed by the time the download ended; saved as %s", item.target, placed)
            item.file_name = placed.name
        item.received = item.total = size
        item.finished_at = datetime.now(UTC)
        item.attempts = 0
        self._set(item, DownloadState.DONE)

    async def _wait(self, item: DownloadItem, seconds: float, problem: Problem) -> None:
        """WAITING_RETRY for *seconds* (or until "retry now")."""
        item.retry_at = self._clock() + seconds
        self._set(item, DownloadState.WAITING_RETRY, problem)
        waker = self._wakers[item.id] = asyncio.Event()
        sleeper = self._background.start(
            _awaited(self._sleep(max(0.0, seconds))), name="retry-wait", awaited=True
        )
        woken = self._background.start(waker.wait(), name="retry-wake", awaited=True)
        try:
            await asyncio.wait({sleeper, woken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            woken.cancel()
            self._wakers.pop(item.id, None)

    def _account_time(self, item: DownloadItem) -> None:
        if item._started is not None:
            item.elapsed += max(0.0, self._meter() - item._started)
            item._started = None

    async def _delete_part(self, item: DownloadItem) -> None:
        with contextlib.suppress(OSError):
            await asyncio.to_thread(item.part.unlink, missing_ok=True)

    # --- progress -----------------------------------------------------------------------

    def _apply_progress(self, item: DownloadItem, done: int, total: int | None) -> None:
        if item.state is not DownloadState.DOWNLOADING:
            return
        item.received = done
        if total is not None:
            item.total = total
        now = self._meter()
        samples = item._samples
        samples.append((now, done))
        while len(samples) > 2 and now - samples[0][0] > SPEED_WINDOW:
            samples.popleft()
        t0, b0 = samples[0]
        if now - t0 > 0.2:
            item.speed = max(0.0, (done - b0) / (now - t0))
        self.item_changed.emit(item)


async def _awaited(awaitable: Awaitable[Any]) -> None:
    """A coroutine of any awaitable (a test's sleep may be any awaitable), for a task."""
    await awaitable
