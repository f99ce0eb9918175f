"""The download manager: a persistent queue of job-file downloads.

``DownloadQueue`` keeps one :class:`DownloadItem` per file the user asked for and runs at
most ``concurrency`` of them at a time; the rest wait their turn. For each item:

- bytes go to ``NAME.part`` in the chosen folder; only a complete file whose size matches
  what the server announced is moved to ``NAME`` — never over an existing file: a name that
  is taken gets a suffix, ``NAME (1).csv``, so both files are kept;
- a dropped connection resumes from the bytes on disk (HTTP ``Range``) automatically, after
  a backoff, and only when SMSC's limit of 3 identical file requests a minute allows it
  (``client.wait_time(Endpoint.DOWNLOAD, ...)``); the item says when the next try comes;
- an answer that is not the file (an SMSC error with HTTP 200, a web page) fails the item
  with that error and writes nothing into the file;
- disk full, no permission, folder gone: the item fails with a :class:`Problem` saying so,
  and the ``.part`` file is kept for a later resume;
- pause keeps the ``.part``; cancel deletes it; retry starts a failed or cancelled item again;
- the queue is saved (JSON in the profile's folder) on every change of state, and an
  unfinished queue continues when the app starts again.

The transfers themselves run on a worker thread (``api.fast_download``); progress comes back
to the loop that owns the queue at most ``PROGRESS_HZ`` times a second per item, so the GUI
loop stays idle while files stream. Clock and sleep are injectable: tests move time instead
of waiting for it. No Qt here; texts for the user are made by the UI from ``Problem.kind``.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import errno
import functools
import logging
import os
import re
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Protocol

from smsc_desktop.api import (
    ApiError,
    DownloadInterruptedError,
    DownloadResult,
    Endpoint,
    ExportJob,
    NetworkError,
    ProtocolError,
    RateLimitedError,
    SmscClient,
    SmscError,
    TooManyRequestsError,
)
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.storage import atomic_write_json, read_json
from smsc_desktop.services.tasks import TaskSet

log = logging.getLogger("smsc_desktop.services.downloads")

SCHEMA_VERSION: Final = 1
QUEUE_FILE: Final = "downloads.json"
PART_SUFFIX: Final = ".part"
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
ProgressCallback = Callable[[int, int | None], None]


class DownloadState(enum.StrEnum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    PAUSED = "paused"
    WAITING_RETRY = "waiting_retry"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_active(self) -> bool:
        """Holds (or waits for) one of the concurrency slots."""
        return self in (DownloadState.DOWNLOADING, DownloadState.WAITING_RETRY)

    @property
    def is_unfinished(self) -> bool:
        return self in (
            DownloadState.QUEUED,
            DownloadState.DOWNLOADING,
            DownloadState.WAITING_RETRY,
            DownloadState.PAUSED,
        )


class ProblemKind(enum.StrEnum):
    """Why an item failed or waits; the UI turns it into a sentence."""

    DISK_FULL = "disk_full"
    NO_PERMISSION = "no_permission"
    FOLDER_MISSING = "folder_missing"
    DISK_ERROR = "disk_error"
    SERVER_ERROR = "server_error"
    """SMSC answered with an error code instead of the file."""
    NOT_A_FILE = "not_a_file"
    """A web page, JSON or garbage came instead of the file."""
    SIZE_MISMATCH = "size_mismatch"
    CONNECTION = "connection"
    """The connection failed or dropped (retried automatically until given up)."""
    RATE_LIMIT = "rate_limit"
    """SMSC's limit of identical requests: waiting until the next one is allowed."""
    INTERNAL = "internal"


@dataclass(slots=True)
class Problem:
    """What went wrong: a kind for the UI, the error object while the app runs, and a
    secret-free English detail for logs and after a restart."""

    kind: ProblemKind
    detail: str = ""
    error: SmscError | OSError | None = field(default=None, compare=False, repr=False)
    code: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "detail": self.detail, "code": self.code}

    @classmethod
    def from_json(cls, data: Any) -> Problem | None:
        if not isinstance(data, dict):
            return None
        try:
            kind = ProblemKind(str(data.get("kind")))
        except ValueError:
            kind = ProblemKind.INTERNAL
        code = data.get("code")
        return cls(
            kind, str(data.get("detail") or ""), code=code if isinstance(code, int) else None
        )


@dataclass(slots=True, eq=False)
class DownloadItem:
    """One file in the download list. Mutated by the queue only; read by the UI."""

    job_id: int
    job_name: str
    file_name: str
    folder: Path
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    state: DownloadState = DownloadState.QUEUED
    received: int = 0
    total: int | None = None
    added_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None
    elapsed: float = 0.0
    """Seconds spent transferring (for the average speed of a finished file)."""
    problem: Problem | None = None
    attempts: int = 0
    """Automatic retries in a row without a new byte."""
    retry_at: float | None = None
    """Queue-clock time of the next automatic try (while ``WAITING_RETRY``)."""
    speed: float = 0.0
    """Bytes per second over the last few seconds (while downloading)."""
    file_missing: bool = False
    """A finished file that is no longer where it was saved."""
    started_from: int = 0
    """Bytes already on disk when the current attempt began (> 0: a resumed download)."""
    _samples: deque[tuple[float, int]] = field(default_factory=lambda: deque(maxlen=64))
    _started: float | None = None

    @property
    def target(self) -> Path:
        return self.folder / self.file_name

    @property
    def part(self) -> Path:
        return self.folder / (self.file_name + PART_SUFFIX)

    @property
    def fraction(self) -> float | None:
        if self.state is DownloadState.DONE:
            return 1.0
        if not self.total:
            return None
        return min(1.0, self.received / self.total)

    @property
    def eta(self) -> float | None:
        """Seconds left at the current speed, when it can be told."""
        if self.state is not DownloadState.DOWNLOADING or not self.total or self.speed <= 0:
            return None
        return max(0.0, (self.total - self.received) / self.speed)

    @property
    def average_speed(self) -> float | None:
        if self.elapsed <= 0 or self.state is not DownloadState.DONE:
            return None
        return (self.total or self.received) / self.elapsed

    def to_json(self) -> dict[str, Any]:
        state = self.state
        if state in (DownloadState.DOWNLOADING, DownloadState.WAITING_RETRY):
            state = DownloadState.QUEUED  # continues at the next start
        return {
            "id": self.id,
            "job_id": self.job_id,
            "job_name": self.job_name,
            "file_name": self.file_name,
            "folder": str(self.folder),
            "state": state.value,
            "received": self.received,
            "total": self.total,
            "added_at": self.added_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "elapsed": round(self.elapsed, 3),
            "problem": self.problem.to_json() if self.problem else None,
        }

    @classmethod
    def from_json(cls, data: Any) -> DownloadItem | None:
        if not isinstance(data, dict):
            return None
        try:
            item = cls(
                job_id=int(data["job_id"]),
                job_name=str(data.get("job_name") or ""),
                file_name=str(data["file_name"]),
                folder=Path(str(data["folder"])),
                id=str(data.get("id") or uuid.uuid4().hex),
                state=DownloadState(data.get("state", "queued")),
                received=int(data.get("received") or 0),
                total=int(data["total"]) if data.get("total") is not None else None,
                elapsed=float(data.get("elapsed") or 0.0),
                problem=Problem.from_json(data.get("problem")),
            )
            if data.get("added_at"):
                item.added_at = datetime.fromisoformat(str(data["added_at"]))
            if data.get("finished_at"):
                item.finished_at = datetime.fromisoformat(str(data["finished_at"]))
        except (KeyError, TypeError, ValueError):
            log.warning("Skipping an unreadable download entry: %r", data)
            return None
        if not item.file_name or Path(item.file_name).name != item.file_name:
            log.warning("Skipping a download entry with a bad file name: %r", item.file_name)
            return None
        return item


class Transport(Protocol):
    """Moves one job file to disk; ``SmscTransport`` is the real one."""

    async def download(
        self, job_id: int, dest: Path, progress: ProgressCallback
    ) -> DownloadResult: ...

    def retry_after(self, job_id: int) -> float: ...

    async def aclose(self) -> None: ...


class SmscTransport:
    """Job files through ``api.fast_download`` (aiohttp on a worker thread).

    aiohttp is imported on a worker thread the first time a file is fetched, so opening
    the Exports tab costs the GUI thread nothing.
    """

    def __init__(self, client: SmscClient) -> None:
        self.client = client
        self._downloader: Any = None

    async def _ensure(self) -> Any:
        if self._downloader is None:
            module = await asyncio.to_thread(_import_fast_download)
            if self._downloader is None:
                self._downloader = module.FastDownloader(self.client)
        return self._downloader

    async def download(self, job_id: int, dest: Path, progress: ProgressCallback) -> DownloadResult:
        downloader = await self._ensure()
        result: DownloadResult = await downloader.download(
            job_id=job_id, dest=dest, resume=True, progress=progress
        )
        return result

    def retry_after(self, job_id: int) -> float:
        return self.client.wait_time(Endpoint.DOWNLOAD, job_id=job_id)

    def close(self) -> None:
        """Stop the transfers' thread without waiting (the app is quitting)."""
        if self._downloader is not None:
            self._downloader.close()

    async def aclose(self) -> None:
        if self._downloader is not None:
            await self._downloader.aclose()


def _import_fast_download() -> Any:
    from smsc_desktop.api import fast_download

    return fast_download


# --- file names -------------------------------------------------------------------------

_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
FILE_TYPES = frozenset({"csv", "txt", "tsv", "zip", "gz", "xls", "xlsx"})
"""Extensions a job's file may already carry; anything else gets ``.csv``."""


def safe_file_name(job: ExportJob) -> str:
    """A file name for the job's CSV that is valid on Windows, macOS and Linux."""
    raw = (job.file or job.name or f"export_{job.id}").strip()
    name = _BAD_CHARS.sub("_", raw).strip(" .") or f"export_{job.id}"
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() not in FILE_TYPES:
        stem, ext = name, "csv"
    if stem.upper() in _RESERVED:
        stem = f"_{stem}"
    stem = stem[:150]
    return f"{stem}.{ext}"


def suffixed(name: str, n: int) -> str:
    """``report.csv`` → ``report (n).csv``."""
    path = Path(name)
    return f"{path.stem} ({n}){path.suffix}"


def _names_taken(folder: Path, name: str, reserved: set[str]) -> bool:
    if name.casefold() in reserved:
        return True
    return (folder / name).exists() or (folder / (name + PART_SUFFIX)).exists()


def unique_name(folder: Path, name: str, reserved: Iterable[str] = ()) -> str:
    """*name*, or ``name (n).ext`` with the smallest n, so that neither the file, its
    ``.part`` nor another download of this queue uses it. Touches the disk (thread)."""
    taken = {r.casefold() for r in reserved}
    candidate = name
    n = 0
    while _names_taken(folder, candidate, taken):
        n += 1
        candidate = suffixed(name, n)
    return candidate


def place_file(part: Path, target: Path) -> Path:
    """Move the finished *part* to *target*, or to ``target (n)`` when that name is taken.

    Never replaces a file: a hard link fails when the name exists (where links are not
    supported, the name is checked just before the rename). Returns where the file went.
    """
    folder, name = target.parent, target.name
    n = 0
    while True:
        candidate = folder / (name if n == 0 else suffixed(name, n))
        try:
            os.link(part, candidate)
        except FileExistsError:
            n += 1
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP) and (
                getattr(exc, "winerror", None) is None
            ):
                raise
            if candidate.exists():
                n += 1
                continue
            os.replace(part, candidate)
            return candidate
        part.unlink()
        return candidate


def problem_from_os_error(exc: OSError) -> Problem:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        kind = ProblemKind.DISK_FULL
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        kind = ProblemKind.NO_PERMISSION
    elif code in (errno.ENOENT, errno.ENOTDIR):
        kind = ProblemKind.FOLDER_MISSING
    else:
        kind = ProblemKind.DISK_ERROR
    detail = exc.strerror or str(exc)
    return Problem(kind, detail, exc, code)


def _prepare_part(part: Path) -> int:
    """Check that *part* can be written and return the bytes already in it.

    Raises the OSError a write would meet (no folder, no permission, read-only disk)
    before a request of SMSC's 3 a minute is spent on the file. An empty ``.part`` is not
    left behind: the download creates the file itself, because opening an existing file
    with truncation makes ext4 write the whole file out when it is closed (measured:
    +0.3 s at the end of a 1 GiB download).
    """
    folder = part.parent
    if not folder.exists():
        raise FileNotFoundError(errno.ENOENT, "The folder does not exist", str(folder))
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "Not a folder", str(folder))
    with part.open("ab"):
        pass
    size = part.stat().st_size
    if size == 0:
        part.unlink()
    return size


def _drop_empty_part(path: Path) -> int:
    """The size of *path*; an empty ``.part`` (nothing was received) is deleted."""
    size = _part_size(path)
    if size == 0:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    return size


def _part_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- the queue --------------------------------------------------------------------------


class _Intent(enum.Enum):
    PAUSE = "pause"
    CANCEL = "cancel"
    SHUTDOWN = "shutdown"


class DownloadQueue:
    """The downloads of one account, saved in *store* (a JSON file).

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
        self.store = store
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
        self._save_task: asyncio.Task[None] | None = None
        self._dirty = False
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
        if self.store is None:
            return
        raw = await asyncio.to_thread(read_json, self.store, {})
        entries = raw.get("items", []) if isinstance(raw, dict) else []
        items = [i for i in (DownloadItem.from_json(e) for e in entries) if i is not None]
        await asyncio.to_thread(_inspect_files, items)
        self.items = items + self.items  # anything added while the file was read stays
        self.reset.emit()
        self._pump()

    def save_now(self) -> None:
        """Write the queue to disk synchronously (at shutdown)."""
        if self.store is None:
            return
        try:
            atomic_write_json(self.store, self._snapshot())
            self._dirty = False
        except OSError:
            log.exception("Could not save the download queue to %s", self.store)

    def _snapshot(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, "items": [i.to_json() for i in self.items]}

    def _save_later(self) -> None:
        if self.store is None or self._closed:
            return
        self._dirty = True
        if self._save_task is None or self._save_task.done():
            self._save_task = self._background.start(self._save_soon(), name="save")

    async def _save_soon(self) -> None:
        await asyncio.sleep(0)  # coalesce the changes of this loop iteration
        while self._dirty and self.store is not None:
            self._dirty = False
            snapshot = self._snapshot()
            try:
                await asyncio.to_thread(atomic_write_json, self.store, snapshot)
            except OSError:
                log.exception("Could not save the download queue to %s", self.store)
                return

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

    async def add(self, job: ExportJob, folder: Path) -> DownloadItem:
        """Queue the job's file for *folder*; the name gets a suffix when it is taken."""
        if self._closed:
            raise RuntimeError("The download queue is closed.")
        self._bind_loop()
        reserved = {i.file_name for i in self.items if i.folder == folder and i.state.is_unfinished}
        name = await asyncio.to_thread(unique_name, folder, safe_file_name(job), reserved)
        item = DownloadItem(job_id=job.id, job_name=job.name, file_name=name, folder=folder)
        self.items.append(item)
        self.item_added.emit(item, len(self.items) - 1)
        self._save_later()
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
        self._save_later()

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
        if self._save_task is not None and not self._save_task.done():
            self._save_task.cancel()
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
        self._save_later()
        if state in (DownloadState.DONE, DownloadState.FAILED):
            self.item_finished.emit(item)

    async def _run(self, item: DownloadItem) -> None:
        try:
            await self._transfer(item)
        except asyncio.CancelledError:
            intent = self._intents.pop(item.id, _Intent.SHUTDOWN)
            self._account_time(item)
            if intent is _Intent.PAUSE:
                item.received = await asyncio.to_thread(_part_size, item.part)
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
                before = item.received = await asyncio.to_thread(_prepare_part, item.part)
            except OSError as exc:
                await self._fail(item, problem_from_os_error(exc))
                return
            self._set(item, DownloadState.DOWNLOADING)
            item.started_from = before
            item._started = self._meter()
            item._samples.append((item._started, item.received))
            try:
                result = await self.transport.download(
                    item.job_id, item.part, self._progress_callback(item)
                )
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
                item.received = await asyncio.to_thread(_part_size, item.part)
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
        item.received = await asyncio.to_thread(_drop_empty_part, item.part)
        self._set(item, DownloadState.FAILED, problem)

    async def _finish(self, item: DownloadItem, result: DownloadResult) -> None:
        size = await asyncio.to_thread(_part_size, item.part)
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

    def _progress_callback(self, item: DownloadItem) -> ProgressCallback:
        """Called per chunk on the transfer thread; posts to the loop ≤ PROGRESS_HZ/s."""
        loop = self._bind_loop()
        apply = self._apply_progress
        interval = 1.0 / PROGRESS_HZ
        last = [0.0]
        monotonic = time.monotonic

        def progress(done: int, total: int | None) -> None:
            now = monotonic()
            if now - last[0] < interval and (total is None or done < total):
                return
            last[0] = now
            with contextlib.suppress(RuntimeError):  # the loop is closed: the app is ending
                loop.call_soon_threadsafe(apply, item, done, total)

        return progress

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


def _inspect_files(items: list[DownloadItem]) -> None:
    """After a restart: bytes on disk of unfinished items, missing finished files."""
    for item in items:
        if item.state is DownloadState.DONE:
            item.file_missing = not item.target.exists()
        elif item.state.is_unfinished or item.state is DownloadState.FAILED:
            item.received = _part_size(item.part)


async def _awaited(awaitable: Awaitable[Any]) -> None:
    """A coroutine of any awaitable (a test's sleep may be any awaitable), for a task."""
    await awaitable
