""" "Test this number": wait until an SMS arrives on one of the account's numbers.

The user sends any SMS to the number; the probe watches the inbox (through the account's
inbox watch, as often as a call verification does) until a message on that number arrives,
and tells how long it took. Detection is anchored like the verifications': the inbox is read
once before the wait starts, and only a message with a higher id counts, so an old SMS never
passes a new test. A probe that sees nothing within :data:`PROBE_WINDOW` expires, after one
last read that started once its time was up.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from smsc_desktop.api import IncomingMessage
from smsc_desktop.services.clock import Clock
from smsc_desktop.services.inbox import InboxWatch, digits
from smsc_desktop.services.observable import Signal, disconnect_all

log = logging.getLogger("smsc_desktop.services.numbers")

PROBE_WINDOW: Final = timedelta(minutes=10)
SERVER_TIME_SLACK: Final = 120.0
"""Seconds of disagreement tolerated between SMSC's clock and this computer's."""


class ProbeState(enum.StrEnum):
    STARTING = "starting"
    """Reading the inbox once to know what is old."""
    WAITING = "waiting"
    RECEIVED = "received"
    EXPIRED = "expired"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in (ProbeState.RECEIVED, ProbeState.EXPIRED, ProbeState.CANCELLED)


@dataclass(eq=False, slots=True)
class NumberProbe:
    """One test of a number. ``duration``: seconds from the start of the wait to the SMS
    (SMSC's time of receipt when the clocks agree, else when the app noticed it)."""

    phone: str
    created_at: datetime
    state: ProbeState = ProbeState.STARTING
    started_at: datetime | None = None
    expires_at: datetime | None = None
    baseline_id: int | None = None
    message: IncomingMessage | None = None
    duration: float | None = None

    def remaining(self, now: datetime) -> float:
        if self.expires_at is None:
            return PROBE_WINDOW.total_seconds()
        return max(0.0, (self.expires_at - now).total_seconds())


class Probes:
    """The tests of numbers in progress (one per number). Signal: ``changed(NumberProbe)``."""

    def __init__(
        self,
        watch: InboxWatch,
        clock: Clock,
        interval: float,
        window: timedelta = PROBE_WINDOW,
    ) -> None:
        self.clock = clock
        self.window = window
        self._watch = watch
        self._items: dict[str, NumberProbe] = {}
        self._sub = watch.subscribe(
            "number-test",
            interval,
            lambda: bool(self.waiting()),
            clock=clock,
            arrived=self._arrived,
            read_done=self._expire_due,
        )
        self.changed = Signal("numbers.probe_changed")  # (NumberProbe)

    def waiting(self) -> list[NumberProbe]:
        return [p for p in self._items.values() if p.state is ProbeState.WAITING]

    def get(self, phone: str) -> NumberProbe | None:
        return self._items.get(phone)

    @property
    def is_polling(self) -> bool:
        return self._sub.is_polling

    async def start(self, phone: str) -> NumberProbe:
        """Start waiting for an SMS on ``phone`` (one in progress for it is returned)."""
        current = self._items.get(phone)
        if current is not None and not current.state.is_final:
            return current
        probe = NumberProbe(phone=phone, created_at=self.clock.now())
        self._items[phone] = probe
        self.changed.emit(probe)
        try:
            if await self._sub.read_once():
                probe.baseline_id = self._watch.last_id
        except asyncio.CancelledError:
            self.cancel(probe)
            raise
        if probe.state is not ProbeState.STARTING:  # cancelled while the inbox was read
            return probe
        now = self.clock.now()
        probe.state = ProbeState.WAITING
        probe.started_at = now
        probe.expires_at = now + self.window
        log.info("Testing %s: waiting for an SMS until %s", phone, probe.expires_at)
        self.changed.emit(probe)
        self._sub.ensure_running()
        return probe

    def cancel(self, probe: NumberProbe) -> None:
        if probe.state.is_final:
            return
        probe.state = ProbeState.CANCELLED
        self.changed.emit(probe)
        self._sub.ensure_running()

    def poll_now(self) -> None:
        self._sub.poll_now()

    def tick(self) -> None:
        """Check the countdowns (the UI calls this every second): a probe whose time is up
        gets one last read before it expires."""
        now = self.clock.now()
        if any(p.expires_at is not None and p.expires_at <= now for p in self.waiting()):
            if self._sub.is_polling:
                self._sub.poll_now()
            else:
                self._expire_due(now)

    def _arrived(self, messages: list[IncomingMessage]) -> None:
        for probe in self.waiting():
            for message in messages:
                if self._matches(probe, message):
                    self._receive(probe, message)
                    break

    def _matches(self, probe: NumberProbe, message: IncomingMessage) -> bool:
        if message.is_waitcall or digits(message.to_phone) != probe.phone:
            return False
        if probe.baseline_id is not None:
            return message.id > probe.baseline_id
        if message.received is None:
            return True
        return message.received >= probe.created_at - timedelta(seconds=SERVER_TIME_SLACK)

    def _receive(self, probe: NumberProbe, message: IncomingMessage) -> None:
        assert probe.started_at is not None
        detected = self.clock.now()
        by_clock = max(0.0, (detected - probe.started_at).total_seconds())
        duration = by_clock
        if message.received is not None:
            by_server = (message.received - probe.started_at).total_seconds()
            if -2.0 <= by_server <= by_clock + 2.0:
                duration = min(max(0.0, by_server), by_clock)
        probe.state = ProbeState.RECEIVED
        probe.message = message
        probe.duration = duration
        log.info("Test of %s: an SMS arrived after %.0f s", probe.phone, duration)
        self.changed.emit(probe)

    def _expire_due(self, polled_at: datetime) -> None:
        now = self.clock.now()
        for probe in self.waiting():
            expires = probe.expires_at
            if expires is None or expires > now or polled_at < expires:
                continue
            probe.state = ProbeState.EXPIRED
            log.info("Test of %s: no SMS within %s", probe.phone, self.window)
            self.changed.emit(probe)

    def close(self) -> None:
        self._sub.stop()
        disconnect_all(self)
