"""``api.fast_download``: aiohttp on a worker thread, against the sandbox over real HTTP.

The download core is tested in ``test_download.py``; these tests check the transport against
the sandbox: same form, resume, error bodies, errors, rate guard and request records, with the
guard and the observer on the caller's thread and the bytes on the worker thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import socket
import ssl
import threading
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from smsc_desktop.api import (
    BadParametersError,
    ConnectFailedError,
    Credentials,
    DnsLookupError,
    DownloadInterruptedError,
    Endpoint,
    HttpStatusError,
    NotFoundError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    RequestRecord,
    RequestTimeoutError,
    ResponseTimeoutError,
    SmscClient,
    TlsError,
    TooManyRequestsError,
)
from smsc_desktop.api import _endpoints as endpoints
from smsc_desktop.api.fast_download import FastDownloader, _network_error
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def client_for(
    sandbox: SandboxHandle,
    records: list[RequestRecord] | None = None,
    clock: FakeClock | None = None,
    url: str | None = None,
) -> SmscClient:
    kwargs: dict[str, object] = {}
    if records is not None:
        kwargs["observer"] = records.append
    if clock is not None:
        kwargs["clock"] = clock
    creds = Credentials.from_password(sandbox.login, sandbox.password)
    return SmscClient(url or sandbox.url, creds, **kwargs)  # type: ignore[arg-type]


async def test_download_matches_the_server_file(sandbox: SandboxHandle, tmp_path: Path) -> None:
    job = sandbox.create_job(2_500_000, status=2)
    info = sandbox.job_info(job["id"])
    dest = tmp_path / "export.csv"
    progress: list[tuple[int, int | None, str]] = []
    records: list[RequestRecord] = []
    caller = threading.current_thread().name
    async with client_for(sandbox, records) as client:
        downloader = FastDownloader(client)
        try:
            result = await downloader.download(
                job_id=job["id"],
                dest=dest,
                progress=lambda d, t: progress.append((d, t, threading.current_thread().name)),
            )
        finally:
            await downloader.aclose()
    assert sha256(dest) == info["sha256"]
    assert (result.total_bytes, result.received_bytes, result.resumed_from) == (
        info["size"],
        info["size"],
        0,
    )
    assert result.http_status == 200
    assert result.filename == job["file"]
    assert progress[-1][:2] == (info["size"], info["size"])
    assert {name for _, _, name in progress} == {"smsc-downloads"}
    (record,) = records
    assert record.endpoint == "downloads"
    assert record.command == "get_file"
    assert record.outcome == "ok"
    assert record.bytes_received == info["size"]
    assert dict(record.params) == {
        "get_file": "1",
        "id": str(job["id"]),
        "fmt": "3",
        "charset": "utf-8",
    }
    (entry,) = [e for e in sandbox.state()["log"] if e["command"] == "get_file"]
    assert entry["method"] == "POST"
    assert entry["params"]["fmt"] == "3"
    assert threading.current_thread().name == caller


async def test_download_by_name(sandbox: SandboxHandle, tmp_path: Path) -> None:
    job = sandbox.create_job(50_000, status=2, name="by_name_export")
    async with client_for(sandbox) as client:
        downloader = FastDownloader(client)
        await downloader.download(name="by_name_export", dest=tmp_path / "x.csv")
        await downloader.aclose()
    assert sha256(tmp_path / "x.csv") == sandbox.job_info(job["id"])["sha256"]


async def test_dropped_connection_keeps_the_part_and_resumes_with_range(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    job = sandbox.create_job(4_000_000, status=2)
    info = sandbox.job_info(job["id"])
    dest = tmp_path / "export.csv"
    # 3 MB in: aiohttp's read buffer (2 MB before it stops reading) cannot hold it all,
    # so part of the file is always on disk when the break is noticed (see test_sandbox).
    sandbox.set_fault("downloads", drop_after=3_000_001, count=1)
    records: list[RequestRecord] = []
    async with client_for(sandbox, records) as client:
        downloader = FastDownloader(client)
        with pytest.raises(DownloadInterruptedError) as interrupted:
            await downloader.download(job_id=job["id"], dest=dest)
        # Bytes still in aiohttp's read buffer when the connection broke are fetched again.
        on_disk = dest.stat().st_size
        assert on_disk == interrupted.value.bytes_on_disk
        assert 0 < on_disk <= 3_000_001
        assert interrupted.value.expected_bytes == info["size"]
        result = await downloader.download(job_id=job["id"], dest=dest)
        assert result.resumed_from == on_disk
        assert result.http_status == 206
        again = await downloader.download(job_id=job["id"], dest=dest)
        await downloader.aclose()
    assert again.already_complete
    assert sha256(dest) == info["sha256"]
    assert [r.outcome for r in records] == ["error", "ok", "ok"]
    assert records[0].error == "DownloadInterruptedError"


@pytest.mark.parametrize(
    ("fault", "expected", "match"),
    [
        ({"error_code": 3}, NotFoundError, None),
        ({"error_code": 1, "error_message": "job file is not ready"}, BadParametersError, None),
        ({"html": 200}, ProtocolError, "web page"),
        ({"html": 502}, HttpStatusError, "502"),
        ({"http_500": True}, HttpStatusError, "500"),
    ],
    ids=["error-3", "error-1", "html-200", "html-502", "http-500"],
)
async def test_an_answer_that_is_not_the_file_writes_nothing(
    sandbox: SandboxHandle,
    tmp_path: Path,
    fault: dict[str, object],
    expected: type[Exception],
    match: str | None,
) -> None:
    job = sandbox.create_job(50_000, status=2)
    dest = tmp_path / "export.csv"
    dest.write_bytes(b"x" * 1000)
    sandbox.set_fault("downloads", count=1, **fault)
    async with client_for(sandbox) as client:
        downloader = FastDownloader(client)
        with pytest.raises(expected, match=match):
            await downloader.download(job_id=job["id"], dest=dest)
        await downloader.aclose()
    assert dest.read_bytes() == b"x" * 1000


async def test_the_rate_guard_is_the_clients(sandbox: SandboxHandle, tmp_path: Path) -> None:
    job = sandbox.create_job(1000, status=2)
    clock = FakeClock()
    async with client_for(sandbox, clock=clock) as client:
        downloader, other = FastDownloader(client), FastDownloader(client)
        await other.download(job_id=job["id"], dest=tmp_path / "a", resume=False)
        await other.aclose()
        for _ in range(2):
            await downloader.download(job_id=job["id"], dest=tmp_path / "b", resume=False)
        wait = client.wait_time(Endpoint.DOWNLOAD, job_id=job["id"])
        assert wait == pytest.approx(61.5)
        with pytest.raises(RateLimitedError):
            await downloader.download(job_id=job["id"], dest=tmp_path / "c")
        assert not (tmp_path / "c").exists()
        clock.advance(61.5)
        sandbox.advance_clock(61.5)
        await downloader.download(job_id=job["id"], dest=tmp_path / "c")
        await downloader.aclose()
    assert sandbox.state()["requests"]["downloads.get_file"] == 4


async def test_server_error_9_blocks_the_guard(sandbox: SandboxHandle, tmp_path: Path) -> None:
    job = sandbox.create_job(1000, status=2)
    sandbox.set_fault("downloads", error_code=9, count=1)
    async with client_for(sandbox) as client:
        downloader = FastDownloader(client)
        with pytest.raises(TooManyRequestsError):
            await downloader.download(job_id=job["id"], dest=tmp_path / "f")
        wait = client.wait_time(Endpoint.DOWNLOAD, job_id=job["id"])
        assert wait == pytest.approx(61.5, abs=1)
        await downloader.aclose()


async def test_connect_failure_releases_the_guard_slot(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    records: list[RequestRecord] = []
    async with client_for(sandbox, records, url=f"http://127.0.0.1:{port}") as client:
        downloader = FastDownloader(client)
        for _ in range(3):
            with pytest.raises(ConnectFailedError) as failed:
                await downloader.download(job_id=1, dest=tmp_path / "f")
            assert not failed.value.request_sent
        # nothing left the computer, so nothing counts against SMSC's limit
        assert client.wait_time(Endpoint.DOWNLOAD, job_id=1) == 0.0
        await downloader.aclose()
    assert {r.error for r in records} == {"ConnectFailedError"}
    assert len(records) == 6  # one retry of a refused connection each time, as every call
    assert not (tmp_path / "f").exists()


async def test_cancel_stops_the_transfer_and_keeps_the_closed_part(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    job = sandbox.create_job(3_000_000, status=2)
    info = sandbox.job_info(job["id"])
    sandbox.set_fault("downloads", rate=400_000, count=1)
    dest = tmp_path / "export.csv"
    records: list[RequestRecord] = []
    async with client_for(sandbox, records) as client:
        downloader = FastDownloader(client)
        started = asyncio.Event()
        loop = asyncio.get_running_loop()
        task = asyncio.create_task(
            downloader.download(
                job_id=job["id"],
                dest=dest,
                progress=lambda d, t: loop.call_soon_threadsafe(started.set),
            )
        )
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        size = dest.stat().st_size
        assert 0 < size < info["size"]
        assert records[-1].error == "CancelledError"
        result = await downloader.download(job_id=job["id"], dest=dest)
        await downloader.aclose()
    assert result.resumed_from == size
    assert sha256(dest) == info["sha256"]


async def test_secrets_stay_out_of_records_and_errors(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    job = sandbox.create_job(200_000, status=2)
    sandbox.set_fault("downloads", drop_after=1000, count=1)
    records: list[RequestRecord] = []
    async with client_for(sandbox, records) as client:
        downloader = FastDownloader(client)
        with pytest.raises(DownloadInterruptedError) as info:
            await downloader.download(job_id=job["id"], dest=tmp_path / "f")
        await downloader.aclose()
    text = repr(records) + str(info.value) + repr(info.value.detail)
    assert sandbox.password not in text
    assert "psw" not in repr(records[0].params)


async def test_argument_checks_and_closing(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async with client_for(sandbox) as client:
        downloader = FastDownloader(client)
        with pytest.raises(ValueError, match="either"):
            await downloader.download(dest=tmp_path / "f")
        with pytest.raises(ValueError, match="where"):
            await downloader.download(job_id=1)
        assert downloader.thread is None  # nothing was started for bad arguments
        await downloader.aclose()
        await downloader.aclose()
        with pytest.raises(RuntimeError, match="closed"):
            await downloader.download(job_id=1, dest=tmp_path / "f")


async def test_the_worker_thread_ends_with_aclose(sandbox: SandboxHandle, tmp_path: Path) -> None:
    job = sandbox.create_job(10_000, status=2)
    async with client_for(sandbox) as client:
        downloader = FastDownloader(client)
        await downloader.download(job_id=job["id"], dest=tmp_path / "f")
        thread = downloader.thread
        assert thread is not None
        assert thread.is_alive()
        await downloader.aclose()
    assert not thread.is_alive()


class _Connector(aiohttp.ClientConnectorError):
    """aiohttp's connector error without its connection key (built by hand in tests)."""

    def __init__(self, cause: BaseException | None = None) -> None:
        Exception.__init__(self, "connect failed")
        self.__cause__ = cause

    def __str__(self) -> str:
        return "Cannot connect to host smsc.ru:443 ssl:default"


class _Ssl(aiohttp.ClientSSLError, _Connector):
    pass


@pytest.mark.parametrize(
    ("make", "expected", "sent"),
    [
        (lambda: _Ssl(), TlsError, False),
        (lambda: _Connector(ssl.SSLError(1, "certificate verify failed")), TlsError, False),
        (
            lambda: _Connector(socket.gaierror(-2, "Name or service not known")),
            DnsLookupError,
            False,
        ),
        (lambda: _Connector(ConnectionRefusedError(111, "refused")), ConnectFailedError, False),
        (lambda: aiohttp.ConnectionTimeoutError("connect timeout"), RequestTimeoutError, False),
        (lambda: aiohttp.SocketTimeoutError("read timeout"), ResponseTimeoutError, True),
        (lambda: TimeoutError(), ResponseTimeoutError, True),
        (lambda: aiohttp.ServerDisconnectedError(), OutcomeUnknownError, True),
    ],
    ids=[
        "ssl-error",
        "ssl-cause",
        "dns",
        "refused",
        "connect-timeout",
        "read-timeout",
        "timeout",
        "disconnected",
    ],
)
def test_aiohttp_failures_map_to_the_clients_errors(
    make: Any, expected: type[Exception], sent: bool
) -> None:
    client = SmscClient("https://smsc.ru", Credentials.from_password("login", "secret-pw"))
    call = endpoints.download(1, None)
    error = _network_error(client.pipeline, call, make())
    assert type(error) is expected
    assert error.request_sent is sent
    assert "secret-pw" not in str(error.detail)
