"""The download queue against the sandbox: .part files, resume, limits, errors, restart."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import json
import os
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import ExportJob, JobStatus
from smsc_desktop.services.downloads import (
    QUEUE_FILE,
    DownloadItem,
    DownloadQueue,
    DownloadState,
    Problem,
    ProblemKind,
    SmscTransport,
    place_file,
    problem_from_os_error,
    safe_file_name,
    unique_name,
)
from tests.helpers.exports import (
    MovingClock,
    done_job,
    file_requests,
    read_only_folder,
    sandbox_client,
    until,
)
from tests.helpers.sandbox import SandboxHandle


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """An empty download folder."""
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_queue(client: Any, store: Path | None, clock: MovingClock, **kwargs: Any) -> DownloadQueue:
    return DownloadQueue(SmscTransport(client), store, clock=clock, sleep=clock.sleep, **kwargs)


def finished(queue: DownloadQueue, *items: DownloadItem) -> Any:
    return until(
        queue.item_changed,
        lambda: all(not i.state.is_unfinished or i.state is DownloadState.PAUSED for i in items),
    )


def download_once(
    sandbox: SandboxHandle,
    record: dict[str, Any],
    folder: Path,
    before_start: Callable[[DownloadItem], None] | None = None,
) -> DownloadItem:
    """Queue the job's file and wait until it stops. With *before_start*, the item is
    paused before its first request, *before_start(item)* changes the world, and it resumes."""

    async def scenario() -> DownloadItem:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock())
            item = await queue.add(done_job(record), folder)
            if before_start is not None:
                queue.pause(item)
                await until(queue.item_changed, lambda: item.state is DownloadState.PAUSED)
                before_start(item)
                queue.resume(item)
            await finished(queue, item)
            await queue.aclose()
            return item

    item: DownloadItem = run(scenario())
    return item


# --- downloading --------------------------------------------------------------------------


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
    record = sandbox.create_job(2_000_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", drop_after=700_000, count=1)
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


def test_disk_full_problem() -> None:
    problem = problem_from_os_error(OSError(errno.ENOSPC, "No space left on device"))
    assert problem.kind is ProblemKind.DISK_FULL
    assert (
        problem_from_os_error(PermissionError(errno.EACCES, "x")).kind is ProblemKind.NO_PERMISSION
    )
    assert problem_from_os_error(OSError(errno.EROFS, "x")).kind is ProblemKind.NO_PERMISSION
    assert (
        problem_from_os_error(FileNotFoundError(errno.ENOENT, "x")).kind
        is ProblemKind.FOLDER_MISSING
    )
    assert problem_from_os_error(OSError(errno.EIO, "x")).kind is ProblemKind.DISK_ERROR


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


# --- names ----------------------------------------------------------------------------------


def test_name_conflict_keeps_both_files(sandbox: SandboxHandle, files: Path) -> None:
    record = sandbox.create_job(200_000, status=2)
    info = sandbox.job_info(record["id"])
    existing = files / record["file"]
    existing.write_bytes(b"someone else's file")
    (files / (Path(record["file"]).stem + " (1).csv.part")).write_bytes(b"another part")

    async def scenario() -> list[DownloadItem]:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock())
            first = await queue.add(done_job(record), files)
            second = await queue.add(done_job(record), files)
            await finished(queue, first, second)
            await queue.aclose()
            return [first, second]

    first, second = run(scenario())
    stem = Path(record["file"]).stem
    assert first.file_name == f"{stem} (2).csv"
    assert second.file_name == f"{stem} (3).csv"
    assert existing.read_bytes() == b"someone else's file"
    assert sha256(first.target) == sha256(second.target) == info["sha256"]


def test_a_name_taken_while_downloading_gets_a_suffix(sandbox: SandboxHandle, files: Path) -> None:
    record = sandbox.create_job(1_000_000, status=2)
    sandbox.set_fault("downloads", rate=1_000_000, count=1)

    async def scenario() -> DownloadItem:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock())
            item = await queue.add(done_job(record), files)
            await until(queue.item_changed, lambda: item.received > 0)
            (files / record["file"]).write_bytes(b"appeared meanwhile")
            await finished(queue, item)
            await queue.aclose()
            return item

    item = run(scenario())
    assert item.file_name == Path(record["file"]).stem + " (1).csv"
    assert (files / record["file"]).read_bytes() == b"appeared meanwhile"


def test_place_file_never_replaces(files: Path) -> None:
    part = files / "a.csv.part"
    part.write_bytes(b"new")
    (files / "a.csv").write_bytes(b"old")
    (files / "a (1).csv").write_bytes(b"old 1")
    placed = place_file(part, files / "a.csv")
    assert placed == files / "a (2).csv"
    assert placed.read_bytes() == b"new"
    assert (files / "a.csv").read_bytes() == b"old"
    assert not part.exists()


def test_unique_name_and_safe_names(files: Path) -> None:
    (files / "r.csv").write_bytes(b"")
    assert unique_name(files, "r.csv") == "r (1).csv"
    assert unique_name(files, "r.csv", reserved={"R (1).CSV"}) == "r (2).csv"
    assert unique_name(files, "free.csv") == "free.csv"

    def job(name: str, file: str = "") -> ExportJob:
        return ExportJob(7, name, JobStatus.DONE, None, None, file)

    assert safe_file_name(job("x", 'sms:2024/05*"all".csv')) == "sms_2024_05__all_.csv"
    assert safe_file_name(job("Выгрузка за неделю")) == "Выгрузка за неделю.csv"
    assert safe_file_name(job("CON")) == "_CON.csv"
    assert safe_file_name(job("", "")) == "export_7.csv"
    assert safe_file_name(job("report.2024", "")) == "report.2024.csv"


# --- the list --------------------------------------------------------------------------------


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


def load_saved(store: Path) -> DownloadQueue:
    """A queue read from *store* (nothing is downloaded: paused and done items only)."""

    class Idle:
        async def aclose(self) -> None:
            pass

    async def scenario() -> DownloadQueue:
        queue = DownloadQueue(Idle(), store)  # type: ignore[arg-type]
        await queue.load()
        await queue.aclose()
        return queue

    queue: DownloadQueue = run(scenario())
    return queue


def test_saved_queue_notices_missing_files_and_skips_bad_entries(files: Path) -> None:
    store = files / QUEUE_FILE
    good = DownloadItem(job_id=1, job_name="a", file_name="a.csv", folder=files)
    good.state = DownloadState.DONE
    paused = DownloadItem(job_id=2, job_name="b", file_name="b.csv", folder=files)
    paused.state = DownloadState.PAUSED
    paused.problem = Problem(ProblemKind.DISK_FULL, "No space left")
    (files / "b.csv.part").write_bytes(b"12345")
    entries = [good.to_json(), paused.to_json(), {"job_id": "x"}, {"file_name": "../evil"}]
    store.write_text(json.dumps({"schema": 1, "items": entries}), encoding="utf-8")
    first, second = load_saved(store).items
    assert first.file_missing
    assert second.state is DownloadState.PAUSED
    assert second.received == 5
    assert second.problem == Problem(ProblemKind.DISK_FULL, "No space left")


def test_unreadable_queue_file_starts_empty(files: Path) -> None:
    store = files / QUEUE_FILE
    store.write_text("{not json", encoding="utf-8")
    assert len(load_saved(store)) == 0
    assert os.path.exists(store)
