"""The Overview tab's controls: refresh all (and stop), the automatic interval, the filters,
the CSV export, and the lines that sum up the accounts and the last refresh."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.overview import INTERVALS, RefreshProgress
from smsc_desktop.ui.models.overview import ShowFilter
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts import overview as texts
from smsc_desktop.ui.theme import Tone, set_primary, set_tone


class OverviewToolbar(QWidget):
    refreshRequested = Signal()
    stopRequested = Signal()
    intervalChosen = Signal(int)
    """(minutes) 0: off."""
    filterChanged = Signal(str)
    showChanged = Signal(int)
    """(ShowFilter)"""
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        row = QHBoxLayout()
        self.refresh_button = QPushButton(icon("refresh"), texts.refresh_all(), self)
        self.refresh_button.setObjectName("overviewRefresh")
        self.refresh_button.setToolTip(texts.refresh_all_tooltip())
        set_primary(self.refresh_button)
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.stop_button = QPushButton(texts.stop(), self)
        self.stop_button.setObjectName("overviewStop")
        self.stop_button.setToolTip(texts.stop_tooltip())
        self.stop_button.clicked.connect(self.stopRequested)
        self.stop_button.hide()
        interval_label = QLabel(texts.interval_label(), self)
        self.interval = QComboBox(self)
        self.interval.setObjectName("overviewInterval")
        self.interval.setAccessibleName(texts.interval_label().rstrip(":"))
        self.interval.setToolTip(texts.interval_tooltip())
        for minutes in INTERVALS:
            self.interval.addItem(texts.interval_choice(minutes), minutes)
        interval_label.setBuddy(self.interval)
        self.interval.activated.connect(self._interval_activated)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("overviewFilter")
        self.filter_edit.setPlaceholderText(texts.filter_placeholder())
        self.filter_edit.setToolTip(texts.filter_placeholder())  # when a narrow window cuts it
        self.filter_edit.setAccessibleName(texts.filter_name())
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.filterChanged)
        show_label = QLabel(texts.show_label(), self)
        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("overviewShow")
        self.show_combo.setAccessibleName(texts.show_name())
        for value, title in zip(ShowFilter, texts.show_choices(), strict=True):
            self.show_combo.addItem(title, int(value))
        show_label.setBuddy(self.show_combo)
        self.show_combo.currentIndexChanged.connect(
            lambda i: self.showChanged.emit(int(self.show_combo.itemData(i)))
        )
        self.export_button = QPushButton(texts.export_label(), self)
        self.export_button.setObjectName("overviewExport")
        self.export_button.setToolTip(texts.export_tooltip())
        self.export_button.clicked.connect(self.exportRequested)
        row.addWidget(self.refresh_button)
        row.addWidget(self.stop_button)
        row.addSpacing(8)
        row.addWidget(interval_label)
        row.addWidget(self.interval)
        row.addSpacing(16)
        row.addWidget(self.filter_edit, 1)
        row.addWidget(show_label)
        row.addWidget(self.show_combo)
        row.addWidget(self.export_button)
        layout.addLayout(row)

        line = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("overviewSummary")
        self.status = QLabel(self)
        self.status.setObjectName("overviewStatus")
        set_tone(self.status, Tone.MUTED)
        line.addWidget(self.summary, 1)
        line.addWidget(self.status)
        layout.addLayout(line)
        self.setTabOrder(self.refresh_button, self.stop_button)
        self.setTabOrder(self.stop_button, self.interval)
        self.setTabOrder(self.interval, self.filter_edit)
        self.setTabOrder(self.filter_edit, self.show_combo)
        self.setTabOrder(self.show_combo, self.export_button)

    def _interval_activated(self, index: int) -> None:
        self.intervalChosen.emit(int(self.interval.itemData(index)))

    def set_interval(self, minutes: int) -> None:
        index = self.interval.findData(minutes)
        self.interval.setCurrentIndex(max(0, index))

    def set_progress(self, progress: RefreshProgress) -> None:
        running = progress.running
        self.refresh_button.setEnabled(not running)
        self.stop_button.setVisible(running)
        self.status.setText(texts.progress_text(progress))

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setAccessibleName(text)
