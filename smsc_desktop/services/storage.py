"""Small, safe file writes shared by the services.

Text never makes a write fail: a character the encoding cannot hold (a lone surrogate that
slipped past the api's clean-up) is written as a ``\\uXXXX`` escape, which JSON reads back
as the same string. What is left to fail is the disk (``OSError``); a caller that must not
raise after money was spent still catches more (``storage_error``).
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

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


class OrderedWrites:
    """JSON snapshots of one file written from any thread in the order they were taken.

    ``number = writes.take()`` on the loop's thread when the snapshot is made, then
    ``writes.write(path, number, data)`` anywhere (a worker thread, or synchronously at shutdown).
    A write that ends late never replaces a newer state: a worker thread's write cannot be
    cancelled, so the one still running when a store shuts down used to end after the last,
    synchronous write and put back an older state. ``write`` waits for a write in progress.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._taken = 0
        self._written = 0

    def take(self) -> int:
        self._taken += 1
        return self._taken

    def write(self, path: Path, number: int, data: Any) -> None:
        """Write ``data`` (snapshot ``number``) to ``path`` unless a newer one was written."""
        with self._lock:
            if number <= self._written:
                return
            atomic_write_json(path, data)
            self._written = number


IDLE_WRITER_SECONDS = 60.0
"""How long a :class:`WriteBehind`'s thread waits for another write before it ends."""


class WriteBehind:
    """The latest text of one file, written off the calling thread, in the order given.

    ``write(text)`` returns at once (a few microseconds: it hands the text over and wakes
    the writer): a thread of its own writes the file (atomically, with its ``fsync``: 1-9 ms
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
        self._pending: tuple[str, Callable[[OSError], None] | None] | None = None
        self._busy = False
        self._thread: threading.Thread | None = None

    def write(self, text: str, failed: Callable[[OSError], None] | None = None) -> None:
        with self._changed:
            self._pending = (text, failed)
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
                text, failed = self._pending
                self._pending = None
            try:
                atomic_write_text(self.path, text)
            except Exception as exc:  # the disk; said by the callback, never raised here
                if failed is not None:
                    failed(storage_error(exc))

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


def read_json(path: Path, default: Any) -> Any:
    """The parsed file, or ``default`` when it is missing or unreadable."""
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
