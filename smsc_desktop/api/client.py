"""The async SMSC client: one ``httpx.AsyncClient``, typed results, one error tree.

Every request is a POST of a form body to ``<base>/sys/<script>.php`` carrying ``fmt=3``,
``charset=utf-8`` and the credentials, so no secret ever appears in a URL. Answers are
checked for SMSC errors in all four ``fmt`` shapes before anything else, then parsed
tolerantly; big answers are parsed in a worker thread. A local guard keeps identical
requests under SMSC's per-minute limits, and every HTTP attempt is reported to an optional
observer as a secret-free :class:`RequestRecord`.
"""

from __future__ import annotations

import asyncio
import inspect
import ipaddress
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from os import PathLike
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, Final, Self, TypeVar

import httpx

from smsc_desktop.__about__ import __version__
from smsc_desktop.api import parsing
from smsc_desktop.api.credentials import Credentials
from smsc_desktop.api.download import DownloadRequest, run_download
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
from smsc_desktop.api.models import (
    Balance,
    CallVerification,
    DownloadResult,
    ExportJob,
    FreeNumber,
    IncomingMessage,
    RecordList,
    RequestRecord,
)
from smsc_desktop.api.netcauses import caused_by_dns, caused_by_tls
from smsc_desktop.api.ratelimit import GuardKey, RateGuard, Slot
from smsc_desktop.api.redact import excerpt, public_params, redact_text

__all__ = ["ProgressCallback", "RequestObserver", "SmscClient", "validate_base_url"]

log = logging.getLogger("smsc_desktop.api")

T = TypeVar("T")
RequestObserver = Callable[[RequestRecord], None]
ProgressCallback = Callable[[int, int | None], None]

MAX_HOURS: Final = 168
MAX_MESSAGES: Final = 10000
LARGE_BODY: Final = 256 * 1024
"""Answers bigger than this are parsed in a worker thread."""

# SMSC's documented limits of identical requests per minute.
LIMIT_RECEIVE_PHONES: Final = 2
LIMIT_WAIT_CALL: Final = 50
LIMIT_DOWNLOADS: Final = 3
LIMIT_BALANCE: Final = 10

_LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


def validate_base_url(base_url: str) -> httpx.URL:
    """Check and normalise the server address.

    Any ``https://`` host is accepted; plain ``http://`` only for this computer
    (127.0.0.0/8, ::1, localhost). Raises ``ValueError`` with a plain sentence otherwise.
    """
    if not isinstance(base_url, str) or not base_url.strip():
        raise ValueError("The server address is empty. Enter an address like https://smsc.ru.")
    text = base_url.strip()
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError):
        raise ValueError(f"The server address {text!r} is not a valid web address.") from None
    scheme = url.scheme.lower()
    if scheme not in ("http", "https") or not url.host:
        raise ValueError(
            "The server address must start with https:// and name a host, "
            "for example https://smsc.ru."
        )
    if url.userinfo:
        raise ValueError(
            "The server address must not contain a user name or password; "
            "enter the credentials separately."
        )
    if url.query or url.fragment:
        raise ValueError("The server address must not contain '?' or '#' parts.")
    if scheme == "http" and not _is_loopback(url.host):
        raise ValueError(
            "Plain http:// is only allowed for this computer (127.0.0.1, ::1 or localhost). "
            "Use an https:// address for SMSC."
        )
    path = url.path.rstrip("/")
    return url.copy_with(path=path or "", query=None, fragment=None)


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _clean_phone(phone: str) -> str:
    if not isinstance(phone, str | int) or isinstance(phone, bool):
        raise ValueError("The phone number must be text, for example 79991234567.")
    text = re.sub(r"[\s()\-.]", "", str(phone))
    text = text.removeprefix("+")
    if not text.isdigit() or not 3 <= len(text) <= 20:
        raise ValueError(
            f"{str(phone)[:30]!r} is not a phone number. "
            "Enter it in international format with digits only, for example 79991234567."
        )
    return text


def _check_count(name: str, value: int | None, maximum: int | None, minimum: int = 1) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number.")
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" and {maximum}" if maximum is not None else ""
        raise ValueError(f"{name} must be between {minimum}{upper}; got {value}.")


@dataclass(frozen=True, slots=True)
class _Call:
    """One SMSC request: where it goes, what it sends, how it may be repeated."""

    script: str
    command: str
    params: Mapping[str, str]
    guard_key: GuardKey | None
    limit: int | None
    mutating: bool = False
    retry_connect: bool = False


@dataclass(slots=True)
class _Outcome:
    """What the worker made of a body: an SMSC error, a bad body, or the result."""

    error: parsing.ErrorBody | None = None
    problem: str | None = None
    html: bool = False
    value: Any = None


class SmscClient:
    """Async client for the SMSC HTTP API (``/sys/*.php``).

    Use as ``async with SmscClient(url, creds) as client: ...`` or call :meth:`aclose`.
    *observer* is called after every HTTP attempt with a :class:`RequestRecord`; *clock*
    (monotonic seconds) drives the rate guard; *transport* replaces the network (tests).
    *server_tz* is how date strings without a zone are read (SMSC server time, UTC+3).
    """

    def __init__(
        self,
        base_url: str = "https://smsc.ru",
        credentials: Credentials | None = None,
        *,
        timeout: float = 15.0,
        observer: RequestObserver | None = None,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.AsyncBaseTransport | None = None,
        server_tz: tzinfo = parsing.MSK,
    ) -> None:
        if not isinstance(credentials, Credentials):
            raise TypeError(
                "SmscClient needs credentials: Credentials.from_password() or "
                "Credentials.from_api_key()."
            )
        if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
            raise ValueError("The timeout must be a positive number of seconds.")
        self._base = validate_base_url(base_url)
        self._credentials = credentials
        self._secrets = credentials.secret_values()
        self._observer = observer
        self._guard = RateGuard(clock)
        self._server_tz = server_tz
        self._timeout = float(timeout)
        self._closed = False
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(
                connect=self._timeout, read=self._timeout, write=self._timeout, pool=self._timeout
            ),
            limits=httpx.Limits(
                max_connections=8, max_keepalive_connections=4, keepalive_expiry=30.0
            ),
            headers={"User-Agent": f"SMSC-Desktop/{__version__}"},
            follow_redirects=False,
            transport=transport,
        )

    # --- lifetime ------------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool. Safe to call more than once."""
        if not self._closed:
            self._closed = True
            await self._http.aclose()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def base_url(self) -> str:
        return str(self._base)

    @property
    def host(self) -> str:
        """The server host (with the port when it is not the default)."""
        port = self._base.port
        return f"{self._base.host}:{port}" if port else self._base.host

    @property
    def credentials(self) -> Credentials:
        return self._credentials

    def __repr__(self) -> str:
        return f"SmscClient({self.base_url!r}, {self._credentials!r})"

    # --- rate guard ---------------------------------------------------------------------

    def retry_after(self, method_name: str, /, *args: Any, **kwargs: Any) -> float:
        """Seconds until ``getattr(self, method_name)(*args, **kwargs)`` would be sent.

        0.0 means the guard would let it through now. Methods SMSC does not limit always
        give 0.0 unless the server itself answered "too many requests" for them.
        """
        builder = _GUARD_SPECS.get(method_name)
        if builder is None:
            if not callable(getattr(self, method_name, None)) or method_name.startswith("_"):
                raise ValueError(f"SmscClient has no method {method_name!r}.")
            return 0.0
        method = getattr(type(self), method_name)
        bound = inspect.signature(method).bind_partial(self, *args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        arguments.pop("self", None)
        key, limit = builder(arguments)
        return self._guard.wait_time(key, limit)

    def _reserve(self, call: _Call) -> Slot | None:
        if call.guard_key is None:
            return None
        reserved = self._guard.reserve(call.guard_key, call.limit)
        if isinstance(reserved, Slot):
            return reserved
        error = RateLimitedError(
            reserved, limit=call.limit, endpoint=call.script, command=call.command
        )
        log.info(
            "Not sending %s.php %s: local rate guard, retry in %.1f s",
            call.script,
            call.command,
            reserved,
        )
        raise error

    # --- public API -------------------------------------------------------------------

    async def balance(self) -> Balance:
        """The account balance with its currency (``balance.php``, ``cur=1``)."""
        key, limit = _spec_balance({})
        call = _Call("balance", "balance", {"cur": "1"}, key, limit, retry_connect=True)
        return await self._request(call, parsing.parse_balance)

    async def list_available_numbers(self) -> RecordList[FreeNumber]:
        """Free dedicated numbers for rent (``receive_phones.php?get=1``).

        The answer can be ~10 MB; it is parsed in a worker thread. Records that cannot be
        read are left out and listed in the result's ``skipped``.
        """
        key, limit = _spec_list_numbers({})
        call = _Call("receive_phones", "get", {"get": "1"}, key, limit, retry_connect=True)
        secrets = self._secrets
        return await self._request(call, lambda d: parsing.parse_free_numbers(d, secrets))

    async def rent_number(self, phone: str, renew: bool = True) -> Decimal:
        """Rent (connect) *phone*; returns the amount charged (``buy=1``).

        Never retried. On :class:`OutcomeUnknownError` check the account before
        repeating: the number may have been rented.
        """
        phone = _clean_phone(phone)
        key, limit = _spec_rent({"phone": phone})
        params = {"buy": "1", "phone": phone, "noprolong": "0" if renew else "1"}
        call = _Call("receive_phones", "buy", params, key, limit, mutating=True)
        return await self._request(call, parsing.parse_rent)

    async def set_renewal(self, phone: str, renew: bool) -> None:
        """Switch automatic renewal of a rented number for next month (``chg=1``)."""
        phone = _clean_phone(phone)
        key, limit = _spec_renewal({"phone": phone})
        params = {"chg": "1", "phone": phone, "noprolong": "0" if renew else "1"}
        call = _Call("receive_phones", "chg", params, key, limit, mutating=True)
        await self._request(call, lambda _data: None)

    async def request_call_verification(self, phone: str) -> CallVerification:
        """Ask which number the subscriber *phone* must call to confirm it (``wait_call``).

        The subscriber has 15 minutes; the call then appears among incoming messages as
        ``[waitcall]``.
        """
        phone = _clean_phone(phone)
        key, limit = _spec_wait_call({"phone": phone})
        call = _Call("wait_call", "wait_call", {"phone": phone}, key, limit, mutating=True)
        requested_at = datetime.now(UTC)
        return await self._request(
            call, lambda d: parsing.parse_call_verification(d, phone, requested_at)
        )

    async def incoming_messages(
        self,
        after_id: int | None = None,
        hours: int | None = None,
        to_phone: str | None = None,
        limit: int | None = None,
    ) -> RecordList[IncomingMessage]:
        """Incoming SMS (``get.php?get_answers=1``), newest rules per SMSC.

        *after_id* returns only messages after that id; *hours* looks back at most 168
        hours; *to_phone* keeps messages received on one of the account's numbers;
        *limit* caps the count (at most 10000).
        """
        _check_count("after_id", after_id, None, minimum=0)
        _check_count("hours", hours, MAX_HOURS)
        _check_count("limit", limit, MAX_MESSAGES)
        params = {"get_answers": "1"}
        if after_id is not None:
            params["after_id"] = str(after_id)
        if hours is not None:
            params["hour"] = str(hours)
        if to_phone is not None:
            params["to_phone"] = _clean_phone(to_phone)
        if limit is not None:
            params["cnt"] = str(limit)
        key, guard_limit = _spec_incoming({})
        call = _Call("get", "get_answers", params, key, guard_limit, retry_connect=True)
        tz, secrets = self._server_tz, self._secrets
        return await self._request(call, lambda d: parsing.parse_incoming(d, tz, secrets))

    async def list_jobs(
        self, limit: int | None = None, after_id: int | None = None
    ) -> RecordList[ExportJob]:
        """Deferred export jobs (``downloads.php?get_list=1``)."""
        _check_count("limit", limit, None)
        _check_count("after_id", after_id, None, minimum=0)
        params = {"get_list": "1"}
        if limit is not None:
            params["cnt"] = str(limit)
        if after_id is not None:
            params["after_id"] = str(after_id)
        key, guard_limit = _spec_list_jobs({"limit": limit, "after_id": after_id})
        call = _Call("downloads", "get_list", params, key, guard_limit, retry_connect=True)
        tz, secrets = self._server_tz, self._secrets
        return await self._request(call, lambda d: parsing.parse_jobs(d, tz, secrets))

    async def download_job(
        self,
        job_id: int | None = None,
        name: str | None = None,
        dest: str | PathLike[str] | None = None,
        resume: bool = True,
        progress: ProgressCallback | None = None,
    ) -> DownloadResult:
        """Stream a finished job's file to *dest* (``downloads.php?get_file=1``).

        Give exactly one of *job_id* or *name*. With *resume*, a partial file at *dest*
        is continued with ``Range: bytes=N-`` when the server supports it (206); a 200
        answer starts over. An answer that is not the file (an SMSC error, a web page)
        raises before anything is written, leaving *dest* untouched. *progress* is called
        as ``progress(done_bytes, total_bytes_or_None)``.
        """
        call = self._download_call(job_id, name)
        if dest is None:
            raise ValueError("Choose where to save the downloaded file.")
        request = DownloadRequest(path=Path(dest), resume=resume, progress=progress)
        return await run_download(self, call, request)

    def _download_call(self, job_id: int | None, name: str | None) -> _Call:
        """The ``get_file`` request for one job (shared with ``fast_download``)."""
        if (job_id is None) == (name is None):
            raise ValueError("Give either the job id or the job file name to download.")
        if job_id is not None:
            _check_count("job_id", job_id, None, minimum=0)
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise ValueError("The job file name is empty.")
        params = {"get_file": "1"}
        if job_id is not None:
            params["id"] = str(job_id)
        else:
            assert name is not None
            params["name"] = name
        key, limit = _spec_download({"job_id": job_id, "name": name})
        return _Call("downloads", "get_file", params, key, limit, retry_connect=True)

    # --- the request machinery -------------------------------------------------------

    def _url(self, script: str) -> str:
        return f"{self._base}/sys/{script}.php"

    def _form(self, call: _Call) -> dict[str, str]:
        form = dict(call.params)
        form["fmt"] = "3"
        form["charset"] = "utf-8"
        form.update(self._credentials.form_fields())
        return form

    async def _request(self, call: _Call, convert: Callable[[Any], T]) -> T:
        if self._closed:
            raise RuntimeError("The SMSC client is closed.")
        attempts = 2 if call.retry_connect else 1
        for attempt in range(1, attempts + 1):
            slot = self._reserve(call)
            started_at = datetime.now(UTC)
            t0 = time.perf_counter()
            try:
                response = await self._http.post(self._url(call.script), data=self._form(call))
            except httpx.HTTPError as exc:
                error = self._network_error(exc, call)
                sent = getattr(error, "request_sent", True)
                if slot is not None and not sent:
                    self._guard.release(slot)
                self._emit(call, started_at, t0, None, error, 0, attempt)
                if attempt < attempts and isinstance(error, ConnectFailedError) and not sent:
                    log.info("Retrying %s.php %s once: %s", call.script, call.command, error.detail)
                    continue
                raise error from exc
            except asyncio.CancelledError as exc:
                self._emit(call, started_at, t0, None, exc, 0, attempt)
                raise
            body = response.content
            try:
                result = await self._interpret(call, response, body, convert)
            except SmscError as error:
                self._emit(call, started_at, t0, response.status_code, error, len(body), attempt)
                if isinstance(error, TooManyRequestsError) and call.guard_key is not None:
                    self._guard.block(call.guard_key)
                raise
            self._emit(call, started_at, t0, response.status_code, None, len(body), attempt)
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    async def _interpret(
        self,
        call: _Call,
        response: httpx.Response,
        body: bytes,
        convert: Callable[[Any], T],
    ) -> T:
        status = response.status_code
        charset = response.charset_encoding
        work = _Work(body, charset, convert if status == 200 else None)
        outcome = await asyncio.to_thread(work) if len(body) > LARGE_BODY else work()
        if outcome.error is not None:
            raise self._api_error(call, outcome.error, body)
        if status != 200:
            raise self._status_error(call, status, body)
        if outcome.problem is not None:
            raise self._protocol_error(call, outcome.problem, body, status, html=outcome.html)
        result: T = outcome.value
        skipped = getattr(result, "skipped", ())
        if skipped:
            log.warning(
                "%s.php %s: skipped %d unreadable record(s); first: %s (%s)",
                call.script,
                call.command,
                len(skipped),
                skipped[0].reason,
                skipped[0].excerpt,
            )
        return result

    # --- building errors ------------------------------------------------------------

    def _excerpt(self, body: bytes) -> str:
        return excerpt(body, self._secrets)

    def _api_error(self, call: _Call, found: parsing.ErrorBody, body: bytes) -> SmscError:
        server_message = (
            redact_text(found.message, self._secrets) if found.message is not None else None
        )
        error = api_error_for(
            found.code,
            endpoint=call.script,
            command=call.command,
            server_message=server_message,
            body_excerpt=self._excerpt(body),
        )
        log.warning(
            "%s.php %s: SMSC error %s (%s)",
            call.script,
            call.command,
            found.code,
            server_message or "no description",
        )
        return error

    def _status_error(self, call: _Call, status: int, body: bytes) -> ProtocolError:
        reason = httpx.codes.get_reason_phrase(status) or "unknown status"
        kind = "a web page" if parsing.looks_like_html(body) else "no SMSC error"
        log.warning("%s.php %s: HTTP %s with %s", call.script, call.command, status, kind)
        if call.mutating and status >= 500:
            return UnreadableOutcomeError(
                f"SMSC answered HTTP error {status} ({reason}), so it is unknown whether the "
                "request was carried out. Check the account before repeating it.",
                body_excerpt=self._excerpt(body),
                endpoint=call.script,
                command=call.command,
                http_status=status,
            )
        return HttpStatusError(
            f"The SMSC server answered with HTTP error {status} ({reason}) instead of data. "
            "Try again later; if it keeps happening, check the server address.",
            body_excerpt=self._excerpt(body),
            endpoint=call.script,
            command=call.command,
            http_status=status,
        )

    def _protocol_error(
        self,
        call: _Call,
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
        if call.mutating:
            return UnreadableOutcomeError(
                f"{problem} It is unknown whether the request was carried out; check the "
                "account before repeating it.",
                body_excerpt=self._excerpt(body),
                endpoint=call.script,
                command=call.command,
                http_status=status,
            )
        return ProtocolError(
            f"{problem} Try again later; if it keeps happening, check the server address.",
            body_excerpt=self._excerpt(body),
            endpoint=call.script,
            command=call.command,
            http_status=status,
        )

    def _network_error(self, exc: httpx.HTTPError, call: _Call) -> SmscError:
        detail = redact_text(str(exc) or type(exc).__name__, self._secrets)
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
                endpoint=call.script,
                command=call.command,
            )
        elif isinstance(exc, httpx.TransportError):
            # ReadError, WriteError, RemoteProtocolError: the connection broke after the
            # request started to leave.
            error = OutcomeUnknownError(request_sent=True, detail=detail, **kwargs)
        else:
            error = NetworkError(request_sent=True, detail=detail, **kwargs)
        log.warning("%s.php %s: %s (%s)", call.script, call.command, type(error).__name__, detail)
        return error

    def _emit(
        self,
        call: _Call,
        started_at: datetime,
        t0: float,
        status: int | None,
        error: BaseException | None,
        received: int,
        attempt: int,
    ) -> None:
        duration = time.perf_counter() - t0
        code = error.code if isinstance(error, ApiError) else None
        if error is None:
            label = None
        elif code is not None:
            label = str(code)
        else:
            label = type(error).__name__
        message = None
        if isinstance(error, SmscError):
            message = redact_text(str(error), self._secrets)
        record = RequestRecord(
            started_at=started_at,
            host=self.host,
            endpoint=call.script,
            command=call.command,
            params=MappingProxyType(public_params(self._form(call))),
            duration=duration,
            http_status=status,
            outcome="ok" if error is None else "error",
            error=label,
            error_code=code,
            bytes_received=received,
            attempt=attempt,
            message=message,
        )
        log.debug(
            "POST %s.php %s %s -> %s in %.3f s, %d bytes%s",
            call.script,
            call.command,
            record.params,
            status,
            duration,
            received,
            f" [{label}]" if label else "",
        )
        if self._observer is not None:
            try:
                self._observer(record)
            except Exception:
                log.exception("The request observer failed")


class _Work:
    """Decode + check + convert one body; callable inline or in a worker thread."""

    __slots__ = ("body", "charset", "convert")

    def __init__(
        self, body: bytes, charset: str | None, convert: Callable[[Any], Any] | None
    ) -> None:
        self.body = body
        self.charset = charset
        self.convert = convert

    def __call__(self) -> _Outcome:
        body = self.body
        head = body[:8].lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if head in (b"{", b"["):
            decode = parsing.decode_json_array if len(body) > LARGE_BODY else parsing.decode_json
            try:
                value = decode(body, self.charset)
            except parsing.BodyError as exc:
                return _Outcome(problem=str(exc))
            candidate = value[0] if isinstance(value, list) and len(value) == 1 else value
            if isinstance(candidate, Mapping) and (candidate is value or "error_code" in candidate):
                found = parsing.find_error(b"", json_value=candidate)
                if found is not None:
                    return _Outcome(error=found)
        else:
            found = parsing.find_error(body)
            if found is not None:
                return _Outcome(error=found)
            if parsing.looks_like_html(body):
                return _Outcome(problem="SMSC sent a web page instead of data.", html=True)
            if not body.strip():
                return _Outcome(problem="SMSC sent an empty answer.")
            try:
                value = parsing.decode_json(body, self.charset)
            except parsing.BodyError as exc:
                return _Outcome(problem=str(exc), html=exc.html)
        if self.convert is None:
            return _Outcome()
        try:
            return _Outcome(value=self.convert(value))
        except (parsing.ShapeError, KeyError, TypeError, ValueError, ArithmeticError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            return _Outcome(problem=f"SMSC's answer does not have the expected shape: {reason}.")


# --- guard keys, shared by the methods and retry_after ----------------------------------

GuardSpec = tuple[GuardKey, int | None]


def _spec_balance(_: Mapping[str, Any]) -> GuardSpec:
    return ("balance",), LIMIT_BALANCE


def _spec_list_numbers(_: Mapping[str, Any]) -> GuardSpec:
    return ("receive_phones", "get"), LIMIT_RECEIVE_PHONES


def _spec_rent(args: Mapping[str, Any]) -> GuardSpec:
    return ("receive_phones", "buy", _clean_phone(args["phone"])), LIMIT_RECEIVE_PHONES


def _spec_renewal(args: Mapping[str, Any]) -> GuardSpec:
    return ("receive_phones", "chg", _clean_phone(args["phone"])), LIMIT_RECEIVE_PHONES


def _spec_wait_call(args: Mapping[str, Any]) -> GuardSpec:
    return ("wait_call", _clean_phone(args["phone"])), LIMIT_WAIT_CALL


def _spec_incoming(_: Mapping[str, Any]) -> GuardSpec:
    # SMSC documents no limit for get_answers; the key only carries a server error 9.
    return ("get", "get_answers"), None


def _spec_list_jobs(args: Mapping[str, Any]) -> GuardSpec:
    return ("downloads", "get_list", args.get("limit"), args.get("after_id")), LIMIT_DOWNLOADS


def _spec_download(args: Mapping[str, Any]) -> GuardSpec:
    job_id, name = args.get("job_id"), args.get("name")
    if job_id is not None:
        return ("downloads", "get_file", "id", str(job_id)), LIMIT_DOWNLOADS
    return ("downloads", "get_file", "name", name), LIMIT_DOWNLOADS


_GUARD_SPECS: dict[str, Callable[[Mapping[str, Any]], GuardSpec]] = {
    "balance": _spec_balance,
    "list_available_numbers": _spec_list_numbers,
    "rent_number": _spec_rent,
    "set_renewal": _spec_renewal,
    "request_call_verification": _spec_wait_call,
    "incoming_messages": _spec_incoming,
    "list_jobs": _spec_list_jobs,
    "download_job": _spec_download,
}
