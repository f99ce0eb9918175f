"""The async SMSC client: one ``httpx.AsyncClient``, typed results, one error tree.

Every request is a POST of a form body to ``<base>/sys/<script>.php`` carrying ``fmt=3``,
``charset=utf-8`` and the credentials, so no secret ever appears in a URL. The requests
are declared once in :mod:`._endpoints` and sent through the one pipeline of
:mod:`._pipeline` (rate guard, retry rule, errors, request records); answers are read by
:mod:`._answers` (SMSC errors in all four ``fmt`` shapes first, then the value; big or
suspicious bodies in a worker thread). Each request has a total deadline (every read
included) and a cap on the size of its answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import ipaddress
import re
import ssl
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from types import TracebackType
from typing import Final, Self, TypeVar, cast

import httpx

from smsc_desktop.__about__ import __version__
from smsc_desktop.api import _endpoints as endpoints
from smsc_desktop.api import parsing
from smsc_desktop.api._answers import read_answer, read_image
from smsc_desktop.api._endpoints import Call, Endpoint
from smsc_desktop.api._pipeline import Attempt, Pipeline, RequestObserver
from smsc_desktop.api.credentials import Credentials
from smsc_desktop.api.models import (
    Balance,
    CallVerification,
    CaptchaImage,
    ExportJob,
    FreeNumber,
    IncomingMessage,
    RecordList,
    SendResult,
)
from smsc_desktop.api.ratelimit import RateGuard

__all__ = ["ProgressCallback", "RequestObserver", "SmscClient", "validate_base_url"]

T = TypeVar("T")
ProgressCallback = Callable[[int, int | None], None]

CLOSE_WAIT: Final = 2.0
"""Seconds ``aclose`` waits for requests in flight to finish unwinding."""


class _Flight:
    """A request in flight: its deadline (to end it at once when the client closes) and a
    future that is done when it has unwound."""

    __slots__ = ("deadline", "done")

    def __init__(self, done: asyncio.Future[None]) -> None:
        self.done = done
        self.deadline: asyncio.Timeout | None = None


_LOOPBACK_NAMES = frozenset({"localhost", "localhost."})

_tls_context: ssl.SSLContext | None = None
_no_tls_context: ssl.SSLContext | None = None


def _remember_missing_sniffio() -> None:
    """httpcore tries ``import sniffio`` four times per request; without sniffio installed
    each failed import searches the whole ``sys.path`` again (~0.3 ms on the event loop, 1 ms
    a request). Recording the miss in ``sys.modules`` makes it a dictionary lookup that
    fails the same way (``ModuleNotFoundError``), so httpcore goes on with asyncio."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


_remember_missing_sniffio()


def _tls_context_for(url: httpx.URL) -> ssl.SSLContext:
    """The shared context for an https:// server. A plain http:// one (this computer only,
    redirects never followed: the demo's sandbox, tests) never uses TLS: it gets a context
    that trusts no certificate instead of one that reads the certificate store (30-80 ms,
    on the event loop when the demo opens), so TLS, were it ever tried, fails closed."""
    if url.scheme == "https":
        return shared_tls_context()
    global _no_tls_context
    if _no_tls_context is None:
        _no_tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies; trusts no one
    return _no_tls_context


def prepare_transport() -> None:
    """Do now, on the calling (worker) thread, what a run's first client and first request
    would do on the event loop: build the shared TLS context (the certificate store) and
    import the HTTP transport's asyncio backend (httpcore imports anyio on the first
    connection). Safe to call more than once; the app calls it while the keyring is read."""
    shared_tls_context()
    # httpcore's asyncio backend, and what anyio imports lazily on the first connection
    # (its asyncio backend, streams, thread helpers): ~23 ms on the event loop otherwise.
    import anyio._backends._asyncio
    import anyio.lowlevel
    import anyio.streams.stapled
    import anyio.streams.tls
    import anyio.to_thread  # noqa: F401
    import httpcore._backends.anyio  # noqa: F401


def shared_tls_context() -> ssl.SSLContext:
    """The one TLS context of every client in this run (the CA certificates of httpx's
    defaults, ``SSL_CERT_FILE``/``SSL_CERT_DIR`` honoured). Building a context reads the
    certificate store (30-80 ms on the event loop); made once, a new client costs ~0.1 ms,
    which the accounts overview needs to ask 200 accounts without stalling the window."""
    global _tls_context
    if _tls_context is None:
        _tls_context = httpx.create_ssl_context()
    return _tls_context


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


class SmscClient:
    """Async client for the SMSC HTTP API (``/sys/*.php``).

    Use as ``async with SmscClient(url, creds) as client: ...`` or call :meth:`aclose`.
    *observer* is called after every HTTP attempt with a :class:`RequestRecord`. *guard* is
    the account's rate guard, shared by every client of the account on this server (the
    connection test, the session, the download transport) so SMSC's limits are kept
    across clients; without one the client keeps its own, driven by *clock* (monotonic
    seconds). *transport* replaces the network (tests). *server_tz* is how date strings
    without a zone are read (SMSC server time, UTC+3). *timeout* is the limit of each
    network step; a whole request may take a few of them (``Spec.deadline``).
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
        guard: RateGuard | None = None,
    ) -> None:
        if not isinstance(credentials, Credentials):
            raise TypeError(
                "SmscClient needs credentials: Credentials.from_password() or "
                "Credentials.from_api_key()."
            )
        if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
            raise ValueError("The timeout must be a positive number of seconds.")
        url = validate_base_url(base_url)
        self._pipeline = Pipeline(
            url,
            credentials,
            guard=guard if guard is not None else RateGuard(clock),
            timeout=float(timeout),
            server_tz=server_tz,
            observer=observer,
        )
        self._closed = False
        self._in_flight: set[_Flight] = set()
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(
                max_connections=8, max_keepalive_connections=4, keepalive_expiry=30.0
            ),
            headers={"User-Agent": f"SMSC-Desktop/{__version__}"},
            follow_redirects=False,
            transport=transport,
            verify=_tls_context_for(url) if transport is None else True,
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
        """Close the connection pool. Safe to call more than once.

        Requests still in flight end at once (an :class:`OutcomeUnknownError`: the request
        may have reached SMSC) and have unwound before the pool closes, so every connection
        and connection attempt of this client is closed when ``aclose`` returns.
        """
        if self._closed:
            return
        self._closed = True
        now = asyncio.get_running_loop().time()
        for flight in self._in_flight:
            if flight.deadline is not None and not flight.deadline.expired():
                flight.deadline.reschedule(now)
        pending = [flight.done for flight in self._in_flight]
        if pending:
            await asyncio.wait(pending, timeout=CLOSE_WAIT)
        await self._http.aclose()

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def base_url(self) -> str:
        return str(self._pipeline.base)

    @property
    def host(self) -> str:
        """The server host (with the port when it is not the default)."""
        return self._pipeline.host

    @property
    def credentials(self) -> Credentials:
        return self._pipeline.credentials

    @property
    def timeout(self) -> float:
        return self._pipeline.timeout

    @property
    def guard(self) -> RateGuard:
        return self._pipeline.guard

    @property
    def pipeline(self) -> Pipeline:
        """The request pipeline (for the api's download transport)."""
        return self._pipeline

    def __repr__(self) -> str:
        return f"SmscClient({self.base_url!r}, {self.credentials!r})"

    # --- rate guard ---------------------------------------------------------------------

    def wait_time(
        self,
        endpoint: Endpoint,
        *,
        phone: str | None = None,
        job_id: int | None = None,
        name: str | None = None,
        limit: int | None = None,
        after_id: int | None = None,
        message: str | None = None,
        sender: str | None = None,
        imgcode: str | None = None,
        userip: str | None = None,
    ) -> float:
        """Seconds until the guard lets this request go (0.0 = now).

        Give what identifies the request: ``phone`` for ``RENT``, ``RENEWAL`` and
        ``WAIT_CALL``; ``job_id`` or ``name`` for ``DOWNLOAD``; ``limit`` and ``after_id``
        for ``JOBS`` as the call gives them; for ``SEND`` and ``SEND_COST`` the phones
        (comma-separated) and ``message``, ``sender``, ``imgcode``, ``userip`` as
        ``send_sms`` sends them. Endpoints SMSC does not limit give 0.0 unless the server
        itself answered "too many requests".
        """
        return endpoints.wait_time(
            self._pipeline.guard,
            endpoint,
            phone=phone,
            job_id=job_id,
            name=name,
            limit=limit,
            after_id=after_id,
            message=message,
            sender=sender,
            imgcode=imgcode,
            userip=userip,
        )

    # --- public API -------------------------------------------------------------------

    async def balance(self) -> Balance:
        """The account balance with its currency (``balance.php``, ``cur=1``)."""
        return await self._call(endpoints.balance())

    async def list_available_numbers(self) -> RecordList[FreeNumber]:
        """Free dedicated numbers for rent (``receive_phones.php?get=1``).

        The answer can be ~10 MB; it is parsed in a worker thread. Records that cannot be
        read are left out and listed in the result's ``skipped``.
        """
        return await self._call(endpoints.free_numbers(self._pipeline.reading))

    async def rent_number(self, phone: str, renew: bool = True) -> Decimal:
        """Rent (connect) *phone*; returns the amount charged (``buy=1``).

        Never retried. On :class:`OutcomeUnknownError` check the account before
        repeating: the number may have been rented.
        """
        return await self._call(endpoints.rent(phone, renew))

    async def set_renewal(self, phone: str, renew: bool) -> None:
        """Switch automatic renewal of a rented number for next month (``chg=1``)."""
        await self._call(endpoints.renewal(phone, renew))

    async def request_call_verification(self, phone: str) -> CallVerification:
        """Ask which number the subscriber *phone* must call to confirm it (``wait_call``).

        The subscriber has 15 minutes; the call then appears among incoming messages as
        ``[waitcall]``.
        """
        return await self._call(endpoints.wait_call(phone, datetime.now(UTC)))

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
        call = endpoints.incoming(self._pipeline.reading, after_id, hours, to_phone, limit)
        return await self._call(call)

    async def list_jobs(
        self, limit: int | None = None, after_id: int | None = None
    ) -> RecordList[ExportJob]:
        """Deferred export jobs (``downloads.php?get_list=1``)."""
        return await self._call(endpoints.jobs(self._pipeline.reading, limit, after_id))

    async def send_sms(
        self,
        phones: str | Sequence[str],
        message: str,
        *,
        sender: str | None = None,
        imgcode: str | None = None,
        userip: str | None = None,
        cost_only: bool = False,
    ) -> SendResult:
        """Send an SMS (``send.php``), or with *cost_only* ask only what it would cost.

        *phones* in international format (one, a comma-separated string, or a list);
        *imgcode* is the code a site visitor typed from the captcha picture and *userip* the
        visitor's IP address the picture was shown to: SMSC checks the pair and refuses the
        send when they do not match. A send asks ``cost=3`` so the charge and the balance
        after it come back with the id. Sending is paid: it is never retried, and on
        :class:`OutcomeUnknownError` the message may have been sent (check the balance or
        the SMSC cabinet; never send it again blindly). A cost request changes nothing.
        """
        call = endpoints.send(
            phones, message, sender=sender, imgcode=imgcode, userip=userip, cost_only=cost_only
        )
        return await self._call(call)

    @staticmethod
    def captcha_url(server: str) -> str:
        """Where the captcha picture of *server* is (``https://smsc.ru/sys/imgcode.php``).

        The picture comes from the server the account is registered on (smsc.ru, smsc.kz,
        smsc.ua, smscentre.com, a ``www2`` mirror, or a sandbox), the one the site's send
        script talks to. Raises ``ValueError`` for an address ``validate_base_url`` refuses.
        """
        return f"{validate_base_url(server)}/sys/imgcode.php"

    async def captcha_image(self, nonce: str = "1.1") -> CaptchaImage:
        """Load the captcha picture as a site visitor's browser does: a GET of
        ``imgcode.php?<nonce>`` without credentials (a new *nonce* defeats caches, as the
        snippet's ``onclick="src+=1"`` does). SMSC makes a new code for the IP address it
        sees the request come from."""
        if not isinstance(nonce, str) or not re.fullmatch(r"[0-9A-Za-z._-]{1,32}", nonce):
            raise ValueError("The picture's cache-busting suffix must be short and plain.")
        return await self._call(endpoints.captcha(), query=nonce)

    # --- sending ---------------------------------------------------------------------

    async def _call(self, call: Call[T], *, query: str = "") -> T:
        if self._closed:
            raise RuntimeError("The SMSC client is closed.")
        flight = _Flight(asyncio.get_running_loop().create_future())
        self._in_flight.add(flight)
        try:
            return await self._pipeline.run(
                call, lambda attempt: self._exchange(call, attempt, flight, query)
            )
        finally:
            self._in_flight.discard(flight)
            flight.done.set_result(None)

    async def _exchange(
        self, call: Call[T], attempt: Attempt, flight: _Flight, query: str = ""
    ) -> T:
        pipeline = self._pipeline
        if self._closed:
            raise pipeline.abandoned_error(call)
        url = pipeline.url(call) + (f"?{query}" if query else "")
        try:
            async with asyncio.timeout(pipeline.deadline(call)) as deadline:
                flight.deadline = deadline
                status, charset, body = await self._fetch(call, attempt, url)
        except TimeoutError:
            if deadline.expired():
                if self._closed:
                    raise pipeline.abandoned_error(call) from None
                raise pipeline.deadline_error(call) from None
            raise
        except httpx.HTTPError as exc:
            raise pipeline.network_error(exc, call) from exc
        finally:
            flight.deadline = None
        if not call.spec.signed:
            return cast(T, read_image(pipeline, call, status, body, url))
        value: T = await read_answer(pipeline, call, status, charset, body)
        return value

    async def _fetch(
        self, call: Call[T], attempt: Attempt, url: str
    ) -> tuple[int, str | None, bytes]:
        """POST the call (GET a plain one) and read its answer, at most ``spec.max_body``
        bytes of it."""
        pipeline = self._pipeline
        if call.spec.signed:
            request = self._http.build_request("POST", url, data=pipeline.form(call))
        else:
            request = self._http.build_request("GET", url)
        response = await self._http.send(request, stream=True)
        try:
            status = attempt.status = response.status_code
            limit = call.spec.max_body
            announced = _content_length(response)
            if announced is not None and announced > limit:
                raise pipeline.too_large(call, announced, b"", status)
            body = bytearray()
            async for chunk in response.aiter_bytes():
                attempt.received += len(chunk)
                body += chunk
                if len(body) > limit:
                    raise pipeline.too_large(call, None, bytes(body[:512]), status)
            return status, response.charset_encoding, bytes(body)
        finally:
            with contextlib.suppress(httpx.HTTPError):
                await response.aclose()


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "").strip()
    return int(value) if value.isdigit() and len(value) < 20 else None
