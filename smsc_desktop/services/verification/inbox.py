"""Watching the account's inbox for ``[waitcall]`` messages while a verification waits.

``get.php?get_answers=1`` is read with ``after_id`` (the highest id seen; the first read
looks back :data:`LOOKBACK_HOURS`) every ``poll_interval`` seconds, sooner on
:meth:`InboxWatch.poll_now`, and only while ``waiting()`` says a verification waits. Failed
reads back off (SMSC's "too many requests" and the local rate guard say how long); a read is
never given up on while numbers wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Final

from smsc_desktop.api import (
    IncomingMessage,
    RateLimitedError,
    SmscError,
    TooManyRequestsError,
)
from smsc_desktop.services.clock import Clock
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.tasks import TaskSet
from smsc_desktop.services.verification.models import PollStatus

if TYPE_CHECKING:
    from smsc_desktop.api import SmscClient

log = logging.getLogger("smsc_desktop.services.verification")

LOOKBACK_HOURS: Final = 1
"""Every inbox read looks back at most this far (a verification lives 15 minutes)."""
MAX_POLL_BACKOFF: Final = 60.0


class InboxWatch:
    """Reads the inbox for the verification service.

    *waiting* tells whether a verification waits (the watch runs only then); *arrived* is
    called with every new ``[waitcall]`` message, oldest first; *read_done* after every read
    of the watch with the moment the read started (verifications due expire then).

    Signals: ``polling_changed(bool)``, ``poll_status(PollStatus)``.
    """

    def __init__(
        self,
        client: SmscClient,
        clock: Clock,
        poll_interval: float,
        tasks: TaskSet,
        *,
        waiting: Callable[[], bool],
        arrived: Callable[[IncomingMessage], None],
        read_done: Callable[[datetime], None],
    ) -> None:
        self.client = client
        self.clock = clock
        self.poll_interval = poll_interval
        self._tasks = tasks
        self._waiting = waiting
        self._arrived = arrived
        self._read_done = read_done
        self._last_id: int | None = None
        self._last_read_at = float("-inf")
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._errors = 0
        self._last_success: datetime | None = None
        self._last_error: SmscError | None = None
        self._retry_hint: float | None = None
        self._closed = False
        self.polls = 0
        """Inbox reads made (for tests and the status line)."""

        self.polling_changed = Signal("verification.polling_changed")
        self.poll_status = Signal("verification.poll_status")

    @property
    def last_id(self) -> int | None:
        """The highest message id seen (0: the inbox was empty; None: not read yet)."""
        return self._last_id

    @property
    def is_polling(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The watch's task while it runs."""
        return self._task

    def status(self) -> PollStatus:
        return PollStatus(
            active=self.is_polling,
            last_success=self._last_success,
            error=self._last_error,
            consecutive_errors=self._errors,
            next_check_in=self._retry_hint,
        )

    def poll_now(self) -> None:
        """Read the inbox as soon as possible (e.g. right after a simulated call)."""
        self._wake.set()

    def ensure_running(self) -> None:
        """Start watching if a verification waits and the watch does not run."""
        if self._closed or self.is_polling or not self._waiting():
            return
        self._wake.clear()
        self._task = self._tasks.start(self._loop(), name="poller")
        log.info("Watching the inbox for [waitcall] every %.0f s", self.poll_interval)
        self.polling_changed.emit(True)
        self.poll_status.emit(self.status())

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            # A read made just before (when the verification was requested) counts as the
            # first one of this round.
            since = loop.time() - self._last_read_at
            if since < self.poll_interval:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval - since)
            while self._waiting() and not self._closed:
                self._wake.clear()
                started = self.clock.now()
                try:
                    await self.read_once()
                except Exception:  # a bug must not stop the watch while numbers wait
                    log.exception("Unexpected failure while reading the inbox")
                    self._errors += 1
                self._read_done(started)
                if not self._waiting():
                    break
                delay = self._next_delay()
                self._retry_hint = delay
                self.poll_status.emit(self.status())
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=delay)
        finally:
            self._task = None
            self._retry_hint = None
            if not self._closed:
                log.info("Stopped watching the inbox: no verification is waiting")
                self.polling_changed.emit(False)
                self.poll_status.emit(self.status())

    def _next_delay(self) -> float:
        error = self._last_error
        if error is None:
            return self.poll_interval
        if isinstance(error, RateLimitedError):
            return max(self.poll_interval, float(error.retry_after))
        if isinstance(error, TooManyRequestsError):
            return max(self.poll_interval, MAX_POLL_BACKOFF)
        backoff = self.poll_interval * (2.0 ** min(self._errors - 1, 6))
        return min(max(self.poll_interval, backoff), MAX_POLL_BACKOFF)

    async def read_once(self) -> bool:
        """One inbox read; hands on the new ``[waitcall]`` messages. False on failure."""
        async with self._lock:
            first = self._last_id is None
            try:
                messages = await self.client.incoming_messages(
                    after_id=self._last_id, hours=LOOKBACK_HOURS
                )
            except SmscError as exc:
                self._errors += 1
                self._last_error = exc
                log.warning("Inbox read failed (%d in a row): %s", self._errors, exc)
                self.poll_status.emit(self.status())
                return False
            except RuntimeError as exc:  # the client was closed under us
                log.info("Inbox read skipped: %s", exc)
                return False
            finally:
                self.polls += 1
                self._last_read_at = asyncio.get_running_loop().time()
            self._errors = 0
            self._last_error = None
            self._last_success = self.clock.now()
            if messages:
                newest = max(m.id for m in messages)
                self._last_id = max(self._last_id or 0, newest)
            elif first:
                self._last_id = 0  # nothing in the last hour: every later message is new
            for message in sorted(messages, key=lambda m: m.id):
                if message.is_waitcall:
                    self._arrived(message)
            self.poll_status.emit(self.status())
            return True

    def stop(self) -> None:
        """Stop watching for good (the service is closing)."""
        self._closed = True
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    async def astop(self) -> None:
        """Stop watching and wait until the watch's task has ended."""
        task = self._task
        self.stop()
        if task is not None and not task.done():
            with contextlib.suppress(asyncio.CancelledError):
                await task
