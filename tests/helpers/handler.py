"""A client's callback handler for tests: aiohttp on 127.0.0.1, on a thread of its own.

It records every request (method, path, GET query, Content-Type, raw body) and answers
``OK`` unless ``respond`` says otherwise. :func:`received_fields` reads a body the way a
handler script would, and :func:`expected_hash` computes signatures with hashlib/zlib
directly, independent of the app's signing code.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import zlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote_to_bytes
from xml.etree import ElementTree

import pytest
from aiohttp import web

Responder = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    query: list[tuple[str, str]]
    content_type: str
    body: bytes
    user_agent: str = ""

    def as_pasted(self, codec: str = "ascii") -> str:
        """The request as a handler's log would show it (what a user pastes into the
        signature checker): request line, headers, body."""
        query = "&".join(f"{k}={v}" if v else k for k, v in self.query)
        target = f"{self.path}?{query}" if query else self.path
        return (
            f"{self.method} {target} HTTP/1.1\nContent-Type: {self.content_type}\n"
            f"User-Agent: {self.user_agent}\n\n{self.body.decode(codec)}"
        )


class LocalHandler:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.respond: Responder | None = None
        self.url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._release: asyncio.Event | None = None
        self._arrived = threading.Condition()

    def wait_received(self, count: int = 1, timeout: float = 10.0) -> list[Received]:
        """Wait (on a condition, no sleeping) until ``count`` requests have arrived."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.received) >= count, timeout):
                raise AssertionError(f"{len(self.received)} of {count} requests arrived")
            return list(self.received)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.received.append(
            Received(
                request.method,
                request.path,
                list(parse_qsl(request.query_string, keep_blank_values=True)),
                request.headers.get("Content-Type", ""),
                body,
                request.headers.get("User-Agent", ""),
            )
        )
        with self._arrived:
            self._arrived.notify_all()
        if self.respond is not None:
            return await self.respond(request)
        return web.Response(text="OK")

    async def hang(self) -> web.StreamResponse:
        """For ``respond``: never answer (until the handler stops)."""
        assert self._release is not None
        await self._release.wait()
        return web.Response(text="late")

    def start(self) -> str:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", self._handle)
            runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
            loop.run_until_complete(runner.setup())
            site = web.TCPSite(runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            self._release = asyncio.Event()
            self.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
            ready.set()
            try:
                loop.run_forever()
            finally:
                self._release.set()
                loop.run_until_complete(runner.cleanup())
                loop.close()

        self._thread = threading.Thread(target=run, name="test-handler", daemon=True)
        self._thread.start()
        ready.wait(10)
        return self.url

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            release = self._release
            if release is not None:
                self._loop.call_soon_threadsafe(release.set)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
        self._thread = None
        self._loop = None


@pytest.fixture
def local_handler() -> Iterator[LocalHandler]:
    handler = LocalHandler()
    handler.start()
    try:
        yield handler
    finally:
        handler.stop()


def received_fields(request: Received, codec: str) -> dict[str, bytes]:
    """What a handler reads from the body: the raw value bytes in the callback's charset."""
    content_type, body = request.content_type, request.body
    if content_type.startswith("application/json"):
        return {k: str(v).encode(codec) for k, v in json.loads(body.decode(codec)).items()}
    if content_type.startswith("application/xml"):
        root = ElementTree.fromstring(body)  # bytes: the XML declaration names the encoding
        return {child.tag: (child.text or "").encode(codec) for child in root}
    out = {}
    for pair in body.split(b"&"):
        name, _, value = pair.partition(b"=")
        key = unquote_to_bytes(name.replace(b"+", b" ")).decode(codec)
        out[key] = unquote_to_bytes(value.replace(b"+", b" "))
    return out


def expected_hash(algorithm: str, data: bytes) -> str:
    if algorithm == "md5":
        return hashlib.md5(data).hexdigest()
    if algorithm == "sha1":
        return hashlib.sha1(data).hexdigest()
    return str(zlib.crc32(data) & 0xFFFFFFFF)
