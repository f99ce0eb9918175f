"""The history of the account's call verifications: a table, newest first, kept across
restarts, and a button that forgets the finished ones (after asking)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.clock import SystemClock
from smsc_desktop.services.verification import VerificationService
from smsc_desktop.ui.aio import TaskGroup, exec_dialog
from smsc_desktop.ui.models.verification_history import Column, VerificationHistoryModel
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.elided_label import ElidedLabel
from smsc_desktop.ui.widgets.table import DataTable


class HistoryPane(QWidget):
    """The table of the service given to :meth:`set_service` (its model follows the service
    itself); the panel calls :meth:`update_hint` when the list changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: VerificationService | None = None
        self._tasks: TaskGroup | None = None
        self._confirm_box: QMessageBox | None = None

        self.model = VerificationHistoryModel(SystemClock(), self)
        self.table = DataTable(
            self,
            "historyTable",
            accessible_name=self.tr("History of this account"),
            multi_select=True,
            context_menu=False,
        )
        self.table.set_placeholder(
            self.tr(
                "Every verification of this account appears here: who was verified, the "
                "number they called, when, the outcome and how long the call took."
            )
        )
        self.table.setModel(self.model)
        # at its smallest a header and one row, so the cards above can have the rest
        self.table.setMinimumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.OUTCOME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.PHONE, 150),
            (Column.CALLED, 150),
            (Column.REQUESTED, 150),
            (Column.DURATION, 80),
        ):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        title = QLabel(self.tr("History of this account"), self)
        title.setObjectName("sectionTitle")
        self.hint = ElidedLabel(parent=self)
        set_tone(self.hint, Tone.MUTED)
        self.clear_button = QPushButton(self.tr("Clear finished"), self)
        self.clear_button.setToolTip(
            self.tr("Remove confirmed, expired and failed verifications from the history")
        )
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.hint, 1)
        head.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.table)

        self.clear_button.clicked.connect(self._clear_finished)

    def set_service(self, service: VerificationService | None, tasks: TaskGroup) -> None:
        """Show *service*'s history; *tasks* (cancelled before the next service is set) runs
        the confirmation of a clear."""
        if self._confirm_box is not None:  # it asked about the previous account
            self._confirm_box.reject()
            self._confirm_box = None
        self.service = service
        self._tasks = tasks
        self.model.set_service(service)
        self.update_hint()

    def update_hint(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.hint.setText(
                self.tr("empty · kept on this computer for this account, across restarts")
            )
        else:
            self.hint.setText(self.tr("%n verification(s), kept across restarts", "", count))
        self.clear_button.setEnabled(
            self.service is not None and any(v.state.is_final for v in self.service.verifications)
        )

    def wanted_height(self, rows: int = 0) -> int:
        """Room for the title, the table's header and its rows (at least two rows' worth, for
        the empty table's note; ``rows``: that many), so the cards above can have the rest."""
        table = self.table
        rows = rows or max(2, self.model.rowCount())
        body = rows * table.verticalHeader().defaultSectionSize()
        frame = 2 * table.frameWidth() + table.horizontalHeader().sizeHint().height()
        head = max(self.clear_button.sizeHint().height(), self.hint.sizeHint().height())
        spacing = layout.spacing() if (layout := self.layout()) is not None else 0
        return head + spacing + frame + body

    def refresh_countdowns(self, now: datetime | None = None) -> None:
        self.model.refresh_countdowns(now)

    # --- clearing ------------------------------------------------------------------------------

    def _clear_finished(self) -> None:
        if self.service is not None and self._tasks is not None:
            self._tasks.spawn(self.clear_finished(), name="clear-history")

    async def clear_finished(self) -> bool:
        """Ask, then forget the finished verifications of this account. True when cleared.

        Run in the account's task group: an account switch cancels it (and closes the box),
        so the answer always concerns the service it was asked about."""
        service = self.service
        if service is None:
            return False
        count = sum(1 for v in service.verifications if v.state.is_final)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Clear the history"))
        box.setText(
            self.tr("Remove %n finished verification(s) from this account's history?", "", count)
        )
        box.setInformativeText(self.tr("Verifications still waiting for a call are kept."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self._confirm_box = box
        answer = await exec_dialog(box)
        self._confirm_box = None
        if answer != QMessageBox.StandardButton.Yes:
            return False
        service.clear_finished()
        return True
