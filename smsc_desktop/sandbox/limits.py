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


class RequestLimiter:
    """Sliding-window counters keyed by an identical-request key."""

    def __init__(self) -> None:
        self._hits: dict[Hashable, deque[float]] = {}

    def allow(self, key: Hashable, limit: int, now: float) -> bool:
        """Count the request and say whether it may go (``limit`` <= 0: no limit)."""
        if limit <= 0:
            return True
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

    def clear(self) -> None:
        self._hits.clear()
