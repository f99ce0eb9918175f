"""The free-number table model: 100,000 rows without a proxy model.

The rows live in a :class:`~smsc_desktop.services.free_numbers.FreeNumbersTable` (plain
columns with bitset indexes); this model only holds the *visible row map*, the list of
table rows that the current filter keeps in the current sort order. Filtering or sorting
computes a new map in a few ms and resets the model (a reset is O(1) for the view).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from smsc_desktop.api import FreeNumber, NumberKind
from smsc_desktop.services.free_numbers import FreeNumbersTable, NumberFilter, SortKey
from smsc_desktop.ui.formatting import currency_sign, format_money, format_phone
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.models.roles import (
    ACCESSIBLE,
    ALIGN,
    DISPLAY,
    FONT,
    FOREGROUND,
    LEFT,
    RIGHT,
    TOOLTIP,
    USER,
    cell_flags,
    phone_font,
)
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.theme import Tone, colour

Column = SortKey
"""The columns, in sort-key order: phone, type, operator, notifications, per month, now."""


class Role(enum.IntEnum):
    PHONE = USER + 1
    """The number as digits (what is copied and sent)."""
    ROW = USER + 2
    """The row in the underlying table."""
    AMOUNT = USER + 3
    """The price as a Decimal (money columns)."""


PHONE_ROLE = int(Role.PHONE)
ROW_ROLE = int(Role.ROW)
AMOUNT_ROLE = int(Role.AMOUNT)


class FreeNumbersModel(ColumnsTableModel):
    """Free numbers: phone, type, operator, notifications, monthly price, price now."""

    columns = Column
    countsChanged = Signal(int, int)  # shown, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: FreeNumbersTable | None = None
        self._rows: list[int] = []
        self._filter = NumberFilter()
        self._sort_key = SortKey.PHONE
        self._descending = False
        self._currency = ""
        self._money: dict[Decimal, str] = {}
        self._kind_labels = self.kind_labels()

    # -- labels -----------------------------------------------------------------------

    def kind_labels(self) -> dict[NumberKind, str]:
        return texts.kind_labels()

    def kind_tooltip(self, kind: NumberKind, code: int) -> str:
        if kind is NumberKind.VIRTUAL:
            text = self.tr("Dedicated virtual number for receiving SMS")
        elif kind is NumberKind.SIM_HOSTING:
            text = self.tr("Number on a SIM card hosted by SMSC (SIM hosting)")
        else:
            text = self.tr("A type of number this app does not know")
        return text + " " + self.tr("(SMSC type %1)").replace("%1", str(code))

    def column_titles(self) -> dict[int, str]:
        sign = currency_sign(self._currency)
        suffix = f", {sign}" if sign else ""
        return {
            Column.PHONE: self.tr("Number"),
            Column.KIND: self.tr("Type"),
            Column.OPERATOR: self.tr("Operator"),
            Column.NOTICES: self.tr("Notifications"),
            Column.COST: self.tr("Per month") + suffix,
            Column.CURRENT_COST: self.tr("Now (rest of month)") + suffix,
        }

    # -- state ------------------------------------------------------------------------

    @property
    def table(self) -> FreeNumbersTable | None:
        return self._table

    @property
    def shown(self) -> int:
        return len(self._rows)

    @property
    def total(self) -> int:
        return self._table.shown_total if self._table is not None else 0

    @property
    def filter(self) -> NumberFilter:
        return self._filter

    def visible_rows(self) -> list[int]:
        """Table rows in view order (a copy)."""
        return list(self._rows)

    def set_table(self, table: FreeNumbersTable | None) -> None:
        self._table = table
        self._money.clear()
        self._refilter()

    def set_filter(self, flt: NumberFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self._refilter()

    def set_currency(self, currency: str) -> None:
        if currency != self._currency:
            self._currency = currency
            self._money.clear()
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, Column.COST),
                    self.index(len(self._rows) - 1, Column.CURRENT_COST),
                    [Qt.ItemDataRole.DisplayRole],
                )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort_key = SortKey(column)
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._refilter()

    def remove_phone(self, phone: str) -> None:
        """Take a number off the list (it was rented): one row removed, no reset."""
        table = self._table
        if table is None:
            return
        row = table.find(phone)
        if row is None:
            return
        table.remove(phone)  # the service may have done it already
        try:
            position = self._rows.index(row)
        except ValueError:
            position = -1
        if position >= 0:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()
        self.countsChanged.emit(self.shown, self.total)

    def _refilter(self) -> None:
        self.beginResetModel()
        table = self._table
        if table is None:
            self._rows = []
        else:
            mask = table.select(self._filter, self._kind_labels)
            self._rows = table.rows(mask, self._sort_key, self._descending)
        self.endResetModel()
        self.countsChanged.emit(self.shown, self.total)

    # -- lookups ----------------------------------------------------------------------

    def number_at(self, row: int) -> FreeNumber | None:
        if self._table is None or not 0 <= row < len(self._rows):
            return None
        return self._table.number(self._rows[row])

    def view_row_of(self, phone: str) -> int:
        """The view row showing ``phone`` (-1 if it is not shown)."""
        table = self._table
        if table is None:
            return -1
        row = table.row_of(phone)
        if row is None:
            return -1
        try:
            return self._rows.index(row)
        except ValueError:
            return -1

    def _money_text(self, amount: Decimal) -> str:
        text = self._money.get(amount)
        if text is None:
            text = self._money[amount] = format_money(amount, self._currency)
        return text

    # -- Qt model interface --------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        r = index.row()
        table = self._table
        if table is None or r >= len(self._rows):
            return None
        row = self._rows[r]
        column = index.column()
        if role in (DISPLAY, ACCESSIBLE):
            if column == 0:
                return format_phone(table.phones[row])
            if column == 1:
                return self._kind_labels[table.kind(row)]
            if column == 2:
                return table.operator(row)
            if column == 3:
                return table.notices(row)
            if column == 4:
                return self._money_text(table.cost(row))
            if column == 5:
                return self._money_text(table.current_cost(row))
            return None
        if role == ALIGN:
            return RIGHT if column >= 4 else LEFT
        if role == PHONE_ROLE:
            return table.phones[row]
        if role == ROW_ROLE:
            return row
        if role == AMOUNT_ROLE:
            if column == 4:
                return table.cost(row)
            if column == 5:
                return table.current_cost(row)
            return None
        if role == TOOLTIP:
            if column == 1:
                return self.kind_tooltip(table.kind(row), table.type_code(row))
            if column in (2, 3):
                return table.info(row)
            if column == 5:
                return self.tr(
                    "Charged when you rent it today: the price for the days left in this month"
                )
            if column == 4:
                return self.tr("Charged every month from next month while auto-renewal is on")
            return None
        if role == FONT and column == 0:
            return phone_font()
        if role == FOREGROUND and column == 3:
            return colour(Tone.MUTED)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == ALIGN
            and 0 <= section < len(Column)
        ):
            return RIGHT if section >= 4 else LEFT
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return cell_flags(index)
