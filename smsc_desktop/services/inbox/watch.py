"""``InboxWatch``: the one reader of an account's inbox (``session.inbox``).

Everything in the app that wants incoming messages subscribes here (:meth:`subscribe`): the
call verifications while one waits, the Numbers tab's inbox while it is shown, a "Test this
number" while it waits. The watch makes one ``get.php?get_answers=1`` request per round for
all of them, as often as the most impatient subscriber asks (its ``interval``), and only
while at least one of them wants it — so the account never sends more inbox requests than a
single poller would (SMSC documents no limit for ``get_answers``; its error 9 and the rate
guard's waits back the watch off).

Reading: the first read looks back ``lookback_hours`` (a setting, 24 by default, at most
168); every later read asks only for messages after the highest id seen (``after_id``),
looking back as far as the time since the last good read (so a long pause loses nothing,
and an empty first read does not bring older messages in later). A read that returns
SMSC's maximum of 10,000 is followed by another at once. Messages are kept once by id
(``messages``), however often a read returns them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Final

from smsc_desktop.api import (
    IncomingMessage,
    RateLimitedError,
    SmscError,
    TooManyRequestsError,
)
from smsc_desktop.services.clock import Clock, SystemClock
from smsc_desktop.services.gcpause import gc_paused
from smsc_desktop.services.inbox.messages import InboxMessages
from smsc_desktop.services.inbox.status import PollStatus
from smsc_desktop.services.inbox.subscription import InboxSubscription
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.api import SmscClient

log = logging.getLogger("smsc_desktop.services.inbox")

DEFAULT_LOOKBACK_HOURS: Final = 24
MAX_LOOKBACK_HOURS: Final = 168
"""SMSC looks back at most 7 days (``hour`` ≤ 168)."""
PAGE: Final = 10_000
"""SMSC returns at most this many messages per read (``cnt`` ≤ 10000)."""
MAX_POLL_BACKOFF: Final = 60.0


def clamp_lookback(hours: int) -> int:
    return max(1, min(MAX_LOOKBACK_HOURS, int(hours)))


Waiter = Callable[[asyncio.Event, float], Awaitable[None]]
"""``wait(event, seconds)``: return when ``event`` is set or the seconds have passed."""


async def wait_or_timeout(event: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout=seconds)


class InboxWatch:
    """Reads the account's inbox for its subscribers (see the module doc).

    Signals: ``loaded()`` once the first read has brought the messages of the last
    ``lookback_hours``; ``arrived(list[IncomingMessage])`` with the messages that came in
    after that, oldest first (each message once).
    """

    def __init__(
        self,
        client: SmscClient,
        *,
        lookback_hours: int = DEFAULT_LOOKBACK_HOURS,
        clock: Clock | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        wait: Waiter = wait_or_timeout,
    ) -> None:
        """``clock`` tells the time of the reads (the status lines); ``monotonic`` and
        ``wait`` pace them (tests move a fake time instead of waiting)."""
        self.client = client
        self._now = monotonic
        self._wait = wait
        self.lookback_hours = clamp_lookback(lookback_hours)
        self.clock: Clock = clock or SystemClock()
        self.messages = InboxMessages()
        self._subs: list[InboxSubscription] = []
        self._tasks = TaskSet("inbox")
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._forced = False
        self._lock = asyncio.Lock()
        self._last_id: int | None = None
        self._last_read_at = float("-inf")
        self._last_ok_at: float | None = None
        self._errors = 0
        self._last_success: datetime | None = None
        self._last_error: SmscError | None = None
        self._retry_hint: float | None = None
        self._closed = False
        self.polls = 0
        """Inbox reads made (for tests and the status lines)."""
        self.truncated = False
        """The last read returned SMSC's maximum: more may be waiting (read at once)."""

        self.loaded = Signal("inbox.loaded")  # ()
        self.arrived = Signal("inbox.arrived")  # (list[IncomingMessage])

    # --- subscribers ---------------------------------------------------------------------

    def subscribe(
        self,
        name: str,
        interval: float,
        wanted: Callable[[], bool],
        *,
        clock: Clock | None = None,
        arrived: Callable[[list[IncomingMessage]], None] | None = None,
        read_done: Callable[[datetime], None] | None = None,
    ) -> InboxSubscription:
        """A subscriber that wants the inbox read every ``interval`` seconds while
        ``wanted()``; ``arrived`` gets every message read (the first read's too), oldest
        first; ``read_done`` is called after every read of the watch's rounds with the
        moment (on ``clock``) that read started. Call ``ensure_running()`` on the
        subscription when ``wanted()`` may have become true."""
        if interval <= 0:
            raise ValueError("interval must be positive")
        sub = InboxSubscription(
            self, name, float(interval), wanted, clock or self.clock, arrived, read_done
        )
        self._subs.append(sub)
        return sub

    def unsubscribe(self, sub: InboxSubscription) -> None:
        if sub in self._subs:
            self._subs.remove(sub)
        self.wake()

    @property
    def subscribers(self) -> list[InboxSubscription]:
        return list(self._subs)

    # --- state ---------------------------------------------------------------------------

    @property
    def last_id(self) -> int | None:
        """The highest message id seen (0: the inbox was empty; None: not read yet)."""
        return self._last_id

    @property
    def is_loaded(self) -> bool:
        """The first read has been made."""
        return self._last_id is not None

    @property
    def is_polling(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The watch's task while it runs."""
        return self._task

    @property
    def interval(self) -> float | None:
        """Seconds between reads now (the shortest a polling subscriber asks for)."""
        polling = [s.interval for s in self._subs if s.is_polling]
        return min(polling) if polling else None

    def status(self, active: bool) -> PollStatus:
        return PollStatus(
            active=active,
            last_success=self._last_success,
            error=self._last_error,
            consecutive_errors=self._errors,
            next_check_in=self._retry_hint if active else None,
        )

    # --- running -------------------------------------------------------------------------

    def poll_now(self) -> None:
        """Read as soon as possible (e.g. right after a simulated call or SMS)."""
        self._forced = True
        self._wake.set()

    def wake(self) -> None:
        """A subscriber's wish may have changed: start, re-time or let the watch stop."""
        if self._closed:
            return
        polling = self._update_polling()
        if not polling or self.is_polling:
            self._wake.set()  # a running loop re-times (or ends) itself
            return
        self._wake.clear()
        self._task = self._tasks.start(self._loop(), name="poller")
        log.info("Watching the inbox every %.0f s", min(s.interval for s in polling))

    def _update_polling(self) -> list[InboxSubscription]:
        """Who polls now; tells each subscriber whose state changed."""
        polling = []
        for sub in list(self._subs):
            wants = not self._closed and sub.wants()
            sub.set_polling(wants)
            if wants:
                polling.append(sub)
        return polling

    async def _loop(self) -> None:
        try:
            while not self._closed:
                polling = self._update_polling()
                if not polling:
                    break
                wait = self._next_delay(min(s.interval for s in polling))
                wait -= self._now() - self._last_read_at
                if wait > 0 and not self._forced:
                    self._wake.clear()
                    await self._wait(self._wake, wait)
                    continue
                self._forced = False
                await self._round(polling)
        finally:
            self._task = None
            self._retry_hint = None
            if not self._closed:
                log.info("Stopped watching the inbox: nothing waits for messages")
                for sub in list(self._subs):
                    sub.set_polling(False)

    async def _round(self, polling: list[InboxSubscription]) -> None:
        started = {sub: sub.clock.now() for sub in polling}
        try:
            await self.read_once()
        except Exception:  # a bug must not stop the watch while someone waits
            log.exception("Unexpected failure while reading the inbox")
            self._errors += 1
        for sub, when in started.items():
            if sub in self._subs:
                sub.read_done(when)
        if self.truncated:
            self._forced = True
        remaining = [s for s in self._subs if s.is_polling and s.wants()]
        if remaining:
            self._retry_hint = self._next_delay(min(s.interval for s in remaining))
        for sub in remaining:
            sub.poll_status.emit(sub.status())

    def _next_delay(self, interval: float) -> float:
        error = self._last_error
        if error is None:
            return interval
        if isinstance(error, RateLimitedError):
            return max(interval, float(error.retry_after))
        if isinstance(error, TooManyRequestsError):
            return max(interval, MAX_POLL_BACKOFF)
        backoff = interval * (2.0 ** min(self._errors - 1, 6))
        return min(max(interval, backoff), MAX_POLL_BACKOFF)

    def _hours(self, now: float) -> int:
        """How far back a read looks: the first, ``lookback_hours``; a later one, as far
        as the last good read (at least the lookback), whole hours plus one."""
        if self._last_ok_at is None:
            return self.lookback_hours
        since = math.ceil(max(0.0, now - self._last_ok_at) / 3600) + 1
        return min(MAX_LOOKBACK_HOURS, max(self.lookback_hours, since))

    async def read_once(self) -> bool:
        """One read of the inbox for every subscriber. False on failure."""
        async with self._lock:
            first = self._last_id is None
            try:
                # Up to 10,000 messages become objects: no full collections meanwhile
                # (services/gcpause.py).
                with gc_paused():
                    messages = await self.client.incoming_messages(
                        after_id=self._last_id, hours=self._hours(self._now()), limit=PAGE
                    )
            except SmscError as exc:
                self._errors += 1
                self._last_error = exc
                log.warning("Inbox read failed (%d in a row): %s", self._errors, exc)
                self._emit_status()
                return False
            except RuntimeError as exc:  # the client was closed under us
                log.info("Inbox read skipped: %s", exc)
                return False
            finally:
                self.polls += 1
                self._last_read_at = self._now()
            self._last_ok_at = self._last_read_at
            self._errors = 0
            self._last_error = None
            self._last_success = self.clock.now()
            self.truncated = len(messages) >= PAGE
            if self.truncated:
                log.warning("The inbox read returned SMSC's maximum of %d messages", PAGE)
            fresh = self.messages.add(messages)
            if messages:
                self._last_id = max(self._last_id or 0, max(m.id for m in messages))
            elif first:
                self._last_id = 0  # nothing in the lookback: every later message is new
            for sub in list(self._subs):
                sub.deliver(fresh)
            if first:
                log.info(
                    "Inbox loaded: %d message(s) of the last %d h", len(fresh), self.lookback_hours
                )
                self.loaded.emit()
            elif fresh:
                self.arrived.emit(fresh)
            self._emit_status()
            return True

    def _emit_status(self) -> None:
        for sub in list(self._subs):
            sub.poll_status.emit(sub.status())

    # --- lifetime ------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Stop reading for good (the account is closing)."""
        self._closed = True
        self._subs.clear()
        await self._tasks.aclose()
        self._task = None
