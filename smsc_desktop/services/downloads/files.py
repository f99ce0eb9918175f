"""The download list's files on disk: safe names that never overwrite, the ``.part`` file of
an unfinished download, moving a finished file into place, and what an ``OSError`` means
for the user. Everything here touches the disk: the queue calls it on a worker thread."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from smsc_desktop.api import ExportJob
from smsc_desktop.services.downloads.items import (
    PART_SUFFIX,
    DownloadItem,
    DownloadState,
    Problem,
    ProblemKind,
)
from smsc_desktop.services.storage import DISK_FULL_ERRNOS, NO_PERMISSION_ERRNOS

_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
FILE_TYPES: Final = frozenset({"csv", "txt", "tsv", "zip", "gz", "xls", "xlsx"})
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
    if code in DISK_FULL_ERRNOS:
        kind = ProblemKind.DISK_FULL
    elif code in NO_PERMISSION_ERRNOS:
        kind = ProblemKind.NO_PERMISSION
    elif code in (errno.ENOENT, errno.ENOTDIR):
        kind = ProblemKind.FOLDER_MISSING
    else:
        kind = ProblemKind.DISK_ERROR
    detail = exc.strerror or str(exc)
    return Problem(kind, detail, exc, code)


def prepare_part(part: Path) -> int:
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


def drop_empty_part(path: Path) -> int:
    """The size of *path*; an empty ``.part`` (nothing was received) is deleted."""
    size = part_size(path)
    if size == 0:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    return size


def part_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def inspect_files(items: list[DownloadItem]) -> None:
    """After a restart: bytes on disk of unfinished items, missing finished files."""
    for item in items:
        if item.state is DownloadState.DONE:
            item.file_missing = not item.target.exists()
        elif item.state.is_unfinished or item.state is DownloadState.FAILED:
            item.received = part_size(item.part)
