"""Preview of a downloaded CSV: the first rows in a table, and "Save for Excel"."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.csv_preview import (
    ENCODINGS,
    CsvPreview,
    ExportCancelled,
    export_for_excel,
    read_preview,
)
from smsc_desktop.ui import a11y, aio
from smsc_desktop.ui.formatting import format_bytes
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.widgets.table import DataTable

SEPARATORS = (";", ",", "\t", "|")


class PreviewModel(ColumnsTableModel):
    """Rows of a ``CsvPreview``; short rows show empty cells."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preview: CsvPreview | None = None
        self._columns = 0

    def set_preview(self, preview: CsvPreview | None) -> None:
        self.beginResetModel()
        self._preview = preview
        self._columns = preview.column_count if preview else 0
        self.endResetModel()

    def row_count(self) -> int:
        return 0 if self._preview is None else len(self._preview.rows)

    def column_count(self) -> int:
        return self._columns

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._preview is None:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        rows = self._preview.rows
        if not 0 <= index.row() < len(rows):
            return None
        row = rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self._preview is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        header = self._preview.header
        return header[section] if section < len(header) else str(section + 1)


class CsvPreviewDialog(QDialog):
    """Opened with ``open()``; loads in a worker thread; "Save for Excel…" converts."""

    loaded = Signal()
    saved = Signal(str)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CsvPreviewDialog")
        self.path = path
        self.preview: CsvPreview | None = None
        self._cancel = threading.Event()
        self._task = aio.TaskSlot(self, "csv-preview")
        self.setWindowTitle(self.tr("Preview: %1").replace("%1", path.name))
        self.resize(1000, 620)

        layout = QVBoxLayout(self)
        options = QHBoxLayout()
        self.info = QLabel(self)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        options.addWidget(self.info, 1)
        options.addWidget(QLabel(self.tr("Encoding:"), self))
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("encoding")
        a11y.name(self.encoding, self.tr("Encoding:"))
        for name in ENCODINGS:
            self.encoding.addItem(name, name)
        options.addWidget(self.encoding)
        options.addWidget(QLabel(self.tr("Separator:"), self))
        self.separator = QComboBox(self)
        self.separator.setObjectName("separator")
        a11y.name(self.separator, self.tr("Separator:"))
        for sep in SEPARATORS:
            self.separator.addItem(self.separator_name(sep), sep)
        options.addWidget(self.separator)
        layout.addLayout(options)

        self.model = PreviewModel(self)
        self.table = DataTable(
            self,
            "previewTable",
            accessible_name=self.tr("The first rows of the file"),
            multi_select=True,
            context_menu=False,
        )
        self.table.set_busy(self.tr("Reading the file"))
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(self.tr("Save for Excel…"), self)
        self.save_button.setToolTip(
            self.tr(
                "Save the whole file as UTF-8 CSV with a BOM and ';' separators, as Excel expects."
            )
        )
        self.save_button.setEnabled(False)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._ask_save)
        layout.addWidget(buttons)

        self.encoding.activated.connect(self._options_changed)
        self.separator.activated.connect(self._options_changed)
        self.finished.connect(self._stop)
        self.status.setText(self.tr("Reading %1…").replace("%1", path.name))
        self._task.start(self.load())

    # --- loading ------------------------------------------------------------------------

    async def load(self, encoding: str | None = None, separator: str | None = None) -> None:
        try:
            preview = await asyncio.to_thread(
                read_preview, self.path, encoding=encoding, separator=separator
            )
        except OSError as exc:
            self.table.set_busy("")
            self.table.set_placeholder(self.tr("Nothing to show: the file cannot be read."))
            self.status.setText(
                self.tr("The file cannot be read: %1").replace("%1", exc.strerror or str(exc))
            )
            self.loaded.emit()
            return
        self.show_preview(preview)

    def show_preview(self, preview: CsvPreview) -> None:
        self.preview = preview
        self.table.set_busy("")
        self.table.set_placeholder(self.tr("The file is empty."))
        self.model.set_preview(preview)
        base = "utf-8" if preview.encoding.startswith("utf-8") else preview.encoding
        self.encoding.setCurrentIndex(max(0, self.encoding.findData(base)))
        self.separator.setCurrentIndex(max(0, self.separator.findData(preview.separator)))
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > 360:
                self.table.setColumnWidth(column, 360)
        shown = len(preview.rows)
        if preview.truncated:
            text = self.tr("First %n rows of a %1 file.", "", shown)
        else:
            text = self.tr("All %n rows of a %1 file.", "", shown)
        self.info.setText(text.replace("%1", format_bytes(preview.file_size)))
        status = self.tr(
            "Encoding %1 and separator %2 were detected; change them above if the text looks wrong."
        )
        status = status.replace("%1", preview.encoding).replace(
            "%2", self.separator_name(preview.separator)
        )
        if preview.replaced_chars:
            status += " " + self.tr(
                "Some characters could not be read in this encoding (shown as �)."
            )
        self.status.setText(status)
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def separator_name(self, separator: str) -> str:
        names = {
            ";": self.tr("; (semicolon)"),
            ",": self.tr(", (comma)"),
            "\t": self.tr("Tab"),
            "|": self.tr("| (vertical bar)"),
        }
        return names.get(separator, separator)

    def _options_changed(self) -> None:
        self._task.start(
            self.load(encoding=self.encoding.currentData(), separator=self.separator.currentData())
        )

    # --- saving -------------------------------------------------------------------------

    def default_export_path(self) -> Path:
        return self.path.with_name(f"{self.path.stem} (Excel).csv")

    def _ask_save(self) -> None:
        self._task.start(self._choose_and_save())

    async def _choose_and_save(self) -> None:
        dialog = QFileDialog(self, self.tr("Save for Excel"), str(self.default_export_path()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        if await aio.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        files = dialog.selectedFiles()
        if files:
            await self.save_for_excel(Path(files[0]))

    async def save_for_excel(self, dest: Path) -> bool:
        preview = self.preview
        if preview is None:
            return False
        self._cancel.clear()
        self.save_button.setEnabled(False)
        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:
            percent = int(done * 100 / total) if total else 100
            loop.call_soon_threadsafe(
                self.status.setText, self.tr("Saving… %1 %").replace("%1", str(percent))
            )

        try:
            rows = await asyncio.to_thread(
                export_for_excel,
                self.path,
                dest,
                encoding=preview.encoding,
                separator=preview.separator,
                progress=progress,
                cancel=self._cancel,
            )
        except ExportCancelled:
            return False
        except OSError as exc:
            self.status.setText(
                self.tr("Could not save %1: %2")
                .replace("%1", str(dest))
                .replace("%2", exc.strerror or str(exc))
            )
            return False
        finally:
            self.save_button.setEnabled(True)
        self.status.setText(
            self.tr("Saved %n rows to %1 (UTF-8 with BOM, ';' separators).", "", rows).replace(
                "%1", str(dest)
            )
        )
        self.saved.emit(str(dest))
        return True

    def _stop(self) -> None:
        self._cancel.set()
        self._task.cancel()
