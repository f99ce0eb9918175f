"""The overview's memory: ``overview.json`` in the app folder, so the page opens at once.

It holds, per profile id, the last figures SMSC gave (balance, when, the last error as
data) and what the account's files said with their signatures, never a secret. It is read
once, synchronously (a few hundred KB at most for hundreds of accounts: milliseconds), and
written on the file's own thread (``storage.SavedJson``) at most once every ``delay`` seconds
while figures change, and at once on ``flush()``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from smsc_desktop.services.overview.facts import Figures, FileFacts
from smsc_desktop.services.storage import SavedJson, json_text, settle

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
    settle(path)
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


class FiguresFile:
    """Saves the entries last given to ``save_soon`` to ``path`` (None: kept in memory only)."""

    def __init__(self, path: Path | None, *, delay: float = 1.0) -> None:
        self.path = path
        self._data: dict[str, Stored] = {}
        self._file = (
            None
            if path is None
            else SavedJson(
                path,
                lambda: self._data,  # a dict given whole, of immutable values
                what="The overview's figures",
                delay=delay,
                encode=lambda entries: json_text(snapshot(entries)),
            )
        )

    def save_soon(self, entries: dict[str, Stored]) -> None:
        """Write ``entries`` within ``delay`` seconds (changes until then go in the same
        write; ``entries`` is not changed afterwards)."""
        if self._file is not None:
            self._data = entries
            self._file.save_soon()

    async def flush(self) -> None:
        """Write now what is not written yet, and wait for the disk."""
        if self._file is not None:
            await self._file.flush()
