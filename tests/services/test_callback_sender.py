"""Test callbacks posted to a real local handler (aiohttp on 127.0.0.1), and named failures.

The handler checks the signatures on its own, with hashlib/zlib over the bytes it received,
the way a client's PHP script would: it does not use the app's signing code.
"""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest
from aiohttp import web

from smsc_desktop.services.callback_sender import CallbackSender, SendFailure
from smsc_desktop.services.callbacks import CallbackKind, SampleValues
from tests.helpers.handler import LocalHandler, expected_hash, received_fields

pytest_plugins = ["tests.helpers.handler"]

SECRET = "Test_secret-42"


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
def test_test_callback_arrives_signed(
    local_handler: LocalHandler, kind: CallbackKind, charset: str, body_format: str
) -> None:
    url = (
        f"{local_handler.url}/sms/handler.php!site=shop1&flag?charset={charset}"
        f"{FORMATS[body_format]}&md5={SECRET}&sha1={SECRET}&crc32={SECRET}&source=smsc"
    )
    sender = CallbackSender(timeout=5)
    result = asyncio.run(sender.send(url, kind, SampleValues(ts="1718190190")))
    assert result.ok, (result.failure, result.detail)
    assert result.status == 200
    assert result.body == "OK"
    assert result.elapsed > 0
    (request,) = local_handler.received
    assert request.method == "POST"
    assert request.path == "/sms/handler.php"
    assert request.query == [("site", "shop1"), ("flag", "")]  # the ! parameters come by GET
    codec = CHARSETS[charset]
    assert f"charset={charset}" in request.content_type
    fields = received_fields(request, codec)
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


def test_handler_error_status_is_reported_with_its_body(local_handler: LocalHandler) -> None:
    async def respond(request: web.Request) -> web.StreamResponse:
        return web.Response(status=500, text="Fatal error: signature mismatch")

    local_handler.respond = respond
    result = asyncio.run(
        CallbackSender().send(f"{local_handler.url}/cb.php?md5=k", CallbackKind.STATUS)
    )
    assert result.failure is SendFailure.HTTP_STATUS
    assert (result.status, result.reason) == (500, "Internal Server Error")
    assert result.body == "Fatal error: signature mismatch"


def test_redirect_is_not_followed(local_handler: LocalHandler) -> None:
    async def respond(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound("https://elsewhere.example/cb.php")

    local_handler.respond = respond
    result = asyncio.run(CallbackSender().send(f"{local_handler.url}/cb.php", CallbackKind.STATUS))
    assert len(local_handler.received) == 1
    assert result.failure is SendFailure.HTTP_STATUS
    assert result.status == 302
    assert result.location == "https://elsewhere.example/cb.php"


def test_long_answers_are_cut(local_handler: LocalHandler) -> None:
    async def respond(request: web.Request) -> web.StreamResponse:
        return web.Response(text="x" * 10_000)

    local_handler.respond = respond
    result = asyncio.run(CallbackSender().send(local_handler.url + "/", CallbackKind.INCOMING))
    assert result.ok
    assert len(result.body) == 4096
    assert result.body_truncated


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused() -> None:
    port = _free_port()
    result = asyncio.run(
        CallbackSender(timeout=5).send(f"http://127.0.0.1:{port}/cb", CallbackKind.STATUS)
    )
    assert result.failure is SendFailure.REFUSED
    assert result.status is None


def test_timeout(local_handler: LocalHandler) -> None:
    async def respond(request: web.Request) -> web.StreamResponse:
        return await local_handler.hang()  # the sender gives up after its timeout

    local_handler.respond = respond
    sender = CallbackSender(timeout=0.3)
    result = asyncio.run(sender.send(local_handler.url + "/slow", CallbackKind.STATUS))
    assert result.failure is SendFailure.TIMEOUT


def test_tls_failure(local_handler: LocalHandler) -> None:
    url = local_handler.url.replace("http://", "https://") + "/cb"
    result = asyncio.run(CallbackSender(timeout=5).send(url, CallbackKind.STATUS))
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


def test_other_failures_are_connection_failures() -> None:
    def disconnect(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("Server disconnected")

    sender = CallbackSender(transport=httpx.MockTransport(disconnect))
    result = asyncio.run(sender.send("https://example.invalid/cb", CallbackKind.STATUS))
    assert result.failure is SendFailure.CONNECTION
    assert result.detail == "Server disconnected"
