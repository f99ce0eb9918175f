"""Job files over aiohttp on a loop of their own: the download transport.

The download manager's transport, chosen by measurement (writing 1 GiB to disk on loopback:
httpx on the qasync loop 0.35–0.42 of curl with 20–30 ms stalls, aiohttp's client in a worker
thread 1.6–1.9 of curl; at 400 MB/s httpx used 62 % of a core, aiohttp 10 %).
:class:`FastDownloader` therefore runs aiohttp on an asyncio loop in one worker thread and
keeps the GUI loop free.

Only the bytes are moved here. Everything else is the download core's
(:mod:`smsc_desktop.api.download`: the checks that refuse an error body or a web page instead
of the file, ranges, sizes, the speed rule, the file writes) and the client's request
pipeline's (the POST form with the credentials in the body, the account's rate guard, the
retry rule, the errors, one :class:`RequestRecord` per attempt), so
``client.wait_time(Endpoint.DOWNLOAD, job_id=…)`` covers every download. The guard and the
observer are used on the caller's loop only; the worker thread does the HTTP and the file
writes.

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
from collections.abc import AsyncIterator, Awaitable, Callable
from os import PathLike
from pathlib import Path
from typing import Any, Final, TypeVar

import aiohttp
import httpx

from smsc_desktop.__about__ import __version__
from smsc_desktop.api import _endpoints as endpoints
from smsc_desktop.api._endpoints import Call
from smsc_desktop.api._pipeline import Pipeline
from smsc_desktop.api.client import SmscClient
from smsc_desktop.api.download import DownloadRequest, SpeedRule, Transfer, run_download
from smsc_desktop.api.errors import (
    ConnectFailedError,
    DnsLookupError,
    NetworkError,
    OutcomeUnknownError,
    RequestTimeoutError,
    ResponseTimeoutError,
    SmscError,
    TlsError,
)
from smsc_desktop.api.models import DownloadResult
from smsc_desktop.api.netcauses import exception_chain

__all__ = ["FastDownloader"]

log = logging.getLogger("smsc_desktop.api")

T = TypeVar("T")
ProgressCallback = Callable[[int, int | None], None]

READ_BUFFER: Final = 1024 * 1024
"""aiohttp's socket read buffer: bigger buffers mean fewer, larger chunks to write."""


class FastDownloader:
    """Downloads job files with aiohttp on a worker thread's event loop.

    One per download queue: it owns one thread, one loop and one ``aiohttp.ClientSession``
    (created on first use). :meth:`download` is awaited on the caller's loop; cancelling it
    cancels the transfer and returns only after the partial file is closed. *speed* is the
    rule that interrupts a trickling transfer (tests shorten it).
    """

    def __init__(
        self,
        client: SmscClient,
        *,
        thread_name: str = "smsc-downloads",
        speed: SpeedRule | None = None,
    ) -> None:
        self.client = client
        self._pipeline: Pipeline = client.pipeline
        self._speed = speed or SpeedRule()
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
        """Stream a finished job's file to *dest* (``downloads.php?get_file=1``).

        Give exactly one of *job_id* or *name*. With *resume*, a partial file at *dest*
        is continued with ``Range: bytes=N-`` when the server supports it (206); a 200
        answer starts over. An answer that is not the file (an SMSC error, a web page)
        raises before anything is written, leaving *dest* untouched. *progress* is called
        as ``progress(done_bytes, total_bytes_or_None)`` on the worker thread.
        """
        if self._closed:
            raise RuntimeError("The downloader is closed.")
        if self.client.closed:
            raise RuntimeError("The SMSC client is closed.")
        call = endpoints.download(job_id, name)
        if dest is None:
            raise ValueError("Choose where to save the downloaded file.")
        request = DownloadRequest(Path(dest), resume, progress, self._speed)
        return await run_download(self._pipeline, call, request, self._send)

    async def _send(self, transfer: Transfer) -> DownloadResult:
        """One HTTP exchange on the worker loop, awaited on the caller's."""
        return await self._in_worker(lambda: self._transfer(transfer))

    async def _transfer(self, transfer: Transfer) -> DownloadResult:
        """On the worker loop: send the request, check the answer, write the file."""
        pipeline, call = self._pipeline, transfer.call
        session = await self._session_in_worker()
        try:
            try:
                async with session.post(
                    pipeline.url(call),
                    data=pipeline.form(call),
                    headers=transfer.request_headers(),
                    allow_redirects=False,
                ) as response:
                    transfer.attempt.status = response.status
                    return await transfer.consume(_AiohttpAnswer(response))
            except (TimeoutError, aiohttp.ClientError) as exc:
                if transfer.attempt.status is not None:
                    raise transfer.interrupted(str(exc) or type(exc).__name__) from exc
                raise _network_error(pipeline, call, exc) from exc
        finally:
            transfer.close_file()

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
            timeout = self._pipeline.timeout
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

    def chunks(self) -> AsyncIterator[bytes]:
        # The session undoes any Content-Encoding (we ask for identity).
        return self._response.content.iter_any()


def _network_error(pipeline: Pipeline, call: Call[Any], exc: BaseException) -> SmscError:
    """The client's error for an aiohttp failure before any answer arrived."""
    detail = pipeline.redact(str(exc) or type(exc).__name__)
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
