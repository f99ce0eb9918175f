"""The verification history of one profile on disk: ``<profile dir>/verifications.json``.

Read in a worker thread when the account opens. Written after every change, on the file's
own thread (``storage.SavedJson``: the changes of one loop iteration in one write, in order;
without a running loop, when the app is quitting, handed over at once). The newest
:data:`MAX_FINISHED` finished verifications are kept; waiting ones always are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from smsc_desktop.services.observable import Signal
from smsc_desktop.services.storage import SavedJson
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
    *failed* (``OSError``, on the loop's thread), and the verifications stay in memory."""

    def __init__(
        self,
        path: Path,
        items: Callable[[], Sequence[Verification]],
        failed: Signal,
    ) -> None:
        self._items = items
        self._file = SavedJson(
            path,
            lambda: snapshot(self._items()),
            what="The verification history",
            failed=failed.emit,
        )

    @property
    def path(self) -> Path:
        return self._file.path

    @path.setter
    def path(self, path: Path) -> None:
        self._file.path = path

    async def read(self) -> list[Verification]:
        """The saved verifications, read in a worker thread."""
        raw = await asyncio.to_thread(self._file.read, {})
        return list(parse_history(raw, self.path))

    def schedule_save(self) -> None:
        """Write the history soon (after this loop iteration), or now without a loop."""
        self._file.save_soon()

    async def flush(self) -> None:
        """Wait until the file matches memory."""
        await self._file.flush()

    def close(self) -> None:
        """Write now what is not written yet, and wait for the disk (the account closes)."""
        if self._file.pending:
            self._file.save_now()  # a failure is logged (and said, while a loop runs)
