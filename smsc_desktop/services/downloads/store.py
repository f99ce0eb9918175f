"""The saved download queue: one JSON file in the profile's folder.

Read once when the queue starts (with a look at the files on disk), written after every
change of state (the changes of one loop iteration in one write), and synchronously when the
queue shuts down. The writes are ``storage.SavedJson``'s: on the file's own thread, in order,
so a write that ends late never puts back an older state (before they were, the one still
running when the queue shut down could end after the last one and bring back removed items;
seen under load: two removed downloads back in the file).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from smsc_desktop.services.downloads.files import inspect_files
from smsc_desktop.services.downloads.items import DownloadItem, DownloadState
from smsc_desktop.services.storage import SavedJson, read_json

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

    def __init__(self, path: Path | None, items: Callable[[], list[DownloadItem]]) -> None:
        self.path = path
        self._items = items
        self._stopped = False
        self._file = (
            None if path is None else SavedJson(path, self.snapshot, what="The download queue")
        )

    async def read(self) -> tuple[list[DownloadItem], bool]:
        """The saved items and whether the queue had been saved before (on a worker thread)."""
        if self.path is None:
            return [], False
        return await asyncio.to_thread(_read, self.path)

    def snapshot(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, "items": [i.to_json() for i in self._items()]}

    def save_later(self) -> None:
        """Write the queue soon (once for all the changes of this loop iteration)."""
        if self._file is not None and not self._stopped:
            self._file.save_soon()

    def save_now(self) -> None:
        """Write the queue and wait for the disk (at shutdown)."""
        if self._file is not None:
            self._file.save_now()  # a failure is logged

    def stop(self) -> None:
        """No more writes later (a last :meth:`save_now` is the caller's)."""
        self._stopped = True
        if self._file is not None:
            self._file.cancel()
