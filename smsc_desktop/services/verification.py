"""Phone verification by a call from the subscriber: requests, detection, history.

How it works (SMSC docs, ../shared/smsc-api.md §2 and §7.2):

1. ``wait_call.php`` gives the number the subscriber must call within 15 minutes.
2. When the subscriber calls, SMSC records an incoming message ``[waitcall]`` from the
   subscriber's phone. A desktop app has no public URL for callbacks, so it *polls*
   ``get.php?get_answers=1`` with ``after_id`` every few seconds, and only while at least one
   verification is waiting.

Detection is anchored so that old calls never confirm a new verification: before every
``wait_call`` request the service reads the inbox once (the first read looks back one hour)
and remembers the highest message id; a verification is confirmed only by a ``[waitcall]``
from its phone with a higher id. A verification expires when its 15 minutes have passed on
the service's clock *and* one inbox read that started after that moment has finished, so a
call in the last seconds is not missed.

Times come from an injectable :class:`~smsc_desktop.services.clock.Clock`; the countdown,
expiry and durations follow it, so tests move time instead of waiting. The history (every
verification with its outcome) is kept per profile in ``<profile dir>/verifications.json``
and survives restarts; verifications still waiting when the app closed resume on the next
start.

The service is Qt-free and observable through :class:`~smsc_desktop.services.observable.Signal`.
It returns data (states, error classes, codes), not user-facing sentences.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import uuid
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from smsc_desktop.api import (
    CALL_VERIFICATION_WINDOW,
    Endpoint,
    IncomingMessage,
    RateLimitedError,
    SmscError,
    TooManyRequestsError,
)
from smsc_desktop.services.clock import Clock, SystemClock
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.phones import PhoneCheck, check_phone
from smsc_desktop.services.storage import atomic_write_json, read_json
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.api import SmscClient
    from smsc_desktop.services.session import AccountSession

__all__ = [
    "HISTORY_FILE",
    "LIMIT_PER_MINUTE",
    "Failure",
    "InvalidPhoneError",
    "PollStatus",
    "Verification",
    "VerificationService",
    "VerificationState",
]

log = logging.getLogger("smsc_desktop.services.verification")

HISTORY_FILE: Final = "verifications.json"
SCHEMA_VERSION: Final = 1
MAX_FINISHED: Final = 500
"""Finished verifications kept in the history (the newest); waiting ones are always kept."""
LIMIT_PER_MINUTE: Final = Endpoint.WAIT_CALL.limit or 50
"""SMSC accepts at most this many identical ``wait_call`` requests a minute."""
LOOKBACK_HOURS: Final = 1
"""Every inbox read looks back at most this far (a verification lives 15 minutes)."""
MAX_POLL_BACKOFF: Final = 60.0
SERVER_TIME_SLACK: Final = 120.0
"""Seconds of disagreement tolerated between SMSC's clock and this computer's."""


class VerificationState(enum.StrEnum):
    REQUESTING = "requesting"
    """``wait_call.php`` was sent; no answer yet."""
    WAITING = "waiting"
    """The subscriber has been given a number to call; the countdown runs."""
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    """15 minutes passed without the call."""
    FAILED = "failed"
    """SMSC refused the request, or it could not be made."""

    @property
    def is_final(self) -> bool:
        return self in (
            VerificationState.CONFIRMED,
            VerificationState.EXPIRED,
            VerificationState.FAILED,
        )


class InvalidPhoneError(ValueError):
    """The text is not a phone number; ``check.problem`` says why. Nothing was sent."""

    def __init__(self, check: PhoneCheck) -> None:
        self.check = check
        problem = check.problem.value if check.problem else "unknown"
        super().__init__(f"not a phone number ({problem})")


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a verification failed, kept in the history.

    ``kind`` is the error class name (``"AuthError"``, ``"BadParametersError"``, …) or
    ``"interrupted"`` when the app closed before SMSC answered; ``code`` the SMSC error code;
    ``message`` an English sentence for logs; ``server_message`` SMSC's own text.
    """

    kind: str
    code: int | None = None
    message: str = ""
    server_message: str | None = None

    @classmethod
    def from_error(cls, error: SmscError) -> Failure:
        return cls(
            kind=type(error).__name__,
            code=getattr(error, "code", None),
            message=str(error),
            server_message=getattr(error, "server_message", None),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "message": self.message,
            "server_message": self.server_message,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Failure | None:
        if not isinstance(data, dict) or not data.get("kind"):
            return None
        code = data.get("code")
        return cls(
            kind=str(data["kind"]),
            code=code if isinstance(code, int) else None,
            message=str(data.get("message") or ""),
            server_message=data.get("server_message") or None,
        )


@dataclass(eq=False, slots=True)
class Verification:
    """One "confirm the number with a call" attempt.

    ``created_at`` is when the user asked; ``requested_at`` when SMSC answered with the number
    to call (the 15 minutes start then); ``duration`` the seconds from ``requested_at`` to the
    call; ``called_number`` the number the call arrived on as SMSC reported it.
    """

    id: str
    phone: str
    state: VerificationState
    created_at: datetime
    requested_at: datetime | None = None
    call_to: str = ""
    all_phones: tuple[str, ...] = ()
    expires_at: datetime | None = None
    finished_at: datetime | None = None
    duration: float | None = None
    message_id: int | None = None
    called_number: str = ""
    baseline_id: int | None = None
    failure: Failure | None = None
    error: SmscError | None = field(default=None, repr=False)
    """The live error behind ``failure`` (not saved)."""

    @property
    def is_pending(self) -> bool:
        return not self.state.is_final

    def remaining(self, now: datetime) -> float:
        """Seconds left to call (0 when time is up; the full window before SMSC answered)."""
        if self.expires_at is None:
            return CALL_VERIFICATION_WINDOW.total_seconds()
        return max(0.0, (self.expires_at - now).total_seconds())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "phone": self.phone,
            "state": self.state.value,
            "created_at": _iso(self.created_at),
            "requested_at": _iso(self.requested_at),
            "call_to": self.call_to,
            "all_phones": list(self.all_phones),
            "expires_at": _iso(self.expires_at),
            "finished_at": _iso(self.finished_at),
            "duration": self.duration,
            "message_id": self.message_id,
            "called_number": self.called_number,
            "baseline_id": self.baseline_id,
            "failure": self.failure.to_dict() if self.failure else None,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Verification:
        if not isinstance(data, dict):
            raise ValueError("a verification record must be an object")
        created = _parse_time(data.get("created_at"))
        if created is None or not data.get("id") or not data.get("phone"):
            raise ValueError("a verification record needs id, phone and created_at")
        duration = data.get("duration")
        return cls(
            id=str(data["id"]),
            phone=str(data["phone"]),
            state=VerificationState(str(data.get("state"))),
            created_at=created,
            requested_at=_parse_time(data.get("requested_at")),
            call_to=str(data.get("call_to") or ""),
            all_phones=tuple(str(p) for p in data.get("all_phones") or ()),
            expires_at=_parse_time(data.get("expires_at")),
            finished_at=_parse_time(data.get("finished_at")),
            duration=float(duration) if isinstance(duration, int | float) else None,
            message_id=_int_or_none(data.get("message_id")),
            called_number=str(data.get("called_number") or ""),
            baseline_id=_int_or_none(data.get("baseline_id")),
            failure=Failure.from_dict(data.get("failure")),
        )


@dataclass(frozen=True, slots=True)
class PollStatus:
    """How the inbox watch is doing: for the status line under the verifications."""

    active: bool
    last_success: datetime | None = None
    error: SmscError | None = None
    consecutive_errors: int = 0
    next_check_in: float | None = None


class VerificationService:
    """Call verifications of one account: request, watch the inbox, keep the history.

    *session* gives the api client and the profile's data folder. *clock* drives the
    countdown and expiry; *poll_interval* is the seconds between inbox reads while a
    verification waits.

    Signals: ``added(Verification)``, ``changed(Verification)``, ``reset()`` (the whole list
    changed: loaded or cleared), ``polling_changed(bool)``, ``poll_status(PollStatus)``,
    ``save_failed(OSError)``.
    """

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
        self.history_path = history_path or session.data_dir / HISTORY_FILE
        self._items: list[Verification] = []
        self._sent: dict[str, deque[datetime]] = {}
        self._last_id: int | None = None
        self._last_read_at = float("-inf")
        self._poller: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._poll_lock = asyncio.Lock()
        self._poll_errors = 0
        self._last_success: datetime | None = None
        self._last_error: SmscError | None = None
        self._retry_hint: float | None = None
        self._save_task: asyncio.Task[None] | None = None
        self._background = TaskSet("verification")
        self._dirty = False
        self._closed = False
        self._loaded = False
        self.polls = 0
        """Inbox reads made (for tests and the status line)."""

        self.added = Signal("verification.added")
        self.changed = Signal("verification.changed")
        self.reset = Signal("verification.reset")
        self.polling_changed = Signal("verification.polling_changed")
        self.poll_status = Signal("verification.poll_status")
        self.save_failed = Signal("verification.save_failed")

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
        return self._poller is not None and not self._poller.done()

    @property
    def loaded(self) -> bool:
        return self._loaded

    def find(self, verification_id: str) -> Verification | None:
        return next((v for v in self._items if v.id == verification_id), None)

    def status(self) -> PollStatus:
        return PollStatus(
            active=self.is_polling,
            last_success=self._last_success,
            error=self._last_error,
            consecutive_errors=self._poll_errors,
            next_check_in=self._retry_hint,
        )

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
        raw = await asyncio.to_thread(read_json, self.history_path, {})
        items = list(self._parse_history(raw))
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
            self._schedule_save()
        self._ensure_poller()

    def _parse_history(self, raw: Any) -> Iterable[Verification]:
        records = raw.get("verifications") if isinstance(raw, dict) else None
        if not isinstance(records, list):
            if raw:
                log.warning(
                    "Verification history %s is not readable; starting empty", self.history_path
                )
            return
        for record in records:
            try:
                yield Verification.from_dict(record)
            except (ValueError, TypeError, KeyError) as exc:
                log.warning("Skipping an unreadable verification record: %s", exc)

    def clear_finished(self) -> int:
        """Forget finished verifications; returns how many were removed."""
        before = len(self._items)
        self._items = [v for v in self._items if v.is_pending]
        removed = before - len(self._items)
        if removed:
            self.reset.emit()
            self._schedule_save()
        return removed

    def _snapshot(self) -> dict[str, Any]:
        finished = [v for v in self._items if not v.is_pending]
        keep = {id(v) for v in finished[-MAX_FINISHED:]}
        items = [v.to_dict() for v in self._items if v.is_pending or id(v) in keep]
        return {"schema": SCHEMA_VERSION, "verifications": items}

    def _schedule_save(self) -> None:
        self._dirty = True
        if self._save_task is not None and not self._save_task.done():
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            self._write_now()
            return
        self._save_task = self._background.start(self._save_loop(), name="history-save")

    async def _save_loop(self) -> None:
        while self._dirty:
            self._dirty = False
            data = self._snapshot()
            try:
                await asyncio.to_thread(atomic_write_json, self.history_path, data)
            except OSError as exc:
                log.error(
                    "Could not save the verification history to %s: %s", self.history_path, exc
                )
                self.save_failed.emit(exc)
                return

    def _write_now(self) -> None:
        self._dirty = False
        try:
            atomic_write_json(self.history_path, self._snapshot())
        except OSError as exc:
            log.error("Could not save the verification history to %s: %s", self.history_path, exc)
            self.save_failed.emit(exc)

    async def flush(self) -> None:
        """Wait until the history on disk matches memory."""
        while self._save_task is not None and not self._save_task.done():
            await asyncio.shield(self._save_task)
        if self._dirty:
            self._schedule_save()
            if self._save_task is not None:
                await asyncio.shield(self._save_task)

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
            id=uuid.uuid4().hex[:16],
            phone=phone,
            state=VerificationState.REQUESTING,
            created_at=now,
        )
        self._items.append(verification)
        self.added.emit(verification)
        try:
            # Anchor detection: the highest inbox id before the number is handed out.
            await self._poll_once()
            verification.baseline_id = self._last_id
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
        self._ensure_poller()
        return verification

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
        self._schedule_save()

    # --- watching the inbox --------------------------------------------------------------

    def poll_now(self) -> None:
        """Read the inbox as soon as possible (e.g. right after a simulated call)."""
        self._wake.set()

    def tick(self) -> None:
        """Check the countdowns (the UI calls this every second).

        A verification whose time is up gets one last inbox read before it expires.
        """
        now = self.clock.now()
        due = [v for v in self.waiting if v.expires_at is not None and v.expires_at <= now]
        if not due:
            return
        if self.is_polling:
            self._wake.set()
        else:
            self._expire_due(polled_at=now)

    def _ensure_poller(self) -> None:
        if self._closed or self.is_polling or not self.waiting:
            return
        self._wake.clear()
        self._poller = self._background.start(self._poll_loop(), name="poller")
        log.info("Watching the inbox for [waitcall] every %.0f s", self.poll_interval)
        self.polling_changed.emit(True)
        self.poll_status.emit(self.status())

    async def _poll_loop(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            # A read made just before (when the verification was requested) counts as the
            # first one of this round.
            since = loop.time() - self._last_read_at
            if since < self.poll_interval:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval - since)
            while self.waiting and not self._closed:
                self._wake.clear()
                started = self.clock.now()
                try:
                    await self._poll_once()
                except Exception:  # a bug must not stop the watch while numbers wait
                    log.exception("Unexpected failure while reading the inbox")
                    self._poll_errors += 1
                self._expire_due(polled_at=started)
                if not self.waiting:
                    break
                delay = self._next_delay()
                self._retry_hint = delay
                self.poll_status.emit(self.status())
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=delay)
        finally:
            self._poller = None
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
        backoff = self.poll_interval * (2.0 ** min(self._poll_errors - 1, 6))
        return min(max(self.poll_interval, backoff), MAX_POLL_BACKOFF)

    async def _poll_once(self) -> bool:
        """One inbox read; confirms verifications whose call arrived. False on failure."""
        async with self._poll_lock:
            first = self._last_id is None
            try:
                messages = await self.client.incoming_messages(
                    after_id=self._last_id, hours=LOOKBACK_HOURS
                )
            except SmscError as exc:
                self._poll_errors += 1
                self._last_error = exc
                log.warning("Inbox read failed (%d in a row): %s", self._poll_errors, exc)
                self.poll_status.emit(self.status())
                return False
            except RuntimeError as exc:  # the client was closed under us
                log.info("Inbox read skipped: %s", exc)
                return False
            finally:
                self.polls += 1
                self._last_read_at = asyncio.get_running_loop().time()
            self._poll_errors = 0
            self._last_error = None
            self._last_success = self.clock.now()
            if messages:
                newest = max(m.id for m in messages)
                self._last_id = max(self._last_id or 0, newest)
            elif first:
                self._last_id = 0  # nothing in the last hour: every later message is new
            for message in sorted(messages, key=lambda m: m.id):
                if message.is_waitcall:
                    self._match(message)
            self.poll_status.emit(self.status())
            return True

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
        if self._poller is not None and not self._poller.done():
            self._poller.cancel()
        self._poller = None
        if self._save_task is not None and not self._save_task.done():
            self._save_task.cancel()
            self._dirty = True
        if self._dirty:
            self._write_now()

    async def aclose(self) -> None:
        """Stop watching the inbox and wait for the history to be saved."""
        if self._closed:
            return
        poller = self._poller
        self._closed = True
        if poller is not None and not poller.done():
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller
        self._poller = None
        await self.flush()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
