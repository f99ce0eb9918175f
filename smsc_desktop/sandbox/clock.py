"""The sandbox clock: real time plus an offset that tests can advance.

Job progression, verification expiry, the identical-request windows, message dates and the
"hour" filter of get_answers all read this clock, so a test can jump 61 seconds ahead
instead of sleeping. Prorating of number prices uses :meth:`SandboxClock.today`, which can be
pinned to a given date.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable


class SandboxClock:
    """Monotonic and wall time shifted by one shared offset."""

    def __init__(
        self,
        *,
        utc_offset_hours: int = 3,
        today: dt.date | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._monotonic = monotonic
        self._wall = wall
        self.offset = 0.0
        self.tz = dt.timezone(dt.timedelta(hours=utc_offset_hours))
        self.pinned_today = today

    def monotonic(self) -> float:
        """Seconds on a monotonic scale, including the advanced offset."""
        return self._monotonic() + self.offset

    def time(self) -> float:
        """Unix time of the sandbox world."""
        return self._wall() + self.offset

    def now(self) -> dt.datetime:
        """Aware datetime of the sandbox world in the response time zone."""
        return dt.datetime.fromtimestamp(self.time(), self.tz)

    def today(self) -> dt.date:
        """The date prorating uses: pinned, or the sandbox date in the response time zone."""
        return self.pinned_today or self.now().date()

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        self.offset += float(seconds)

    def format(self, unix: float) -> str:
        """``dd.mm.yyyy hh:mm:ss`` in the response time zone."""
        return dt.datetime.fromtimestamp(unix, self.tz).strftime("%d.%m.%Y %H:%M:%S")
