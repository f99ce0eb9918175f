"""A small editable list of URL parameters (name, value) with add and remove buttons."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.callbacks import Param
from smsc_desktop.ui.models.url_params import Column, ParamsModel
from smsc_desktop.ui.widgets.table import DataTable

EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


class ParamTable(QWidget):
    """Rows of name/value; an empty value means a bare name (``!param1&param2``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ParamsModel(self)
        self.table = DataTable(
            self,
            "paramTable",
            accessible_name=self.tr("Parameters"),
            multi_select=True,
            context_menu=False,
        )
        self.table.setModel(self.model)
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.set_placeholder(self.tr("No parameters"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(74)
        self.table.setMaximumHeight(110)
        self.add_button = QToolButton(self)
        self.add_button.setText("+")
        self.add_button.setToolTip(self.tr("Add a parameter"))
        self.remove_button = QToolButton(self)
        self.remove_button.setText("−")
        self.remove_button.setToolTip(self.tr("Remove the selected parameter"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.model.dataChanged.connect(self._on_edited)

    def _on_edited(self, *_args: object) -> None:
        self.changed.emit()

    def add_row(self, name: str = "", value: str = "") -> None:
        row = self.model.append(name, value)
        if not name:
            index = self.model.index(row, Column.NAME)
            self.table.setCurrentIndex(index)
            self.table.edit(index)
        self.changed.emit()

    def remove_selected(self) -> None:
        selection = self.table.selectionModel()
        rows = {index.row() for index in selection.selectedIndexes()}
        current: QModelIndex = self.table.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        for row in sorted(rows, reverse=True):
            self.model.remove(row)
        if rows:
            self.changed.emit()

    def params(self) -> tuple[Param, ...]:
        return tuple(
            Param(name, value or None) for name, value in self.model.rows() if name or value
        )

    def set_params(self, params: tuple[Param, ...]) -> None:
        self.model.set_rows((param.name, param.value or "") for param in params)
        self.changed.emit()
