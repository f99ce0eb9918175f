"""The one request pipeline: guard, attempt, retry rule, errors and the request record.

Every SMSC request goes through :meth:`Pipeline.run`, whatever carries its bytes (the
client's httpx pool for answers, aiohttp on a worker thread for job files):

1. the account's :class:`~smsc_desktop.api.ratelimit.RateGuard` counts it or refuses it
   (:class:`RateLimitedError`, nothing sent);
2. the *exchange* (a coroutine given by the caller) sends it and reads the answer;
3. a connection refused before anything left gives the slot back, and is tried once more
   when the endpoint allows it; SMSC's error 9 makes the guard back off;
4. every attempt is reported to the observer as one secret-free :class:`RequestRecord`.

The errors of a failed attempt are built here too, so both transports describe the same
failure with the same class and words.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, tzinfo
from types import MappingProxyType
from typing import Any, Final, TypeVar

import httpx

from smsc_desktop.api import bodies
from smsc_desktop.api._endpoints import Call, Reading
from smsc_desktop.api.credentials import Credentials
from smsc_desktop.api.errors import (
    ApiError,
    ConnectFailedError,
    DnsLookupError,
    HttpStatusError,
    NetworkError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    RequestTimeoutError,
    ResponseTimeoutError,
    SmscError,
    TlsError,
    TooManyRequestsError,
    UnreadableOutcomeError,
    api_error_for,
)
from smsc_desktop.api.models import RequestRecord
from smsc_desktop.api.netcauses import caused_by_dns, caused_by_tls
from smsc_desktop.api.ratelimit import RateGuard, Slot
from smsc_desktop.api.redact import excerpt, public_params, redact_text

__all__ = ["Attempt", "Pipeline", "RequestObserver"]

log = logging.getLogger("smsc_desktop.api")

T = TypeVar("T")
RequestObserver = Callable[[RequestRecord], None]

FMT_JSON: Final = "3"


class Attempt:
    """One HTTP attempt; the exchange fills in what it saw, for the request record."""

    __slots__ = ("number", "received", "started_at", "status", "t0")

    def __init__(self, number: int) -> None:
        self.number = number
        self.status: int | None = None
        self.received = 0
        self.started_at = datetime.now(UTC)
        self.t0 = time.perf_counter()


class Pipeline:
    """Sends calls for one account on one server (see the module's description)."""

    def __init__(
        self,
        base: httpx.URL,
        credentials: Credentials,
        *,
        guard: RateGuard,
        timeout: float,
        server_tz: tzinfo,
        observer: RequestObserver | None = None,
    ) -> None:
        self.base = base
        self.credentials = credentials
        self.secrets = credentials.secret_values()
        self.guard = guard
        self.timeout = timeout
        self.reading = Reading(server_tz, self.secrets)
        self.observer = observer

    @property
    def host(self) -> str:
        """The server host (with the port when it is not the default)."""
        port = self.base.port
        return f"{self.base.host}:{port}" if port else self.base.host

    def url(self, call: Call[Any]) -> str:
        return f"{self.base}/sys/{call.script}.php"

    def form(self, call: Call[Any]) -> dict[str, str]:
        """The POST fields: the call's, ``fmt=3``, ``charset=utf-8`` and the credentials
        (only the call's for a plain request, ``Spec.signed`` False)."""
        form = dict(call.params)
        if not call.spec.signed:
            return form
        form["fmt"] = FMT_JSON
        form["charset"] = "utf-8"
        form.update(self.credentials.form_fields())
        return form

    def deadline(self, call: Call[Any]) -> float:
        """Seconds the whole request may take, reads included."""
        return call.spec.deadline * self.timeout

    # --- running a call ---------------------------------------------------------------

    async def run(self, call: Call[Any], exchange: Callable[[Attempt], Awaitable[T]]) -> T:
        """Send *call* with *exchange* under the guard, retry rule and records."""
        attempts = 2 if call.spec.retry_connect else 1
        for number in range(1, attempts + 1):
            slot = self.reserve(call)
            attempt = Attempt(number)
            try:
                result = await exchange(attempt)
            except SmscError as error:
                self._settle(call, slot, error)
                self._emit(call, attempt, error)
                retry = isinstance(error, ConnectFailedError) and not error.request_sent
                if number < attempts and retry:
                    log.info("Retrying %s.php %s once: %s", call.script, call.command, error)
                    continue
                raise
            except BaseException as exc:
                self._emit(call, attempt, exc)
                raise
            self._emit(call, attempt, None)
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    def reserve(self, call: Call[Any]) -> Slot:
        reserved = self.guard.reserve(call.guard_key, call.limit)
        if isinstance(reserved, Slot):
            return reserved
        log.info(
            "Not sending %s.php %s: local rate guard, retry in %.1f s",
            call.script,
            call.command,
            reserved,
        )
        error = RateLimitedError(
            reserved, limit=call.limit, endpoint=call.script, command=call.command
        )
        error.changes_account = call.spec.mutating
        raise error

    def _settle(self, call: Call[Any], slot: Slot, error: SmscError) -> None:
        """What a failed attempt means for the guard, and the data the error carries."""
        error.changes_account = call.spec.mutating
        if isinstance(error, NetworkError) and not error.request_sent:
            self.guard.release(slot)
        if isinstance(error, TooManyRequestsError):
            error.retry_after = self.guard.server_refused(call.guard_key)

    # --- errors -------------------------------------------------------------------------

    def excerpt(self, body: bytes) -> str:
        return excerpt(body, self.secrets)

    def redact(self, text: str) -> str:
        return redact_text(text, self.secrets)

    def api_error(self, call: Call[Any], found: bodies.ErrorBody, body: bytes) -> SmscError:
        if found.unreadable:
            return self.protocol_error(
                call, "SMSC's answer carries an error code that is not a number.", body, None
            )
        server_message = self.redact(found.message) if found.message is not None else None
        error = api_error_for(
            found.code,
            endpoint=call.script,
            command=call.command,
            server_message=server_message,
            body_excerpt=self.excerpt(body),
        )
        log.warning(
            "%s.php %s: SMSC error %s (%s)",
            call.script,
            call.command,
            found.code,
            server_message or "no description",
        )
        return error

    def status_error(self, call: Call[Any], status: int, body: bytes) -> ProtocolError:
        reason = httpx.codes.get_reason_phrase(status) or "unknown status"
        html = bodies.looks_like_html(body)
        log.warning(
            "%s.php %s: HTTP %s with %s",
            call.script,
            call.command,
            status,
            "a web page" if html else "no SMSC error",
        )
        kwargs: dict[str, Any] = {
            "body_excerpt": self.excerpt(body),
            "endpoint": call.script,
            "command": call.command,
            "http_status": status,
            "html": html,
        }
        if call.spec.mutating and status >= 500:
            return UnreadableOutcomeError(
                f"SMSC answered HTTP error {status} ({reason}), so it is unknown whether the "
                "request was carried out. Check the account before repeating it.",
                **kwargs,
            )
        return HttpStatusError(
            f"The SMSC server answered with HTTP error {status} ({reason}) instead of data. "
            "Try again later; if it keeps happening, check the server address.",
            **kwargs,
        )

    def protocol_error(
        self,
        call: Call[Any],
        problem: str,
        body: bytes,
        status: int | None,
        *,
        html: bool = False,
    ) -> ProtocolError:
        """A bad body; *problem* is a sentence saying what is wrong with it."""
        if html:
            problem = (
                "SMSC answered with a web page instead of data; a proxy, captive portal or a "
                "wrong server address may be in the way."
            )
        log.warning("%s.php %s: unreadable answer: %s", call.script, call.command, problem)
        kwargs: dict[str, Any] = {
            "body_excerpt": self.excerpt(body),
            "endpoint": call.script,
            "command": call.command,
            "http_status": status,
            "html": html,
        }
        if call.spec.mutating:
            return UnreadableOutcomeError(
                f"{problem} It is unknown whether the request was carried out; check the "
                "account before repeating it.",
                **kwargs,
            )
        return ProtocolError(
            f"{problem} Try again later; if it keeps happening, check the server address.",
            **kwargs,
        )

    def too_large(
        self, call: Call[Any], size: int | None, head: bytes, status: int
    ) -> ProtocolError:
        limit = call.spec.max_body
        said = f" ({size} bytes announced)" if size is not None else ""
        return self.protocol_error(
            call,
            f"SMSC's answer is bigger than the {limit // (1024 * 1024)} MB such an answer "
            f"can be{said}; it was not read.",
            head,
            status,
        )

    def deadline_error(self, call: Call[Any]) -> ResponseTimeoutError:
        seconds = self.deadline(call)
        detail = f"no complete answer within {seconds:.0f} s"
        log.warning("%s.php %s: %s", call.script, call.command, detail)
        return ResponseTimeoutError(
            request_sent=True, detail=detail, endpoint=call.script, command=call.command
        )

    def abandoned_error(self, call: Call[Any]) -> OutcomeUnknownError:
        """The client was closed (the account switched or closed) while *call* was out."""
        log.info("%s.php %s: abandoned, the client closed", call.script, call.command)
        return OutcomeUnknownError(
            "The request was abandoned because the account was closed; it may have reached SMSC.",
            request_sent=True,
            detail="the client was closed while the request was in flight",
            endpoint=call.script,
            command=call.command,
        )

    def network_error(self, exc: httpx.HTTPError, call: Call[Any]) -> SmscError:
        """The error of an httpx failure before a (whole) answer arrived."""
        detail = self.redact(str(exc) or type(exc).__name__)
        kwargs: dict[str, Any] = {"endpoint": call.script, "command": call.command}
        error: NetworkError
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            error = RequestTimeoutError(request_sent=False, detail=detail, **kwargs)
        elif isinstance(exc, httpx.TimeoutException):
            error = ResponseTimeoutError(request_sent=True, detail=detail, **kwargs)
        elif isinstance(exc, httpx.ConnectError | httpx.ProxyError | httpx.UnsupportedProtocol):
            if caused_by_tls(exc):
                error = TlsError(request_sent=False, detail=detail, **kwargs)
            elif caused_by_dns(exc):
                error = DnsLookupError(request_sent=False, detail=detail, **kwargs)
            else:
                error = ConnectFailedError(request_sent=False, detail=detail, **kwargs)
        elif isinstance(exc, httpx.DecodingError):
            return ProtocolError(
                "SMSC's answer could not be decoded (broken compression). Try again later.",
                **kwargs,
            )
        elif isinstance(exc, httpx.TransportError):
            # ReadError, WriteError, RemoteProtocolError: the connection broke after the
            # request started to leave.
            error = OutcomeUnknownError(request_sent=True, detail=detail, **kwargs)
        else:
            error = NetworkError(request_sent=True, detail=detail, **kwargs)
        log.warning("%s.php %s: %s (%s)", call.script, call.command, type(error).__name__, detail)
        return error

    # --- records ------------------------------------------------------------------------

    def _emit(self, call: Call[Any], attempt: Attempt, error: BaseException | None) -> None:
        duration = time.perf_counter() - attempt.t0
        code = error.code if isinstance(error, ApiError) else None
        if error is None:
            label = None
        elif code is not None:
            label = str(code)
        else:
            label = type(error).__name__
        message = self.redact(str(error)) if isinstance(error, SmscError) else None
        record = RequestRecord(
            started_at=attempt.started_at,
            host=self.host,
            endpoint=call.script,
            command=call.command,
            params=MappingProxyType(public_params(self.form(call))),
            duration=duration,
            http_status=attempt.status,
            outcome="ok" if error is None else "error",
            error=label,
            error_code=code,
            bytes_received=attempt.received,
            attempt=attempt.number,
            message=message,
        )
        log.debug(
            "POST %s.php %s %s -> %s in %.3f s, %d bytes%s",
            call.script,
            call.command,
            record.params,
            attempt.status,
            duration,
            attempt.received,
            f" [{label}]" if label else "",
        )
        if self.observer is not None:
            try:
                self.observer(record)
            except Exception:
                log.exception("The request observer failed")
