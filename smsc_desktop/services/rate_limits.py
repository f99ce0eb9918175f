"""SMSC's request limits, kept per account and server for as long as they matter.

SMSC counts identical requests per account, not per connection: a new client, an account
switch, a connection test or a restart of the app must not forget what was sent in the last
minute, or the next request is refused (error 9) and repeated refusals get the IP blocked
(error 4). ``RateLimits`` holds one :class:`~smsc_desktop.api.RateGuard` per (server,
account) for the whole run, hands the same guard to every client of that account (the
session's, the connection test's, the download transport's, which shares the session's), and
keeps the counts in ``rate_limits.json`` in the app folder with wall-clock times, written on
the file's own thread right after each change (``storage.SavedJson``), so a restart (or a
killed app) remembers them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from smsc_desktop.api import RateGuard
from smsc_desktop.services.profiles import AuthKind, Profile, normalize_server
from smsc_desktop.services.storage import SavedJson, settle

__all__ = ["FILE_NAME", "RateLimits", "account_key"]

log = logging.getLogger("smsc_desktop.services.rate_limits")

FILE_NAME: Final = "rate_limits.json"
_MAX_FILE: Final = 1024 * 1024
_VERSION: Final = 1


def account_key(profile: Profile) -> str:
    """Who SMSC counts requests for: the login, or (API key) the profile holding the key."""
    if profile.auth is AuthKind.API_KEY:
        return f"apikey:{profile.id}"
    return "login:" + profile.login.strip().casefold()


def _server_key(server: str) -> str:
    try:
        return normalize_server(server)
    except ValueError:
        return server.strip()


class RateLimits:
    """The rate guards of every account and server of this run, saved to *path* (``None``:
    kept in memory only). *clock* is the guards' monotonic clock, *wall_clock* the time
    written to the file."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self._clock = clock
        self._wall = wall_clock
        self._guards: dict[tuple[str, str], RateGuard] = {}
        self._file = (
            None if path is None else SavedJson(path, self.snapshot, what="The request limits")
        )
        if path is not None:
            wall = self._wall()
            for key, stored in _load(path).items():
                self._new_guard(key).restore(stored, wall)

    @classmethod
    def in_folder(cls, root: Path, **kwargs: Any) -> RateLimits:
        return cls(root / FILE_NAME, **kwargs)

    def guard(self, server: str, account: str) -> RateGuard:
        """The guard of *account* on *server*, the same object every time."""
        key = (_server_key(server), account)
        return self._guards.get(key) or self._new_guard(key)

    def _new_guard(self, key: tuple[str, str]) -> RateGuard:
        guard = self._guards[key] = RateGuard(self._clock, on_change=self._changed)
        return guard

    def for_profile(self, profile: Profile) -> RateGuard:
        return self.guard(profile.server, account_key(profile))

    # --- saving -------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._file is not None:
            self._file.save_soon()

    async def flush(self) -> None:
        """Wait until the last change is on disk."""
        if self._file is not None:
            await self._file.flush()

    def snapshot(self) -> dict[str, Any]:
        """What the file holds: every guard's counts, with wall-clock times."""
        wall = self._wall()
        guards = []
        for (server, account), guard in self._guards.items():
            if not guard.empty:
                guards.append({"server": server, "account": account, **guard.snapshot(wall)})
        return {"version": _VERSION, "saved_at": round(wall, 3), "guards": guards}


def _load(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The stored counts by (server, account); nothing when the file is missing or bad."""
    import json

    settle(path)
    try:
        if path.stat().st_size > _MAX_FILE:
            log.warning("Ignoring %s: too big to be request limits", path)
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as exc:
        log.warning("Ignoring unreadable %s: %s", path, exc)
        return {}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    entries = data.get("guards") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return found
    for entry in entries[:1000]:
        if not isinstance(entry, dict):
            continue
        server, account = entry.get("server"), entry.get("account")
        if isinstance(server, str) and isinstance(account, str):
            found[(server, account)] = entry
    return found
