"""Small, safe file writes shared by the services.

Text never makes a write fail: a character the encoding cannot hold (a lone surrogate that
slipped past the api's clean-up) is written as a ``\\uXXXX`` escape, which JSON reads back
as the same string. What is left to fail is the disk (``OSError``); a caller that must not
raise after money was spent still catches more (``storage_error``).
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any

log = logging.getLogger("smsc_desktop.services.storage")

DISK_FULL_ERRNOS: frozenset[int] = frozenset(
    {errno.ENOSPC, errno.EFBIG} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())
)
"""``OSError.errno`` values that mean no more can be written there (disk, quota, file size)."""
NO_PERMISSION_ERRNOS: frozenset[int] = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
"""``OSError.errno`` values that mean the app may not write (or read) there."""


class StorageError(OSError):
    """A write that failed for another reason than the OS's, as an ``OSError``."""


def storage_error(error: Exception) -> OSError:
    """``error`` as the ``OSError`` the services report for a failed write."""
    if isinstance(error, OSError):
        return error
    wrapped = StorageError(0, f"{type(error).__name__}: {error}")
    wrapped.__cause__ = error
    return wrapped


ENCODING_ERRORS = "backslashreplace"
"""How characters the encoding cannot hold are written: ``\\ud800`` (a JSON escape)."""


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, errors=ENCODING_ERRORS, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def json_text(data: Any) -> str:
    """``data`` as the services' JSON files hold it (UTF-8 text, indented, keys sorted)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, json_text(data))


IDLE_WRITER_SECONDS = 60.0
"""How long a :class:`WriteBehind`'s thread waits for another write before it ends."""


class WriteBehind:
    """The latest text of one file, written off the calling thread, in the order given.

    ``write(make_text)`` returns at once (a few microseconds: it hands the maker over and
    wakes the writer): a thread of its own makes the text and writes the file (atomically, with its ``fsync``: 1-9 ms
    here, far more on a busy or network disk, and never on the GUI thread). Writes given
    while one runs are folded into the latest. ``flush`` waits until everything given is on
    disk; the interpreter's exit does too (``atexit``). The thread ends after a minute
    without writes (a new one starts with the next). ``failed(error)`` is called on the
    writer's thread when a write fails (the next write tries again with the newer text).
    One per file: :func:`write_behind`.
    """

    def __init__(self, path: Path, name: str = "write-behind") -> None:
        self.path = path
        self.name = name
        self._changed = threading.Condition(threading.Lock())
        self._pending: tuple[Callable[[], str], Callable[[OSError], None] | None] | None = None
        self._busy = False
        self.last_error: OSError | None = None
        """Why the last write failed (None: it succeeded): read after :meth:`flush`."""
        self._thread: threading.Thread | None = None

    def write(
        self, make_text: Callable[[], str], failed: Callable[[OSError], None] | None = None
    ) -> None:
        """Have the text ``make_text()`` returns written; it runs on the writer's thread
        (from a snapshot that nothing changes any more), so a big file is never serialised
        on the GUI thread."""
        with self._changed:
            self._pending = (make_text, failed)
            self._busy = True
            thread = self._thread
            if thread is None:  # the first write: the writer starts, and stays
                thread = self._thread = threading.Thread(
                    target=self._run, name=self.name, daemon=True
                )
            else:
                self._changed.notify_all()
                return
        thread.start()

    def _run(self) -> None:
        while True:
            with self._changed:
                while self._pending is None:
                    self._busy = False
                    self._changed.notify_all()  # flush() waiters
                    if not self._changed.wait(IDLE_WRITER_SECONDS) and self._pending is None:
                        self._thread = None  # idle: the next write starts another
                        return
                make_text, failed = self._pending
                self._pending = None
            error: OSError | None = None
            try:
                atomic_write_text(self.path, make_text())
            except Exception as exc:  # the disk; said by the callback, never raised here
                error = storage_error(exc)
                if failed is not None:
                    failed(error)
            with self._changed:
                self.last_error = error

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write given is done; False when ``timeout`` ran out first."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._busy, timeout)


_write_behinds: dict[Path, WriteBehind] = {}
_write_behinds_lock = threading.Lock()


def write_behind(path: Path, name: str = "write-behind") -> WriteBehind:
    """The one :class:`WriteBehind` of ``path`` in this process (every reader of the file
    can ``flush`` the writes other objects gave it)."""
    key = path.absolute()
    with _write_behinds_lock:
        if not _write_behinds:
            atexit.register(_flush_all)
        writer = _write_behinds.get(key)
        if writer is None:
            writer = _write_behinds[key] = WriteBehind(key, name)
        return writer


def _flush_all() -> None:
    """At the interpreter's exit: what was given is written (each file waits up to 10 s)."""
    with _write_behinds_lock:
        writers = list(_write_behinds.values())
    for writer in writers:
        writer.flush(10.0)


class SavedJson:
    """One JSON file kept in step with a state that lives on the event loop's thread (the
    settings, the download queue, the verification history, the overview's figures, the
    request limits).

    After a change, ``save_soon()``: the state's ``snapshot()`` is taken once for all the
    changes of this loop iteration (or of the next ``delay`` seconds), on the loop's thread,
    and handed to the file's :class:`WriteBehind` (one per file in the process), which turns
    it into JSON and writes it on its own thread, in the order given: a write that ends late
    never puts back an older state. ``snapshot()`` must return a new structure that nothing
    changes afterwards; ``encode`` (run on the writer's thread) turns it into the file's text.
    ``await flush()`` waits until the file holds the state;
    ``save_now()`` does the same without a loop (at shutdown) and returns the failure. A
    failed write is logged and passed to ``failed`` on the loop's thread (without a running
    loop, only logged); the state stays in memory, and the next change writes it again.
    """

    def __init__(
        self,
        path: Path,
        snapshot: Callable[[], Any],
        *,
        what: str,
        failed: Callable[[OSError], None] | None = None,
        delay: float = 0.0,
        encode: Callable[[Any], str] = json_text,
    ) -> None:
        self._snapshot = snapshot
        self._encode = encode
        self._what = what
        self._failed = failed
        self._delay = delay
        self._later: Any = None  # the loop's handle of a save_soon() not yet done
        self.path = path

    @property
    def path(self) -> Path:
        return self._path

    @path.setter
    def path(self, path: Path) -> None:
        self._path = path
        self._writer = write_behind(path, "saved-json")

    @property
    def pending(self) -> bool:
        """Whether a change waits for its ``save_soon()``."""
        return self._later is not None

    def read(self, default: Any) -> Any:
        """The file's content, or ``default`` (blocking: call it on a worker thread)."""
        return read_json(self._path, default)

    def save_soon(self) -> None:
        """Save after this loop iteration (or ``delay``); at once without a running loop."""
        if self._later is not None:
            return
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.save()
            return
        if self._delay > 0:
            self._later = loop.call_later(self._delay, self.save)
        else:
            self._later = loop.call_soon(self.save)

    def save(self) -> None:
        """Hand the state over to be written now (the snapshot is taken on this thread)."""
        import asyncio

        self.cancel()
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        data = self._snapshot()
        failed = partial(self._write_failed, loop, self._path)
        self._writer.write(partial(self._encode, data), failed)

    def cancel(self) -> None:
        """Forget a ``save_soon()`` not yet done (a store that stops saves last itself)."""
        if self._later is not None:
            self._later.cancel()
            self._later = None

    async def flush(self) -> None:
        """Save what waits, then wait until the file holds it."""
        import asyncio

        if self._later is not None:
            self.save()
        await asyncio.to_thread(self._writer.flush)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait (blocking) until what was handed over is written, or failed; False when
        ``timeout`` ran out first."""
        return self._writer.flush(timeout)

    def save_now(self, timeout: float | None = 10.0) -> OSError | None:
        """Save and wait for the disk (blocking): the failure, None when written."""
        self.save()
        if not self._writer.flush(timeout):
            return TimeoutError(f"{self._path} was not written within {timeout} s")
        return self._writer.last_error

    def _write_failed(self, loop: Any, path: Path, error: OSError) -> None:
        """On the writer's thread: logged, and said on the loop's thread."""
        log.warning("%s could not be saved to %s: %s", self._what, path, error)
        if loop is not None and self._failed is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the app is gone
                loop.call_soon_threadsafe(self._failed, error)


def settle(path: Path) -> None:
    """Wait until what this process gave ``path`` to write (:func:`write_behind`) is written:
    every reader of a file written behind calls it first (``read_json`` does)."""
    with _write_behinds_lock:
        writer = _write_behinds.get(path.absolute())
    if writer is not None:
        writer.flush()


def read_json(path: Path, default: Any) -> Any:
    """The parsed file, or ``default`` when it is missing or unreadable. What this process
    gave the file to write (:func:`write_behind`) is written first: a file is never read
    behind its own writes."""
    settle(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def append_line(path: Path, line: str) -> None:
    """Append one line and flush it to disk (journals are append-only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", errors=ENCODING_ERRORS, newline="\n") as fh:
        fh.write(line.rstrip("\n") + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def iso_or_none(value: datetime | None) -> str | None:
    """A time as stored (ISO 8601), ``None`` kept."""
    return value.isoformat() if value is not None else None


def aware_time_or_none(value: object) -> datetime | None:
    """A stored ISO 8601 time read back; ``None`` for anything else or a time without zone."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def decimal_or_none(value: object) -> Decimal | None:
    """An amount stored as text (``"258.06"``) read back; ``None``/``""`` stay ``None``.
    Raises ``ValueError`` for anything else."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
