"""Job files over aiohttp on a loop of their own: the transport for big downloads.

:meth:`SmscClient.download_job` streams through the client's httpx pool on the caller's
event loop. That is the general contract, and it is fine for small files; for the download
manager it is too slow and too heavy on the GUI loop (measured on these machines, writing
1 GiB to disk on loopback: httpx on the qasync loop 0.35–0.42 of curl with 20–30 ms stalls,
aiohttp's client in a worker thread 1.6–1.9 of curl; at 400 MB/s httpx used 62 % of a core,
aiohttp 10 %). :class:`FastDownloader` therefore runs aiohttp on an asyncio loop in one
worker thread and keeps the GUI loop free.

Everything else is shared with :mod:`smsc_desktop.api.download` and the client, so both
transports behave alike: the same POST form (``get_file=1``, ``id``/``name``, ``fmt=3``,
``charset``, credentials in the body), the same ``Range``/resume rules, the same checks
that refuse an error body or a web page instead of the file, the same errors, the same
rate guard (``client.retry_after("download_job", ...)`` covers both) and the same
:class:`RequestRecord` per attempt. The guard and the observer are used on the caller's
loop only; the worker thread does the HTTP and the file writes.

``progress(done, total)`` is called **on the worker thread**, once per chunk written; keep
it cheap and hand results to your loop with ``loop.call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any, Final, TypeVar

import aiohttp
import httpx

from smsc_desktop.__about__ import __version__
from smsc_desktop.api.client import SmscClient
from smsc_desktop.api.download import DownloadRequest, _Attempt, run_download
from smsc_desktop.api.errors import (
    ConnectFailedError,
    DnsLookupError,
    NetworkError,
    OutcomeUnknownError,
    RequestTimeoutError,
    ResponseTimeoutError,
    SmscError,
    TlsError,
    TooManyRequestsError,
)
from smsc_desktop.api.models import DownloadResult
from smsc_desktop.api.netcauses import exception_chain
from smsc_desktop.api.redact import redact_text

__all__ = ["FastDownloader"]

log = logging.getLogger("smsc_desktop.api")

T = TypeVar("T")
ProgressCallback = Callable[[int, int | None], None]

READ_BUFFER: Final = 1024 * 1024
"""aiohttp's socket read buffer: bigger buffers mean fewer, larger chunks to write."""


class FastDownloader:
    """Downloads job files with aiohttp on a worker thread's event loop.

    One per download queue: it owns one thread, one loop and one ``aiohttp.ClientSession``
    (created on first use). :meth:`download` has the contract of
    :meth:`SmscClient.download_job` and is awaited on the caller's loop; cancelling it
    cancels the transfer and returns only after the partial file is closed.
    """

    def __init__(self, client: SmscClient, *, thread_name: str = "smsc-downloads") -> None:
        self.client = client
        self._thread_name = thread_name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._session: aiohttp.ClientSession | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._stopping = False

    # --- the public surface -------------------------------------------------------------

    async def download(
        self,
        job_id: int | None = None,
        name: str | None = None,
        dest: str | PathLike[str] | None = None,
        resume: bool = True,
        progress: ProgressCallback | None = None,
    ) -> DownloadResult:
        """Stream a finished job's file to *dest*; see :meth:`SmscClient.download_job`."""
        if self._closed:
            raise RuntimeError("The downloader is closed.")
        call = self.client._download_call(job_id, name)
        if dest is None:
            raise ValueError("Choose where to save the downloaded file.")
        request = DownloadRequest(path=Path(dest), resume=resume, progress=progress)

        def attempt(client: SmscClient, c: Any, r: DownloadRequest, start: int, n: int) -> Any:
            return _FastAttempt(self, client, c, r, start, n)

        return await run_download(self.client, call, request, attempt)

    @property
    def thread(self) -> threading.Thread | None:
        """The worker thread (``None`` until the first download)."""
        return self._thread

    def close(self) -> None:
        """Stop without waiting (the app is quitting): the worker cancels its transfers,
        closes the session and ends on its own. :meth:`aclose` also waits for that."""
        self._closed = True
        loop = self._loop
        if self._stopping or loop is None or not loop.is_running():
            return
        self._stopping = True

        async def finish() -> None:
            try:
                await self._close_session()
            finally:
                loop.stop()

        with contextlib.suppress(RuntimeError):  # closed meanwhile
            loop.call_soon_threadsafe(lambda: loop.create_task(finish()))

    async def aclose(self) -> None:
        """Close the session and stop the worker thread. Safe to call more than once."""
        self.close()
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        await asyncio.to_thread(thread.join, 5.0)
        if not thread.is_alive() and not loop.is_closed():
            loop.close()
        self._loop = self._thread = None

    # --- the worker thread --------------------------------------------------------------

    def _worker_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                started = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(started.set)
                    loop.run_forever()
                    # Stopped by close(): end what is left without blocking the caller.
                    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
                    for task in pending:
                        task.cancel()
                    if pending:
                        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))

                thread = threading.Thread(target=run, name=self._thread_name, daemon=True)
                thread.start()
                started.wait(5.0)
                self._loop, self._thread = loop, thread
            return self._loop

    async def _session_in_worker(self) -> aiohttp.ClientSession:
        """The session, made on the worker loop the first time it is needed."""
        if self._session is None or self._session.closed:
            timeout = self.client._timeout
            # The trust store httpx builds for SmscClient (certifi, or SSL_CERT_FILE/DIR).
            ssl_context = httpx.create_ssl_context()
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=8, ssl=ssl_context, ttl_dns_cache=300),
                timeout=aiohttp.ClientTimeout(
                    total=None, connect=timeout, sock_connect=timeout, sock_read=timeout
                ),
                headers={"User-Agent": f"SMSC-Desktop/{__version__}"},
                read_bufsize=READ_BUFFER,
                trust_env=True,
            )
        return self._session

    async def _close_session(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def _in_worker(self, make: Callable[[], Awaitable[T]]) -> T:
        """Run ``make()`` on the worker loop and wait for it on the caller's loop.

        Cancelling the caller cancels the worker's task and still waits until it has
        finished, so the partial file is closed before the caller goes on.
        """
        worker = self._worker_loop()
        box = _TaskBox()

        async def run() -> T:
            box.task = asyncio.current_task()
            if box.cancelled:
                raise asyncio.CancelledError
            return await make()

        future = asyncio.wrap_future(asyncio.run_coroutine_threadsafe(run(), worker))
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            if not future.done():
                with contextlib.suppress(RuntimeError):  # the worker loop has ended
                    worker.call_soon_threadsafe(box.cancel)
                await asyncio.wait({future})
                if not future.cancelled():
                    future.exception()  # retrieved: the caller was cancelled anyway
            raise


class _TaskBox:
    """The worker-side task of one transfer, cancellable from the worker loop."""

    __slots__ = ("cancelled", "task")

    def __init__(self) -> None:
        self.task: asyncio.Task[Any] | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        if self.task is not None:
            self.task.cancel()


class _AiohttpAnswer:
    """An aiohttp response seen through :class:`smsc_desktop.api.download.Answer`."""

    __slots__ = ("_response",)

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    @property
    def status_code(self) -> int:
        return self._response.status

    @property
    def headers(self) -> Any:
        return self._response.headers

    def aiter_raw(self) -> AsyncIterator[bytes]:
        # The session undoes any Content-Encoding (we ask for identity); raw == decoded.
        return self._response.content.iter_any()

    def aiter_bytes(self) -> AsyncIterator[bytes]:
        return self._response.content.iter_any()


class _FastAttempt(_Attempt):
    """One HTTP attempt: guard and request record on the caller's loop, the transfer on the
    worker loop."""

    def __init__(
        self,
        downloader: FastDownloader,
        client: SmscClient,
        call: Any,
        request: DownloadRequest,
        range_from: int,
        attempt: int,
    ) -> None:
        super().__init__(client, call, request, range_from, attempt)
        self.downloader = downloader

    async def run(self) -> DownloadResult:
        client, call = self.client, self.call
        slot = client._reserve(call)
        started_at = datetime.now(UTC)
        t0 = time.perf_counter()
        error: BaseException | None = None
        try:
            return await self.downloader._in_worker(self._transfer)
        except BaseException as exc:
            error = exc
            if (
                slot is not None
                and isinstance(exc, NetworkError)
                and not getattr(exc, "request_sent", True)
            ):
                client._guard.release(slot)
            if isinstance(exc, TooManyRequestsError) and call.guard_key is not None:
                client._guard.block(call.guard_key)
            raise
        finally:
            client._emit(call, started_at, t0, self.status, error, self.received, self.attempt)

    async def _transfer(self) -> DownloadResult:
        """On the worker loop: send the request, check the answer, write the file."""
        client = self.client
        session = await self.downloader._session_in_worker()
        try:
            try:
                async with session.post(
                    client._url(self.call.script),
                    data=client._form(self.call),
                    headers=self._request_headers(),
                    allow_redirects=False,
                ) as response:
                    self.status = response.status
                    return await self._consume(_AiohttpAnswer(response))
            except (TimeoutError, aiohttp.ClientError) as exc:
                raise self._aiohttp_error(exc) from exc
        finally:
            self._close_file()

    def _aiohttp_error(self, exc: BaseException) -> SmscError:
        if self.status is not None:
            return self._interrupted(str(exc) or type(exc).__name__)
        return _network_error(self.client, self.call, exc)


def _network_error(client: SmscClient, call: Any, exc: BaseException) -> SmscError:
    """The client's error for an aiohttp failure before any answer arrived."""
    detail = redact_text(str(exc) or type(exc).__name__, client._secrets)
    kwargs: dict[str, Any] = {"endpoint": call.script, "command": call.command, "detail": detail}
    error: NetworkError
    chain = exception_chain(exc)
    # aiohttp names the TLS setting in every connect error ("ssl:default"), so only the
    # exception types tell a TLS failure, not the text.
    if isinstance(exc, aiohttp.ClientSSLError) or any(
        isinstance(e, ssl.SSLError | ssl.CertificateError) for e in chain
    ):
        error = TlsError(request_sent=False, **kwargs)
    elif isinstance(exc, aiohttp.ClientConnectorDNSError) or any(
        isinstance(e, socket.gaierror) for e in chain
    ):
        error = DnsLookupError(request_sent=False, **kwargs)
    elif isinstance(exc, aiohttp.ClientConnectorError):
        error = ConnectFailedError(request_sent=False, **kwargs)
    elif isinstance(exc, aiohttp.ConnectionTimeoutError):
        error = RequestTimeoutError(request_sent=False, **kwargs)
    elif isinstance(exc, asyncio.TimeoutError):
        error = ResponseTimeoutError(request_sent=True, **kwargs)
    else:
        # Disconnected, reset, a broken answer: the request may have reached the server.
        error = OutcomeUnknownError(request_sent=True, **kwargs)
    log.warning("%s.php %s: %s (%s)", call.script, call.command, type(error).__name__, detail)
    return error
