"""The Numbers tab: the free-number marketplace, renting, My numbers and the journal.

Layout: a message bar; the free numbers (toolbar, filters, table); below them, My numbers
(with the auto-renewal switches and the monthly totals) and the journal of money spent.
All the work is done by :class:`~smsc_desktop.services.numbers.NumbersService`; this
module words its results for people and keeps the widgets in step.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import FreeNumber, InsufficientFundsError, NumberKind, SmscError
from smsc_desktop.services.csv_export import money_cell, write_csv
from smsc_desktop.services.free_numbers import NumberFilter
from smsc_desktop.services.journal import JournalEntry
from smsc_desktop.services.ledger import RentalStatus
from smsc_desktop.services.numbers import (
    ListLoaded,
    NotSentReason,
    NumbersService,
    Reconciliation,
    RenewalResult,
    RentResult,
    RequestStatus,
)
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.aio import TaskSlot, exec_dialog
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.dialogs.add_number import AddNumberDialog
from smsc_desktop.ui.dialogs.rent import RentDialog, long_date, next_month_start
from smsc_desktop.ui.formatting import format_money, format_phone
from smsc_desktop.ui.models.free_numbers import PHONE_ROLE, Column, FreeNumbersModel
from smsc_desktop.ui.models.journal import JournalModel
from smsc_desktop.ui.models.my_numbers import MyColumn, MyNumbersModel
from smsc_desktop.ui.tabs.base import TabPage
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.theme import Tone, css, set_primary, set_tone
from smsc_desktop.ui.widgets.column_fitter import ColumnFitter
from smsc_desktop.ui.widgets.cooldown_button import CooldownButton, countdown
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar
from smsc_desktop.ui.widgets.numbers_filter import NumbersFilterBar

log = logging.getLogger("smsc_desktop.ui.numbers")

FREE_WEIGHTS: dict[int, float] = {
    Column.PHONE: 17,
    Column.KIND: 15,
    Column.OPERATOR: 14,
    Column.NOTICES: 15,
    Column.COST: 17,
    Column.CURRENT_COST: 21,
}
MY_WEIGHTS: dict[int, float] = {
    MyColumn.PHONE: 15,
    MyColumn.DETAILS: 20,
    MyColumn.MONTHLY: 11,
    MyColumn.PAID: 11,
    MyColumn.SINCE: 13,
    MyColumn.RENEWAL: 13,
    MyColumn.STATUS: 26,
}
JOURNAL_WEIGHTS = dict(enumerate((13, 10, 15, 13, 10, 11, 28)))


class _Placeholder(QLabel):
    """A centred note over an empty table ("Loading…", "No numbers match")."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view.viewport())
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { padding: 24px; }")
        set_tone(self, Tone.MUTED)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        self._viewport = view.viewport()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._viewport.rect())
        return False

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setGeometry(self._viewport.rect())
        self.setVisible(bool(text))


def _table(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.verticalHeader().hide()
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class NumbersTab(TabPage):
    name = "numbers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service: NumbersService | None = None
        self._list_slot = TaskSlot(self.session_tasks, "numbers-list")
        self._rent_slot = TaskSlot(self.session_tasks, "numbers-rent")
        self._open_slot = TaskSlot(self.session_tasks, "numbers-open")
        self._checking_message: dict[str, str] = {}
        self._check_deadline: tuple[str, float] | None = None
        self._list_error_shown = False
        self._kept_phone: str | None = None
        self._build()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Numbers")

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 8)
        root.setSpacing(6)
        self.message = MessageBar(self)
        self.message.actionTriggered.connect(self._on_message_action)
        root.addWidget(self.message)

        # toolbar
        bar = QHBoxLayout()
        heading = QLabel(self.tr("Free numbers"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        heading.setFont(font)
        self.status_label = QLabel(self)
        set_tone(self.status_label, Tone.MUTED)
        self.refresh_button = CooldownButton(
            self.tr("Refresh"),
            self,
            busy_text=self.tr("Loading…"),
            limit_hint=self.tr("SMSC allows 2 requests for the free list a minute."),
        )
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.set_idle_tooltip(self.tr("Load the list of free numbers again (F5)"))
        self.refresh_button.clicked.connect(self.refresh_list)
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
        self.export_button.clicked.connect(self._ask_export_free)
        bar.addWidget(heading)
        bar.addSpacing(8)
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.rent_button)
        root.addLayout(bar)

        filters = QHBoxLayout()
        self.filter_bar = NumbersFilterBar(self)
        self.filter_bar.filterChanged.connect(self._on_filter)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setMinimumWidth(130)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        filters.addWidget(self.filter_bar, 1)
        filters.addWidget(self.count_label)
        root.addLayout(filters)

        # the free numbers
        self.model = FreeNumbersModel(self)
        self.model.countsChanged.connect(self._on_counts)
        self.view = _table(self, "freeNumbersView")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSortIndicator(Column.PHONE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.view.setSortingEnabled(True)
        self.free_columns = ColumnFitter(self.view, FREE_WEIGHTS)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.customContextMenuRequested.connect(self._free_menu)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.free_placeholder = _Placeholder(self.view)
        self._add_shortcuts()

        # My numbers and the journal
        self.bottom = QTabWidget(self)
        self.bottom.setObjectName("numbersBottomTabs")
        self.bottom.setDocumentMode(True)
        self.bottom.addTab(self._build_mine(), "")
        self.bottom.addTab(self._build_journal(), "")

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([460, 220])
        root.addWidget(self.splitter, 1)
        self._retitle_bottom()

    def _build_mine(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        self.my_model = MyNumbersModel(self)
        self.my_model.renewalToggleRequested.connect(self.set_renewal)
        self.my_view = _table(page, "myNumbersView")
        self.my_view.setModel(self.my_model)
        self.my_columns = ColumnFitter(self.my_view, MY_WEIGHTS)
        self.my_view.customContextMenuRequested.connect(self._mine_menu)
        self.my_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.my_placeholder = _Placeholder(self.my_view)
        layout.addWidget(self.my_view, 1)
        row = QHBoxLayout()
        self.totals_label = QLabel(page)
        self.totals_label.setObjectName("totalsLabel")
        self.totals_label.setTextFormat(Qt.TextFormat.RichText)
        self.totals_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add a number rented elsewhere…"), page)
        self.add_button.clicked.connect(self._ask_add_number)
        self.confirm_button = QPushButton(self.tr("Confirm rented"), page)
        self.confirm_button.setToolTip(
            self.tr("You found the number in the SMSC cabinet: mark it as rented")
        )
        self.confirm_button.clicked.connect(self._confirm_selected)
        self.check_button = QPushButton(self.tr("Check again"), page)
        self.check_button.setToolTip(
            self.tr("Check SMSC's free list again to find out whether the rent happened")
        )
        self.check_button.clicked.connect(self._check_selected)
        self.forget_button = QPushButton(self.tr("Remove from list"), page)
        self.forget_button.setToolTip(
            self.tr("Stop tracking the number here (nothing is sent to SMSC)")
        )
        self.forget_button.clicked.connect(self._forget_selected)
        row.addWidget(self.totals_label, 1)
        for button in (self.check_button, self.confirm_button, self.forget_button):
            row.addWidget(button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        return page

    def _build_journal(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        self.journal_model = JournalModel(self)
        self.journal_view = _table(page, "journalView")
        self.journal_view.setModel(self.journal_model)
        self.journal_columns = ColumnFitter(self.journal_view, JOURNAL_WEIGHTS)
        self.journal_placeholder = _Placeholder(self.journal_view)
        layout.addWidget(self.journal_view, 1)
        row = QHBoxLayout()
        self.journal_label = QLabel(page)
        set_tone(self.journal_label, Tone.MUTED)
        self.journal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.journal_export = QPushButton(self.tr("Export journal…"), page)
        self.journal_export.clicked.connect(self._ask_export_journal)
        row.addWidget(self.journal_label, 1)
        row.addWidget(self.journal_export)
        layout.addLayout(row)
        return page

    def _add_shortcuts(self) -> None:
        def action(
            keys: QKeySequence | QKeySequence.StandardKey | Qt.Key,
            slot: Callable[[], Any],
            widget: QWidget,
        ) -> QAction:
            act = QAction(widget)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            widget.addAction(act)
            return act

        action(QKeySequence.StandardKey.Refresh, self.refresh_list, self)
        action(QKeySequence.StandardKey.Find, self._focus_search, self)
        self._rent_action = action(Qt.Key.Key_Return, self.rent_selected, self.view)
        action(Qt.Key.Key_Enter, self.rent_selected, self.view)
        action(QKeySequence.StandardKey.Copy, self.copy_selected, self.view)

    # -- account ----------------------------------------------------------------------

    def session_changed(self, session: AccountSession | None) -> None:
        self._close_service()
        self.model.set_table(None)
        self.my_model.set_numbers([])
        self.journal_model.set_entries([])
        self.message.dismiss()
        self.status_label.clear()
        if session is None:
            self._tick.stop()
            self._update_actions()
            return
        service = session.numbers
        self.service = service
        self.bindings.connect(service.list_loading, self._on_list_loading)
        self.bindings.connect(service.list_loaded, self._on_list_loaded)
        self.bindings.connect(service.list_failed, self._on_list_failed)
        self.bindings.connect(service.mine_changed, self._on_mine_changed)
        self.bindings.connect(service.number_rented, self.model.remove_phone)
        self.bindings.connect(service.rent_unknown, self._on_rent_unknown)
        self.bindings.connect(service.check_started, self._on_check_started)
        self.bindings.connect(service.check_finished, self._on_check_finished)
        self.bindings.connect(service.renewal_finished, self._on_renewal_finished)
        self.bindings.connect(service.journal_appended, self._on_journal_appended)
        self.bindings.connect(service.storage_failed, self._on_storage_failed)
        self.bindings.connect(session.balance_changed, self._on_balance)
        self.my_model.set_retry_source(service.renewal_retry_after)
        self.refresh_button.set_retry_source(service.list_retry_after)
        self.rent_button.set_retry_source(self._selected_rent_wait)
        self.journal_label.setText(
            self.tr("Journal file: %1").replace("%1", str(service.journal.path))
        )
        self._on_balance(session.balance)
        self._show_placeholders()
        self._tick.start()
        self._open_slot.start(self._open(service))

    def _close_service(self) -> None:
        self.service = None
        self.my_model.set_retry_source(None)
        self.refresh_button.set_retry_source(None)
        self.rent_button.set_retry_source(None)

    async def _open(self, service: NumbersService) -> None:
        try:
            await service.open()
            entries = await service.read_journal()
        except OSError as exc:
            self._on_storage_failed(exc)
            entries = []
        if service is not self.service:
            return
        self.journal_model.set_entries(entries)
        self._retitle_bottom()
        if service.ledger.load_problem == "unreadable":
            self.message.show_message(
                Level.WARNING,
                self.tr(
                    "The saved list of My numbers could not be read and was set aside next to "
                    "it (%1). My numbers starts empty; the journal is unaffected."
                ).replace("%1", str(service.ledger.path.parent)),
            )
        await self._load_list(service)

    def shutdown(self) -> None:
        self._tick.stop()
        self._close_service()

    # -- the free list ----------------------------------------------------------------

    def refresh_list(self) -> None:
        self.refresh()

    def refresh(self) -> asyncio.Task[Any] | None:
        """The tab's read action: reload the free numbers (within SMSC's limit)."""
        service = self.service
        if service is None or service.loading:
            return None
        if service.list_retry_after() > 0:
            self.refresh_button.update_state()
            return None
        return self._list_slot.start(self._load_list(service))

    async def _load_list(self, service: NumbersService) -> None:
        try:
            await service.refresh()
        except SmscError:
            pass  # shown by _on_list_failed
        finally:
            if service is self.service:
                self.refresh_button.set_busy(False)

    def _on_list_loading(self) -> None:
        self.refresh_button.set_busy(True)
        if self.model.table is None:
            self.free_placeholder.show_text(self.tr("Loading the free numbers from SMSC…"))

    def _on_list_loaded(self, loaded: ListLoaded) -> None:
        service = self.service
        self.refresh_button.set_busy(False)
        self.filter_bar.set_operators(loaded.table.operator_names)
        self.model.set_table(loaded.table)
        when = service.loaded_at if service else None
        text = self.tr("On offer: %1").replace("%1", QLocale().toString(loaded.table.n))
        if when:
            text += " · " + self.tr("updated at %1").replace("%1", _clock(when))
        text += " · " + self.tr("double-click a number to rent it")
        self.status_label.setText(text)
        if self._list_error_shown:
            self._list_error_shown = False
            self.message.dismiss()  # the list loads again: the old error is stale
        if loaded.skipped:
            self.message.show_message(
                Level.WARNING,
                self.tr(
                    "Records in SMSC's answer that could not be read: %1. They are not shown; "
                    "the rest of the list is complete."
                ).replace("%1", str(loaded.skipped)),
            )
        if loaded.ended:
            phones = ", ".join(format_phone(p) for p in loaded.ended)
            self.message.show_message(
                Level.INFO,
                self.tr(
                    "SMSC offers %1 as free again, so the rental has ended. It is marked so in "
                    "My numbers."
                ).replace("%1", phones),
            )
        self._show_placeholders()
        self._update_actions()
        self.mark_loaded()

    def _on_list_failed(self, error: SmscError) -> None:
        self.refresh_button.set_busy(False)
        service = self.service
        if service is None:
            return
        text = self.tr("The list of free numbers could not be loaded. %1").replace(
            "%1", describe_error(error)
        )
        if self.model.table is not None and service.loaded_at is not None:
            text += " " + self.tr("The table still shows the list loaded at %1.").replace(
                "%1", _clock(service.loaded_at)
            )
        self.message.show_message(Level.ERROR, text)
        self._list_error_shown = True
        self._show_placeholders(error=True)
        self._update_actions()
        self.mark_loaded()

    def _on_filter(self, flt: NumberFilter) -> None:
        self.model.set_filter(flt)
        self._show_placeholders()

    def _remember_selection(self) -> None:
        self._kept_phone = self._selected_phone()

    def _restore_selection(self) -> None:
        """Filtering, sorting and reloading keep the selected number selected (if shown)."""
        if self._kept_phone:
            self._select_phone(self._kept_phone)
        self._update_actions()

    def _on_counts(self, shown: int, total: int) -> None:
        locale = QLocale()
        self.count_label.setText(
            self.tr("%1 of %2 shown")
            .replace("%1", locale.toString(shown))
            .replace("%2", locale.toString(total))
        )

    def _show_placeholders(self, *, error: bool = False) -> None:
        if self.model.table is None:
            if error:
                text = self.tr("No list yet. Press Refresh when the problem above is solved.")
            elif self.service is not None:
                text = self.tr("Loading the free numbers from SMSC…")
            else:
                text = self.tr("Open an account to see the free numbers.")
            self.free_placeholder.show_text(text)
        elif self.model.shown == 0:
            if self.model.total == 0:
                self.free_placeholder.show_text(self.tr("SMSC offers no free numbers right now."))
            else:
                self.free_placeholder.show_text(
                    self.tr("No numbers match the filters. Loosen them or press Clear filters.")
                )
        else:
            self.free_placeholder.show_text("")
        if self.my_model.rowCount() == 0:
            self.my_placeholder.show_text(
                self.tr(
                    "No numbers yet. Numbers rented here appear in this list with their "
                    "auto-renewal switch; add the ones rented in the SMSC cabinet with "
                    "\u201cAdd a number rented elsewhere\u201d."
                )
            )
        else:
            self.my_placeholder.show_text("")
        if self.journal_model.rowCount() == 0:
            self.journal_placeholder.show_text(
                self.tr("Every rent and renewal change is recorded here, with its outcome.")
            )
        else:
            self.journal_placeholder.show_text("")

    # -- selection and actions -------------------------------------------------------

    def _selected_number(self) -> FreeNumber | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.number_at(index.row())

    def _selected_phone(self) -> str | None:
        number = self._selected_number()
        return number.phone if number else None

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
        phone = self._selected_phone()
        if service is None or phone is None:
            return 0.0
        return service.rent_retry_after(phone)

    def _selected_owned(self) -> Any:
        index = self.my_view.currentIndex()
        return self.my_model.number_at(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        service = self.service
        self.rent_button.set_busy(service is not None and service.renting is not None)
        self.rent_button.set_blocked(service is None or self._selected_number() is None)
        self.export_button.setEnabled(self.model.shown > 0)
        self.filter_bar.setEnabled(self.model.table is not None)
        owned = self._selected_owned()
        checking = service.checking if service else frozenset()
        self.confirm_button.setVisible(
            owned is not None and owned.status is RentalStatus.PROBABLY_RENTED
        )
        self.check_button.setVisible(
            owned is not None
            and owned.status is RentalStatus.UNKNOWN
            and owned.phone not in checking
        )
        self.forget_button.setVisible(owned is not None)
        self.forget_button.setEnabled(owned is not None and owned.phone not in checking)
        self.add_button.setEnabled(service is not None)
        self.journal_export.setEnabled(self.journal_model.rowCount() > 0)

    def _on_tick(self) -> None:
        self.refresh_button.update_state()
        self.rent_button.update_state()
        if self.my_model.any_limited():
            self.my_model.refresh_limits()
        self._update_checking_message()

    def _focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def copy_selected(self) -> None:
        """The selected number's digits to the clipboard (what SMSC and other tools take)."""
        phone = self._selected_phone()
        if phone:
            QApplication.clipboard().setText(phone)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.rent_selected()

    def _free_menu(self, pos: Any) -> None:
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
        export = menu.addAction(self.tr("Export the numbers shown…"), self._ask_export_free)
        export.setEnabled(self.model.shown > 0)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _row_text(self, index: QModelIndex) -> str:
        cells = []
        for column in range(self.model.columnCount()):
            cell = self.model.index(index.row(), column)
            value = self.model.data(cell, PHONE_ROLE if column == Column.PHONE else 0)
            cells.append(str(value or ""))
        return "\t".join(cells)

    # -- renting ----------------------------------------------------------------------

    def rent_selected(self) -> None:
        """Button, Enter, double-click or context menu: confirm, then rent once."""
        number = self._selected_number()
        if number is None or self.service is None:
            return
        task = self._rent_slot.start_if_idle(self._rent_flow(self.service, number))
        if task is not None:
            task.add_done_callback(self._on_rent_flow_done)

    async def _rent_flow(self, service: NumbersService, number: FreeNumber) -> RentResult | None:
        reason = service.can_rent(number.phone)
        if reason is not None:
            self._show_not_sent(number.phone, reason, None)
            return None
        self.rent_button.set_busy(True)
        try:
            # An honest confirmation needs a fresh balance (cached if SMSC's limit says wait).
            await service.session.refresh_balance()
        finally:
            self.rent_button.set_busy(False)
        if service is not self.service:
            return None
        dialog = RentDialog(service.quote(number), self, account=service.session.profile.name)
        dialog.setObjectName("rentDialog")
        try:
            accepted = await exec_dialog(dialog) == QDialog.DialogCode.Accepted
            renew = dialog.renew
        finally:
            _dispose(dialog)
        if not accepted or service is not self.service:
            return None
        self.message.show_message(
            Level.INFO, self.tr("Renting %1…").replace("%1", format_phone(number.phone))
        )
        self._list_error_shown = False
        rent = service.rent(number, renew)
        self._update_actions_soon()
        result = await rent
        if service is self.service:
            self._show_rent_result(result, number, renew)
        return result

    def _show_rent_result(self, result: RentResult, number: FreeNumber, renew: bool) -> None:
        phone = format_phone(number.phone)
        currency = self.service.currency if self.service else ""
        status = result.status
        if status is RequestStatus.OK:
            charged = format_money(result.charged or number.current_cost, currency)
            if renew:
                later = (
                    self.tr("Auto-renewal is on: %1 a month from %2.")
                    .replace("%1", format_money(number.cost, currency))
                    .replace("%2", long_date(next_month_start(date.today())))
                )
            else:
                later = self.tr("Auto-renewal is off: the number is released at the month's end.")
            self.message.show_message(
                Level.SUCCESS,
                self.tr("Rented %1 for %2. %3 It is now in My numbers.")
                .replace("%1", phone)
                .replace("%2", charged)
                .replace("%3", later),
            )
            self.bottom.setCurrentIndex(0)
        elif status is RequestStatus.REFUSED:
            assert result.error is not None
            if isinstance(result.error, InsufficientFundsError):
                text = self.tr(
                    "SMSC did not rent %1: there is not enough money on the account. Top up the "
                    "balance and try again. Nothing was charged."
                ).replace("%1", phone)
            else:
                text = (
                    self.tr("SMSC did not rent %1. %2 Nothing was charged.")
                    .replace("%1", phone)
                    .replace("%2", describe_error(result.error))
                )
            self.message.show_message(Level.ERROR, text)
        elif status is RequestStatus.NOT_SENT:
            assert result.reason is not None
            self._show_not_sent(number.phone, result.reason, result.error)
        else:
            self._show_reconciliation(result, currency)

    def _show_not_sent(
        self, phone_digits: str, reason: NotSentReason, error: BaseException | None
    ) -> None:
        phone = format_phone(phone_digits)
        if reason is NotSentReason.BUSY:
            level, text = (
                Level.INFO,
                self.tr("Another rent is in progress. Wait for its result before renting again."),
            )
        elif reason is NotSentReason.ALREADY_OWNED:
            level, text = (
                Level.INFO,
                self.tr("%1 is already in My numbers, so it is not rented again.").replace(
                    "%1", phone
                ),
            )
        elif reason is NotSentReason.RATE_LIMITED:
            wait = getattr(error, "retry_after", 0.0) or 0.0
            level, text = (
                Level.WARNING,
                self.tr(
                    "Not sent: SMSC accepts 2 rent requests for the same number a minute. "
                    "Try again in %1."
                ).replace("%1", countdown(wait)),
            )
        elif reason is NotSentReason.JOURNAL:
            level, text = (
                Level.ERROR,
                self.tr(
                    "The rent was not sent: the journal file could not be written (%1). Every "
                    "payment is recorded before it is made; free some disk space or check the "
                    "folder's permissions, then try again."
                ).replace("%1", str(getattr(error, "strerror", "") or error)),
            )
        else:
            level, text = (
                Level.ERROR,
                (
                    self.tr("The rent of %1 was not sent, so nothing was charged. %2")
                    .replace("%1", phone)
                    .replace("%2", describe_error(error) if error else "")
                ),
            )
        self.message.show_message(level, text)

    def _on_rent_unknown(self, phone_digits: str) -> None:
        text = self.tr(
            "Result unknown: the request to rent %1 was sent, but no readable answer came "
            "back. It will not be sent again. Checking SMSC's list of free numbers to find "
            "out whether it was rented…"
        ).replace("%1", format_phone(phone_digits))
        self._checking_message[phone_digits] = text
        self.message.show_message(Level.WARNING, text)

    def _on_check_started(self, phone_digits: str, wait: float) -> None:
        self._on_mine_changed()
        if wait > 0:
            self._check_deadline = (phone_digits, time.monotonic() + wait)
            self._update_checking_message()
        else:
            self._check_deadline = None

    def _update_checking_message(self) -> None:
        deadline = self._check_deadline
        if deadline is None or self.service is None:
            return
        phone, at = deadline
        if phone not in self.service.checking:
            self._check_deadline = None
            return
        left = at - time.monotonic()
        if left <= 0:
            return
        base = self._checking_message.get(phone, "")
        self.message.show_message(
            Level.WARNING,
            base
            + " "
            + self.tr("SMSC allows 2 list requests a minute: checking in %1.").replace(
                "%1", countdown(left)
            ),
        )

    def _show_reconciliation(self, result: RentResult, currency: str) -> None:
        phone = format_phone(result.phone)
        self._checking_message.pop(result.phone, None)
        self._check_deadline = None
        outcome = result.reconciliation
        if outcome is Reconciliation.PROBABLY_RENTED:
            evidence = ""
            if result.balance_before is not None and result.balance_after is not None:
                evidence = " " + self.tr("The balance was %1 before and is %2 now.").replace(
                    "%1", format_money(result.balance_before, currency)
                ).replace("%2", format_money(result.balance_after, currency))
            text = (
                self.tr(
                    "The answer to the rent of %1 was lost, but the number is no longer on "
                    "SMSC's list of free numbers: it was most likely rented by this account.%2 "
                    "It is in My numbers as \u201cprobably rented\u201d; SMSC's API cannot list "
                    "rented numbers, so confirm it under Receiving numbers in the SMSC cabinet."
                )
                .replace("%1", phone)
                .replace("%2", evidence)
            )
            self.message.show_message(Level.WARNING, text)
            self.bottom.setCurrentIndex(0)
        elif outcome is Reconciliation.NOT_RENTED:
            self.message.show_message(
                Level.INFO,
                self.tr(
                    "The answer to the rent of %1 was lost, but SMSC still lists the number as "
                    "free: it was not rented and nothing was charged. You can rent it again."
                ).replace("%1", phone),
            )
        else:
            self.message.show_message(
                Level.ERROR,
                self.tr(
                    "The result of renting %1 is still unknown: SMSC's list of free numbers "
                    "could not be loaded to check it. The number is marked \u201cresult "
                    "unknown\u201d in My numbers and will not be rented again automatically. "
                    "Choose Check again later, or look in the SMSC cabinet."
                ).replace("%1", phone),
                action=self.tr("Check again"),
                action_id=f"check:{result.phone}",
            )

    def _on_message_action(self, action_id: str) -> None:
        if action_id.startswith("check:"):
            self._start_check(action_id.removeprefix("check:"))
        elif action_id.startswith("open:"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(action_id.removeprefix("open:")))

    # -- My numbers ------------------------------------------------------------------

    def _on_mine_changed(self) -> None:
        service = self.service
        if service is None:
            return
        keep = self._selected_owned()
        self.my_model.set_numbers(
            service.my_numbers(), service.pending_renewals(), service.checking
        )
        if keep is not None:
            row = self.my_model.row_of(keep.phone)
            if row >= 0:
                self.my_view.selectRow(row)
        self._update_totals()
        self._retitle_bottom()
        self._show_placeholders()
        self._update_actions()

    def _update_totals(self) -> None:
        service = self.service
        if service is None:
            self.totals_label.clear()
            return
        totals = service.totals()
        currency = service.currency
        if totals.renewing == 0:
            self.totals_label.setText(
                self.tr("No number renews next month, so nothing will be charged for renewals.")
            )
            return
        parts = [
            self.tr("Monthly commitment: <b>%1</b>").replace(
                "%1", format_money(totals.monthly, currency)
            ),
            self.tr("renewing: %1").replace("%1", str(totals.renewing)),
        ]
        if totals.unknown_price:
            parts.append(self.tr("price unknown: %1").replace("%1", str(totals.unknown_price)))
        if totals.covered is None:
            parts.append(self.tr("balance not known yet"))
        elif totals.covered:
            parts.append(_coloured(css(Tone.GOOD), self.tr("the balance covers next month")))
        else:
            short = self.tr("the balance is %1 short for next month: top up before the 1st")
            short = short.replace("%1", format_money(totals.shortfall, currency))
            parts.append(_coloured(css(Tone.BAD), short))
        text = " · ".join(parts)
        self.totals_label.setText(text)

    def _retitle_bottom(self) -> None:
        self.bottom.setTabText(
            0, self.tr("My numbers (%1)").replace("%1", str(self.my_model.rowCount()))
        )
        self.bottom.setTabText(
            1, self.tr("Journal (%1)").replace("%1", str(self.journal_model.rowCount()))
        )

    def _on_balance(self, _balance: object) -> None:
        service = self.service
        if service is None:
            return
        currency = service.currency
        self.model.set_currency(currency)
        self.filter_bar.set_currency(currency)
        self._update_totals()

    def set_renewal(self, phone: str, renew: bool) -> None:
        service = self.service
        if service is None:
            return
        self.session_tasks.spawn(service.set_renewal(phone, renew), name="numbers-renewal")

    def _on_renewal_finished(self, result: RenewalResult) -> None:
        phone = format_phone(result.phone)
        if result.status is RequestStatus.OK:
            text = (
                self.tr("Auto-renewal of %1 is now on.")
                if result.renew
                else self.tr("Auto-renewal of %1 is now off: it is released at the month's end.")
            )
            self.message.show_message(Level.SUCCESS, text.replace("%1", phone))
        elif result.status is RequestStatus.REFUSED:
            assert result.error is not None
            text = (
                self.tr(
                    "SMSC refused to switch auto-renewal on for %1. %2 The switch is back as it was."
                )
                if result.renew
                else self.tr(
                    "SMSC refused to switch auto-renewal off for %1. %2 The switch is back as it was."
                )
            )
            self.message.show_message(
                Level.ERROR, text.replace("%1", phone).replace("%2", describe_error(result.error))
            )
        elif result.status is RequestStatus.UNKNOWN:
            self.message.show_message(
                Level.WARNING,
                self.tr(
                    "No answer from SMSC about auto-renewal of %1, so it may or may not have "
                    "changed. It is marked unconfirmed; switch it again to be sure."
                ).replace("%1", phone),
            )
        elif result.reason is NotSentReason.RATE_LIMITED:
            wait = getattr(result.error, "retry_after", 0.0) or 0.0
            self.message.show_message(
                Level.WARNING,
                self.tr(
                    "Not sent: SMSC accepts 2 renewal changes for the same number a minute. "
                    "Try again in %1."
                ).replace("%1", countdown(wait)),
            )
        elif result.reason is NotSentReason.BUSY:
            pass  # the switch already shows the change on its way
        else:
            detail = describe_error(result.error) if result.error else ""
            if result.reason is NotSentReason.JOURNAL:
                detail = self.tr("The journal file could not be written.")
            self.message.show_message(
                Level.ERROR,
                self.tr("The renewal change for %1 was not sent. %2")
                .replace("%1", phone)
                .replace("%2", detail),
            )
        self._on_mine_changed()

    def _mine_menu(self, pos: Any) -> None:
        index = self.my_view.indexAt(pos)
        owned = self.my_model.number_at(index.row()) if index.isValid() else None
        menu = QMenu(self)
        if owned is not None:
            self.my_view.selectRow(index.row())
            menu.addAction(
                self.tr("Copy number"), lambda: QApplication.clipboard().setText(owned.phone)
            )
            if self.check_button.isVisible():
                menu.addAction(self.check_button.text(), self._check_selected)
            if self.confirm_button.isVisible():
                menu.addAction(self.confirm_button.text(), self._confirm_selected)
            forget = menu.addAction(self.forget_button.text(), self._forget_selected)
            forget.setEnabled(self.forget_button.isEnabled())
            menu.addSeparator()
        menu.addAction(self.add_button.text(), self._ask_add_number)
        menu.popup(self.my_view.viewport().mapToGlobal(pos))

    def _check_selected(self) -> None:
        owned = self._selected_owned()
        if owned is not None:
            self._start_check(owned.phone)

    def _start_check(self, phone: str) -> None:
        service = self.service
        if service is None or phone in service.checking:
            return

        async def check() -> None:
            outcome = await service.reconcile(phone)
            if service is self.service:
                result = RentResult(phone, RequestStatus.UNKNOWN, reconciliation=outcome)
                self._show_reconciliation(result, service.currency)

        self.session_tasks.spawn(check(), name="numbers-check")
        self._update_actions()

    def _confirm_selected(self) -> None:
        owned = self._selected_owned()
        if owned is not None and self.service is not None:
            self.session_tasks.spawn(
                self.service.confirm_rented(owned.phone), name="numbers-confirm"
            )

    def _forget_selected(self) -> None:
        owned = self._selected_owned()
        service = self.service
        if owned is None or service is None:
            return

        async def forget() -> None:
            try:
                await service.forget(owned.phone)
            except ValueError:
                return
            self.message.show_message(
                Level.INFO,
                self.tr(
                    "%1 was removed from My numbers. Nothing was sent to SMSC: if it is still "
                    "rented, it keeps renewing as set in the SMSC cabinet."
                ).replace("%1", format_phone(owned.phone)),
            )

        self.session_tasks.spawn(forget(), name="numbers-forget")

    def _ask_add_number(self) -> None:
        if self.service is not None:
            self.session_tasks.spawn(self._add_number_flow(self.service), name="numbers-add")

    async def _add_number_flow(self, service: NumbersService) -> None:
        dialog = AddNumberDialog(self, currency=service.currency)
        try:
            if await exec_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            digits, renew, monthly, note = (
                dialog.digits,
                dialog.renew,
                dialog.monthly_cost,
                dialog.note.text().strip(),
            )
        finally:
            _dispose(dialog)
        if service is not self.service:
            return
        try:
            await service.add_external(digits, renew=renew, monthly_cost=monthly, note=note)
        except ValueError:
            self.message.show_message(
                Level.INFO,
                self.tr("%1 is already in My numbers.").replace("%1", format_phone(digits)),
            )
            return
        self.bottom.setCurrentIndex(0)
        row = self.my_model.row_of(digits)
        if row >= 0:
            self.my_view.selectRow(row)

    # -- journal -------------------------------------------------------------------

    def _on_journal_appended(self, entry: JournalEntry) -> None:
        self.journal_model.add_entry(entry)
        self._retitle_bottom()
        self._show_placeholders()
        self._update_actions()

    def _on_storage_failed(self, error: OSError) -> None:
        self.message.show_message(
            Level.ERROR,
            self.tr(
                "A file in the app's data folder could not be written (%1). The last action "
                "was carried out, but its record may be incomplete; free some disk space or "
                "check the folder's permissions."
            ).replace("%1", str(error.strerror or error)),
        )

    # -- export ----------------------------------------------------------------------

    def _ask_export_free(self) -> None:
        if self.model.shown:
            name = f"free-numbers-{date.today():%Y-%m-%d}.csv"
            self.tasks.spawn(self._export_flow(name, self.export_free_numbers), name="export")

    def _ask_export_journal(self) -> None:
        if self.journal_model.rowCount():
            name = f"numbers-journal-{date.today():%Y-%m-%d}.csv"
            self.tasks.spawn(self._export_flow(name, self.export_journal), name="export")

    async def _export_flow(self, name: str, export: Callable[[Path], Any]) -> None:
        folder = self.ctx.settings.get("downloads/folder") or str(Path.home())
        dialog = QFileDialog(self, self.tr("Export to CSV"), str(Path(folder) / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        try:
            if await exec_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            files = dialog.selectedFiles()
        finally:
            _dispose(dialog)
        if files:
            await export(Path(files[0]))

    async def export_free_numbers(self, path: Path) -> int:
        """Write the numbers shown (filtered, in view order) to ``path``; returns the count."""
        table = self.model.table
        if table is None:
            return 0
        rows = self.model.visible_rows()
        currency = self.service.currency if self.service else ""
        labels = self.model.kind_labels()
        titles = self.model.column_titles()[:4]
        code = f" ({currency})" if currency else ""
        header = [*titles, self.tr("Per month") + code, self.tr("Now (rest of month)") + code]

        def cells() -> Iterable[list[str]]:
            for row in rows:
                yield [
                    format_phone(table.phones[row]),
                    labels[table.kind(row)],
                    table.operator(row),
                    table.notices(row),
                    money_cell(table.cost(row)),
                    money_cell(table.current_cost(row)),
                ]

        return await self._write_csv(path, header, cells, len(rows), self.tr("numbers"))

    async def export_journal(self, path: Path) -> int:
        """Write the journal as shown (one row per operation, newest first) to ``path``."""
        model = self.journal_model
        entries = model.entries()
        header = [
            self.tr("Time"),
            self.tr("Account"),
            self.tr("Action"),
            self.tr("Number"),
            self.tr("Amount"),
            self.tr("Per month"),
            self.tr("Currency"),
            self.tr("Outcome"),
            self.tr("Details"),
        ]
        rows = []
        for entry in entries:
            cells = model.cells(entry)
            rows.append(
                [
                    *cells[:4],
                    money_cell(entry.amount),
                    money_cell(entry.monthly),
                    entry.currency,
                    cells[5],
                    cells[6],
                ]
            )
        return await self._write_csv(path, header, lambda: rows, len(rows), self.tr("entries"))

    async def _write_csv(
        self,
        path: Path,
        header: list[str],
        rows: Callable[[], Iterable[list[str]]],
        count: int,
        noun: str,
    ) -> int:
        try:
            await asyncio.to_thread(lambda: write_csv(path, header, rows()))
        except OSError as exc:
            self.message.show_message(
                Level.ERROR,
                self.tr("The file %1 could not be written: %2. Choose another folder.")
                .replace("%1", str(path))
                .replace("%2", str(exc.strerror or exc)),
            )
            return 0
        self.message.show_message(
            Level.SUCCESS,
            self.tr("Saved %1 %2 to %3 (for Excel: UTF-8, columns separated by ;).")
            .replace("%1", str(count))
            .replace("%2", noun)
            .replace("%3", str(path)),
            action=self.tr("Open folder"),
            action_id=f"open:{path.parent}",
        )
        return count

    # -- helpers --------------------------------------------------------------------

    def _on_selection(self, *_args: object) -> None:
        self._update_actions()

    def _on_check_finished(self, *_args: object) -> None:
        self._on_mine_changed()

    def _on_rent_flow_done(self, _task: asyncio.Task[Any]) -> None:
        if shiboken6.isValid(self):
            self._update_actions()

    def _update_actions_soon(self) -> None:
        QTimer.singleShot(0, self._update_actions)

    def kind_label(self, kind: NumberKind) -> str:
        return self.model.kind_labels()[kind]


def _dispose(dialog: QWidget) -> None:
    if shiboken6.isValid(dialog):
        dialog.deleteLater()


def _coloured(colour: str, text: str) -> str:
    return f"<span style='color:{colour}'>{html.escape(text)}</span>"


def _clock(when: datetime | None) -> str:
    if when is None:
        return ""
    return when.astimezone().strftime("%H:%M:%S")
