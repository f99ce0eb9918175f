"""A local guard against SMSC's limits on identical requests per minute.

SMSC answers error 9 (and may then block the IP: error 4) when the same request repeats too
often. A :class:`RateGuard` keeps, for one account on one server, a sliding window of send
times for each kind of identical request and refuses to send one more when the window is
full. The window is SMSC's minute plus a margin (:data:`MARGIN`), so network jitter at the
edge of the minute cannot trip the server's count.

One guard serves every request path of the account (the client's calls, the connection
test, the download transport): whoever makes clients passes the same guard to each, so the
counts outlive a client and an account switch. :meth:`RateGuard.snapshot` and
:meth:`RateGuard.restore` carry them across a restart with wall-clock times.

The server's own error 9 is a signal to back off (:meth:`RateGuard.server_refused`): the
refused request waits a window, and a second refusal within :data:`BACKOFF_SPAN` holds back
every request of the account, a little longer each time.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Final

WINDOW: Final = 60.0
"""Seconds: SMSC counts identical requests "per minute"."""
MARGIN: Final = 1.5
"""Seconds added to SMSC's minute: a request never reaches the server at its minute's edge."""
BACKOFF_SPAN: Final = 300.0
"""Error 9 answers within this many seconds count together."""
MAX_BACKOFF: Final = 600.0
ACCOUNT: Final[tuple[str]] = ("*account*",)
"""The key that holds back every request of the account (after repeated error 9)."""
_MAX_KEYS: Final = 2000
_MAX_TIMES: Final = 64

GuardKey = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class Slot:
    """A reserved place in a window; release it when the request never left."""

    key: GuardKey
    at: float


class RateGuard:
    """Sliding-window counters keyed by request identity, driven by an injectable clock.

    *on_change* is called (without arguments) after every change worth saving.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        window: float = WINDOW,
        *,
        margin: float = MARGIN,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self._clock = clock
        self._span = window + margin
        self._sent: dict[GuardKey, deque[float]] = {}
        self._blocked_until: dict[GuardKey, float] = {}
        self._refusals: deque[float] = deque(maxlen=16)
        self.on_change = on_change

    @property
    def span(self) -> float:
        """Seconds a request stays counted (SMSC's minute plus the margin)."""
        return self._span

    def now(self) -> float:
        return self._clock()

    def _prune(self, key: GuardKey, now: float) -> deque[float]:
        times = self._sent.get(key)
        if times is None:
            return deque()
        horizon = now - self._span
        while times and times[0] <= horizon:
            times.popleft()
        if not times:
            del self._sent[key]
        return times

    def _blocked(self, key: GuardKey, now: float) -> float:
        until = self._blocked_until.get(key)
        if until is None:
            return 0.0
        if until <= now:
            del self._blocked_until[key]
            return 0.0
        return until - now

    def wait_time(self, key: GuardKey, limit: int | None) -> float:
        """Seconds until one more request with *key* is allowed (0.0 = now).

        *limit* ``None`` means no count limit (the key can still be blocked).
        """
        now = self._clock()
        times = self._prune(key, now)
        wait = 0.0
        if limit is not None and len(times) >= limit:
            # The oldest request that must leave the window for one more to fit.
            wait = times[len(times) - limit] + self._span - now
        wait = max(wait, self._blocked(key, now), self._blocked(ACCOUNT, now))
        return max(0.0, wait)

    def reserve(self, key: GuardKey, limit: int | None) -> Slot | float:
        """Count one request now and return its slot, or the seconds to wait if full."""
        wait = self.wait_time(key, limit)
        if wait > 0.0:
            return wait
        now = self._clock()
        times = self._sent.setdefault(key, deque())
        times.append(now)
        if len(times) > _MAX_TIMES:
            times.popleft()
        self._changed()
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
        self._changed()

    def block(self, key: GuardKey, seconds: float | None = None) -> None:
        """Refuse *key* for *seconds* (default: one window)."""
        until = self._clock() + (self._span if seconds is None else seconds)
        self._blocked_until[key] = max(until, self._blocked_until.get(key, until))
        self._changed()

    def server_refused(self, key: GuardKey) -> float:
        """SMSC answered error 9 to a request with *key*: back off. Returns the seconds
        that request is now held back.

        The key waits a window. A repeated refusal (within :data:`BACKOFF_SPAN`) means the
        account as a whole is over a limit SMSC counts (15 simultaneous requests, or another
        client on the same account): every request of the account waits, doubling with each
        further refusal up to :data:`MAX_BACKOFF`.
        """
        now = self._clock()
        while self._refusals and self._refusals[0] <= now - BACKOFF_SPAN:
            self._refusals.popleft()
        self._refusals.append(now)
        self.block(key, self._span)
        wait = self._span
        repeated = len(self._refusals) - 1
        if repeated > 0:
            wait = min(MAX_BACKOFF, self._span * 2 ** (repeated - 1))
            self.block(ACCOUNT, wait)
            self.block(key, wait)
        return wait

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # --- persistence --------------------------------------------------------------------

    def snapshot(self, wall_now: float) -> dict[str, Any]:
        """The counts as JSON-ready data with wall-clock (Unix) times."""
        now = self._clock()

        def wall(t: float) -> float:
            return round(wall_now - (now - t), 3)

        sent = []
        for key in list(self._sent):
            times = self._prune(key, now)
            if times:
                sent.append({"key": list(key), "times": [wall(t) for t in times]})
        blocked = [
            {"key": list(key), "until": wall(until)}
            for key, until in self._blocked_until.items()
            if until > now
        ]
        refusals = [wall(t) for t in self._refusals if t > now - BACKOFF_SPAN]
        return {"sent": sent, "blocked": blocked, "refusals": refusals}

    def restore(self, data: object, wall_now: float) -> None:
        """Add the counts of a :meth:`snapshot` (times in the future count as now)."""
        if not isinstance(data, dict):
            return
        now = self._clock()

        def mono(value: object) -> float | None:
            if isinstance(value, bool) or not isinstance(value, int | float):
                return None
            if not -1e12 < value < 1e12:
                return None
            return now - max(0.0, wall_now - float(value))

        for entry in _entries(data.get("sent")):
            key = _key(entry.get("key"))
            times = entry.get("times")
            if key is None or not isinstance(times, list):
                continue
            found = sorted(t for t in map(mono, times[-_MAX_TIMES:]) if t is not None)
            kept = [t for t in found if t > now - self._span]
            if kept:
                merged = sorted([*self._sent.get(key, ()), *kept])[-_MAX_TIMES:]
                self._sent[key] = deque(merged)
        for entry in _entries(data.get("blocked")):
            key, until = _key(entry.get("key")), entry.get("until")
            if key is None or isinstance(until, bool) or not isinstance(until, int | float):
                continue
            left = min(MAX_BACKOFF, float(until) - wall_now)
            if left > 0:
                self._blocked_until[key] = max(now + left, self._blocked_until.get(key, 0.0))
        refusals = data.get("refusals")
        if isinstance(refusals, list):
            for t in sorted(t for t in map(mono, refusals[-16:]) if t is not None):
                if t > now - BACKOFF_SPAN:
                    self._refusals.append(t)

    @property
    def empty(self) -> bool:
        now = self._clock()
        return not any(self._prune(k, now) for k in list(self._sent)) and not any(
            until > now for until in self._blocked_until.values()
        )


def _entries(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [v for v in value[:_MAX_KEYS] if isinstance(v, dict)]


def _key(value: object) -> GuardKey | None:
    if not isinstance(value, list) or not value or len(value) > 8:
        return None
    if not all(v is None or isinstance(v, str | int) for v in value):
        return None
    return tuple(value)
