"""Insights into one export file: a window of charts over volume, cost and delivery.

A window of its own rather than a pane of the Exports tab: the charts need room (it can be
maximised), two exports can be compared side by side, and its code — the charts included —
is imported only when the first one opens, so the app starts as fast as before.

The file is read by ``services.insights.read_insights`` in a worker thread with a progress
bar and a Stop button; the window only draws the result (``InsightsPanel``). What the file
lacks or could not read is said in a message bar above the charts. The file itself is only
ever read.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.csv_export import write_csv
from smsc_desktop.services.insights import Field, Insights, ScanCancelled, read_insights
from smsc_desktop.ui import a11y, aio
from smsc_desktop.ui.formatting import format_bytes
from smsc_desktop.ui.models.insights_summary import summary_csv_rows
from smsc_desktop.ui.panels.exports.insights import InsightsPanel
from smsc_desktop.ui.texts import insights as texts
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.charts import Chart
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar

IGNORED_MISSING = (Field.PHONE, Field.ERROR)
"""Columns the charts do not need: not mentioned when absent."""


class InsightsDialog(QDialog):
    """Opened with ``show()``; reads ``path`` at once. ``loaded`` fires when the charts (or
    a message saying why there are none) are shown."""

    loaded = Signal()
    saved = Signal(str)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InsightsDialog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.path = path
        self.insights: Insights | None = None
        self._cancel = threading.Event()
        self._reading = aio.TaskSlot(self, "insights-read")
        self._saving = aio.TaskSlot(self, "insights-save")
        self.setWindowTitle(texts.window_title(path.name))
        self.resize(1180, 860)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("insightsHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.heading, 1)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("insightsProgress")
        self.progress.setAccessibleName(texts.progress_name())
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(260)
        top.addWidget(self.progress)
        self.stop_button = QPushButton(texts.stop_label(), self)
        self.stop_button.setObjectName("insightsStop")
        self.stop_button.clicked.connect(self.stop)
        top.addWidget(self.stop_button)
        layout.addLayout(top)

        self.message = MessageBar(self)
        self.message.setObjectName("insightsMessage")
        self.message.actionTriggered.connect(self._message_action)
        layout.addWidget(self.message)
        self.notes = MessageBar(self)
        self.notes.setObjectName("insightsNotes")
        layout.addWidget(self.notes)

        self.panel = InsightsPanel(self)
        self.panel.setEnabled(False)
        self.panel.saveChartRequested.connect(self._save_chart_clicked)
        self.panel.chartCopied.connect(self._copied)
        self.panel.saveSummaryRequested.connect(self._save_summary_clicked)
        scroll = QScrollArea(self)
        scroll.setObjectName("insightsScroll")
        a11y.name(scroll, self.tr("Charts"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget(scroll)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.panel)
        page_layout.addStretch(1)
        scroll.setWidget(page)
        layout.addWidget(scroll, 1)

        self.status = QLabel(self)
        self.status.setObjectName("insightsStatus")
        set_tone(self.status, Tone.MUTED)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.finished.connect(self._closed)
        self.read()

    # --- reading ------------------------------------------------------------------------

    def read(self) -> None:
        """(Re)read the file; a read in progress is stopped first."""
        self._cancel.set()
        self._cancel = threading.Event()
        self._reading.start(self._read(self._cancel))

    async def _read(self, cancel: threading.Event) -> None:
        self.message.hide()
        self.notes.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.stop_button.show()
        self.heading.setText(texts.reading(self.path.name))
        loop = asyncio.get_running_loop()
        shown = [-1]

        def progress(done: int, total: int) -> None:  # in the worker thread
            percent = done * 100 // total if total else 100
            if percent != shown[0]:
                shown[0] = percent
                loop.call_soon_threadsafe(self._progress, cancel, percent)

        try:
            insights = await asyncio.to_thread(
                read_insights, self.path, progress=progress, cancel=cancel
            )
        except ScanCancelled:
            self._done_reading()
            self.message.show_message(
                Level.INFO, texts.stopped(), action=texts.read_again(), action_id="read"
            )
        except OSError as exc:
            self._done_reading()
            self.message.show_message(
                Level.ERROR,
                texts.cannot_read(exc.strerror or str(exc)),
                action=texts.read_again(),
                action_id="read",
            )
        else:
            self._done_reading()
            self.show_notes(insights)
            for step in self.panel.fill_steps(insights):
                step()
                await asyncio.sleep(0)  # let the window breathe between two cards
            self.panel.setEnabled(True)
        self.loaded.emit()

    def _progress(self, cancel: threading.Event, percent: int) -> None:
        if self._reading.alive and cancel is self._cancel and not cancel.is_set():
            self.progress.setValue(percent)

    def _done_reading(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        self.heading.setText(self.path.name)

    def stop(self) -> None:
        self._cancel.set()

    def _closed(self) -> None:
        self._cancel.set()
        self._reading.cancel()
        self._saving.cancel()

    def _message_action(self, action: str) -> None:
        if action == "read":
            self.read()

    # --- showing ------------------------------------------------------------------------

    def show_notes(self, insights: Insights) -> None:
        """The heading, and what the file lacks or could not read."""
        self.insights = insights
        self.heading.setText(
            texts.heading(
                self.path.name,
                format_bytes(insights.format.size),
                insights.rows,
                insights.first,
                insights.last,
            )
        )
        notes = []
        missing = [f for f in insights.format.columns.missing if f not in IGNORED_MISSING]
        if insights.has(Field.PARTS) and Field.MESSAGE in missing:
            missing.remove(Field.MESSAGE)  # the parts column says what the text would
        if missing:
            notes.append(texts.not_found(missing))
        if insights.bad_lines:
            notes.append(texts.unreadable(insights.bad_lines, insights.bad_examples))
        if insights.undated and insights.has(Field.DATE):
            notes.append(texts.undated(insights.undated))
        if notes:
            self.notes.show_message(Level.WARNING, "\n".join(notes))
        else:
            self.notes.hide()

    # --- copying and saving -------------------------------------------------------------

    def _copied(self) -> None:
        self.status.setText(texts.copied())

    def _save_chart_clicked(self, chart: Chart) -> None:
        self._saving.start(self.save_chart_as(chart))

    async def save_chart_as(self, chart: Chart) -> None:
        name = f"{self.path.stem} — {chart.accessibleName()}.png"
        dialog = QFileDialog(self, texts.save_chart_title(), str(self.path.with_name(name)))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(texts.png_filter())
        dialog.setDefaultSuffix("png")
        if await aio.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        files = dialog.selectedFiles()
        if files:
            self.save_chart(chart, Path(files[0]))

    def save_chart(self, chart: Chart, dest: Path) -> bool:
        if not chart.image().save(str(dest), "PNG"):
            self.status.setText(texts.cannot_save(str(dest), texts.not_written()))
            return False
        self.status.setText(texts.saved(str(dest)))
        self.saved.emit(str(dest))
        return True

    def _save_summary_clicked(self) -> None:
        self._saving.start(self.save_summary_as())

    async def save_summary_as(self) -> None:
        start = self.path.with_name(texts.summary_name(self.path.stem))
        dialog = QFileDialog(self, texts.save_summary_title(), str(start))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(texts.csv_filter())
        dialog.setDefaultSuffix("csv")
        if await aio.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        files = dialog.selectedFiles()
        if files:
            await self.save_summary(Path(files[0]))

    async def save_summary(self, dest: Path) -> bool:
        """The summary table as the app's Excel-safe CSV (UTF-8 with BOM, ``;``)."""
        rows = summary_csv_rows(self.panel.summary_model.rows)
        header = list(texts.summary_columns())
        try:
            await asyncio.to_thread(_write_summary, dest, self.path, header, rows)
        except SameFileError:
            self.status.setText(texts.cannot_save(str(dest), texts.would_overwrite()))
            return False
        except OSError as exc:
            self.status.setText(texts.cannot_save(str(dest), exc.strerror or str(exc)))
            return False
        self.status.setText(texts.saved(str(dest)))
        self.saved.emit(str(dest))
        return True


class SameFileError(Exception):
    """The summary would overwrite the export it sums up."""


def _write_summary(dest: Path, source: Path, header: list[str], rows: list[list[object]]) -> None:
    if dest.resolve() == source.resolve():
        raise SameFileError
    write_csv(dest, header, rows)
