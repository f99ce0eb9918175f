"""Names, the ``.part`` file and placing a finished file (``services/downloads/files.py``)."""

from __future__ import annotations

import errno
from pathlib import Path

from smsc_desktop.api import ExportJob, JobStatus
from smsc_desktop.services.downloads import (
    DownloadItem,
    ProblemKind,
    place_file,
    problem_from_os_error,
    safe_file_name,
    unique_name,
)
from tests.helpers.downloads import finished, make_queue, run, sha256
from tests.helpers.exports import (
    MovingClock,
    done_job,
    sandbox_client,
    until,
)
from tests.helpers.sandbox import SandboxHandle


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
