"""The journal: every rent and renewal change of the account, one row per operation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smsc_desktop.services.journal import JournalEntry
from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.ui.models.journal import JournalModel
from smsc_desktop.ui.panels.numbers import csv_files
from smsc_desktop.ui.panels.numbers.scope import AccountScope
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.table import DataTable

WEIGHTS = dict(enumerate((13, 10, 14, 13, 14, 11, 25)))


class JournalPane(QWidget):
    def __init__(self, scope: AccountScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scope = scope
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.model = JournalModel(self)
        self.view = DataTable(self, "journalView", accessible_name=self.tr("Journal"))
        self.view.setModel(self.model)
        self.view.fit_columns(WEIGHTS)
        self.view.set_placeholder(texts.journal_placeholder())
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.file_label = QLabel(self)
        set_tone(self.file_label, Tone.MUTED)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("Export journal…"), self)
        self.export_button.clicked.connect(self._ask_export)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    def set_service(self, service: NumbersService | None) -> None:
        """Follow ``service``'s journal (its lines so far come with ``set_entries``)."""
        self.model.set_entries([])
        if service is None:
            self.file_label.clear()
            return
        self._scope.bindings.connect(service.journal_appended, self.model.add_entry)
        self.file_label.setText(texts.journal_file(service.journal.path))

    def set_entries(self, entries: Iterable[JournalEntry]) -> None:
        self.model.set_entries(entries)

    def _update_actions(self) -> None:
        self.export_button.setEnabled(self.model.rowCount() > 0)

    # -- export -----------------------------------------------------------------------------

    def _ask_export(self) -> None:
        if self.model.rowCount():
            self._scope.keep.spawn(self._export_flow(), name="export")

    async def _export_flow(self) -> None:
        name = f"numbers-journal-{date.today():%Y-%m-%d}.csv"
        path = await csv_files.choose_file(self, self._scope.settings, name)
        if path is not None:
            await self.export_csv(path)

    async def export_csv(self, path: Path) -> int:
        """Write the journal as shown (one row per operation, newest first) to ``path``."""
        return await csv_files.export_journal(self._scope.message, path, self.model)
