"""The verification history of one profile on disk: ``<profile dir>/verifications.json``.

Read in a worker thread when the account opens. Written in a worker thread after every
change; changes made while a write runs are coalesced into the next one. Without a running
loop (the app is quitting) it is written at once. The newest :data:`MAX_FINISHED` finished
verifications are kept; waiting ones always are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from smsc_desktop.services.observable import Signal
from smsc_desktop.services.storage import OrderedWrites, read_json
from smsc_desktop.services.tasks import TaskSet
from smsc_desktop.services.verification.models import Verification

log = logging.getLogger("smsc_desktop.services.verification")

HISTORY_FILE: Final = "verifications.json"
SCHEMA_VERSION: Final = 1
MAX_FINISHED: Final = 500
"""Finished verifications kept in the history (the newest); waiting ones are always kept."""


def snapshot(items: Sequence[Verification]) -> dict[str, Any]:
    """What is written for *items* (oldest first)."""
    finished = [v for v in items if not v.is_pending]
    keep = {id(v) for v in finished[-MAX_FINISHED:]}
    records = [v.to_dict() for v in items if v.is_pending or id(v) in keep]
    return {"schema": SCHEMA_VERSION, "verifications": records}


def parse_history(raw: Any, path: Path) -> Iterable[Verification]:
    """The readable records of a history file's content; unreadable ones are skipped."""
    records = raw.get("verifications") if isinstance(raw, dict) else None
    if not isinstance(records, list):
        if raw:
            log.warning("Verification history %s is not readable; starting empty", path)
        return
    for record in records:
        try:
            yield Verification.from_dict(record)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("Skipping an unreadable verification record: %s", exc)


class HistoryFile:
    """Keeps ``path`` in step with ``items()``; a failed write is logged and emitted on
    *failed* (``OSError``), and the verifications stay in memory."""

    def __init__(
        self,
        path: Path,
        items: Callable[[], Sequence[Verification]],
        tasks: TaskSet,
        failed: Signal,
    ) -> None:
        self.path = path
        self._items = items
        self._tasks = tasks
        self._failed = failed
        self._save_task: asyncio.Task[None] | None = None
        self._dirty = False
        self._writes = OrderedWrites()

    async def read(self) -> list[Verification]:
        """The saved verifications, read in a worker thread."""
        raw = await asyncio.to_thread(read_json, self.path, {})
        return list(parse_history(raw, self.path))

    def schedule_save(self) -> None:
        """Write the history soon (in a worker thread), or now without a running loop."""
        self._dirty = True
        if self._save_task is not None and not self._save_task.done():
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            self._write_now()
            return
        self._save_task = self._tasks.start(self._save_loop(), name="history-save")

    async def _save_loop(self) -> None:
        while self._dirty:
            self._dirty = False
            number, data = self._writes.take(), snapshot(self._items())
            try:
                await asyncio.to_thread(self._writes.write, self.path, number, data)
            except OSError as exc:
                log.error("Could not save the verification history to %s: %s", self.path, exc)
                self._failed.emit(exc)
                return

    def _write_now(self) -> None:
        self._dirty = False
        try:
            # waits for a write in flight; one that ends later cannot replace this
            self._writes.write(self.path, self._writes.take(), snapshot(self._items()))
        except OSError as exc:
            log.error("Could not save the verification history to %s: %s", self.path, exc)
            self._failed.emit(exc)

    async def flush(self) -> None:
        """Wait until the file matches memory."""
        while self._save_task is not None and not self._save_task.done():
            await asyncio.shield(self._save_task)
        if self._dirty:
            self.schedule_save()
            if self._save_task is not None:
                await asyncio.shield(self._save_task)

    def close(self) -> None:
        """Write now what is not written yet (a write in flight is cancelled and redone)."""
        if self._save_task is not None and not self._save_task.done():
            self._save_task.cancel()
            self._dirty = True
        if self._dirty:
            self._write_now()
