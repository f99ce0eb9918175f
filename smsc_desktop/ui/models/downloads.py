"""The table of the download manager, and the sentences that explain a download's state."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QIcon

from smsc_desktop.services.downloads import (
    DownloadItem,
    DownloadQueue,
    DownloadState,
    Problem,
    ProblemKind,
)
from smsc_desktop.ui.formatting import (
    format_bytes,
    format_duration,
    format_percent,
    format_speed,
)
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.theme import Tone, colour


class DownloadRole(enum.IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1
    """The ``DownloadItem`` of the row."""
    STATE = Qt.ItemDataRole.UserRole + 2
    FRACTION = Qt.ItemDataRole.UserRole + 3
    """0..1, or None when the size is not known yet (the progress delegate reads it)."""


class DownloadColumn(enum.IntEnum):
    FILE = 0
    STATUS = 1
    PROGRESS = 2
    SIZE = 3
    SPEED = 4
    TIME_LEFT = 5
    JOB = 6


STATE_TONES: dict[DownloadState, Tone] = {
    DownloadState.QUEUED: Tone.MUTED,
    DownloadState.DOWNLOADING: Tone.ACCENT,
    DownloadState.PAUSED: Tone.MUTED,
    DownloadState.WAITING_RETRY: Tone.WARNING,
    DownloadState.DONE: Tone.GOOD,
    DownloadState.FAILED: Tone.BAD,
    DownloadState.CANCELLED: Tone.MUTED,
}
STATE_ICONS: dict[DownloadState, str] = {
    DownloadState.QUEUED: "job-waiting",
    DownloadState.DOWNLOADING: "download-start",
    DownloadState.PAUSED: "download-pause",
    DownloadState.WAITING_RETRY: "download-retry",
    DownloadState.DONE: "job-done",
    DownloadState.FAILED: "job-failed",
    DownloadState.CANCELLED: "job-cancelled",
}


def percent_text(fraction: float | None) -> str:
    """``42 %``; below 10 % with one decimal, so a big file visibly moves."""
    if fraction is None:
        return ""
    percent = fraction * 100
    if 0 < percent < 10:
        return format_percent(math.floor(percent * 10) / 10, 1)
    return format_percent(math.floor(percent), 0)


def short_time(moment: datetime) -> str:
    """``14:05`` today, ``24.11 14:05`` on another day (local time)."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%d.%m %H:%M")


def state_text(item: DownloadItem, now: float | None = None) -> str:
    """Short status for the table: "Downloading", "Retrying in 12 s", "Failed: disk full"."""
    state = item.state
    if state is DownloadState.QUEUED:
        return QCoreApplication.translate("downloads", "Queued")
    if state is DownloadState.DOWNLOADING:
        return (
            QCoreApplication.translate("downloads", "Resuming")
            if item.started_from and not item.speed
            else QCoreApplication.translate("downloads", "Downloading")
        )
    if state is DownloadState.PAUSED:
        return QCoreApplication.translate("downloads", "Paused")
    if state is DownloadState.WAITING_RETRY:
        seconds = max(0, math.ceil((item.retry_at or 0) - (now or 0))) if now is not None else 0
        if item.problem is not None and item.problem.kind is ProblemKind.RATE_LIMIT:
            return QCoreApplication.translate("downloads", "SMSC limit: next try in %1 s").replace(
                "%1", str(seconds)
            )
        return QCoreApplication.translate("downloads", "Connection lost: retrying in %1 s").replace(
            "%1", str(seconds)
        )
    if state is DownloadState.DONE:
        return (
            QCoreApplication.translate("downloads", "File missing")
            if item.file_missing
            else QCoreApplication.translate("downloads", "Done")
        )
    if state is DownloadState.CANCELLED:
        return QCoreApplication.translate("downloads", "Cancelled")
    return QCoreApplication.translate("downloads", "Failed: %1").replace(
        "%1", problem_title(item.problem)
    )


def problem_title(problem: Problem | None) -> str:
    """A few words: "disk full", "no permission"…"""
    if problem is None:
        return QCoreApplication.translate("downloads", "unknown error")
    titles = {
        ProblemKind.DISK_FULL: QCoreApplication.translate("downloads", "disk full"),
        ProblemKind.NO_PERMISSION: QCoreApplication.translate("downloads", "no permission"),
        ProblemKind.FOLDER_MISSING: QCoreApplication.translate("downloads", "folder not found"),
        ProblemKind.DISK_ERROR: QCoreApplication.translate("downloads", "cannot write"),
        ProblemKind.SERVER_ERROR: QCoreApplication.translate("downloads", "SMSC error %1").replace(
            "%1", str(problem.code or "")
        ),
        ProblemKind.NOT_A_FILE: QCoreApplication.translate(
            "downloads", "server sent an error page"
        ),
        ProblemKind.SIZE_MISMATCH: QCoreApplication.translate("downloads", "incomplete file"),
        ProblemKind.CONNECTION: QCoreApplication.translate("downloads", "connection lost"),
        ProblemKind.RATE_LIMIT: QCoreApplication.translate("downloads", "SMSC limit"),
        ProblemKind.INTERNAL: QCoreApplication.translate("downloads", "internal error"),
    }
    return titles.get(
        problem.kind, QCoreApplication.translate("downloads", "unknown error")
    ).strip()


def problem_text(item: DownloadItem) -> str:
    """What happened and what to do, in plain words (tooltip and message)."""
    problem = item.problem
    if problem is None:
        return ""
    folder = str(item.folder)
    kind = problem.kind
    if kind is ProblemKind.DISK_FULL:
        return QCoreApplication.translate(
            "downloads",
            "The disk with %1 is full. Free some space, then press Resume: the download "
            "continues from where it stopped.",
        ).replace("%1", folder)
    if kind is ProblemKind.NO_PERMISSION:
        return QCoreApplication.translate(
            "downloads",
            "This computer does not allow writing into %1. Choose another folder for new "
            "downloads, or fix the folder's permissions and press Resume.",
        ).replace("%1", folder)
    if kind is ProblemKind.FOLDER_MISSING:
        return QCoreApplication.translate(
            "downloads",
            "The folder %1 no longer exists (was it deleted, or is the drive disconnected?). "
            "Reconnect it and press Resume, or download the job again into another folder.",
        ).replace("%1", folder)
    if kind is ProblemKind.DISK_ERROR:
        return (
            QCoreApplication.translate(
                "downloads",
                "The file could not be written into %1 (%2). Press Resume to try again.",
            )
            .replace("%1", folder)
            .replace("%2", problem.detail)
        )
    if kind is ProblemKind.SIZE_MISMATCH:
        return QCoreApplication.translate(
            "downloads",
            "The file on disk is not the size SMSC announced, so it was not saved under its "
            "name. Press Retry to download it again.",
        )
    if kind is ProblemKind.NOT_A_FILE:
        return QCoreApplication.translate(
            "downloads",
            "SMSC answered with an error page instead of the file (the server or a proxy may "
            "have a problem). Nothing was saved as the CSV. Press Retry later.",
        )
    if kind is ProblemKind.INTERNAL:
        return QCoreApplication.translate(
            "downloads", "Something went wrong in the program: %1"
        ).replace("%1", problem.detail)
    if problem.error is not None:
        text = describe_error(problem.error)
    elif kind is ProblemKind.SERVER_ERROR:
        text = QCoreApplication.translate(
            "downloads", "SMSC refused to send the file (error %1)."
        ).replace("%1", str(problem.code))
    else:
        text = QCoreApplication.translate("downloads", "The connection to SMSC was lost.")
    if item.state is DownloadState.WAITING_RETRY:
        text += " " + QCoreApplication.translate(
            "downloads", "The download continues automatically."
        )
    elif item.state is DownloadState.FAILED:
        text += " " + QCoreApplication.translate("downloads", "Press Retry to try again.")
    return text


class DownloadsModel(ColumnsTableModel):
    """Mirrors a ``DownloadQueue``: rows follow its items, cells its live progress."""

    columns = DownloadColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: DownloadQueue | None = None
        self._items: list[DownloadItem] = []
        self._now: Callable[[], float] = lambda: 0.0
        self._icons: dict[DownloadState, QIcon] = {}

    def set_queue(self, queue: DownloadQueue | None) -> None:
        if self._queue is not None:
            self._queue.item_added.disconnect(self._added)
            self._queue.item_removed.disconnect(self._removed)
            self._queue.item_changed.disconnect(self._changed)
            self._queue.reset.disconnect(self._reset)
        self._queue = queue
        if queue is not None:
            queue.item_added.connect(self._added, owner=self)
            queue.item_removed.connect(self._removed, owner=self)
            queue.item_changed.connect(self._changed, owner=self)
            queue.reset.connect(self._reset, owner=self)
            self._now = queue.clock
        self._reset()

    def item(self, row: int) -> DownloadItem:
        return self._items[row]

    def tick(self) -> None:
        """Refresh the countdowns of waiting items (called once a second)."""
        for row, item in enumerate(self._items):
            if item.state is DownloadState.WAITING_RETRY:
                cell = self.index(row, DownloadColumn.STATUS)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])

    # --- queue signals ------------------------------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self._items = list(self._queue.items) if self._queue is not None else []
        self.endResetModel()

    def _added(self, item: DownloadItem, row: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, item)
        self.endInsertRows()

    def _removed(self, item: DownloadItem, row: int) -> None:
        if 0 <= row < len(self._items) and self._items[row] is item:
            self.beginRemoveRows(QModelIndex(), row, row)
            self._items.pop(row)
            self.endRemoveRows()
        else:
            self._reset()

    def _changed(self, item: DownloadItem) -> None:
        try:
            row = self._items.index(item)
        except ValueError:
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(DownloadColumn) - 1))

    # --- the table ---------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._items)

    def column_titles(self) -> dict[int, str]:
        return {
            DownloadColumn.FILE: self.tr("File"),
            DownloadColumn.STATUS: self.tr("Status"),
            DownloadColumn.PROGRESS: self.tr("Progress"),
            DownloadColumn.SIZE: self.tr("Size"),
            DownloadColumn.SPEED: self.tr("Speed"),
            DownloadColumn.TIME_LEFT: self.tr("Time left"),
            DownloadColumn.JOB: self.tr("Job"),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == DownloadRole.ITEM:
            return item
        if role == DownloadRole.STATE:
            return item.state.value
        if role == DownloadRole.FRACTION:
            return item.fraction
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == DownloadColumn.FILE:
            return self._icon(item.state)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == DownloadColumn.STATUS:
                return colour(STATE_TONES[item.state])
            if column in (DownloadColumn.JOB, DownloadColumn.TIME_LEFT):
                return colour(Tone.MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            DownloadColumn.SIZE,
            DownloadColumn.SPEED,
            DownloadColumn.TIME_LEFT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, item: DownloadItem, column: int) -> str:
        if column == DownloadColumn.FILE:
            return item.file_name
        if column == DownloadColumn.STATUS:
            return state_text(item, self._now())
        if column == DownloadColumn.PROGRESS:
            return percent_text(item.fraction)
        if column == DownloadColumn.SIZE:
            return self._size_text(item)
        if column == DownloadColumn.SPEED:
            if item.state is DownloadState.DOWNLOADING and item.speed > 0:
                return format_speed(item.speed)
            if item.state is DownloadState.DONE and item.average_speed:
                return self.tr("avg %1").replace("%1", format_speed(item.average_speed))
            return ""
        if column == DownloadColumn.TIME_LEFT:
            eta = item.eta
            if eta is not None:
                return format_duration(eta)
            if item.state is DownloadState.DONE and item.finished_at is not None:
                return self.tr("finished %1").replace("%1", short_time(item.finished_at))
            return ""
        if column == DownloadColumn.JOB:
            return f"#{item.job_id} {item.job_name}".strip()
        return ""

    def _size_text(self, item: DownloadItem) -> str:
        if item.state is DownloadState.DONE:
            return format_bytes(item.total or item.received)
        if item.total:
            return (
                self.tr("%1 of %2")
                .replace("%1", format_bytes(item.received))
                .replace("%2", format_bytes(item.total))
            )
        return format_bytes(item.received) if item.received else ""

    def _tooltip(self, item: DownloadItem, column: int) -> str | None:
        if column == DownloadColumn.FILE:
            path = item.target if item.state is DownloadState.DONE else item.part
            return str(path)
        if column in (DownloadColumn.STATUS, DownloadColumn.PROGRESS):
            text = problem_text(item)
            if item.state is DownloadState.DONE and item.file_missing:
                return self.tr("The file is no longer at %1.").replace("%1", str(item.target))
            return text or None
        # The other cells are short; in a narrow window the tooltip shows what was cut.
        return self._display(item, column) or None

    def _icon(self, state: DownloadState) -> QIcon:
        cached = self._icons.get(state)
        if cached is None:
            cached = self._icons[state] = icon(STATE_ICONS[state])
        return cached
