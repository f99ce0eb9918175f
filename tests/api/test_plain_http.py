"""``api.plain_http``: the plain requests of the services (test callbacks, sandbox control)."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from smsc_desktop.api import NetCause, PlainHttpError, post_plain
from smsc_desktop.api.netcauses import cause_of


def test_causes_are_named_from_the_exception_chain() -> None:
    assert cause_of(httpx.ConnectError("Connection refused")) is NetCause.REFUSED
    assert cause_of(httpx.RemoteProtocolError("Server disconnected")) is NetCause.CONNECTION
    timed_out = httpx.ConnectError("x")
    timed_out.__cause__ = TimeoutError()
    assert cause_of(timed_out) is NetCause.TIMEOUT


def test_timeouts_invalid_urls_and_answers() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("slow")
        return httpx.Response(
            418, json={"got": json.loads(request.content)}, headers={"X-Test": "1"}
        )

    transport = httpx.MockTransport(handle)

    async def scenario() -> None:
        with pytest.raises(PlainHttpError) as info:
            await post_plain("http://127.0.0.1/slow", json={}, transport=transport)
        assert info.value.cause is NetCause.TIMEOUT
        with pytest.raises(PlainHttpError) as info:
            await post_plain("ftp://example.org/", content=b"")
        assert info.value.cause is NetCause.INVALID_URL
        reply = await post_plain("http://127.0.0.1/x", json={"a": 1}, transport=transport)
        assert (reply.status, reply.reason) == (418, "I'm a teapot")
        assert reply.json() == {"got": {"a": 1}}
        assert reply.headers["x-test"] == "1"

    asyncio.run(scenario())


def test_the_answer_is_read_up_to_the_cap_only() -> None:
    pulled = 0

    class Endless(httpx.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            nonlocal pulled
            while True:
                pulled += 1
                yield b"x" * 1024

    transport = httpx.MockTransport(lambda request: httpx.Response(200, stream=Endless()))
    reply = asyncio.run(post_plain("http://127.0.0.1/", transport=transport, max_body=4096))
    assert reply.truncated
    assert len(reply.body) == 4096
    assert pulled <= 6


def test_no_certificate_store_is_read_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every simulated call of the demo is a plain request: building a TLS context for each
    read the certificate store again (20-50 ms on the event loop). An http:// address needs
    none; an https:// one shares the SMSC client's context, read once."""
    import socket
    import ssl

    from smsc_desktop.api import client as client_module

    read: list[str] = []
    real = ssl.create_default_context

    def counting(*args: object, **kwargs: object) -> ssl.SSLContext:
        read.append("store")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(client_module, "_tls_context", None)
    monkeypatch.setattr(ssl, "create_default_context", counting)
    with socket.socket() as closed:  # a port nobody listens on: refused at once
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]

    async def scenario(scheme: str) -> None:
        for _ in range(3):
            with pytest.raises(PlainHttpError) as info:
                await post_plain(f"{scheme}://127.0.0.1:{port}/sandbox/x", json={}, timeout=2)
            assert info.value.cause is NetCause.REFUSED

    asyncio.run(scenario("http"))
    assert read == []
    asyncio.run(scenario("https"))
    assert read == ["store"]
