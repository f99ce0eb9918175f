"""Network failures: classification, the one retry for reads, never a retry for rent.

MockTransport raises httpx's exceptions directly; the ``real_*`` tests provoke the same
failures over real sockets on 127.0.0.1 so the classification matches what httpx raises.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from smsc_desktop.api import (
    ConnectFailedError,
    Credentials,
    DnsLookupError,
    NetworkError,
    OutcomeUnknownError,
    RequestRecord,
    RequestTimeoutError,
    ResponseTimeoutError,
    SmscClient,
    TlsError,
)
from tests.api.fake_smsc import PASSWORD, FakeSmsc

MakeClient = Callable[..., SmscClient]
Method = Callable[[SmscClient], Awaitable[Any]]

READS: list[tuple[str, str | None, Method, bytes]] = [
    ("balance", None, lambda c: c.balance(), b'{"balance": "1.00"}'),
    ("receive_phones", "get", lambda c: c.list_available_numbers(), b"[]"),
    ("get", "get_answers", lambda c: c.incoming_messages(), b"[]"),
    ("downloads", "get_list", lambda c: c.list_jobs(), b"[]"),
]
WRITES: list[tuple[str, str | None, Method]] = [
    ("receive_phones", "buy", lambda c: c.rent_number("79990000001")),
    ("receive_phones", "chg", lambda c: c.set_renewal("79990000001", True)),
    ("wait_call", None, lambda c: c.request_call_verification("79161234567")),
]


def connect_error(request: httpx.Request | None = None) -> httpx.ConnectError:
    return httpx.ConnectError("[Errno 111] Connection refused")


def dns_error() -> httpx.ConnectError:
    error = httpx.ConnectError("[Errno -2] Name or service not known")
    error.__cause__ = socket.gaierror(-2, "Name or service not known")
    return error


def tls_error() -> httpx.ConnectError:
    error = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    error.__cause__ = ssl.SSLCertVerificationError("certificate verify failed")
    return error


@pytest.mark.parametrize(
    ("raised", "expected", "sent"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), ConnectFailedError, False),
        (dns_error(), DnsLookupError, False),
        (tls_error(), TlsError, False),
        (httpx.ConnectTimeout("timed out"), RequestTimeoutError, False),
        (httpx.PoolTimeout("pool"), RequestTimeoutError, False),
        (httpx.ReadTimeout("timed out"), ResponseTimeoutError, True),
        (httpx.WriteTimeout("timed out"), ResponseTimeoutError, True),
        (httpx.ReadError("connection reset"), OutcomeUnknownError, True),
        (httpx.RemoteProtocolError("Server disconnected"), OutcomeUnknownError, True),
        (httpx.ProxyError("proxy refused"), ConnectFailedError, False),
    ],
)
async def test_classification(
    fake: FakeSmsc,
    make_client: MakeClient,
    records: list[RequestRecord],
    raised: Exception,
    expected: type[NetworkError],
    sent: bool,
) -> None:
    fake.on("receive_phones", "buy", raised)
    async with make_client() as client:
        with pytest.raises(expected) as info:
            await client.rent_number("79990000001")
    error = info.value
    assert type(error) is expected
    assert error.request_sent is sent
    assert isinstance(error, NetworkError)
    assert len(fake.seen) == 1  # rent is never retried
    assert records[-1].error == expected.__name__
    assert records[-1].http_status is None


def test_response_timeout_is_both_timeout_and_outcome_unknown() -> None:
    assert issubclass(ResponseTimeoutError, OutcomeUnknownError)
    assert issubclass(ResponseTimeoutError, RequestTimeoutError)


@pytest.mark.parametrize(("script", "command", "call", "ok_body"), READS)
async def test_reads_retry_once_after_connect_error(
    fake: FakeSmsc,
    make_client: MakeClient,
    records: list[RequestRecord],
    script: str,
    command: str | None,
    call: Method,
    ok_body: bytes,
) -> None:
    fake.on(script, command, connect_error(), httpx.Response(200, content=ok_body))
    async with make_client() as client:
        await call(client)
    assert len(fake.seen) == 2
    assert [r.outcome for r in records] == ["error", "ok"]
    assert [r.attempt for r in records] == [1, 2]


@pytest.mark.parametrize(("script", "command", "call", "ok_body"), READS)
async def test_reads_retry_only_once(
    fake: FakeSmsc,
    make_client: MakeClient,
    script: str,
    command: str | None,
    call: Method,
    ok_body: bytes,
) -> None:
    fake.on(script, command, connect_error())
    async with make_client() as client:
        with pytest.raises(ConnectFailedError):
            await call(client)
    assert len(fake.seen) == 2


@pytest.mark.parametrize(
    "raised",
    [
        httpx.ReadTimeout("t"),
        httpx.ConnectTimeout("t"),
        httpx.RemoteProtocolError("x"),
        tls_error(),
    ],
)
@pytest.mark.parametrize(("script", "command", "call", "ok_body"), READS)
async def test_reads_not_retried_on_other_failures(
    fake: FakeSmsc,
    make_client: MakeClient,
    script: str,
    command: str | None,
    call: Method,
    ok_body: bytes,
    raised: Exception,
) -> None:
    fake.on(script, command, raised, httpx.Response(200, content=ok_body))
    async with make_client() as client:
        with pytest.raises(NetworkError):
            await call(client)
    assert len(fake.seen) == 1


@pytest.mark.parametrize(("script", "command", "call"), WRITES)
async def test_writes_never_retried(
    fake: FakeSmsc, make_client: MakeClient, script: str, command: str | None, call: Method
) -> None:
    fake.on(script, command, connect_error(), httpx.Response(200, json={"cost": "1", "phone": "7"}))
    async with make_client() as client:
        with pytest.raises(ConnectFailedError):
            await call(client)
    assert len(fake.seen) == 1


async def test_network_error_texts_are_plain_and_secret_free(
    fake: FakeSmsc, make_client: MakeClient
) -> None:
    fake.on("balance", None, httpx.ConnectError(f"refused for psw={PASSWORD}"))
    async with make_client() as client:
        with pytest.raises(ConnectFailedError) as info:
            await client.balance()
    error = info.value
    assert "Could not connect" in str(error)
    assert PASSWORD not in str(error.detail)
    assert "psw=***" in str(error.detail)


# --- real sockets -----------------------------------------------------------------------

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def tcp_server(handler: Handler) -> AsyncIterator[int]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield port
    finally:
        server.close()
        await server.wait_closed()


async def read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return head + await reader.readexactly(length)


def real_client(url: str, **kwargs: Any) -> SmscClient:
    return SmscClient(url, Credentials.from_password("demo", PASSWORD), **kwargs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_real_connection_refused_retried_once_for_reads() -> None:
    records: list[RequestRecord] = []
    async with real_client(f"http://127.0.0.1:{free_port()}", observer=records.append) as c:
        with pytest.raises(ConnectFailedError) as info:
            await c.balance()
        assert not info.value.request_sent
        with pytest.raises(ConnectFailedError):
            await c.rent_number("79990000001")
    assert [r.endpoint for r in records] == ["balance", "balance", "receive_phones"]


async def test_real_no_answer_is_a_response_timeout() -> None:
    seen: list[bytes] = []
    done = asyncio.Event()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(await read_request(reader))
        await done.wait()
        writer.close()

    async with tcp_server(silent) as port:
        async with real_client(f"http://127.0.0.1:{port}", timeout=0.3) as client:
            with pytest.raises(ResponseTimeoutError) as info:
                await client.rent_number("79990000001")
            with pytest.raises(ResponseTimeoutError):
                await client.balance()
        done.set()
    assert isinstance(info.value, OutcomeUnknownError)
    assert info.value.request_sent
    assert len(seen) == 2  # neither the rent nor the read was repeated
    assert b"psw=" in seen[0]
    assert b"psw" not in seen[0].split(b"\r\n")[0]  # never in the request line (URL)


async def test_real_connection_dropped_after_sending() -> None:
    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.close()

    async with tcp_server(drop) as port, real_client(f"http://127.0.0.1:{port}") as client:
        with pytest.raises(OutcomeUnknownError) as info:
            await client.rent_number("79990000001")
    assert info.value.request_sent


async def test_real_tls_to_a_plain_server_is_a_tls_error() -> None:
    async def plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1024)
        writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    async with tcp_server(plain) as port, real_client(f"https://127.0.0.1:{port}") as client:
        with pytest.raises(TlsError) as info:
            await client.balance()
    assert not info.value.request_sent


async def test_broken_compression_is_a_protocol_error(
    fake: FakeSmsc, make_client: MakeClient
) -> None:
    from smsc_desktop.api import ProtocolError

    fake.on("balance", None, httpx.DecodingError("bad gzip"))
    async with make_client() as client:
        with pytest.raises(ProtocolError, match="decoded"):
            await client.balance()
    assert len(fake.seen) == 1


async def test_cancelled_request_is_recorded(
    fake: FakeSmsc, make_client: MakeClient, records: list[RequestRecord]
) -> None:
    started = asyncio.Event()

    async def hang(request: httpx.Request) -> httpx.Response:
        started.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    async with make_client(transport=httpx.MockTransport(hang)) as client:
        task = asyncio.create_task(client.balance())
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert records[-1].error == "CancelledError"
    assert records[-1].outcome == "error"
