"""The journal of money spent and renewals changed, one row per operation, newest first."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt

from smsc_desktop.services.journal import (
    JournalAction,
    JournalEntry,
    JournalOutcome,
    operations,
)
from smsc_desktop.ui.formatting import format_money, format_phone, format_time
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.models.roles import (
    ALIGN,
    DISPLAY,
    FONT,
    FOREGROUND,
    LEFT,
    RIGHT,
    TOOLTIP,
    cell_flags,
    phone_font,
)
from smsc_desktop.ui.theme import Tone, colour

OUTCOME_TONES = {
    JournalOutcome.OK: Tone.GOOD,
    JournalOutcome.REFUSED: Tone.BAD,
    JournalOutcome.NOT_SENT: Tone.MUTED,
    JournalOutcome.UNKNOWN: Tone.WARNING,
    JournalOutcome.REQUESTED: Tone.WARNING,
    JournalOutcome.PROBABLY_RENTED: Tone.WARNING,
    JournalOutcome.NOT_RENTED: Tone.GOOD,
    JournalOutcome.CHECK_FAILED: Tone.BAD,
    JournalOutcome.PROBABLY_SENT: Tone.WARNING,
    JournalOutcome.PROBABLY_NOT_SENT: Tone.GOOD,
}


class JournalColumn(enum.IntEnum):
    TIME = 0
    PROFILE = 1
    ACTION = 2
    PHONE = 3
    AMOUNT = 4
    OUTCOME = 5
    DETAIL = 6


class JournalModel(ColumnsTableModel):
    """One row per operation (its last line), newest first."""

    columns = JournalColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[JournalEntry] = []
        self._rows: list[JournalEntry] = []

    def set_entries(self, entries: Iterable[JournalEntry]) -> None:
        self.beginResetModel()
        self._lines = list(entries)
        self._rows = operations(self._lines)
        self.endResetModel()

    def add_entry(self, entry: JournalEntry) -> None:
        self.set_entries([*self._lines, entry])

    def entries(self) -> list[JournalEntry]:
        """The rows as shown (one per operation, newest first)."""
        return list(self._rows)

    def column_titles(self) -> dict[int, str]:
        return {
            JournalColumn.TIME: self.tr("Time"),
            JournalColumn.PROFILE: self.tr("Account"),
            JournalColumn.ACTION: self.tr("Action"),
            JournalColumn.PHONE: self.tr("Number"),
            JournalColumn.AMOUNT: self.tr("Amount"),
            JournalColumn.OUTCOME: self.tr("Outcome"),
            JournalColumn.DETAIL: self.tr("Details"),
        }

    def action_text(self, action: JournalAction) -> str:
        return {
            JournalAction.RENT: self.tr("Rent"),
            JournalAction.RENEWAL_ON: self.tr("Auto-renewal on"),
            JournalAction.RENEWAL_OFF: self.tr("Auto-renewal off"),
            JournalAction.CHECK: self.tr("Check after unknown result"),
            JournalAction.SEND: self.tr("Test SMS"),
        }[action]

    def outcome_text(self, outcome: JournalOutcome) -> str:
        return {
            JournalOutcome.REQUESTED: self.tr("No answer recorded"),
            JournalOutcome.OK: self.tr("Done"),
            JournalOutcome.REFUSED: self.tr("Refused by SMSC"),
            JournalOutcome.NOT_SENT: self.tr("Not sent"),
            JournalOutcome.UNKNOWN: self.tr("Result unknown"),
            JournalOutcome.PROBABLY_RENTED: self.tr("Probably rented"),
            JournalOutcome.NOT_RENTED: self.tr("Not rented"),
            JournalOutcome.CHECK_FAILED: self.tr("Check failed"),
            JournalOutcome.PROBABLY_SENT: self.tr("Probably sent"),
            JournalOutcome.PROBABLY_NOT_SENT: self.tr("Probably not sent"),
        }[outcome]

    def amount_text(self, entry: JournalEntry) -> str:
        if entry.amount is not None:
            return format_money(entry.amount, entry.currency)
        if entry.monthly is not None:
            return self.tr("%1 a month").replace("%1", format_money(entry.monthly, entry.currency))
        return ""

    def failure_text(self, kind: str) -> str:
        """A failure recorded by kind (an exception's name) in plain words."""
        if kind in ("OutcomeUnknownError", "ResponseTimeoutError"):
            return self.tr("no answer came back")
        if kind == "UnreadableOutcomeError":
            return self.tr("the answer could not be read")
        if kind == "RateLimitedError":
            return self.tr("held back: SMSC's limit of identical requests")
        if kind in ("ConnectFailedError", "DnsLookupError", "TlsError", "RequestTimeoutError"):
            return self.tr("could not connect to SMSC")
        if kind == "CancelledError":
            return self.tr("the app stopped while waiting for the answer")
        if ": " in kind:  # a file error, with the system's text
            return self.tr("file error: %1").replace("%1", kind.partition(": ")[2])
        return kind

    def detail_text(self, entry: JournalEntry) -> str:
        parts = []
        if entry.outcome is JournalOutcome.PROBABLY_RENTED:
            parts.append(self.tr("no longer on SMSC's free list"))
        elif entry.outcome is JournalOutcome.NOT_RENTED:
            parts.append(self.tr("still on SMSC's free list"))
        if entry.message_id is not None:
            parts.append(self.tr("SMS id %1").replace("%1", str(entry.message_id)))
        if entry.balance_before is not None and entry.balance_after is not None:
            parts.append(
                self.tr("balance %1 → %2")
                .replace("%1", format_money(entry.balance_before, entry.currency))
                .replace("%2", format_money(entry.balance_after, entry.currency))
            )
        if entry.action is JournalAction.RENT:
            if entry.renew is not None:
                parts.append(
                    self.tr("auto-renewal on") if entry.renew else self.tr("auto-renewal off")
                )
            if entry.monthly is not None:
                parts.append(
                    self.tr("%1 a month").replace("%1", format_money(entry.monthly, entry.currency))
                )
        if entry.error_code is not None:
            text = self.tr("SMSC error %1").replace("%1", str(entry.error_code))
            parts.append(f"{text}: {entry.error}" if entry.error else text)
        elif entry.error:
            parts.append(self.failure_text(entry.error))
        if entry.detail:
            parts.append(entry.detail)
        return " · ".join(parts)

    def cells(self, entry: JournalEntry) -> list[str]:
        """The row as text."""
        return [
            format_time(entry.time),
            entry.profile,
            self.action_text(entry.action),
            format_phone(entry.phone),
            self.amount_text(entry),
            self.outcome_text(entry.outcome),
            self.detail_text(entry),
        ]

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self.cells(entry)[column]
        if role == ALIGN:
            return RIGHT if column == JournalColumn.AMOUNT else LEFT
        if role == FOREGROUND and column == JournalColumn.OUTCOME:
            return colour(OUTCOME_TONES[entry.outcome])
        if role == FONT and column == JournalColumn.PHONE:
            return phone_font()
        if role == TOOLTIP and column == JournalColumn.OUTCOME:
            if entry.outcome is JournalOutcome.REQUESTED:
                return self.tr(
                    "The request was written to the journal but no outcome followed (the app "
                    "stopped while waiting). Check the SMSC cabinet."
                )
            return None
        if role == TOOLTIP and column == JournalColumn.DETAIL:
            return self.detail_text(entry) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == ALIGN
            and 0 <= section < len(JournalColumn)
        ):
            return RIGHT if section == JournalColumn.AMOUNT else LEFT
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return cell_flags(index)
