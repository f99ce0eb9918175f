"""The Exports tab's models under pytest-qt's model tester, and what their cells say."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from smsc_desktop.api import ExportJob, JobStatus
from smsc_desktop.services.csv_preview import CsvPreview
from smsc_desktop.services.downloads import (
    DownloadItem,
    DownloadQueue,
    DownloadState,
    Problem,
    ProblemKind,
)
from smsc_desktop.ui.dialogs.csv_preview import PreviewModel
from smsc_desktop.ui.models.downloads import DownloadColumn, DownloadRole, DownloadsModel
from smsc_desktop.ui.models.jobs import JobColumn, JobRole, JobsModel

MSK_NOON = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)


def job(job_id: int, status: JobStatus, file: str = "") -> ExportJob:
    return ExportJob(job_id, f"export {job_id}", status, MSK_NOON, MSK_NOON, file, int(status))


def test_jobs_model(qtmodeltester: Any) -> None:
    model = JobsModel()
    model.set_jobs(
        [
            job(3, JobStatus.WAITING),
            job(2, JobStatus.DONE, "e2.csv"),
            ExportJob(1, "odd", JobStatus.UNKNOWN, None, None, "", 7),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, JobColumn.FILE).data() == "e2.csv"
    assert model.index(0, JobColumn.FILE).data() == "—"
    assert model.index(2, JobColumn.STATUS).data() == "Unknown (7)"
    assert model.index(0, JobColumn.ID).data(JobRole.SORT) == 3
    assert model.index(1, 0).data(JobRole.JOB).id == 2

    changes: list[Any] = []
    model.dataChanged.connect(lambda *a: changes.append(a))
    model.modelReset.connect(lambda: changes.append("reset"))
    model.set_jobs([job(3, JobStatus.RUNNING), job(2, JobStatus.DONE, "e2.csv"), model.job(2)])
    assert changes
    assert changes[0] != "reset"
    model.set_jobs([job(4, JobStatus.WAITING)])
    assert changes[-1] == "reset"
    qtmodeltester.check(model)


class _NoTransport:
    async def download(self, *args: Any) -> Any:
        await asyncio.Event().wait()

    def retry_after(self, job_id: int) -> float:
        return 0.0

    async def aclose(self) -> None:
        pass


def test_downloads_model_follows_the_queue(qtmodeltester: Any, tmp_path: Path) -> None:
    queue = DownloadQueue(_NoTransport(), None, clock=lambda: 100.0)  # type: ignore[arg-type]
    model = DownloadsModel()
    model.set_queue(queue)
    done = DownloadItem(job_id=1, job_name="May", file_name="may.csv", folder=tmp_path)
    done.state, done.received, done.total, done.elapsed = DownloadState.DONE, 2048, 2048, 2.0
    done.finished_at = datetime.now(UTC)
    running = DownloadItem(job_id=2, job_name="June", file_name="june.csv", folder=tmp_path)
    running.state, running.received, running.total = DownloadState.DOWNLOADING, 512, 4096
    running.speed = 1024.0
    waiting = DownloadItem(job_id=3, job_name="July", file_name="july.csv", folder=tmp_path)
    waiting.state, waiting.retry_at = DownloadState.WAITING_RETRY, 112.2
    waiting.problem = Problem(ProblemKind.RATE_LIMIT)
    failed = DownloadItem(job_id=4, job_name="Aug", file_name="aug.csv", folder=tmp_path)
    failed.state, failed.problem = DownloadState.FAILED, Problem(ProblemKind.DISK_FULL, "full")
    queue.items = [done, running, waiting]
    queue.reset.emit()
    qtmodeltester.check(model)
    queue.items.append(failed)
    queue.item_added.emit(failed, 3)
    qtmodeltester.check(model)

    def cell(row: int, column: DownloadColumn, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.index(row, column).data(role)

    assert cell(0, DownloadColumn.STATUS) == "Done"
    assert cell(0, DownloadColumn.PROGRESS) == "100 %"
    assert cell(0, DownloadColumn.SIZE) == "2.0 KB"
    assert cell(0, DownloadColumn.SPEED) == "avg 1.0 KB/s"
    assert cell(0, DownloadColumn.TIME_LEFT).startswith("finished ")
    assert cell(1, DownloadColumn.PROGRESS) == "12 %"
    assert cell(1, DownloadColumn.SIZE) == "512 B of 4.0 KB"
    assert cell(1, DownloadColumn.SPEED) == "1.0 KB/s"
    assert cell(1, DownloadColumn.TIME_LEFT) == "0:04"
    assert cell(1, DownloadColumn.PROGRESS, DownloadRole.FRACTION) == 0.125
    assert cell(2, DownloadColumn.STATUS) == "SMSC limit: next try in 13 s"
    assert cell(3, DownloadColumn.STATUS) == "Failed: disk full"
    assert "is full" in cell(3, DownloadColumn.STATUS, Qt.ItemDataRole.ToolTipRole)
    assert cell(3, DownloadColumn.JOB) == "#4 Aug"

    queue.items.remove(running)
    queue.item_removed.emit(running, 1)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    model.set_queue(None)
    assert model.rowCount() == 0


def test_preview_model(qtmodeltester: Any, tmp_path: Path) -> None:
    model = PreviewModel()
    preview = CsvPreview(
        tmp_path / "x.csv", "utf-8", ";", ["a", "b"], [["1", "2"], ["3"]], False, 10
    )
    model.set_preview(preview)
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == ""  # a short row shows an empty cell
    assert model.headerData(0, Qt.Orientation.Horizontal) == "a"
    assert model.headerData(1, Qt.Orientation.Vertical) == 2
