"""A local guard against SMSC's documented limits on identical requests per minute.

SMSC answers error 9 (and may block the IP) when the same request repeats too often.
The guard keeps, per client, a sliding 60-second window of send times for each kind of
identical request and refuses to send one more when the window is full.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

WINDOW = 60.0
"""Seconds: SMSC counts identical requests "per minute"."""

GuardKey = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class Slot:
    """A reserved place in a window; release it when the request never left."""

    key: GuardKey
    at: float


class RateGuard:
    """Sliding-window counters keyed by request identity, driven by an injectable clock."""

    def __init__(self, clock: Callable[[], float], window: float = WINDOW) -> None:
        self._clock = clock
        self._window = window
        self._sent: dict[GuardKey, deque[float]] = {}
        self._blocked_until: dict[GuardKey, float] = {}

    def _prune(self, key: GuardKey, now: float) -> deque[float]:
        times = self._sent.get(key)
        if times is None:
            return deque()
        horizon = now - self._window
        while times and times[0] <= horizon:
            times.popleft()
        if not times:
            del self._sent[key]
        return times

    def wait_time(self, key: GuardKey, limit: int | None) -> float:
        """Seconds until one more request with *key* is allowed (0.0 = now).

        *limit* ``None`` means no count limit (the key can still be blocked).
        """
        now = self._clock()
        times = self._prune(key, now)
        wait = 0.0
        if limit is not None and len(times) >= limit:
            # The oldest request that must leave the window for one more to fit.
            wait = times[len(times) - limit] + self._window - now
        blocked = self._blocked_until.get(key)
        if blocked is not None:
            if blocked <= now:
                del self._blocked_until[key]
            else:
                wait = max(wait, blocked - now)
        return max(0.0, wait)

    def reserve(self, key: GuardKey, limit: int | None) -> Slot | float:
        """Count one request now and return its slot, or the seconds to wait if full."""
        wait = self.wait_time(key, limit)
        if wait > 0.0:
            return wait
        now = self._clock()
        self._sent.setdefault(key, deque()).append(now)
        return Slot(key, now)

    def release(self, slot: Slot) -> None:
        """Uncount a request that never left this computer (e.g. the connection failed)."""
        times = self._sent.get(slot.key)
        if times is None:
            return
        with contextlib.suppress(ValueError):
            times.remove(slot.at)
        if not times:
            del self._sent[slot.key]

    def block(self, key: GuardKey, seconds: float = WINDOW) -> None:
        """Refuse *key* for *seconds* (after the server itself said "too many requests")."""
        until = self._clock() + seconds
        self._blocked_until[key] = max(until, self._blocked_until.get(key, until))
