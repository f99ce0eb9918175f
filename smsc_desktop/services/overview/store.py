"""The overview's memory: ``overview.json`` in the app folder, so the page opens at once.

It holds, per profile id, the last figures SMSC gave (balance, when, the last error as
data) and what the account's files said with their signatures, never a secret. It is read
once, synchronously (a few hundred KB at most for hundreds of accounts: milliseconds), and
written in a worker thread at most once every ``delay`` seconds while figures change, and
at once on ``flush()``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from smsc_desktop.services.overview.facts import Figures, FileFacts
from smsc_desktop.services.storage import atomic_write_json
from smsc_desktop.services.tasks import TaskSet

log = logging.getLogger("smsc_desktop.services.overview")

FILE_NAME: Final = "overview.json"
VERSION: Final = 1
MAX_FILE: Final = 16 * 1024 * 1024
MAX_ACCOUNTS: Final = 10_000


@dataclass(frozen=True, slots=True)
class Stored:
    figures: Figures
    files: FileFacts | None


def load(path: Path) -> dict[str, Stored]:
    """What the file holds by profile id; nothing when it is missing or unreadable."""
    try:
        if path.stat().st_size > MAX_FILE:
            log.warning("Ignoring %s: too big to be the overview's figures", path)
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as exc:
        log.warning("Ignoring unreadable %s: %s", path, exc)
        return {}
    accounts = data.get("accounts") if isinstance(data, dict) else None
    if not isinstance(accounts, dict):
        return {}
    found: dict[str, Stored] = {}
    for profile_id, entry in list(accounts.items())[:MAX_ACCOUNTS]:
        if not isinstance(entry, dict):
            continue
        try:
            found[str(profile_id)] = Stored(
                Figures.from_json(entry.get("figures")), FileFacts.from_json(entry.get("files"))
            )
        except (TypeError, ValueError, AttributeError) as exc:
            log.warning("Skipping unreadable overview figures of %s: %s", profile_id, exc)
    return found


def snapshot(entries: dict[str, Stored]) -> dict[str, Any]:
    return {
        "version": VERSION,
        "accounts": {
            pid: {
                "figures": e.figures.to_json(),
                "files": e.files.to_json() if e.files is not None else None,
            }
            for pid, e in entries.items()
        },
    }


def _write(path: Path, entries: dict[str, Stored]) -> None:
    atomic_write_json(path, snapshot(entries))


class FiguresFile:
    """Saves what ``entries()`` returns to ``path`` (None: kept in memory only)."""

    def __init__(
        self,
        path: Path | None,
        tasks: TaskSet,
        *,
        delay: float = 1.0,
    ) -> None:
        self.path = path
        self._tasks = tasks
        self._delay = delay
        self._dirty = False
        self._task: asyncio.Task[None] | None = None
        self._writing = False
        self._data: dict[str, Stored] = {}

    def save_soon(self, entries: dict[str, Stored]) -> None:
        """Write ``entries`` within ``delay`` seconds (changes until then go in the same
        write)."""
        if self.path is None:
            return
        self._data = entries
        self._dirty = True
        if self._task is None or self._task.done():
            try:
                self._task = self._tasks.start(self._write_later(), name="save")
            except RuntimeError:  # no running loop (closing): written by flush()
                self._task = None

    async def _write_later(self) -> None:
        await asyncio.sleep(self._delay)
        self._writing = True
        try:
            await self._write()
        finally:
            self._writing = False

    async def _write(self) -> None:
        while self._dirty and self.path is not None:
            self._dirty = False
            try:  # the values are immutable: safe to read in the thread
                await asyncio.to_thread(_write, self.path, self._data)
            except (OSError, ValueError) as exc:
                log.warning("Overview figures not saved to %s: %s", self.path, exc)
                return

    async def flush(self) -> None:
        """Write now what is not written yet (a write under way is awaited, not cut)."""
        task = self._task
        if task is not None and not task.done():
            if self._writing:
                await asyncio.shield(task)
            else:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        await self._write()
