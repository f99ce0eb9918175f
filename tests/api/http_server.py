"""A :class:`FakeSmsc` served over real HTTP on 127.0.0.1, for the download transport.

The download transport is aiohttp on a worker thread, so its tests need a socket. This server
answers every request with what the fake's routes say, byte for byte: the route's status and
headers, its body streamed chunk by chunk (with the pauses of a :class:`SlowStream`). A body
without ``Content-Length`` is sent chunked, unless the route asks for ``X-Close-Delimited``:
then the connection's end is the body's end; ``X-Hold-Headers: N`` waits N seconds before
answering at all. A stream that raises cuts the connection there. One request per
connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Self

import httpx

from tests.api.fake_smsc import FakeSmsc

CLOSE_DELIMITED = "X-Close-Delimited"
HOLD_HEADERS = "X-Hold-Headers"
"""Seconds the server waits before it answers at all."""


class SlowStream(httpx.AsyncByteStream):
    """Yields *chunks* with *delay* seconds before each (on the server's loop)."""

    def __init__(self, chunks: list[bytes], delay: float) -> None:
        self.chunks = chunks
        self.delay = delay

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            await asyncio.sleep(self.delay)
            yield chunk


class ServedSmsc:
    """``with ServedSmsc(fake) as server: server.url``."""

    def __init__(self, fake: FakeSmsc) -> None:
        self.fake = fake
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="served-smsc")
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    def __enter__(self) -> Self:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        self.url = future.result(10)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> str:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def _stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await self._server.wait_closed()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            request = await self._read_request(reader)
            if request is not None:
                await self._answer(request, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _read_request(self, reader: asyncio.StreamReader) -> httpx.Request | None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = [tuple(line.split(":", 1)) for line in lines[1:] if ":" in line]
        headers = [(k.strip(), v.strip()) for k, v in headers]
        length = next((int(v) for k, v in headers if k.lower() == "content-length"), 0)
        body = await reader.readexactly(length) if length else b""
        url = f"{self.url}{path}"
        return httpx.Request(method, url, headers=headers, content=body)

    async def _answer(self, request: httpx.Request, writer: asyncio.StreamWriter) -> None:
        try:
            response = self.fake.handle(request)
        except Exception:
            return  # an exception route: the connection closes without an answer
        headers = httpx.Headers(response.headers)
        close_delimited = headers.pop(CLOSE_DELIMITED, None) is not None
        hold = headers.pop(HOLD_HEADERS, None)
        if hold is not None:
            await asyncio.sleep(float(hold))
        sized = "content-length" in headers
        chunked = not sized and not close_delimited
        if chunked:
            headers["Transfer-Encoding"] = "chunked"
        headers["Connection"] = "close"
        reason = response.reason_phrase or "Status"
        lines = [f"HTTP/1.1 {response.status_code} {reason}"]
        lines += [f"{k}: {v}" for k, v in headers.multi_items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        try:
            async for chunk in response.stream:  # type: ignore[union-attr]
                if not chunk:
                    continue
                writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk)
                await writer.drain()
        except Exception:
            await writer.drain()
            writer.transport.abort()  # cut mid-body
            return
        if chunked:
            writer.write(b"0\r\n\r\n")
        await writer.drain()
