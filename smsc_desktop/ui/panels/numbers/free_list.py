"""The free numbers: a toolbar (status, Refresh, Export, Rent), the filters and the table.

The pane shows the account's free list (``NumbersService.refresh``), keeps the selected
number selected through filtering, sorting and reloading, and asks for a rent with
``rentRequested(FreeNumber)`` (button, Enter, double-click, context menu); the tab's
:class:`~smsc_desktop.ui.panels.numbers.rent_flow.RentFlow` does the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import FreeNumber, SmscError
from smsc_desktop.services.free_numbers import NumberFilter
from smsc_desktop.services.numbers import ListLoaded, NumbersService
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.formatting import format_phone
from smsc_desktop.ui.models.free_numbers import PHONE_ROLE, Column, FreeNumbersModel
from smsc_desktop.ui.panels.numbers import csv_files
from smsc_desktop.ui.panels.numbers.scope import AccountScope
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.theme import Tone, set_primary, set_tone
from smsc_desktop.ui.widgets.cooldown_button import CooldownButton
from smsc_desktop.ui.widgets.elided_label import ElidedLabel
from smsc_desktop.ui.widgets.message_bar import Level
from smsc_desktop.ui.widgets.numbers_filter import NumbersFilterBar
from smsc_desktop.ui.widgets.table import DataTable

WEIGHTS: dict[int, float] = {
    Column.PHONE: 17,
    Column.KIND: 15,
    Column.OPERATOR: 14,
    Column.NOTICES: 15,
    Column.COST: 17,
    Column.CURRENT_COST: 21,
}


class FreeNumbersPane(QWidget):
    rentRequested = Signal(object)  # FreeNumber
    listSettled = Signal()  # the list (or a final error) is shown

    def __init__(self, scope: AccountScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scope = scope
        self.message = scope.message
        self.service: NumbersService | None = None
        self._list_slot = TaskSlot(scope.tasks, "numbers-list")
        self._kept_phone: str | None = None
        self._failed = False
        self._error_text = ""
        self._build()
        self.update_actions()

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(6)
        bar = QHBoxLayout()
        heading = QLabel(self.tr("Free numbers"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        heading.setFont(font)
        self.status_label = ElidedLabel(parent=self)
        set_tone(self.status_label, Tone.MUTED)
        self.refresh_button = CooldownButton(
            self.tr("Refresh"),
            self,
            busy_text=self.tr("Loading…"),
            limit_hint=self.tr("SMSC allows 2 requests for the free list a minute."),
        )
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.set_idle_tooltip(self.tr("Load the list of free numbers again (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.rent_button = CooldownButton(
            self.tr("Rent…"),
            self,
            busy_text=self.tr("Renting…"),
            limit_hint=self.tr("SMSC allows 2 rent requests for the same number a minute."),
        )
        self.rent_button.setObjectName("rentButton")
        set_primary(self.rent_button)
        self.rent_button.set_idle_tooltip(
            self.tr("Rent the selected number (Enter or double-click); you confirm the price first")
        )
        self.rent_button.clicked.connect(self.rent_selected)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.tr("Save the numbers shown (as filtered and sorted)"))
        self.export_button.clicked.connect(self._ask_export)
        bar.addWidget(heading)
        bar.addSpacing(8)
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.rent_button)
        root.addLayout(bar)

        self.filter_bar = NumbersFilterBar(self)
        self.filter_bar.filterChanged.connect(self._on_filter)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.filter_bar.trailing.addWidget(self.count_label)
        root.addWidget(self.filter_bar)

        self.model = FreeNumbersModel(self)
        self.model.countsChanged.connect(self._on_counts)
        self.view = DataTable(self, "freeNumbersView", accessible_name=self.tr("Free numbers"))
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSortIndicator(Column.PHONE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.view.setSortingEnabled(True)
        self.view.fit_columns(WEIGHTS)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.selectionModel().selectionChanged.connect(self.update_actions)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        root.addWidget(self.view, 1)
        for keys in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._shortcut(keys, self.rent_selected)
        self._shortcut(QKeySequence.StandardKey.Copy, self.copy_selected)

    def _shortcut(self, keys: QKeySequence.StandardKey | Qt.Key, slot: Any) -> None:
        action = QAction(self.view)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)

    # -- the account ------------------------------------------------------------------------

    def set_service(self, service: NumbersService | None) -> None:
        """Show ``service``'s list (the scope's bindings were cleared before)."""
        self.service = service
        self._failed = False
        self._error_text = ""
        self.status_label.clear()
        self.view.set_busy("")
        self.model.set_table(None)
        if service is not None:
            bind = self._scope.bindings.connect
            bind(service.list_loading, self._on_list_loading)
            bind(service.list_loaded, self._on_list_loaded)
            bind(service.list_failed, self._on_list_failed)
            bind(service.number_rented, self._on_rented)
            bind(service.rent_started, self._on_renting)
            bind(service.rent_finished, self._on_renting)
        self.refresh_button.set_retry_source(service.list_retry_after if service else None)
        self.rent_button.set_retry_source(self._selected_rent_wait if service else None)
        self._show_placeholder()
        self.update_actions()

    def shutdown(self) -> None:
        """The window closes: the buttons stop asking the service when they may send."""
        self.refresh_button.set_retry_source(None)
        self.rent_button.set_retry_source(None)

    def set_currency(self, currency: str) -> None:
        self.model.set_currency(currency)
        self.filter_bar.set_currency(currency)

    # -- the list ---------------------------------------------------------------------------

    def refresh(self) -> asyncio.Task[Any] | None:
        """Reload the free numbers (within SMSC's limit); the task, or None if not now."""
        service = self.service
        if service is None or service.loading:
            return None
        if service.list_retry_after() > 0:
            self.refresh_button.update_state()
            return None
        return self._list_slot.start(self.load(service))

    async def load(self, service: NumbersService) -> None:
        with contextlib.suppress(SmscError):  # shown by _on_list_failed
            await service.refresh()
        self.refresh_button.set_busy(False)

    def _on_list_loading(self) -> None:
        self._failed = False
        self.refresh_button.set_busy(True)
        if self.model.table is None:
            self.view.set_busy(texts.list_loading())

    def _on_list_loaded(self, loaded: ListLoaded) -> None:
        self.refresh_button.set_busy(False)
        self.view.set_busy("")
        self.filter_bar.set_operators(loaded.table.operator_names)
        self.model.set_table(loaded.table)
        self._show_status()
        if self._error_text and self.message.message() == self._error_text:
            self.message.dismiss()  # the list loads again: the old error is stale
        self._error_text = ""
        if loaded.skipped:
            self.message.show_message(Level.WARNING, texts.records_skipped(loaded.skipped))
        if loaded.ended:
            self.message.show_message(Level.INFO, texts.rentals_ended(loaded.ended))
        self._show_placeholder()
        self.update_actions()
        self.listSettled.emit()

    def _on_list_failed(self, error: SmscError) -> None:
        self.refresh_button.set_busy(False)
        self.view.set_busy("")
        service = self.service
        if service is None:
            return
        shown_since = service.loaded_at if self.model.table is not None else None
        self._error_text = texts.list_failed(error, shown_since)
        self.message.show_message(Level.ERROR, self._error_text)
        self._failed = True
        self._show_placeholder()
        self.update_actions()
        self.listSettled.emit()

    def _on_filter(self, flt: NumberFilter) -> None:
        self.model.set_filter(flt)
        self._show_placeholder()

    def _on_counts(self, shown: int, total: int) -> None:
        # no list yet (loading, or it failed): no "0 of 0 shown" beside the busy table
        has_list = self.model.table is not None
        self.count_label.setText(texts.shown_count(shown, total) if has_list else "")
        self._show_status()

    def _show_status(self) -> None:
        """ "On offer" counts what the table holds now (rented numbers are off it), so it
        says the same as the counter next to the filters."""
        if self.model.table is None or self.service is None:
            return
        self.status_label.setText(texts.list_status(self.model.total, self.service.loaded_at))

    def _on_rented(self, phone: str) -> None:
        """A number left the list: after a rent nothing stays selected for renting (Qt
        would move the selection to the next number, with the Rent button armed) until the
        user picks again."""
        current = self.model.number_at(self.view.currentIndex().row())
        was_picked = self.selected_phone() == phone or (
            current is not None and current.phone == phone
        )
        self.model.remove_phone(phone)
        if was_picked:
            self.view.selectionModel().clear()
            self._kept_phone = None
        self.update_actions()

    def _show_placeholder(self) -> None:
        self.view.set_placeholder(
            texts.free_placeholder(
                loaded=self.model.table is not None,
                failed=self._failed,
                has_account=self.service is not None,
                total=self.model.total,
            )
        )

    # -- selection and actions --------------------------------------------------------------

    def selected_number(self) -> FreeNumber | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.number_at(index.row())

    def selected_phone(self) -> str | None:
        number = self.selected_number()
        return number.phone if number else None

    def _remember_selection(self) -> None:
        self._kept_phone = self.selected_phone()

    def _restore_selection(self) -> None:
        """Filtering, sorting and reloading keep the selected number selected (if shown)."""
        if self._kept_phone:
            self._select_phone(self._kept_phone)
        self.update_actions()

    def _select_phone(self, phone: str) -> None:
        row = self.model.view_row_of(phone)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def _selected_rent_wait(self) -> float:
        service = self.service
        phone = self.selected_phone()
        if service is None or phone is None:
            return 0.0
        return service.rent_retry_after(phone)

    def update_actions(self, *_args: object) -> None:
        service = self.service
        self.rent_button.set_busy(service is not None and service.renting is not None)
        self.rent_button.set_blocked(service is None or self.selected_number() is None)
        self.export_button.setEnabled(self.model.shown > 0)
        self.filter_bar.setEnabled(self.model.table is not None)

    def _on_renting(self, *_args: object) -> None:
        self.update_actions()

    def set_rent_busy(self, busy: bool) -> None:
        """The rent button says "Renting…" (while the confirmation is being prepared)."""
        self.rent_button.set_busy(busy)

    def tick(self) -> None:
        self.refresh_button.update_state()
        self.rent_button.update_state()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def rent_selected(self) -> None:
        """Button, Enter, double-click or context menu: ask for the selected number's rent."""
        number = self.selected_number()
        if number is not None and self.service is not None:
            self.rentRequested.emit(number)

    def copy_selected(self) -> None:
        """The selected number's digits to the clipboard (what SMSC and other tools take)."""
        phone = self.selected_phone()
        if phone:
            QApplication.clipboard().setText(phone)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.rent_selected()

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        menu = QMenu(self)
        number = self.model.number_at(index.row()) if index.isValid() else None
        if number is not None:
            self.view.selectRow(index.row())
            rent = menu.addAction(self.tr("Rent %1…").replace("%1", format_phone(number.phone)))
            rent.setEnabled(self.rent_button.isEnabled())
            rent.triggered.connect(self.rent_selected)
            menu.addSeparator()
            menu.addAction(self.tr("Copy number"), self.copy_selected)
            menu.addAction(
                self.tr("Copy row"), lambda: QApplication.clipboard().setText(self._row_text(index))
            )
            menu.addSeparator()
        export = menu.addAction(self.tr("Export the numbers shown…"), self._ask_export)
        export.setEnabled(self.model.shown > 0)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _row_text(self, index: QModelIndex) -> str:
        cells = []
        for column in range(self.model.columnCount()):
            cell = self.model.index(index.row(), column)
            value = self.model.data(cell, PHONE_ROLE if column == Column.PHONE else 0)
            cells.append(str(value or ""))
        return "\t".join(cells)

    # -- export -----------------------------------------------------------------------------

    def _ask_export(self) -> None:
        if self.model.shown:
            self._scope.keep.spawn(self._export_flow(), name="export")

    async def _export_flow(self) -> None:
        name = f"free-numbers-{date.today():%Y-%m-%d}.csv"
        path = await csv_files.choose_file(self, self._scope.settings, name)
        if path is not None:
            await self.export_csv(path)

    async def export_csv(self, path: Path) -> int:
        """Write the numbers shown (filtered, in view order) to ``path``; returns the count."""
        currency = self.service.currency if self.service else ""
        return await csv_files.export_free_numbers(self.message, path, self.model, currency)
