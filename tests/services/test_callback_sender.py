"""Test callbacks posted to a real local handler (aiohttp on 127.0.0.1), and named failures.

The handler checks the signatures on its own, with hashlib/zlib over the bytes it received,
the way a client's PHP script would: it does not use the app's signing code.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes
from xml.etree import ElementTree

import httpx
import pytest
from aiohttp import web

from smsc_desktop.services.callback_sender import CallbackSender, SendFailure, classify
from smsc_desktop.services.callbacks import CallbackKind, SampleValues

SECRET = "Test_secret-42"


@dataclass
class Received:
    method: str
    path: str
    query: list[tuple[str, str]]
    content_type: str
    body: bytes
    fields: dict[str, bytes] = field(default_factory=dict)


def _fields(body: bytes, content_type: str, codec: str) -> dict[str, bytes]:
    """What a handler reads from the body: raw value bytes in the callback's charset."""
    if content_type.startswith("application/json"):
        return {k: str(v).encode(codec) for k, v in json.loads(body.decode(codec)).items()}
    if content_type.startswith("application/xml"):
        root = ElementTree.fromstring(body)  # bytes: the XML declaration names the encoding
        return {child.tag: (child.text or "").encode(codec) for child in root}
    out = {}
    for pair in body.split(b"&"):
        name, _, value = pair.partition(b"=")
        out[unquote_to_bytes(name.replace(b"+", b" ")).decode(codec)] = unquote_to_bytes(
            value.replace(b"+", b" ")
        )
    return out


def expected_hash(algorithm: str, data: bytes) -> str:
    if algorithm == "md5":
        return hashlib.md5(data).hexdigest()
    if algorithm == "sha1":
        return hashlib.sha1(data).hexdigest()
    return str(zlib.crc32(data) & 0xFFFFFFFF)


@asynccontextmanager
async def local_handler(
    respond: Callable[[web.Request], Awaitable[web.StreamResponse]] | None = None,
) -> AsyncIterator[tuple[str, list[Received]]]:
    """A handler on 127.0.0.1 that records every request; yields (base URL, requests)."""
    received: list[Received] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        received.append(
            Received(
                request.method,
                request.path,
                list(parse_qsl(request.query_string, keep_blank_values=True)),
                request.headers.get("Content-Type", ""),
                body,
            )
        )
        if respond is not None:
            return await respond(request)
        return web.Response(text="OK")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}", received
    finally:
        await runner.cleanup()


CHARSETS = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}
FORMATS = {"form": "", "xml": "&fmt=2", "json": "&fmt=3"}
SIGNED_STRING = {
    CallbackKind.STATUS: ("id", "phone", "status"),
    CallbackKind.WAITCALL: ("phone", "ts"),
    CallbackKind.INCOMING: ("id", "phone", "mes"),
}


@pytest.mark.parametrize("kind", list(CallbackKind))
@pytest.mark.parametrize(
    ("charset", "body_format"),
    [(c, f) for c in CHARSETS for f in FORMATS if not (c == "koi8-r" and f != "form")],
)
def test_test_callback_arrives_signed(kind: CallbackKind, charset: str, body_format: str) -> None:
    async def scenario() -> tuple[Any, list[Received]]:
        async with local_handler() as (base, received):
            url = (
                f"{base}/sms/handler.php!site=shop1&flag?charset={charset}{FORMATS[body_format]}"
                f"&md5={SECRET}&sha1={SECRET}&crc32={SECRET}&source=smsc"
            )
            result = await CallbackSender(timeout=5).send(url, kind, SampleValues(ts="1718190190"))
            return result, received

    result, received = asyncio.run(scenario())
    assert result.ok, (result.failure, result.detail)
    assert result.status == 200
    assert result.body == "OK"
    assert result.elapsed > 0
    (request,) = received
    assert request.method == "POST"
    assert request.path == "/sms/handler.php"
    assert request.query == [("site", "shop1"), ("flag", "")]  # the ! parameters come by GET
    codec = CHARSETS[charset]
    assert f"charset={charset}" in request.content_type
    fields = _fields(request.body, request.content_type, codec)
    assert fields["source"] == b"smsc"  # every parameter after ? is POSTed too
    assert fields["charset"] == charset.encode()
    assert "site" not in fields
    if kind is CallbackKind.INCOMING:
        assert fields["mes"] == SampleValues().mes.encode(codec)
    if kind is CallbackKind.WAITCALL:
        assert fields["waitcall"] == b"1"
    data = b":".join([*(fields[name] for name in SIGNED_STRING[kind]), SECRET.encode()])
    for algorithm in ("md5", "sha1", "crc32"):
        assert fields[algorithm].decode() == expected_hash(algorithm, data), algorithm
    assert result.request is not None
    assert result.request.body == request.body


def test_handler_error_status_is_reported_with_its_body() -> None:
    async def respond(request: web.Request) -> web.StreamResponse:
        return web.Response(status=500, text="Fatal error: signature mismatch")

    async def scenario() -> Any:
        async with local_handler(respond) as (base, _received):
            return await CallbackSender().send(f"{base}/cb.php?md5=k", CallbackKind.STATUS)

    result = asyncio.run(scenario())
    assert result.failure is SendFailure.HTTP_STATUS
    assert (result.status, result.reason) == (500, "Internal Server Error")
    assert result.body == "Fatal error: signature mismatch"


def test_redirect_is_not_followed() -> None:
    async def respond(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound("https://elsewhere.example/cb.php")

    async def scenario() -> Any:
        async with local_handler(respond) as (base, received):
            result = await CallbackSender().send(f"{base}/cb.php", CallbackKind.STATUS)
            return result, len(received)

    result, count = asyncio.run(scenario())
    assert count == 1
    assert result.failure is SendFailure.HTTP_STATUS
    assert result.status == 302
    assert result.location == "https://elsewhere.example/cb.php"


def test_long_answers_are_cut() -> None:
    async def respond(request: web.Request) -> web.StreamResponse:
        return web.Response(text="x" * 10_000)

    async def scenario() -> Any:
        async with local_handler(respond) as (base, _received):
            return await CallbackSender().send(base + "/", CallbackKind.INCOMING)

    result = asyncio.run(scenario())
    assert result.ok
    assert len(result.body) == 4096
    assert result.body_truncated


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused() -> None:
    port = _free_port()
    result = asyncio.run(CallbackSender(timeout=5).send(f"http://127.0.0.1:{port}/cb", CallbackKind.STATUS))
    assert result.failure is SendFailure.REFUSED
    assert result.status is None


def test_timeout() -> None:
    async def scenario() -> Any:
        never = asyncio.Event()

        async def respond(request: web.Request) -> web.StreamResponse:
            await never.wait()  # the handler hangs; the sender gives up after its timeout
            return web.Response(text="late")

        async with local_handler(respond) as (base, _received):
            result = await CallbackSender(timeout=0.3).send(base + "/slow", CallbackKind.STATUS)
            never.set()
            return result

    result = asyncio.run(scenario())
    assert result.failure is SendFailure.TIMEOUT


def test_tls_failure() -> None:
    async def scenario() -> Any:
        async with local_handler() as (base, _received):
            return await CallbackSender(timeout=5).send(
                base.replace("http://", "https://") + "/cb", CallbackKind.STATUS
            )

    result = asyncio.run(scenario())
    assert result.failure is SendFailure.TLS


def test_dns_failure() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as exc:
            raise httpx.ConnectError("[Errno -2] Name or service not known") from exc

    sender = CallbackSender(transport=httpx.MockTransport(fail))
    result = asyncio.run(sender.send("https://no-such-host.invalid/cb", CallbackKind.WAITCALL))
    assert result.failure is SendFailure.DNS
    assert "Name or service not known" in result.detail


@pytest.mark.parametrize("url", ["", "not a url", "ftp://mysite.ru/cb"])
def test_invalid_url(url: str) -> None:
    result = asyncio.run(CallbackSender().send(url, CallbackKind.STATUS))
    assert result.failure is SendFailure.INVALID_URL
    assert result.request is None


def test_classify_other_failures() -> None:
    assert classify(httpx.ReadTimeout("slow")) is SendFailure.TIMEOUT
    assert classify(httpx.ConnectError("Connection refused")) is SendFailure.REFUSED
    assert classify(httpx.RemoteProtocolError("Server disconnected")) is SendFailure.CONNECTION
