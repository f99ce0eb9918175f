"""Downloading a job's file: streaming, resume, restart, 416, and bodies that are not the file.

The download core (``api.download``) over its transport (``api.fast_download``: aiohttp on a
worker thread), against a scripted SMSC served over real HTTP (``tests/api/http_server.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from smsc_desktop.api import (
    AuthError,
    DownloadInterruptedError,
    Endpoint,
    NotFoundError,
    ProtocolError,
    RateLimitedError,
    RequestRecord,
    SmscClient,
    TooManyRequestsError,
)
from smsc_desktop.api.download import SpeedRule
from smsc_desktop.api.fast_download import FastDownloader
from tests.api.fake_smsc import PASSWORD, ChunkStream, FakeSmsc
from tests.api.http_server import CLOSE_DELIMITED, ServedSmsc, SlowStream

MakeClient = Callable[..., SmscClient]


@pytest.fixture
def served(fake: FakeSmsc) -> Iterator[ServedSmsc]:
    with ServedSmsc(fake) as server:
        yield server


@pytest.fixture
def make_downloader(
    make_client: MakeClient, served: ServedSmsc
) -> Callable[..., contextlib.AbstractAsyncContextManager[FastDownloader]]:
    """``async with make_downloader() as downloader`` (its ``client`` on the served fake)."""

    @contextlib.asynccontextmanager
    async def build(**kwargs: object) -> AsyncIterator[FastDownloader]:
        async with make_client(base_url=served.url, transport=None) as client:
            downloader = FastDownloader(client, **kwargs)  # type: ignore[arg-type]
            try:
                yield downloader
            finally:
                await downloader.aclose()

    return build


MakeDownloader = Callable[..., contextlib.AbstractAsyncContextManager[FastDownloader]]

DATA = b"".join(f"{i};7999{i:07d};SMSC;1;0;1.50;text number {i}\r\n".encode() for i in range(3000))
PARTIAL = DATA[:40000]


def serve_file(
    data: bytes = DATA,
    *,
    ranges: bool = True,
    chunk: int = 8192,
    cut_at: int | None = None,
    headers: dict[str, str] | None = None,
) -> Callable[[httpx.Request, dict[str, str]], httpx.Response]:
    """A get_file route: honours ``Range`` (206) when *ranges*, else sends it all (200)."""

    def handler(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        start = 0
        status = 200
        extra = {"Content-Type": "text/csv", **(headers or {})}
        match = re.fullmatch(r"bytes=(\d+)-", request.headers.get("Range", ""))
        if ranges and match:
            start = int(match.group(1))
            if start >= len(data):
                return httpx.Response(
                    416, headers={"Content-Range": f"bytes */{len(data)}"}, content=b""
                )
            status = 206
            extra["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        body = data[start:]
        extra["Content-Length"] = str(len(body))
        sent = body if cut_at is None else body[: cut_at - start]
        chunks = [sent[i : i + chunk] for i in range(0, len(sent), chunk)]
        error = httpx.RemoteProtocolError("peer closed connection") if cut_at else None
        return httpx.Response(status, headers=extra, stream=ChunkStream(chunks, error))

    return handler


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def test_fresh_download(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on(
        "downloads",
        "get_file",
        serve_file(headers={"Content-Disposition": 'attachment; filename="sms_may.csv"'}),
    )
    dest = tmp_path / "job.csv"
    progress: list[tuple[int, int | None]] = []
    async with make_downloader() as downloader:
        result = await downloader.download(
            job_id=1843, dest=dest, progress=lambda d, t: progress.append((d, t))
        )
    assert dest.read_bytes() == DATA
    assert (result.total_bytes, result.received_bytes, result.resumed_from) == (
        len(DATA),
        len(DATA),
        0,
    )
    assert not result.restarted
    assert result.filename == "sms_may.csv"
    assert result.http_status == 200
    assert progress[-1] == (len(DATA), len(DATA))
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    (seen,) = fake.seen
    assert seen.form["get_file"] == "1"
    assert seen.form["id"] == "1843"
    assert "Range" not in seen.headers
    assert seen.headers["Accept-Encoding"] == "identity"


async def test_download_by_name(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on("downloads", "get_file", serve_file())
    async with make_downloader() as downloader:
        await downloader.download(name="sms_may.csv", dest=tmp_path / "x.csv")
    assert fake.seen[0].form["name"] == "sms_may.csv"
    assert "id" not in fake.seen[0].form


async def test_resume_with_range(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path, records: list[RequestRecord]
) -> None:
    fake.on("downloads", "get_file", serve_file())
    dest = tmp_path / "job.csv"
    dest.write_bytes(PARTIAL)
    async with make_downloader() as downloader:
        result = await downloader.download(job_id=1, dest=dest)
    assert fake.seen[0].headers["Range"] == f"bytes={len(PARTIAL)}-"
    assert sha(dest.read_bytes()) == sha(DATA)
    assert result.resumed_from == len(PARTIAL)
    assert result.received_bytes == len(DATA) - len(PARTIAL)
    assert result.total_bytes == len(DATA)
    assert result.http_status == 206
    assert records[-1].bytes_received == len(DATA) - len(PARTIAL)


async def test_server_without_ranges_starts_over(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on("downloads", "get_file", serve_file(ranges=False))
    dest = tmp_path / "job.csv"
    dest.write_bytes(b"stale bytes that are not a prefix of the file at all" * 100)
    async with make_downloader() as downloader:
        result = await downloader.download(job_id=1, dest=dest)
    assert dest.read_bytes() == DATA
    assert result.restarted
    assert result.resumed_from == 0


async def test_resume_false_ignores_partial(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on("downloads", "get_file", serve_file())
    dest = tmp_path / "job.csv"
    dest.write_bytes(PARTIAL + b"garbage")
    async with make_downloader() as downloader:
        result = await downloader.download(job_id=1, dest=dest, resume=False)
    assert "Range" not in fake.seen[0].headers
    assert dest.read_bytes() == DATA
    assert not result.restarted


async def test_416_when_already_complete(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on("downloads", "get_file", serve_file())
    dest = tmp_path / "job.csv"
    dest.write_bytes(DATA)
    async with make_downloader() as downloader:
        result = await downloader.download(job_id=1, dest=dest)
    assert result.already_complete
    assert (result.received_bytes, result.total_bytes) == (0, len(DATA))
    assert dest.read_bytes() == DATA
    assert len(fake.seen) == 1


async def test_416_with_a_longer_local_file_restarts(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path, records: list[RequestRecord]
) -> None:
    fake.on("downloads", "get_file", serve_file())
    dest = tmp_path / "job.csv"
    dest.write_bytes(DATA + b"extra")
    async with make_downloader() as downloader:
        result = await downloader.download(job_id=1, dest=dest)
    assert dest.read_bytes() == DATA
    assert result.restarted
    assert [s.headers.get("Range") for s in fake.seen] == [f"bytes={len(DATA) + 5}-", None]
    assert [r.http_status for r in records] == [416, 200]
    assert records[0].outcome == "error"


async def test_interrupted_download_keeps_part_and_resumes(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on("downloads", "get_file", serve_file(cut_at=50000), serve_file())
    dest = tmp_path / "job.csv"
    async with make_downloader() as downloader:
        with pytest.raises(DownloadInterruptedError) as info:
            await downloader.download(job_id=1, dest=dest)
        assert info.value.bytes_on_disk == dest.stat().st_size
        assert info.value.expected_bytes == len(DATA)
        assert dest.read_bytes() == DATA[: dest.stat().st_size]
        assert 0 < dest.stat().st_size <= 50000  # what was in aiohttp's buffer is fetched again
        result = await downloader.download(job_id=1, dest=dest)
    assert sha(dest.read_bytes()) == sha(DATA)
    assert result.resumed_from == info.value.bytes_on_disk


async def test_short_body_without_transport_error_is_interrupted(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    def short(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        headers = {"Content-Length": str(len(DATA)), "Content-Type": "text/csv"}
        return httpx.Response(200, headers=headers, stream=ChunkStream([DATA[:9000]]))

    fake.on("downloads", "get_file", short)
    dest = tmp_path / "job.csv"
    async with make_downloader() as downloader:
        with pytest.raises(DownloadInterruptedError) as info:
            await downloader.download(job_id=1, dest=dest)
    assert (info.value.bytes_on_disk, info.value.expected_bytes) == (9000, len(DATA))
    assert dest.read_bytes() == DATA[:9000]


async def test_file_without_length(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    def chunked(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        chunks = [DATA[i : i + 1000] for i in range(0, len(DATA), 1000)]
        return httpx.Response(200, stream=ChunkStream(chunks))

    fake.on("downloads", "get_file", chunked)
    dest = tmp_path / "job.csv"
    progress: list[tuple[int, int | None]] = []
    async with make_downloader() as downloader:
        await downloader.download(
            job_id=1, dest=dest, progress=lambda d, t: progress.append((d, t))
        )
    assert dest.read_bytes() == DATA
    assert {t for _, t in progress} == {None}


NOT_THE_FILE = {
    "json-error": (b'{"error": "job not found", "error_code": 3}', NotFoundError),
    "json-auth": (b'{"error": "invalid login", "error_code": 2}', AuthError),
    "json-9": (b'{"error": "too many", "error_code": 9}', TooManyRequestsError),
    "xml-error": (b"<result><error>x</error><error_code>3</error_code></result>", NotFoundError),
    "text-error": (b"ERROR = 2 (invalid login)", AuthError),
    "fmt1-error": (b"0,-3", NotFoundError),
    "html": (b"<html><head><title>502 Bad Gateway</title></head></html>", ProtocolError),
    "json-data": (b'[{"id": 1, "status": 2}]', ProtocolError),
    "empty": (b"", ProtocolError),
}


@pytest.mark.parametrize("body", NOT_THE_FILE.values(), ids=NOT_THE_FILE.keys())
@pytest.mark.parametrize("status", [200, 206])
async def test_body_that_is_not_the_file_leaves_partial_untouched(
    fake: FakeSmsc,
    make_downloader: MakeDownloader,
    tmp_path: Path,
    body: tuple[bytes, type[Exception]],
    status: int,
) -> None:
    content, expected = body
    headers = {}
    if status == 206:
        headers["Content-Range"] = f"bytes 0-{max(len(content) - 1, 0)}/{len(content)}"
    fake.on("downloads", "get_file", httpx.Response(status, headers=headers, content=content))
    dest = tmp_path / "job.csv"
    dest.write_bytes(PARTIAL)
    before = dest.stat().st_mtime_ns
    async with make_downloader() as downloader:
        with pytest.raises(expected):
            await downloader.download(job_id=1, dest=dest, resume=status == 200)
    assert dest.read_bytes() == PARTIAL
    assert dest.stat().st_mtime_ns == before


async def test_error_body_creates_no_file(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.text("downloads", "get_file", '{"error": "not ready", "error_code": 3}')
    dest = tmp_path / "job.csv"
    async with make_downloader() as downloader:
        with pytest.raises(NotFoundError):
            await downloader.download(job_id=1, dest=dest)
    assert not dest.exists()


async def test_big_json_error_with_json_content_type(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    padding = "x" * 10000
    body = f'{{"error": "{padding}", "error_code": 1}}'.encode()
    fake.on("downloads", "get_file", httpx.Response(200, json={"error": padding, "error_code": 1}))
    async with make_downloader() as downloader:
        with pytest.raises(Exception, match="error 1") as info:
            await downloader.download(job_id=1, dest=tmp_path / "x")
    assert len(info.value.body_excerpt) <= 200  # type: ignore[attr-defined]
    assert len(body) > 4096


async def test_http_error_status_on_download(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.text("downloads", "get_file", "<html>Not Found</html>", status=404)
    async with make_downloader() as downloader:
        with pytest.raises(ProtocolError, match="HTTP error 404"):
            await downloader.download(job_id=1, dest=tmp_path / "x")


async def test_206_at_the_wrong_offset(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on(
        "downloads",
        "get_file",
        httpx.Response(
            206,
            headers={"Content-Range": f"bytes 10-{len(DATA) - 1}/{len(DATA)}"},
            content=DATA[10:],
        ),
    )
    dest = tmp_path / "job.csv"
    dest.write_bytes(PARTIAL)
    async with make_downloader() as downloader:
        with pytest.raises(ProtocolError, match="resumed the download at byte 10"):
            await downloader.download(job_id=1, dest=dest)
    assert dest.read_bytes() == PARTIAL


async def test_download_rate_guard(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on("downloads", "get_file", serve_file())
    async with make_downloader() as downloader:
        for _ in range(3):
            await downloader.download(job_id=7, dest=tmp_path / "a", resume=False)
        wait = downloader.client.wait_time(Endpoint.DOWNLOAD, job_id=7)
        assert wait == pytest.approx(61.5)
        with pytest.raises(RateLimitedError):
            await downloader.download(job_id=7, dest=tmp_path / "a")
        assert downloader.client.wait_time(Endpoint.DOWNLOAD, job_id=8) == 0.0
        assert downloader.client.wait_time(Endpoint.DOWNLOAD, name="x.csv") == 0.0
    assert len(fake.seen) == 3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "either the job id or the job file name"),
        ({"job_id": 1, "name": "x"}, "either the job id"),
        ({"job_id": 1}, "Choose where to save"),
        ({"name": " ", "dest": "x"}, "name is empty"),
    ],
)
async def test_download_argument_checks(
    make_downloader: MakeDownloader, kwargs: dict[str, object], message: str
) -> None:
    async with make_downloader() as downloader:
        with pytest.raises(ValueError, match=message):
            await downloader.download(**kwargs)  # type: ignore[arg-type]


async def test_download_dest_must_be_a_file_in_an_existing_folder(
    make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    async with make_downloader() as downloader:
        with pytest.raises(ValueError, match="is a folder"):
            await downloader.download(job_id=1, dest=tmp_path)
        with pytest.raises(ValueError, match="does not exist"):
            await downloader.download(job_id=1, dest=tmp_path / "missing" / "x.csv")


async def test_download_secret_never_in_record_or_error(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path, records: list[RequestRecord]
) -> None:
    fake.text("downloads", "get_file", f"<html>psw={PASSWORD}</html>")
    async with make_downloader() as downloader:
        with pytest.raises(ProtocolError) as info:
            await downloader.download(job_id=1, dest=tmp_path / "x")
    assert PASSWORD not in (info.value.body_excerpt or "")
    assert PASSWORD not in repr(records)
    assert "psw" not in dict(records[0].params)


class _Stalling(httpx.AsyncByteStream):
    """Yields *first*, then waits forever (until the task is cancelled)."""

    def __init__(self, first: bytes) -> None:
        self.first = first

    async def __aiter__(self) -> AsyncIterator[bytes]:
        import asyncio

        yield self.first
        await asyncio.Event().wait()


async def test_cancelled_download_keeps_the_part_for_resume(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path, records: list[RequestRecord]
) -> None:
    import asyncio

    first = DATA[:20000]

    def stalling(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        headers = {"Content-Length": str(len(DATA)), "Content-Type": "text/csv"}
        return httpx.Response(200, headers=headers, stream=_Stalling(first))

    fake.on("downloads", "get_file", stalling, serve_file())
    dest = tmp_path / "job.csv"
    got_bytes = asyncio.Event()
    loop = asyncio.get_running_loop()
    async with make_downloader() as downloader:
        task = asyncio.create_task(
            downloader.download(
                job_id=1, dest=dest, progress=lambda d, t: loop.call_soon_threadsafe(got_bytes.set)
            )
        )
        await got_bytes.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert dest.read_bytes() == first
        assert records[-1].error == "CancelledError"
        result = await downloader.download(job_id=1, dest=dest)
    assert result.resumed_from == len(first)
    assert dest.read_bytes() == DATA


# --- never call a part the whole (issue #21 item 7), never trickle forever (item 5) ------


def _close_delimited(data: bytes) -> Callable[[httpx.Request, dict[str, str]], httpx.Response]:
    """A 200 with no Content-Length and no chunked framing: only the closed connection
    ends the body (here after *data*)."""

    def handler(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        headers = {"Content-Type": "text/csv", CLOSE_DELIMITED: "1"}
        return httpx.Response(200, headers=headers, stream=ChunkStream([data]))

    return handler


async def test_a_body_only_the_closed_connection_ended_is_confirmed_before_it_is_whole(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    half = len(DATA) // 2
    fake.on("downloads", "get_file", _close_delimited(DATA[:half]), serve_file())
    dest = tmp_path / "job.csv"
    async with make_downloader() as downloader:
        result = await downloader.download(job_id=1, dest=dest)
    assert dest.read_bytes() == DATA  # not the half that arrived first
    assert (result.total_bytes, result.received_bytes, result.resumed_from) == (
        len(DATA),
        len(DATA),
        0,
    )
    assert [s.headers.get("Range") for s in fake.seen] == [None, f"bytes={half}-"]


async def test_a_whole_close_delimited_body_is_confirmed_by_a_416(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    fake.on("downloads", "get_file", _close_delimited(DATA), serve_file())
    dest = tmp_path / "job.csv"
    async with make_downloader() as downloader:
        result = await downloader.download(job_id=1, dest=dest)
    assert dest.read_bytes() == DATA
    assert result.total_bytes == len(DATA)
    assert not result.already_complete  # it was downloaded now, the 416 only confirmed it
    assert len(fake.seen) == 2


async def test_an_end_nobody_confirms_is_an_interruption(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    cuts = [_close_delimited(DATA[:n]) for n in (30_000, 50_000, 70_000)]
    fake.on("downloads", "get_file", *cuts)
    dest = tmp_path / "job.csv"
    async with make_downloader() as downloader:
        with pytest.raises(DownloadInterruptedError) as info:
            await downloader.download(job_id=1, dest=dest)
    assert info.value.bytes_on_disk == dest.stat().st_size
    assert len(fake.seen) == 3  # within SMSC's 3 identical downloads a minute


async def test_an_smsc_error_labelled_as_the_rest_of_the_file_is_not_appended(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    body = b'{"error": "too many requests", "error_code": 9}'
    start, end = len(PARTIAL), len(PARTIAL) + len(body)
    headers = {"Content-Type": "text/csv", "Content-Range": f"bytes {start}-{end - 1}/{end}"}
    fake.on("downloads", "get_file", httpx.Response(206, headers=headers, content=body))
    dest = tmp_path / "job.csv"
    dest.write_bytes(PARTIAL)
    async with make_downloader() as downloader:
        with pytest.raises(TooManyRequestsError):
            await downloader.download(job_id=1, dest=dest)
    assert dest.read_bytes() == PARTIAL


async def test_a_trickling_download_is_interrupted_and_resumes(
    fake: FakeSmsc, make_downloader: MakeDownloader, tmp_path: Path
) -> None:
    def trickle(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        chunks = [DATA[:5000], *(DATA[i : i + 1] for i in range(5000, 5400))]
        headers = {"Content-Type": "text/csv", "Content-Length": str(len(DATA))}
        return httpx.Response(200, headers=headers, stream=SlowStream(chunks, 0.02))

    fake.on("downloads", "get_file", trickle, serve_file())
    dest = tmp_path / "job.csv"
    async with make_downloader(speed=SpeedRule(min_rate=1024, window=0.5)) as downloader:
        with pytest.raises(DownloadInterruptedError, match="interrupted") as info:
            await downloader.download(job_id=1, dest=dest)
        assert "slower than 1024 bytes/s" in (info.value.detail or "")
        assert 0 < info.value.bytes_on_disk == dest.stat().st_size < 5400
        result = await downloader.download(job_id=1, dest=dest)
    assert result.resumed_from == info.value.bytes_on_disk
    assert dest.read_bytes() == DATA
