"""What the download list holds: one :class:`DownloadItem` per file, its state and what went
wrong (:class:`Problem`), and how an item is written to and read from the saved queue."""

from __future__ import annotations

import enum
import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from smsc_desktop.api import SmscError
from smsc_desktop.services.ids import new_id

log = logging.getLogger("smsc_desktop.services.downloads")

PART_SUFFIX: Final = ".part"


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
    id: str = field(default_factory=lambda: new_id(32))
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
                id=str(data.get("id") or new_id(32)),
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
