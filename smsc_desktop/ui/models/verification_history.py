"""The verification history as a table: phone, number called, requested at, outcome, duration."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush

from smsc_desktop.services.clock import Clock
from smsc_desktop.services.verification import (
    Verification,
    VerificationService,
    VerificationState,
)
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.formatting import format_duration, format_phone, format_time
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.texts.verification import failure_text, outcome_text
from smsc_desktop.ui.theme import Tone, colour

STATE_TONES = {
    VerificationState.REQUESTING: Tone.MUTED,
    VerificationState.WAITING: Tone.WARNING,
    VerificationState.CONFIRMED: Tone.GOOD,
    VerificationState.EXPIRED: Tone.MUTED,
    VerificationState.CANCELLED: Tone.MUTED,
    VerificationState.FAILED: Tone.BAD,
}


class Column(enum.IntEnum):
    PHONE = 0
    CALLED = 1
    REQUESTED = 2
    OUTCOME = 3
    DURATION = 4


class Role(enum.IntEnum):
    VERIFICATION = Qt.ItemDataRole.UserRole + 1
    """The :class:`Verification` of the row."""
    STATE = Qt.ItemDataRole.UserRole + 2
    """Its state value (``"waiting"``, …)."""
    SORT = Qt.ItemDataRole.UserRole + 3


class VerificationHistoryModel(ColumnsTableModel):
    """Rows are the service's verifications, newest first; it follows the service's signals."""

    columns = Column

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._now = clock.now()
        """The moment the countdowns show: the panel's tick, so they read as its cards do."""
        self._service: VerificationService | None = None
        self._rows: list[Verification] = []
        self._bindings = Bindings(self)

    # --- the service --------------------------------------------------------------------

    def set_service(self, service: VerificationService | None) -> None:
        self._bindings.clear()
        self._service = service
        if service is not None:
            self._clock = service.clock
            self._bindings.connect(service.added, self._on_added)
            self._bindings.connect(service.changed, self._on_changed)
            self._bindings.connect(service.reset, self._on_reset)
        self._on_reset()

    def _on_reset(self) -> None:
        self._now = self._clock.now()
        self.beginResetModel()
        items = self._service.verifications if self._service is not None else []
        self._rows = list(reversed(items))
        self.endResetModel()

    def _on_added(self, verification: Verification) -> None:
        self._now = self._clock.now()
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, verification)
        self.endInsertRows()

    def _on_changed(self, verification: Verification) -> None:
        self._now = self._clock.now()
        row = self.row_of(verification)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def refresh_countdowns(self, now: datetime | None = None) -> None:
        """Repaint the outcome of waiting rows as of ``now`` (called every second)."""
        self._now = now or self._clock.now()
        for row, item in enumerate(self._rows):
            if item.state is VerificationState.WAITING:
                index = self.index(row, Column.OUTCOME)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def row_of(self, verification: Verification) -> int | None:
        for row, item in enumerate(self._rows):
            if item is verification:
                return row
        return None

    def verification(self, row: int) -> Verification:
        return self._rows[row]

    # --- Qt model ----------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def column_titles(self) -> dict[int, str]:
        return {
            Column.PHONE: self.tr("Subscriber"),
            Column.CALLED: self.tr("Number to call"),
            Column.REQUESTED: self.tr("Requested at"),
            Column.OUTCOME: self.tr("Outcome"),
            Column.DURATION: self.tr("Time to call"),
        }

    def column_tips(self) -> dict[int, str]:
        return {
            Column.DURATION: self.tr(
                "How long after SMSC gave out the number the subscriber called"
            ),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.OUTCOME:
            return QBrush(colour(STATE_TONES[item.state]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.VERIFICATION:
            return item
        if role == Role.STATE:
            return item.state.value
        if role == Role.SORT:
            return self._sort_key(item, column)
        return None

    def _display(self, item: Verification, column: Column) -> str:
        if column == Column.PHONE:
            return format_phone(item.phone)
        if column == Column.CALLED:
            return format_phone(item.call_to) if item.call_to else "—"
        if column == Column.REQUESTED:
            return format_time(item.requested_at or item.created_at)
        if column == Column.OUTCOME:
            return outcome_text(item, item.remaining(self._now))
        if item.duration is not None:
            return format_duration(item.duration)
        return "—"

    def _tooltip(self, item: Verification, column: Column) -> str | None:
        if column == Column.OUTCOME and item.state is VerificationState.FAILED:
            return failure_text(item)
        if column == Column.OUTCOME and item.state is VerificationState.WAITING:
            return (
                self.tr("The subscriber must call %1 before %2")
                .replace("%1", format_phone(item.call_to))
                .replace("%2", format_time(item.expires_at))
            )
        if column == Column.CALLED and len(item.all_phones) > 1:
            others = ", ".join(format_phone(p) for p in item.all_phones)
            return self.tr("Numbers of the pool: %1").replace("%1", others)
        if column == Column.DURATION and item.duration is not None:
            return self.tr(
                "The call came %n second(s) after SMSC gave out the number",
                "",
                round(item.duration),
            )
        return None

    def _sort_key(self, item: Verification, column: Column) -> Any:
        if column == Column.REQUESTED:
            return (item.requested_at or item.created_at).timestamp()
        if column == Column.DURATION:
            return item.duration if item.duration is not None else -1.0
        return self._display(item, column)
