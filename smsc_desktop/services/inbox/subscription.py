"""One subscriber of the inbox watch: how often it wants the inbox read, while what holds,
and what it does with the messages. The watch reads for all of them at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from smsc_desktop.api import IncomingMessage
from smsc_desktop.services.clock import Clock
from smsc_desktop.services.inbox.status import PollStatus
from smsc_desktop.services.observable import Signal

if TYPE_CHECKING:
    from smsc_desktop.services.inbox.watch import InboxWatch

log = logging.getLogger("smsc_desktop.services.inbox")


class InboxSubscription:
    """Made by :meth:`InboxWatch.subscribe`.

    Signals: ``polling_changed(bool)`` (the watch reads for this subscriber, or stopped),
    ``poll_status(PollStatus)`` after every read and on every change.
    """

    def __init__(
        self,
        watch: InboxWatch,
        name: str,
        interval: float,
        wanted: Callable[[], bool],
        clock: Clock,
        arrived: Callable[[list[IncomingMessage]], None] | None,
        read_done: Callable[[datetime], None] | None,
    ) -> None:
        self.watch = watch
        self.name = name
        self.interval = interval
        self.clock = clock
        self._wanted = wanted
        self._arrived = arrived
        self._read_done = read_done
        self._polling = False
        self.polling_changed = Signal(f"{name}.polling_changed")
        self.poll_status = Signal(f"{name}.poll_status")

    # --- what the subscriber sees ----------------------------------------------------------

    @property
    def is_polling(self) -> bool:
        """The watch reads the inbox for this subscriber now."""
        return self._polling

    @property
    def task(self) -> asyncio.Task[None] | None:
        """The watch's task while it runs (for anyone's sake)."""
        return self.watch.task

    @property
    def last_id(self) -> int | None:
        return self.watch.last_id

    @property
    def polls(self) -> int:
        return self.watch.polls

    def status(self) -> PollStatus:
        return self.watch.status(self._polling)

    # --- what the subscriber does ----------------------------------------------------------

    def ensure_running(self) -> None:
        """``wanted()`` may have changed: the watch starts (or stops) reading for it."""
        self.watch.wake()

    def set_interval(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("interval must be positive")
        self.interval = float(seconds)
        self.watch.wake()

    def poll_now(self) -> None:
        self.watch.poll_now()

    async def read_once(self) -> bool:
        """One read now (shared with every subscriber). False on failure."""
        return await self.watch.read_once()

    def stop(self) -> None:
        """Unsubscribe for good (the subscriber is closing)."""
        self._wanted = lambda: False
        self._polling = False
        self.watch.unsubscribe(self)

    async def astop(self) -> None:
        """Unsubscribe and, when nobody else wants the inbox read, wait until the watch's
        task has ended."""
        self.stop()
        task = self.watch.task
        if task is not None and not task.done() and self.watch.interval is None:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # --- called by the watch ----------------------------------------------------------------

    def wants(self) -> bool:
        try:
            return bool(self._wanted())
        except Exception:
            log.exception("Inbox subscriber %s failed to say whether it waits", self.name)
            return False

    def set_polling(self, polling: bool) -> None:
        if polling == self._polling:
            return
        self._polling = polling
        self.polling_changed.emit(polling)
        self.poll_status.emit(self.status())

    def deliver(self, messages: list[IncomingMessage]) -> None:
        if self._arrived is not None and messages:
            try:
                self._arrived(messages)
            except Exception:
                log.exception("Inbox subscriber %s failed on new messages", self.name)

    def read_done(self, started: datetime) -> None:
        if self._read_done is not None:
            try:
                self._read_done(started)
            except Exception:
                log.exception("Inbox subscriber %s failed after a read", self.name)

    def __repr__(self) -> str:
        return f"<InboxSubscription {self.name} every {self.interval:g} s>"
