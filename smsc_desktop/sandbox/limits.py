"""The sandbox's own enforcement of SMSC's identical-request limits (error 9).

A request is *identical* to another when it has the same account, the same script and the
same parameters apart from ``login``, ``psw``, ``apikey``, ``fmt`` and ``charset``. For
``balance.php`` SMSC counts every balance request ("more than 10 balance requests per
minute"), so there the key is the account alone.

The window is a sliding 60 seconds of the sandbox clock. Only requests that were let through
are counted, so a client that keeps hammering is let through again 60 seconds after the
requests that filled the window (not 60 seconds after its last refused one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable

WINDOW = 60.0
SWEEP_EVERY = 256
"""Requests between two sweeps of the keys whose window is empty."""


class RequestLimiter:
    """Sliding-window counters keyed by an identical-request key."""

    def __init__(self) -> None:
        self._hits: dict[Hashable, deque[float]] = {}
        self._counted = 0

    def __len__(self) -> int:
        """Keys with a window kept (every distinct request of the last minute or so)."""
        return len(self._hits)

    def allow(self, key: Hashable, limit: int, now: float) -> bool:
        """Count the request and say whether it may go (``limit`` <= 0: no limit)."""
        if limit <= 0:
            return True
        self._counted += 1
        if self._counted % SWEEP_EVERY == 0:
            self._sweep(now)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - WINDOW:
            hits.popleft()
        if len(hits) >= limit:
            return False
        hits.append(now)
        return True

    def retry_after(self, key: Hashable, limit: int, now: float) -> float:
        """Seconds until ``allow`` would let this key through again."""
        hits = self._hits.get(key)
        if limit <= 0 or not hits or len(hits) < limit:
            return 0.0
        return max(0.0, hits[-limit] + WINDOW - now)

    def _sweep(self, now: float) -> None:
        """Forget the keys whose requests all left the window (each phone number verified,
        each number asked about, is a key of its own: a long session would keep them all)."""
        stale = [key for key, hits in self._hits.items() if not hits or hits[-1] <= now - WINDOW]
        for key in stale:
            del self._hits[key]

    def clear(self) -> None:
        self._hits.clear()
