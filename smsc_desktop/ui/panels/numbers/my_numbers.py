"""My numbers: the account's rented numbers with their auto-renewal switches and totals.

Below the table: the monthly commitment (and whether the balance covers it) and the
actions on the selected number — test it (send an SMS and see it arrive), check again (a
rent with an unknown result), confirm rented (a probably rented one), remove from the
list — and adding a number rented elsewhere. A reconciliation is the rent flow's
(``checkRequested(phone)``), a test the SMS flow's (``testRequested(phone)``); the inbox
next to the table follows the selected number (``numberSelected(phone)``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.ledger import OwnedNumber, RentalStatus
from smsc_desktop.services.numbers import NumbersService, RenewalResult
from smsc_desktop.ui.aio import exec_dialog
from smsc_desktop.ui.models.my_numbers import MyColumn, MyNumbersModel
from smsc_desktop.ui.panels.numbers.csv_files import dispose
from smsc_desktop.ui.panels.numbers.scope import AccountScope
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.theme import theme
from smsc_desktop.ui.widgets.message_bar import Level
from smsc_desktop.ui.widgets.table import DataTable

WEIGHTS: dict[int, float] = {
    MyColumn.PHONE: 15,
    MyColumn.DETAILS: 20,
    MyColumn.MONTHLY: 11,
    MyColumn.PAID: 11,
    MyColumn.SINCE: 13,
    MyColumn.RENEWAL: 16,
    MyColumn.STATUS: 23,
}


class MyNumbersPane(QWidget):
    checkRequested = Signal(str)  # phone: reconcile its unknown rent
    revealRequested = Signal()  # show this pane (a number was added)
    testRequested = Signal(str)  # phone: "Test this number"
    numberSelected = Signal(str)  # phone: the selected row's number

    def __init__(self, scope: AccountScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scope = scope
        self.message = scope.message
        self.service: NumbersService | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.model = MyNumbersModel(self)
        self.model.renewalToggleRequested.connect(self.set_renewal)
        self.view = DataTable(self, "myNumbersView", accessible_name=self.tr("My numbers"))
        self.view.setModel(self.model)
        self.view.fit_columns(WEIGHTS)
        self.view.set_placeholder(texts.mine_placeholder())
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.selectionModel().selectionChanged.connect(self.update_actions)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLabel")
        self.totals_label.setTextFormat(Qt.TextFormat.RichText)
        self.totals_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add a number rented elsewhere…"), self)
        self.add_button.clicked.connect(self._ask_add_number)
        self.confirm_button = QPushButton(self.tr("Confirm rented"), self)
        self.confirm_button.setToolTip(
            self.tr("You found the number in the SMSC cabinet: mark it as rented")
        )
        self.confirm_button.clicked.connect(self._confirm_selected)
        self.check_button = QPushButton(self.tr("Check again"), self)
        self.check_button.setToolTip(
            self.tr("Check SMSC's free list again to find out whether the rent happened")
        )
        self.check_button.clicked.connect(self._check_selected)
        self.forget_button = QPushButton(self.tr("Remove from list"), self)
        self.forget_button.setToolTip(
            self.tr("Stop tracking the number here (nothing is sent to SMSC)")
        )
        self.forget_button.clicked.connect(self._forget_selected)
        self.test_button = QPushButton(self.tr("Test this number…"), self)
        self.test_button.setObjectName("testNumberButton")
        self.test_button.setToolTip(
            self.tr("Send an SMS to the selected number and see how long it takes to arrive")
        )
        self.test_button.clicked.connect(self._test_selected)
        row.addWidget(self.totals_label, 1)
        for button in (
            self.test_button,
            self.check_button,
            self.confirm_button,
            self.forget_button,
        ):
            row.addWidget(button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        theme().changed.connect(self.update_totals)  # the totals' colours follow the scheme
        self.update_actions()

    # -- the account ------------------------------------------------------------------------

    def set_service(self, service: NumbersService | None) -> None:
        """Show ``service``'s numbers (the scope's bindings were cleared before)."""
        self.service = service
        if service is not None:
            bind = self._scope.bindings.connect
            bind(service.mine_changed, self.show_numbers)
            bind(service.check_started, self.show_numbers)
            bind(service.check_finished, self.show_numbers)
            bind(service.renewal_finished, self._on_renewal_finished)
        self.model.set_retry_source(service.renewal_retry_after if service else None)
        self.show_numbers()

    def shutdown(self) -> None:
        """The window closes: the switches stop asking the service when they may send."""
        self.model.set_retry_source(None)

    def show_numbers(self, *_args: object) -> None:
        service = self.service
        keep = self.selected()
        if service is None:
            self.model.set_numbers([])
        else:
            self.model.set_numbers(
                service.my_numbers(), service.pending_renewals(), service.checking
            )
        if keep is not None:
            row = self.model.row_of(keep.phone)
            if row >= 0:
                self.view.selectRow(row)
        self.update_totals()
        self.update_actions()

    def update_totals(self, *_args: object) -> None:
        service = self.service
        if service is None:
            self.totals_label.clear()
        else:
            self.totals_label.setText(texts.totals_html(service.totals(), service.currency))

    def tick(self) -> None:
        if self.model.any_limited():
            self.model.refresh_limits()

    # -- selection and actions --------------------------------------------------------------

    def selected(self) -> OwnedNumber | None:
        index = self.view.currentIndex()
        return self.model.number_at(index.row()) if index.isValid() else None

    def select(self, phone: str) -> None:
        row = self.model.row_of(phone)
        if row >= 0:
            self.view.selectRow(row)

    def update_actions(self, *_args: object) -> None:
        service = self.service
        owned = self.selected()
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
        self.test_button.setVisible(
            owned is not None
            and owned.status in (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED)
        )
        self.forget_button.setEnabled(owned is not None and owned.phone not in checking)
        self.add_button.setEnabled(service is not None)

    def set_renewal(self, phone: str, renew: bool) -> None:
        if self.service is not None:
            self._scope.tasks.spawn(self.service.set_renewal(phone, renew), name="numbers-renewal")

    def _on_renewal_finished(self, result: RenewalResult) -> None:
        notice = texts.renewal_outcome(result)
        if notice is not None:
            self.message.show_message(*notice)
        self.show_numbers()

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        owned = self.model.number_at(index.row()) if index.isValid() else None
        menu = QMenu(self)
        if owned is not None:
            self.view.selectRow(index.row())
            menu.addAction(
                self.tr("Copy number"), lambda: QApplication.clipboard().setText(owned.phone)
            )
            if self.test_button.isVisible():
                menu.addAction(self.test_button.text(), self._test_selected)
            if self.check_button.isVisible():
                menu.addAction(self.check_button.text(), self._check_selected)
            if self.confirm_button.isVisible():
                menu.addAction(self.confirm_button.text(), self._confirm_selected)
            forget = menu.addAction(self.forget_button.text(), self._forget_selected)
            forget.setEnabled(self.forget_button.isEnabled())
            menu.addSeparator()
        menu.addAction(self.add_button.text(), self._ask_add_number)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _on_current(self, *_args: object) -> None:
        owned = self.selected()
        if owned is not None:
            self.numberSelected.emit(owned.phone)

    def _test_selected(self) -> None:
        owned = self.selected()
        if owned is not None:
            self.testRequested.emit(owned.phone)

    def _check_selected(self) -> None:
        owned = self.selected()
        if owned is not None:
            self.checkRequested.emit(owned.phone)

    def _confirm_selected(self) -> None:
        owned = self.selected()
        if owned is not None and self.service is not None:
            self._scope.tasks.spawn(
                self.service.confirm_rented(owned.phone), name="numbers-confirm"
            )

    def _forget_selected(self) -> None:
        owned = self.selected()
        if owned is not None and self.service is not None:
            self._scope.tasks.spawn(self._forget(self.service, owned.phone), name="numbers-forget")

    async def _forget(self, service: NumbersService, phone: str) -> None:
        try:
            await service.forget(phone)
        except ValueError:
            return
        self.message.show_message(Level.INFO, texts.forgotten(phone))

    def _ask_add_number(self) -> None:
        if self.service is not None:
            self._scope.tasks.spawn(self._add_number(self.service), name="numbers-add")

    async def _add_number(self, service: NumbersService) -> None:
        from smsc_desktop.ui.dialogs.add_number import AddNumberDialog  # when first asked

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
            dispose(dialog)
        try:
            await service.add_external(digits, renew=renew, monthly_cost=monthly, note=note)
        except ValueError:
            self.message.show_message(Level.INFO, texts.already_mine(digits))
            return
        self.revealRequested.emit()
        self.select(digits)
