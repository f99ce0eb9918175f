"""The base of every table model: columns from an ``IntEnum``, titles, row count.

Every table model of the app is a ``ColumnsTableModel`` (``tests/ui/test_models.py``
checks it); ``roles.py`` holds the role numbers and cell helpers they share."""

from __future__ import annotations

import enum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ColumnsTableModel(QAbstractTableModel):
    """Columns from an ``IntEnum`` (``columns``), titles from :meth:`column_titles`, rows
    counted by :meth:`row_count`; the subclass answers ``data``. A model whose columns come
    from its data (a CSV preview) overrides :meth:`column_count` instead of ``columns``."""

    columns: ClassVar[type[enum.IntEnum]]

    def row_count(self) -> int:
        raise NotImplementedError

    def column_count(self) -> int:
        return len(self.columns)

    def column_titles(self) -> dict[int, str]:
        raise NotImplementedError

    def column_tips(self) -> dict[int, str]:
        """What a column holds, when its short title does not say it all (header tooltips)."""
        return {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.column_tips().get(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.column_titles().get(section)
