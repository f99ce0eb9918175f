"""The parameters of a handler URL as an editable table: name, value."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from smsc_desktop.ui.models.base import ColumnsTableModel, Index


class Column(enum.IntEnum):
    NAME = 0
    VALUE = 1


class ParamsModel(ColumnsTableModel):
    """Rows of ``(name, value)`` text, edited in place; an empty value is a bare name."""

    columns = Column

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []

    def rows(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self._rows]

    def set_rows(self, rows: Iterable[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._rows = [[name, value] for name, value in rows]
        self.endResetModel()

    def append(self, name: str, value: str) -> int:
        """Add a row at the end; returns its number."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append([name, value])
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    # --- Qt model ----------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def column_titles(self) -> dict[int, str]:
        return {Column.NAME: self.tr("Name"), Column.VALUE: self.tr("Value")}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()][index.column()]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = "" if value is None else str(value)
        row = self._rows[index.row()]
        if row[index.column()] == text:
            return False
        row[index.column()] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True
