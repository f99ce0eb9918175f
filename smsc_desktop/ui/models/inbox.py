"""The Numbers tab's inbox: incoming SMS, newest first, filtered by number and by words.

The rows are kept in plain lists (the messages oldest first, as the inbox watch keeps them,
and the row map of the ones shown, newest first) and filtered in Python by
``services.inbox.search``: 10,000 messages filter in a few milliseconds, where a proxy model
would take hundreds (../shared/platform-notes.md §8). New messages go on top with
``beginInsertRows`` (the selection and the scroll position stay) and are drawn in bold until
they are selected.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from smsc_desktop.api import IncomingMessage
from smsc_desktop.services.inbox import Haystacks, search
from smsc_desktop.ui.formatting import format_phone
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.models.roles import (
    ACCESSIBLE,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    USER,
    cell_flags,
    phone_font,
)
from smsc_desktop.ui.theme import Tone, colour

MESSAGE_ID_ROLE = USER + 1


class InboxColumn(enum.IntEnum):
    RECEIVED = 0
    NUMBER = 1
    SENDER = 2
    TEXT = 3


def when(message: IncomingMessage) -> datetime | None:
    """When SMSC received it (or, without that, when it was sent)."""
    return message.received or message.sent


def one_line(text: str) -> str:
    return " ↵ ".join(part.strip() for part in text.splitlines() if part.strip()) or text


def local_time(value: datetime | None, today: date | None = None) -> str:
    """``14:05`` today, ``12.06 14:05`` this year, ``12.06.2023 14:05`` before: local time."""
    if value is None:
        return "—"
    local = value.astimezone()
    today = today or datetime.now().astimezone().date()
    if local.date() == today:
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%d.%m %H:%M")
    return local.strftime("%d.%m.%Y %H:%M")


def full_time(value: datetime | None) -> str:
    """``12.06.2024 14:05:09 (UTC+03:00)``: local time, to the second, with the zone."""
    if value is None:
        return ""
    local = value.astimezone()
    offset = local.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else ""
    return local.strftime("%d.%m.%Y %H:%M:%S") + (f" ({zone})" if zone else "")


class InboxModel(ColumnsTableModel):
    """Rows of :class:`IncomingMessage`, newest first; :meth:`set_filter` picks them."""

    columns = InboxColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._messages: list[IncomingMessage] = []
        self._haystacks = Haystacks()
        self._ids: set[int] = set()
        self._rows: list[int] = []
        self._number: str | None = None
        self._query = ""
        self._unseen: set[int] = set()
        self._bold = QFont()
        self._bold.setBold(True)
        self._phone_bold = QFont(phone_font())
        self._phone_bold.setBold(True)

    # --- the messages ----------------------------------------------------------------------

    def set_messages(self, messages: Iterable[IncomingMessage]) -> None:
        """All the messages (oldest first): the list shown starts over."""
        self.beginResetModel()
        self._messages = list(messages)
        self._haystacks = Haystacks(self._messages)
        self._ids = {m.id for m in self._messages}
        self._unseen.clear()
        self._rows = self._filtered()
        self.endResetModel()

    def add_messages(self, messages: Iterable[IncomingMessage]) -> int:
        """Messages that just arrived (oldest first; known ones are skipped): the ones the
        filter lets through go on top, in bold. Returns how many were added."""
        fresh = [m for m in messages if m.id not in self._ids]
        if not fresh:
            return 0
        if self._messages and min(m.id for m in fresh) < self._messages[-1].id:
            unseen = self._unseen | {m.id for m in fresh}
            self.set_messages(sorted([*self._messages, *fresh], key=lambda m: m.id))
            self._unseen = unseen
            return len(fresh)
        start = len(self._messages)
        self._messages.extend(fresh)
        self._haystacks.extend(fresh)
        self._ids.update(m.id for m in fresh)
        self._unseen.update(m.id for m in fresh)
        shown = search(self._haystacks, self._number, self._query, start)
        if shown:
            self.beginInsertRows(QModelIndex(), 0, len(shown) - 1)
            self._rows[0:0] = shown[::-1]
            self.endInsertRows()
        return len(fresh)

    def set_filter(self, number: str | None, query: str) -> None:
        """Show the messages on ``number`` (None: every number) containing ``query``."""
        query = query.strip()
        if number == self._number and query == self._query:
            return
        self._number, self._query = number, query
        self.beginResetModel()
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        rows = search(self._haystacks, self._number, self._query)
        rows.reverse()
        return rows

    @property
    def total(self) -> int:
        return len(self._messages)

    def message_at(self, row: int) -> IncomingMessage | None:
        return self._messages[self._rows[row]] if 0 <= row < len(self._rows) else None

    def row_of(self, message_id: int) -> int:
        for row, index in enumerate(self._rows):
            if self._messages[index].id == message_id:
                return row
        return -1

    def shown_messages(self) -> list[IncomingMessage]:
        """The messages shown, in view order (newest first)."""
        return [self._messages[i] for i in self._rows]

    def mark_seen(self, row: int) -> None:
        message = self.message_at(row)
        if message is not None and message.id in self._unseen:
            self._unseen.discard(message.id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(InboxColumn) - 1))

    @property
    def unseen(self) -> int:
        return len(self._unseen)

    # --- Qt model interface -----------------------------------------------------------------

    def column_titles(self) -> dict[int, str]:
        return {
            InboxColumn.RECEIVED: self.tr("Received"),
            InboxColumn.NUMBER: self.tr("On number"),
            InboxColumn.SENDER: self.tr("From"),
            InboxColumn.TEXT: self.tr("Text"),
        }

    def row_count(self) -> int:
        return len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return cell_flags(index)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._rows):
            return None
        message = self._messages[self._rows[row]]
        column = index.column()
        if role == DISPLAY:
            return self._display(message, column)
        if role == FONT:
            phone = column in (InboxColumn.NUMBER, InboxColumn.SENDER)
            if message.id in self._unseen:
                return self._phone_bold if phone else self._bold
            return phone_font() if phone else None
        if role == TOOLTIP:
            return self._tooltip(message, column)
        if role == FOREGROUND and column == InboxColumn.RECEIVED:
            return colour(Tone.MUTED)
        if role == ACCESSIBLE and column == InboxColumn.TEXT:
            return message.text
        if role == MESSAGE_ID_ROLE:
            return message.id
        return None

    def _display(self, message: IncomingMessage, column: int) -> str:
        if column == InboxColumn.RECEIVED:
            return local_time(when(message))
        if column == InboxColumn.NUMBER:
            return format_phone(message.to_phone)
        if column == InboxColumn.SENDER:
            return format_phone(message.phone)
        if column == InboxColumn.TEXT:
            return one_line(message.text)
        return ""

    def _tooltip(self, message: IncomingMessage, column: int) -> str | None:
        if column == InboxColumn.RECEIVED:
            text = self.tr("Received by SMSC: %1").replace("%1", full_time(message.received))
            if message.sent is not None and message.received is not None:
                text += "\n" + self.tr("Sent: %1").replace("%1", full_time(message.sent))
            return text if message.received is not None else full_time(message.sent)
        if column == InboxColumn.TEXT:
            # Rich text, so that a long message wraps in the tooltip.
            return "<p>" + html.escape(message.text).replace("\n", "<br>") + "</p>"
        return None
