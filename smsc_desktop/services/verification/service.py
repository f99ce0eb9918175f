"""``VerificationService``: the call verifications of one account (see the package doc)."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Final

from smsc_desktop.api import (
    CALL_VERIFICATION_WINDOW,
    Endpoint,
    IncomingMessage,
    RateLimitedError,
    SmscError,
)
from smsc_desktop.services.clock import Clock, SystemClock
from smsc_desktop.services.ids import new_id
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.phones import check_phone
from smsc_desktop.services.tasks import TaskSet
from smsc_desktop.services.verification.history import HISTORY_FILE, MAX_FINISHED, HistoryFile
from smsc_desktop.services.verification.models import (
    Failure,
    InvalidPhoneError,
    PollStatus,
    Verification,
    VerificationState,
)

if TYPE_CHECKING:
    from smsc_desktop.api import SmscClient
    from smsc_desktop.services.session import AccountSession

log = logging.getLogger("smsc_desktop.services.verification")

LIMIT_PER_MINUTE: Final = Endpoint.WAIT_CALL.limit or 50
"""SMSC accepts at most this many identical ``wait_call`` requests a minute."""
SERVER_TIME_SLACK: Final = 120.0
"""Seconds of disagreement tolerated between SMSC's clock and this computer's."""


class VerificationService:
    """Call verifications of one account: request, watch the inbox, keep the history.

    *session* gives the api client, the account's inbox watch (``session.inbox``, which
    this service subscribes to) and the profile's data folder. *clock* drives the countdown
    and expiry; *poll_interval* is the seconds between inbox reads while a verification
    waits.

    Signals: ``added(Verification)``, ``changed(Verification)``, ``reset()`` (the whole list
    changed: loaded, cleared or its oldest finished ones forgotten), ``polling_changed(bool)``,
    ``poll_status(PollStatus)``, ``save_failed(OSError)``.

    Memory keeps what the history file keeps: every pending verification and the newest
    ``keep_finished`` finished ones. Past ``keep_finished + forget_step`` finished, the oldest
    are forgotten in one step (one ``reset`` per ``forget_step`` requests, not one per request).
    """

    keep_finished = MAX_FINISHED
    forget_step = 50

    def __init__(
        self,
        session: AccountSession,
        *,
        clock: Clock | None = None,
        poll_interval: float = 5.0,
        window: timedelta = CALL_VERIFICATION_WINDOW,
        history_path: Path | None = None,
    ) -> None:
        if poll_interval <= 0:
            raise ValueError("poll_interval must be positive")
        self.client: SmscClient = session.client
        self.clock: Clock = clock or SystemClock()
        self.poll_interval = float(poll_interval)
        self.window = window
        self._items: list[Verification] = []
        self._sent: dict[str, deque[datetime]] = {}
        self._background = TaskSet("verification")
        self._closed = False
        self._loaded = False

        self.added = Signal("verification.added")
        self.changed = Signal("verification.changed")
        self.reset = Signal("verification.reset")
        self.save_failed = Signal("verification.save_failed")
        self.history = HistoryFile(
            history_path or session.data_dir / HISTORY_FILE,
            lambda: self._items,
            self.save_failed,
        )
        self.inbox = session.inbox.subscribe(
            "verification",
            self.poll_interval,
            lambda: not self._closed and bool(self.waiting),
            clock=self.clock,
            arrived=self._calls_arrived,
            read_done=self._expire_due,
        )
        self.polling_changed = self.inbox.polling_changed
        self.poll_status = self.inbox.poll_status

    # --- reading the state ---------------------------------------------------------------

    @property
    def verifications(self) -> list[Verification]:
        """Every verification, oldest first."""
        return list(self._items)

    @property
    def pending(self) -> list[Verification]:
        return [v for v in self._items if v.is_pending]

    @property
    def waiting(self) -> list[Verification]:
        return [v for v in self._items if v.state is VerificationState.WAITING]

    @property
    def is_polling(self) -> bool:
        return self.inbox.is_polling

    @property
    def polls(self) -> int:
        """Inbox reads made (for tests and the status line)."""
        return self.inbox.polls

    @property
    def loaded(self) -> bool:
        return self._loaded

    @property
    def history_path(self) -> Path:
        return self.history.path

    @history_path.setter
    def history_path(self, path: Path) -> None:
        self.history.path = path

    def find(self, verification_id: str) -> Verification | None:
        return next((v for v in self._items if v.id == verification_id), None)

    def status(self) -> PollStatus:
        return self.inbox.status()

    # --- the limit of 50 identical requests a minute ------------------------------------

    def retry_after(self, phone: str) -> float:
        """Seconds until a request for *phone* (international digits) may be sent."""
        try:
            return self.client.wait_time(Endpoint.WAIT_CALL, phone=phone)
        except ValueError:
            return 0.0

    def recent_requests(self, phone: str) -> int:
        """How many requests for *phone* this app sent in the last minute."""
        times = self._sent.get(phone)
        if not times:
            return 0
        horizon = self.clock.now() - timedelta(seconds=60)
        while times and times[0] <= horizon:
            times.popleft()
        return len(times)

    # --- history -------------------------------------------------------------------------

    async def load(self) -> None:
        """Read the saved history (in a worker thread) and resume waiting verifications."""
        items = await self.history.read()
        interrupted = False
        for item in items:
            if item.state is VerificationState.REQUESTING:
                # The app closed before SMSC answered: the number to call is unknown.
                item.state = VerificationState.FAILED
                item.failure = Failure(
                    "interrupted", message="The app closed before SMSC answered."
                )
                item.finished_at = item.finished_at or item.created_at
                interrupted = True
        known = {v.id for v in self._items}
        self._items = [*(v for v in items if v.id not in known), *self._items]
        self._loaded = True
        self.reset.emit()
        if interrupted:
            self.history.schedule_save()
        self.inbox.ensure_running()

    def clear_finished(self) -> int:
        """Forget finished verifications; returns how many were removed."""
        before = len(self._items)
        self._items = [v for v in self._items if v.is_pending]
        removed = before - len(self._items)
        if removed:
            self.reset.emit()
            self.history.schedule_save()
        return removed

    async def flush(self) -> None:
        """Wait until the history on disk matches memory."""
        await self.history.flush()

    # --- requesting ----------------------------------------------------------------------

    async def request(self, phone_text: str) -> Verification:
        """Ask SMSC for the number *phone_text*'s owner must call.

        Raises :class:`InvalidPhoneError` for a text that is not a phone number and
        :class:`~smsc_desktop.api.RateLimitedError` when the 50-a-minute limit says wait;
        nothing is sent then. Every other failure ends in a ``FAILED`` verification.
        """
        if self._closed:
            raise RuntimeError("The verification service is closed.")
        check = check_phone(phone_text)
        if not check.ok:
            raise InvalidPhoneError(check)
        phone = check.digits
        wait = self.retry_after(phone)
        if wait > 0:
            raise RateLimitedError(wait, limit=LIMIT_PER_MINUTE, endpoint="wait_call")
        now = self.clock.now()
        verification = Verification(
            id=new_id(16),
            phone=phone,
            state=VerificationState.REQUESTING,
            created_at=now,
        )
        self._forget_old(now)
        self._items.append(verification)
        self.added.emit(verification)
        try:
            # Anchor detection: the highest inbox id before the number is handed out.
            await self.inbox.read_once()
            verification.baseline_id = self.inbox.last_id
            self._sent.setdefault(phone, deque()).append(self.clock.now())
            result = await self.client.request_call_verification(phone)
        except SmscError as exc:
            self._fail(verification, exc)
            return verification
        except asyncio.CancelledError:
            self._fail(verification, None)
            raise
        except RuntimeError:  # the client was closed: the account was switched or closed
            self._fail(verification, None)
            return verification
        answered = self.clock.now()
        verification.state = VerificationState.WAITING
        verification.requested_at = answered
        verification.expires_at = answered + self.window
        verification.call_to = result.call_to
        verification.all_phones = tuple(result.all_phones)
        log.info(
            "Verification of %s: the subscriber must call %s by %s",
            phone,
            result.call_to,
            verification.expires_at.isoformat(timespec="seconds"),
        )
        self._changed(verification)
        self.inbox.ensure_running()
        return verification

    def cancel(self, verification: Verification) -> bool:
        """Stop waiting for the call of a waiting verification (nothing is sent: SMSC has no
        cancel for wait_call, its number simply expires). True when it was waiting."""
        if verification.state is not VerificationState.WAITING:
            return False
        verification.state = VerificationState.CANCELLED
        verification.finished_at = self.clock.now()
        log.info("Verification of %s cancelled", verification.phone)
        self._changed(verification)
        self.inbox.ensure_running()  # nobody else waiting: the inbox watch stops
        return True

    def _forget_old(self, now: datetime) -> None:
        """A long session requests thousands: forget the oldest finished verifications (the
        history file has dropped them already) and the request times of numbers not asked
        for in the last minute."""
        horizon = now - timedelta(seconds=60)
        for phone in [p for p, times in self._sent.items() if not times or times[-1] <= horizon]:
            del self._sent[phone]
        finished = [v for v in self._items if not v.is_pending]
        if len(finished) <= self.keep_finished + self.forget_step:
            return
        gone = {id(v) for v in finished[: len(finished) - self.keep_finished]}
        self._items = [v for v in self._items if id(v) not in gone]
        self.reset.emit()

    def _fail(self, verification: Verification, error: SmscError | None) -> None:
        verification.state = VerificationState.FAILED
        verification.finished_at = self.clock.now()
        if error is None:
            verification.failure = Failure("interrupted", message="The request was cancelled.")
        else:
            verification.failure = Failure.from_error(error)
            verification.error = error
        log.info("Verification of %s failed: %s", verification.phone, verification.failure.message)
        self._changed(verification)

    def _changed(self, verification: Verification) -> None:
        self.changed.emit(verification)
        self.history.schedule_save()

    # --- the call arrives, or the time runs out ------------------------------------------

    def poll_now(self) -> None:
        """Read the inbox as soon as possible (e.g. right after a simulated call)."""
        self.inbox.poll_now()

    def tick(self) -> None:
        """Check the countdowns (the UI calls this every second).

        A verification whose time is up gets one last inbox read before it expires.
        """
        now = self.clock.now()
        due = [v for v in self.waiting if v.expires_at is not None and v.expires_at <= now]
        if not due:
            return
        if self.is_polling:
            self.inbox.poll_now()
        else:
            self._expire_due(polled_at=now)

    def _calls_arrived(self, messages: list[IncomingMessage]) -> None:
        for message in messages:
            if message.is_waitcall:
                self._match(message)

    def _match(self, message: IncomingMessage) -> None:
        caller = "".join(c for c in message.phone if c.isdigit())
        for verification in self.waiting:
            if verification.phone != caller or verification.requested_at is None:
                continue
            if verification.baseline_id is not None:
                if message.id <= verification.baseline_id:
                    continue
            elif message.received is not None:
                earliest = verification.created_at - timedelta(seconds=SERVER_TIME_SLACK)
                if message.received < earliest:
                    continue
            if (
                message.received is not None
                and verification.expires_at is not None
                and message.received
                > verification.expires_at + timedelta(seconds=SERVER_TIME_SLACK)
            ):
                continue
            self._confirm(verification, message)

    def _confirm(self, verification: Verification, message: IncomingMessage) -> None:
        assert verification.requested_at is not None
        detected = self.clock.now()
        by_clock = max(0.0, (detected - verification.requested_at).total_seconds())
        duration = by_clock
        if message.received is not None:
            # SMSC's own time of the call is more precise than the moment we noticed it,
            # unless the two clocks disagree (then it is outside the possible range).
            by_server = (message.received - verification.requested_at).total_seconds()
            if -2.0 <= by_server <= by_clock + 2.0:
                duration = min(max(0.0, by_server), by_clock)
        verification.state = VerificationState.CONFIRMED
        verification.finished_at = detected
        verification.duration = duration
        verification.message_id = message.id
        verification.called_number = message.to_phone
        log.info("Verification of %s confirmed after %.0f s", verification.phone, duration)
        self._changed(verification)

    def _expire_due(self, polled_at: datetime) -> None:
        now = self.clock.now()
        for verification in self.waiting:
            expires = verification.expires_at
            if expires is None or expires > now or polled_at < expires:
                continue
            verification.state = VerificationState.EXPIRED
            verification.finished_at = expires
            log.info("Verification of %s expired without a call", verification.phone)
            self._changed(verification)

    # --- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        """Stop watching the inbox and write the history now (the account is closing)."""
        if self._closed:
            return
        self._closed = True
        self.inbox.stop()
        self.history.close()

    async def aclose(self) -> None:
        """Stop watching the inbox and wait for the history to be saved."""
        if self._closed:
            return
        self._closed = True
        await self.inbox.astop()
        await self.history.flush()
