"""Wall clocks the services read, so tests can move time instead of waiting for it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

__all__ = ["Clock", "ManualClock", "SystemClock"]


class Clock(Protocol):
    """Gives the current time as a timezone-aware ``datetime`` (UTC)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that stands still until it is moved (tests, demos)."""

    def __init__(self, start: datetime | None = None) -> None:
        value = start or datetime.now(UTC)
        if value.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start time")
        self._now = value

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> datetime:
        """Move the clock forward by *seconds* and return the new time."""
        if seconds < 0:
            raise ValueError("a clock only moves forward")
        self._now += timedelta(seconds=seconds)
        return self._now

    def set(self, value: datetime) -> None:
        if value.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware time")
        self._now = value
