"""The download queue engine (``services/downloads/queue.py``) against the sandbox over real
HTTP, with a clock the tests move."""

from __future__ import annotations

import asyncio
import errno
import json
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import ExportJob, JobStatus
from smsc_desktop.services.downloads import (
    QUEUE_FILE,
    DownloadItem,
    DownloadQueue,
    DownloadState,
    ProblemKind,
    QueueingError,
    QueueingStage,
)
from tests.helpers.downloads import download_once, finished, make_queue, run, sha256
from tests.helpers.exports import (
    MovingClock,
    done_job,
    file_requests,
    read_only_folder,
    sandbox_client,
    until,
)
from tests.helpers.sandbox import SandboxHandle

# --- downloading ----------------------------------------------------------------------


def test_file_streams_into_part_and_is_renamed_when_complete(
    sandbox: SandboxHandle, files: Path
) -> None:
    record = sandbox.create_job(3_000_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", rate=3_000_000)
    seen: list[tuple[str, int, int | None, bool, bool]] = []

    async def scenario() -> DownloadItem:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, files / QUEUE_FILE, MovingClock())
            queue.item_changed.connect(
                lambda i: seen.append(
                    (i.state.value, i.received, i.total, i.part.exists(), i.target.exists())
                )
            )
            item = await queue.add(done_job(record), files)
            await finished(queue, item)
            await queue.aclose()
            return item

    item = run(scenario())
    assert item.state is DownloadState.DONE
    assert item.file_name == record["file"]
    assert sha256(item.target) == info["sha256"]
    assert not item.part.exists()
    progress = [s for s in seen if s[0] == "downloading" and s[1] > 0]
    assert len(progress) >= 3
    assert all(part and not target for _, _, _, part, target in progress)
    assert [p[1] for p in progress] == sorted(p[1] for p in progress)
    assert progress[0][2] == info["size"]
    assert item.received == item.total == info["size"]
    assert item.elapsed > 0


def test_dropped_connection_resumes_automatically_with_range(
    sandbox: SandboxHandle, files: Path
) -> None:
    record = sandbox.create_job(4_000_000, status=2)
    info = sandbox.job_info(record["id"])
    # Past aiohttp's 2 MB read buffer: part of the file is always on disk, so the resume is
    # a Range request whatever the timing (see tests/api/test_sandbox.py).
    sandbox.set_fault("downloads", drop_after=3_000_000, count=1)
    states: list[tuple[str, ProblemKind | None]] = []

    async def scenario() -> DownloadItem:
        clock = MovingClock()
        async with sandbox_client(sandbox, clock) as client:
            queue = make_queue(client, None, clock)
            queue.item_changed.connect(
                lambda i: states.append((i.state.value, i.problem.kind if i.problem else None))
            )
            item = await queue.add(done_job(record), files)
            await finished(queue, item)
            await queue.aclose()
            assert clock.slept == [2.0]  # the first backoff step
            return item

    item = run(scenario())
    assert ("waiting_retry", ProblemKind.CONNECTION) in states
    assert item.state is DownloadState.DONE
    assert sha256(item.target) == info["sha256"]
    requests = file_requests(sandbox)
    assert [r["http_status"] for r in requests] == [200, 206]
    assert requests[0].get("dropped")


def test_retries_wait_for_smsc_limit_of_three_requests_a_minute(
    sandbox: SandboxHandle, files: Path
) -> None:
    record = sandbox.create_job(500_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", drop_after=100_000, count=3)
    waits: list[tuple[ProblemKind, float]] = []

    async def scenario() -> tuple[DownloadItem, MovingClock]:
        clock = MovingClock(sandbox)
        async with sandbox_client(sandbox, clock) as client:
            queue = make_queue(client, None, clock)

            def note(item: DownloadItem) -> None:
                if item.state is DownloadState.WAITING_RETRY and item.problem is not None:
                    waits.append((item.problem.kind, (item.retry_at or 0) - clock()))

            queue.item_changed.connect(note)
            item = await queue.add(done_job(record), files)
            await finished(queue, item)
            await queue.aclose()
            return item, clock

    item, _clock = run(scenario())
    assert item.state is DownloadState.DONE
    assert sha256(item.target) == info["sha256"]
    kinds = [k for k, _ in waits]
    assert kinds.count(ProblemKind.CONNECTION) == 3
    assert ProblemKind.RATE_LIMIT in kinds  # the 4th request had to wait for the minute
    requests = file_requests(sandbox)
    assert len(requests) == 4
    assert all(r["error_code"] == 0 for r in requests)  # never refused with error 9
    times = [r["time"] for r in requests]
    assert all(b - a >= 60 for a, b in zip(times, times[3:], strict=False))


def test_pause_keeps_the_part_and_resume_continues_it(sandbox: SandboxHandle, files: Path) -> None:
    record = sandbox.create_job(4_000_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", rate=2_000_000)

    async def scenario() -> tuple[DownloadItem, int]:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock())
            item = await queue.add(done_job(record), files)
            await until(queue.item_changed, lambda: item.received > 500_000)
            queue.pause(item)
            await until(queue.item_changed, lambda: item.state is DownloadState.PAUSED)
            paused_at = item.received
            assert item.part.stat().st_size == paused_at
            sandbox.clear_faults()
            queue.resume(item)
            await finished(queue, item)
            await queue.aclose()
            return item, paused_at

    item, paused_at = run(scenario())
    assert 0 < paused_at < info["size"]
    assert item.state is DownloadState.DONE
    assert sha256(item.target) == info["sha256"]
    assert [r["http_status"] for r in file_requests(sandbox)] == [200, 206]


def test_cancel_deletes_the_part_and_retry_starts_again(
    sandbox: SandboxHandle, files: Path
) -> None:
    record = sandbox.create_job(3_000_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", rate=1_000_000, count=1)

    async def scenario() -> DownloadItem:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock())
            item = await queue.add(done_job(record), files)
            await until(queue.item_changed, lambda: item.received > 0)
            queue.cancel(item)
            await until(queue.item_changed, lambda: item.state is DownloadState.CANCELLED)
            assert not item.part.exists()
            assert not item.target.exists()
            queue.retry(item)
            await finished(queue, item)
            await queue.aclose()
            return item

    item = run(scenario())
    assert item.state is DownloadState.DONE
    assert sha256(item.target) == info["sha256"]
    assert [r["http_status"] for r in file_requests(sandbox)] == [200, 200]


def test_concurrency_limit_queues_the_rest(sandbox: SandboxHandle, files: Path) -> None:
    records = [sandbox.create_job(2_000_000, status=2) for _ in range(3)]
    sandbox.set_fault("downloads", rate=200_000)

    async def scenario() -> None:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock(), concurrency=2)
            items = [await queue.add(done_job(r), files) for r in records]
            await until(
                queue.item_changed,
                lambda: (
                    [i.state for i in items]
                    == [DownloadState.DOWNLOADING, DownloadState.DOWNLOADING, DownloadState.QUEUED]
                ),
            )
            queue.set_concurrency(3)
            await until(queue.item_changed, lambda: items[2].state is DownloadState.DOWNLOADING)
            for item in items:
                queue.cancel(item)
            await until(
                queue.item_changed,
                lambda: all(i.state is DownloadState.CANCELLED for i in items),
            )
            await queue.aclose()

    run(scenario())
    assert sorted(p.name for p in files.iterdir()) == []


def test_unfinished_queue_continues_after_a_restart(sandbox: SandboxHandle, files: Path) -> None:
    record = sandbox.create_job(3_000_000, status=2)
    info = sandbox.job_info(record["id"])
    store = files / "profile" / QUEUE_FILE
    store.parent.mkdir()
    folder = files / "downloads"
    folder.mkdir()
    sandbox.set_fault("downloads", rate=1_000_000, count=1)

    async def first_run() -> int:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, store, MovingClock())
            item = await queue.add(done_job(record), folder)
            await until(queue.item_changed, lambda: item.received > 300_000)
            await queue.aclose()  # the app quits mid-file
            return item.part.stat().st_size

    async def second_run() -> DownloadItem:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, store, MovingClock())
            await queue.load()
            (item,) = queue.items
            await finished(queue, item)
            await queue.aclose()
            return item

    on_disk = run(first_run())
    saved = json.loads(store.read_text(encoding="utf-8"))
    assert [i["state"] for i in saved["items"]] == ["queued"]
    assert 0 < on_disk < info["size"]
    item = run(second_run())
    assert item.state is DownloadState.DONE
    assert sha256(item.target) == info["sha256"]
    assert [r["http_status"] for r in file_requests(sandbox)] == [200, 206]
    assert json.loads(store.read_text(encoding="utf-8"))["items"][0]["state"] == "done"


@pytest.mark.parametrize(
    ("fault", "kind", "code"),
    [
        ({"error_code": 3}, ProblemKind.SERVER_ERROR, 3),
        ({"error_code": 1, "error_message": "job file is not ready"}, ProblemKind.SERVER_ERROR, 1),
        ({"html": 200}, ProblemKind.NOT_A_FILE, None),
        ({"html": 502}, ProblemKind.NOT_A_FILE, None),
    ],
    ids=["smsc-error-3", "smsc-error-1", "html-200", "html-502"],
)
def test_error_body_is_reported_and_never_saved_as_the_file(
    sandbox: SandboxHandle, files: Path, fault: dict[str, Any], kind: ProblemKind, code: Any
) -> None:
    record = sandbox.create_job(100_000, status=2)
    sandbox.set_fault("downloads", count=1, **fault)
    item = download_once(sandbox, record, files)
    assert item.state is DownloadState.FAILED
    assert item.problem is not None
    assert item.problem.kind is kind
    assert item.problem.code == code
    assert list(files.iterdir()) == []  # neither the CSV nor a .part with the error


def test_read_only_folder_fails_plainly_before_any_request(
    sandbox: SandboxHandle, files: Path
) -> None:
    record = sandbox.create_job(100_000, status=2)
    with read_only_folder(files) as folder:
        item = download_once(sandbox, record, folder)
    assert item.state is DownloadState.FAILED
    assert item.problem is not None
    assert item.problem.kind is ProblemKind.NO_PERMISSION
    assert file_requests(sandbox) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Any:
    """A 512 KiB tmpfs (needs the right to mount, as root in CI); yields (folder, grow)."""
    import shutil
    import subprocess

    folder = tmp_path / "small-disk"
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("needs mount")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (not root?)")

    def grow() -> None:
        subprocess.run(
            ["mount", "-o", "remount,size=8m", str(folder)], check=True, capture_output=True
        )

    try:
        yield folder, grow
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_disk_full_keeps_the_part_and_resumes_after_space_is_freed(
    sandbox: SandboxHandle, small_disk: Any
) -> None:
    folder, grow = small_disk
    record = sandbox.create_job(2_000_000, status=2)
    info = sandbox.job_info(record["id"])

    async def scenario() -> tuple[DownloadItem, int]:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock())
            item = await queue.add(done_job(record), folder)
            await finished(queue, item)
            assert item.state is DownloadState.FAILED
            kept = item.part.stat().st_size
            grow()  # the user frees space, then presses Resume
            queue.resume(item)
            await finished(queue, item)
            await queue.aclose()
            return item, kept

    item, kept = run(scenario())
    assert 0 < kept <= 512 * 1024
    assert item.state is DownloadState.DONE
    assert sha256(item.target) == info["sha256"]
    assert [r["http_status"] for r in file_requests(sandbox)] == [200, 206]


class _FillsTheDisk:
    """A transport whose disk fills up after 1000 bytes (where a tmpfs cannot be mounted)."""

    def __init__(self) -> None:
        self.calls = 0

    async def download(self, job_id: int, dest: Path, progress: Any) -> Any:
        self.calls += 1
        with dest.open("ab") as fh:
            fh.write(b"x" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    def retry_after(self, job_id: int) -> float:
        return 0.0

    async def aclose(self) -> None:
        pass


def test_disk_full_fails_plainly_and_keeps_the_part(files: Path) -> None:
    transport = _FillsTheDisk()
    job = ExportJob(5, "June", JobStatus.DONE, None, None, "june.csv")

    async def scenario() -> DownloadItem:
        clock = MovingClock()
        queue = DownloadQueue(transport, None, clock=clock, sleep=clock.sleep)
        item = await queue.add(job, files)
        await finished(queue, item)
        await queue.aclose()
        return item

    item = run(scenario())
    assert item.state is DownloadState.FAILED
    assert item.problem is not None
    assert item.problem.kind is ProblemKind.DISK_FULL
    assert transport.calls == 1  # not retried by itself: the user frees space first
    assert item.part.read_bytes() == b"x" * 1000
    assert item.received == 1000
    assert not item.target.exists()


def test_folder_gone_fails_plainly(sandbox: SandboxHandle, files: Path) -> None:
    record = sandbox.create_job(100_000, status=2)
    folder = files / "usb-stick"
    folder.mkdir()

    def unplug(item: DownloadItem) -> None:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()

    item = download_once(sandbox, record, folder, unplug)
    assert item.state is DownloadState.FAILED
    assert item.problem is not None
    assert item.problem.kind is ProblemKind.FOLDER_MISSING


# --- the list -------------------------------------------------------------------------


def test_remove_keeps_the_file_and_delete_removes_it(sandbox: SandboxHandle, files: Path) -> None:
    records = [sandbox.create_job(10_000, status=2) for _ in range(2)]

    async def scenario() -> list[DownloadItem]:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, files / QUEUE_FILE, MovingClock())
            items = [await queue.add(done_job(r), files) for r in records]
            await finished(queue, *items)
            await queue.remove(items[0])
            await queue.remove(items[1], delete_file=True)
            assert queue.items == []
            await queue.aclose()
            return items

    kept, deleted = run(scenario())
    assert kept.target.exists()
    assert not deleted.target.exists()
    assert json.loads((files / QUEUE_FILE).read_text(encoding="utf-8"))["items"] == []


# --- queueing rules (add_jobs) -----------------------------------------------------------------


class _Stalled:
    """A transport whose transfers never end (until cancelled): items stay on their way."""

    def __init__(self) -> None:
        self.started: list[int] = []

    async def download(self, job_id: int, dest: Path, progress: Any) -> Any:
        self.started.append(job_id)
        await asyncio.Event().wait()

    def retry_after(self, job_id: int) -> float:
        return 0.0

    async def aclose(self) -> None:
        pass


def job(job_id: int, status: JobStatus = JobStatus.DONE, file: str = "") -> ExportJob:
    return ExportJob(job_id, f"job {job_id}", status, None, None, file or f"job_{job_id}.csv")


async def test_add_jobs_queues_done_jobs_once_each_with_free_names(files: Path) -> None:
    queue = DownloadQueue(_Stalled(), None, concurrency=1)
    (files / "taken.csv").write_bytes(b"older")
    taken = job(5, file="taken.csv")
    jobs = [
        job(1),
        job(2, JobStatus.RUNNING),
        job(3, JobStatus.WAITING),
        job(4, JobStatus.FAILED),
        taken,
        job(1),  # twice in one call
    ]
    added = await queue.add_jobs(jobs, files)
    assert [i.job_id for i in added] == [1, 5]
    assert [i.file_name for i in added] == ["job_1.csv", "taken (1).csv"]
    assert [i.job_id for i in queue.items] == [1, 5]

    # Again: job 1 is downloading, so it is not fetched twice; a paused one may be asked
    # for again (it is not on its way), under a name of its own.
    queue.pause(added[1])
    again = await queue.add_jobs([job(1), taken, job(6, file="taken.csv")], files)
    assert [i.job_id for i in again] == [5, 6]
    assert [i.file_name for i in again] == ["taken (2).csv", "taken (3).csv"]

    folder = files / "new" / "folder"  # created on the way
    assert [i.job_id for i in await queue.add_jobs([job(7)], folder)] == [7]
    assert folder.is_dir()
    await queue.aclose()


async def test_add_jobs_into_an_unusable_folder(files: Path) -> None:
    queue = DownloadQueue(_Stalled(), None)
    blocker = files / "a-file"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(QueueingError) as raised:
        await queue.add_jobs([job(1)], blocker / "sub")
    assert raised.value.stage is QueueingStage.FOLDER
    assert raised.value.folder == blocker / "sub"
    assert isinstance(raised.value.error, OSError)
    assert raised.value.added == []
    assert queue.items == []
    assert await queue.add_jobs([job(2, JobStatus.RUNNING)], blocker / "sub") == []
    await queue.aclose()


async def test_add_jobs_stops_quietly_when_the_queue_closes(files: Path) -> None:
    queue = DownloadQueue(_Stalled(), None)
    adding = asyncio.ensure_future(queue.add_jobs([job(1), job(2)], files))
    await asyncio.sleep(0)  # now waiting for the folder check on a worker thread
    queue.shutdown()
    assert await adding == []
    assert queue.items == []
    assert await queue.add_jobs([job(3)], files) == []
    with pytest.raises(RuntimeError):
        await queue.add(job(3), files)
    await queue.aclose()
