"""The saved download queue: one JSON file in the profile's folder.

Read once when the queue starts (with a look at the files on disk), written on a worker
thread after every change of state (the changes of one loop iteration coalesced into one
write), and synchronously when the queue shuts down.

Writes are numbered and serialised (``storage.OrderedWrites``): a write never replaces a
newer state on disk. A worker thread's write cannot be cancelled, so without this the one
still running when the queue shuts down finished after the last, synchronous one and put
back items already removed (seen under load: two removed downloads back in the file).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from smsc_desktop.services.downloads.files import inspect_files
from smsc_desktop.services.downloads.items import DownloadItem, DownloadState
from smsc_desktop.services.storage import OrderedWrites, read_json
from smsc_desktop.services.tasks import TaskSet

log = logging.getLogger("smsc_desktop.services.downloads")

SCHEMA_VERSION: Final = 1
QUEUE_FILE: Final = "downloads.json"


def _read(path: Path) -> tuple[list[DownloadItem], bool]:
    """The saved items (files on disk inspected) and whether a saved queue existed."""
    existed = path.exists()
    raw = read_json(path, {})
    entries = raw.get("items", []) if isinstance(raw, dict) else []
    items = [i for i in (DownloadItem.from_json(e) for e in entries) if i is not None]
    inspect_files(items)
    return items, existed


def has_unfinished(path: Path) -> bool:
    """Whether the queue saved at ``path`` has downloads to continue (without loading it)."""
    raw = read_json(path, {})
    entries = raw.get("items", []) if isinstance(raw, dict) else []
    waiting = DownloadState.QUEUED.value
    return any(isinstance(e, dict) and e.get("state") == waiting for e in entries)


class QueueStore:
    """The file *path* (None: nothing is saved) of the items *items()* returns."""

    def __init__(
        self, path: Path | None, items: Callable[[], list[DownloadItem]], tasks: TaskSet
    ) -> None:
        self.path = path
        self._items = items
        self._tasks = tasks
        self._task: asyncio.Task[None] | None = None
        self._dirty = False
        self._stopped = False
        self._writes = OrderedWrites()

    async def read(self) -> tuple[list[DownloadItem], bool]:
        """The saved items and whether the queue had been saved before (on a worker thread)."""
        if self.path is None:
            return [], False
        return await asyncio.to_thread(_read, self.path)

    def snapshot(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, "items": [i.to_json() for i in self._items()]}

    def _numbered_snapshot(self) -> tuple[int, dict[str, Any]]:
        return self._writes.take(), self.snapshot()

    def _write(self, number: int, snapshot: dict[str, Any]) -> None:
        """Write ``snapshot`` unless a newer one is on disk already (any thread)."""
        if self.path is not None:
            self._writes.write(self.path, number, snapshot)

    def save_later(self) -> None:
        """Write the queue soon (once for all the changes of this loop iteration)."""
        if self.path is None or self._stopped:
            return
        self._dirty = True
        if self._task is None or self._task.done():
            self._task = self._tasks.start(self._save_soon(), name="save")

    def save_now(self) -> None:
        """Write the queue synchronously (at shutdown)."""
        if self.path is None:
            return
        try:
            self._write(*self._numbered_snapshot())  # waits for a write still running
            self._dirty = False
        except OSError:
            log.exception("Could not save the download queue to %s", self.path)

    def stop(self) -> None:
        """No more writes later (a last :meth:`save_now` is the caller's)."""
        self._stopped = True
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def _save_soon(self) -> None:
        await asyncio.sleep(0)  # coalesce the changes of this loop iteration
        while self._dirty and self.path is not None:
            self._dirty = False
            number, snapshot = self._numbered_snapshot()
            try:
                await asyncio.to_thread(self._write, number, snapshot)
            except OSError:
                log.exception("Could not save the download queue to %s", self.path)
                return
