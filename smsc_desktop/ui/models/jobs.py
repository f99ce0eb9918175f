"""The table of deferred export jobs: id, name, status (icon and colour), created, time, file."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QIcon

from smsc_desktop.api import ExportJob, JobStatus
from smsc_desktop.ui.formatting import format_time
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.theme import Tone, colour


class JobRole(enum.IntEnum):
    JOB = Qt.ItemDataRole.UserRole + 1
    """The ``ExportJob`` of the row."""
    STATUS = Qt.ItemDataRole.UserRole + 2
    """Its ``JobStatus``."""
    SORT = Qt.ItemDataRole.UserRole + 3
    """A value that sorts the column naturally (numbers, times)."""


class JobColumn(enum.IntEnum):
    ID = 0
    NAME = 1
    STATUS = 2
    CREATED = 3
    TIME = 4
    FILE = 5


STATUS_TONES: dict[JobStatus, Tone] = {
    JobStatus.WAITING: Tone.WARNING,
    JobStatus.RUNNING: Tone.ACCENT,
    JobStatus.DONE: Tone.GOOD,
    JobStatus.CANCELLED: Tone.MUTED,
    JobStatus.FAILED: Tone.BAD,
    JobStatus.UNKNOWN: Tone.MUTED,
}
STATUS_ICONS: dict[JobStatus, str] = {
    JobStatus.WAITING: "job-waiting",
    JobStatus.RUNNING: "job-running",
    JobStatus.DONE: "job-done",
    JobStatus.CANCELLED: "job-cancelled",
    JobStatus.FAILED: "job-failed",
    JobStatus.UNKNOWN: "job-unknown",
}


def status_text(job: ExportJob) -> str:
    texts = {
        JobStatus.WAITING: QCoreApplication.translate("JobsModel", "Waiting"),
        JobStatus.RUNNING: QCoreApplication.translate("JobsModel", "Running"),
        JobStatus.DONE: QCoreApplication.translate("JobsModel", "Done"),
        JobStatus.CANCELLED: QCoreApplication.translate("JobsModel", "Cancelled"),
        JobStatus.FAILED: QCoreApplication.translate("JobsModel", "Failed"),
    }
    if job.status in texts:
        return texts[job.status]
    return QCoreApplication.translate("JobsModel", "Unknown (%1)").replace(
        "%1", str(job.status_code)
    )


def status_tooltip(job: ExportJob) -> str:
    texts = {
        JobStatus.WAITING: QCoreApplication.translate(
            "JobsModel", "SMSC has not started this export yet."
        ),
        JobStatus.RUNNING: QCoreApplication.translate("JobsModel", "SMSC is building the file."),
        JobStatus.DONE: QCoreApplication.translate("JobsModel", "The file is ready to download."),
        JobStatus.CANCELLED: QCoreApplication.translate(
            "JobsModel", "The export was cancelled; there is no file."
        ),
        JobStatus.FAILED: QCoreApplication.translate(
            "JobsModel", "SMSC could not build the file. Start the export again."
        ),
    }
    return texts.get(
        job.status,
        QCoreApplication.translate(
            "JobsModel", "SMSC reported a status this version does not know."
        ),
    )


class JobsModel(ColumnsTableModel):
    """Rows are ``ExportJob``s in the order the service keeps them (newest first)."""

    columns = JobColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[ExportJob] = []
        self._icons: dict[JobStatus, QIcon] = {}

    def set_jobs(self, jobs: list[ExportJob]) -> None:
        """Show *jobs*: rows whose id stays are updated in place, others come and go."""
        new_ids = [j.id for j in jobs]
        old_ids = [j.id for j in self._jobs]
        if new_ids == old_ids:
            changed = [
                row for row, (a, b) in enumerate(zip(self._jobs, jobs, strict=True)) if a != b
            ]
            self._jobs = list(jobs)
            if changed:
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))
            return
        self.beginResetModel()
        self._jobs = list(jobs)
        self.endResetModel()

    def job(self, row: int) -> ExportJob:
        return self._jobs[row]

    def row_of(self, job_id: int) -> int | None:
        return next((row for row, j in enumerate(self._jobs) if j.id == job_id), None)

    # --- the table ---------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._jobs)

    def column_titles(self) -> dict[int, str]:
        return {
            JobColumn.ID: self.tr("ID"),
            JobColumn.NAME: self.tr("Name"),
            JobColumn.STATUS: self.tr("Status"),
            JobColumn.CREATED: self.tr("Created"),
            JobColumn.TIME: self.tr("Started"),
            JobColumn.FILE: self.tr("File"),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._jobs):
            return None
        job = self._jobs[index.row()]
        column = index.column()
        if role == JobRole.JOB:
            return job
        if role == JobRole.STATUS:
            return job.status
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column)
        if role == JobRole.SORT:
            return self._sort_key(job, column)
        if column == JobColumn.STATUS:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icon(job.status)
            if role == Qt.ItemDataRole.ForegroundRole:
                return colour(STATUS_TONES[job.status])
            if role == Qt.ItemDataRole.ToolTipRole:
                return status_tooltip(job)
        if role == Qt.ItemDataRole.ToolTipRole and column in (JobColumn.NAME, JobColumn.FILE):
            return self._display(job, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == JobColumn.ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == JobColumn.FILE and not job.file:
            return colour(Tone.MUTED)
        return None

    def _display(self, job: ExportJob, column: int) -> str:
        if column == JobColumn.ID:
            return str(job.id)
        if column == JobColumn.NAME:
            return job.name
        if column == JobColumn.STATUS:
            return status_text(job)
        if column == JobColumn.CREATED:
            return format_time(job.created)
        if column == JobColumn.TIME:
            return format_time(job.time)
        if column == JobColumn.FILE:
            return job.file or "—"
        return ""

    @staticmethod
    def _sort_key(job: ExportJob, column: int) -> Any:
        if column == JobColumn.ID:
            return job.id
        if column == JobColumn.STATUS:
            return int(job.status)
        if column in (JobColumn.CREATED, JobColumn.TIME):
            value = job.created if column == JobColumn.CREATED else job.time
            return value.timestamp() if isinstance(value, datetime) else 0.0
        if column == JobColumn.NAME:
            return job.name.casefold()
        return job.file.casefold()

    def _icon(self, status: JobStatus) -> QIcon:
        cached = self._icons.get(status)
        if cached is None:
            cached = self._icons[status] = icon(STATUS_ICONS[status])
        return cached
