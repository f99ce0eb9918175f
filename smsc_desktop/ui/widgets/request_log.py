"""The request log panel: every API call of this session, filterable, copyable, savable.

Rows come from ``services.request_log.RequestLog`` (secret-free records); every text the
panel shows, copies or saves goes through ``redact`` once more.
"""

from __future__ import annotations

import asyncio
import logging
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.request_log import (
    LoggedRequest,
    RequestLog,
    format_params,
    format_requests,
)
from smsc_desktop.services.storage import atomic_write_text, storage_error
from smsc_desktop.ui import a11y
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.theme import Tone, colour
from smsc_desktop.ui.widgets.table import DataTable

log = logging.getLogger("smsc_desktop.ui.request_log")


class Column(IntEnum):
    TIME = 0
    ACCOUNT = 1
    REQUEST = 2
    PARAMS = 3
    DURATION = 4
    HTTP = 5
    OUTCOME = 6


class Role(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the LoggedRequest
    IS_ERROR = Qt.ItemDataRole.UserRole + 2  # bool
    SORT = Qt.ItemDataRole.UserRole + 3  # a sortable value


class RequestLogModel(ColumnsTableModel):
    """The request log as a table; follows the ``RequestLog`` it is given.

    Records arrive through a Qt signal, so an observer called from a worker thread still
    changes the model on the GUI thread.
    """

    _arrived = Signal(object)

    def __init__(self, request_log: RequestLog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log = request_log
        self._rows: list[LoggedRequest] = list(request_log)
        self.error_count = sum(1 for item in self._rows if item.record.outcome != "ok")
        self._capacity = request_log.capacity or 5000
        self._arrived.connect(self._append)
        request_log.appended.connect(self._arrived.emit, owner=self)
        request_log.cleared.connect(self._reset, owner=self)

    columns = Column

    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Account"),
            self.tr("Request"),
            self.tr("Parameters"),
            self.tr("Duration"),
            self.tr("HTTP"),
            self.tr("Outcome"),
        ]

    def column_titles(self) -> dict[int, str]:
        return dict(enumerate(self.headers()))

    def row_count(self) -> int:
        return len(self._rows)

    def item(self, row: int) -> LoggedRequest:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        record = item.record
        column = index.column()
        failed = record.outcome != "ok"
        if role == Role.ITEM:
            return item
        if role == Role.IS_ERROR:
            return failed
        if role == Role.SORT:
            return self._sort_value(item, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and failed and column == Column.OUTCOME:
            return QBrush(colour(Tone.BAD))
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.OUTCOME and record.message:
            from smsc_desktop.services.redaction import redact

            return redact(record.message)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.DURATION, Column.HTTP):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, item: LoggedRequest, column: int) -> str:

        record = item.record
        if column == Column.TIME:
            local = record.started_at.astimezone()
            return str(local.strftime("%H:%M:%S.")) + f"{local.microsecond // 1000:03d}"
        if column == Column.ACCOUNT:
            return item.profile
        if column == Column.REQUEST:
            return f"{record.endpoint}.php {record.command}".strip()
        if column == Column.PARAMS:
            return format_params(record.params)
        if column == Column.DURATION:
            return self.tr("%1 ms").replace("%1", f"{record.duration * 1000:.0f}")
        if column == Column.HTTP:
            return "" if record.http_status is None else str(record.http_status)
        if column == Column.OUTCOME:
            if record.outcome == "ok":
                text = self.tr("OK")
            elif record.error_code is not None:
                text = self.tr("error %1").replace("%1", str(record.error_code))
            else:
                text = record.error or self.tr("error")
            if record.attempt > 1:
                text += " " + self.tr("(attempt %1)").replace("%1", str(record.attempt))
            return text
        return ""

    def _sort_value(self, item: LoggedRequest, column: int) -> Any:
        record = item.record
        if column == Column.TIME:
            return record.started_at.timestamp()
        if column == Column.DURATION:
            return record.duration
        if column == Column.HTTP:
            return record.http_status or 0
        return self._display(item, column)

    def _append(self, item: LoggedRequest) -> None:
        overflow = len(self._rows) + 1 - self._capacity
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            self.error_count -= sum(1 for i in self._rows[:overflow] if i.record.outcome != "ok")
            del self._rows[:overflow]
            self.endRemoveRows()
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(item)
        self.error_count += item.record.outcome != "ok"
        self.endInsertRows()

    def _reset(self) -> None:
        self.beginResetModel()
        self._rows = list(self._log)
        self.error_count = sum(1 for item in self._rows if item.record.outcome != "ok")
        self.endResetModel()


class RequestLogFilter(QSortFilterProxyModel):
    """Free text over every column, errors only, one account."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._errors_only = False
        self._account = ""
        self.setSortRole(Role.SORT)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_errors_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._errors_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_account(self, name: str) -> None:
        self.beginFilterChange()
        self._account = name
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        first = model.index(source_row, 0, source_parent)
        if self._errors_only and not model.data(first, Role.IS_ERROR):
            return False
        item = model.data(first, Role.ITEM)
        if self._account and item is not None and item.profile != self._account:
            return False
        if not self._text:
            return True
        for column in range(model.columnCount(source_parent)):
            value = model.data(model.index(source_row, column, source_parent))
            if value and self._text in str(value).casefold():
                return True
        return False


class RequestLogPanel(QWidget):
    """Filter bar, table, and the copy / save / clear buttons."""

    message = Signal(str)  # a short note for the status bar

    def __init__(self, request_log: RequestLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RequestLogPanel")
        self.request_log = request_log
        self.model = RequestLogModel(request_log, self)
        self.proxy = RequestLogFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter: account, request, error…"))
        self.filter_edit.setClearButtonEnabled(True)
        a11y.name(self.filter_edit, self.tr("Filter the requests"))
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.errors_only = QCheckBox(self.tr("Errors only"), self)
        self.errors_only.toggled.connect(self.proxy.set_errors_only)
        self.account = QComboBox(self)
        self.account.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.account.addItem(self.tr("All accounts"), "")
        a11y.name(self.account, self.tr("Account"))
        self.account.currentIndexChanged.connect(
            lambda _i: self.proxy.set_account(self.account.currentData() or "")
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("RequestLogSummary")

        self.copy_button = self._tool_button("duplicate", self.tr("Copy"), self.copy_rows)
        self.copy_button.setToolTip(
            self.tr("Copy the selected requests (all shown ones if none is selected)")
        )
        self._saving = TaskSlot(self, "save-request-log")
        self.save_button = self._tool_button("save", self.tr("Save…"), self.choose_file)
        self.save_button.setToolTip(self.tr("Save the shown requests to a text file"))
        self.clear_button = self._tool_button("clear", self.tr("Clear"), request_log.clear)
        self.clear_button.setToolTip(self.tr("Forget the requests listed so far"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.account)
        bar.addWidget(self.errors_only)
        bar.addSpacing(12)
        bar.addWidget(self.summary)
        bar.addStretch(0)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.clear_button)

        self.table = DataTable(
            self,
            "RequestLogTable",
            accessible_name=self.tr("Requests of this session"),
            multi_select=True,
            context_menu=False,
        )
        self.table.set_placeholder(self.tr("No requests yet in this session."))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # arrival order
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (Column.TIME, 100),
            (Column.ACCOUNT, 150),
            (Column.REQUEST, 190),
            (Column.PARAMS, 230),
            (Column.DURATION, 80),
            (Column.HTTP, 50),
        ):
            header.resizeSection(column, width)
        copy = QAction(self.tr("Copy"), self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_rows)
        self.table.addAction(copy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.model.rowsInserted.connect(self._rows_added)
        self.model.modelReset.connect(self._refresh_summary)
        self.model.rowsRemoved.connect(self._refresh_summary)
        self.proxy.layoutChanged.connect(self._refresh_summary)
        self.proxy.rowsInserted.connect(self._refresh_summary)
        self.filter_edit.textChanged.connect(self._refresh_summary)
        self.errors_only.toggled.connect(self._refresh_summary)
        self._refresh_summary()
        for row in range(self.model.rowCount()):
            self._note_account(self.model.item(row).profile)

    def _tool_button(self, icon_name: str, text: str, slot: Any) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # --- what the buttons do ------------------------------------------------------------

    def shown_items(self, selected_only: bool = False) -> list[LoggedRequest]:
        if selected_only:
            rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        else:
            rows = list(range(self.proxy.rowCount()))
        return [self.proxy.data(self.proxy.index(r, 0), Role.ITEM) for r in rows]

    def copy_rows(self) -> None:
        items = self.shown_items(selected_only=True) or self.shown_items()
        QGuiApplication.clipboard().setText(format_requests(items))
        self.message.emit(self.tr("Copied %n request(s)", "", len(items)))

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Save the request log"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("Text files (*.txt *.tsv)"), self.tr("All files (*)")])
        dialog.setDefaultSuffix("txt")
        dialog.selectFile("smsc-requests.txt")
        dialog.fileSelected.connect(lambda path: self._saving.start(self.save_to(Path(path))))
        dialog.open()

    async def save_to(self, path: Path) -> bool:
        """Write the shown requests to ``path`` (on a worker thread: the file may be on a
        slow or network disk); False, and said, when that failed."""
        items = self.shown_items()
        try:
            text = format_requests(items)
            await asyncio.to_thread(atomic_write_text, path, text)
        except Exception as failure:  # the disk, or anything else: said, never raised
            exc = storage_error(failure)
            log.warning("Saving the request log to %s failed: %r", path, failure)
            self.message.emit(
                self.tr("Could not save the request log: %1").replace(
                    "%1", exc.strerror or str(exc)
                )
            )
            return False
        self.message.emit(
            self.tr("Saved %n request(s) to %1", "", len(items)).replace("%1", str(path))
        )
        return True

    # --- keeping the view current --------------------------------------------------------

    def _rows_added(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._note_account(self.model.item(row).profile)
        bar = self.table.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2:
            self.table.scrollToBottom()
        self._refresh_summary()

    def _note_account(self, name: str) -> None:
        if name and self.account.findData(name) < 0:
            self.account.addItem(name, name)

    def _refresh_summary(self, *_: object) -> None:
        total = self.model.rowCount()
        errors = self.model.error_count
        shown = self.proxy.rowCount()
        text = self.tr("%n request(s)", "", total)
        if errors:
            text += ", " + self.tr("%n error(s)", "", errors)
        if shown != total:
            text += " · " + self.tr("%n shown", "", shown)
        self.summary.setText(text)
