"""The inbox: the SMS that arrived on the account's numbers, next to My numbers.

A number to look at (one of My numbers, or all of them; choosing a row in My numbers chooses
its number here too), a filter by sender or text, the messages newest first (received
time in the local zone, the number, the sender, the text on one line), the whole text of the
selected message below, copy (Ctrl+C, the context menu) and a CSV export of what is shown.
The messages are the account's inbox watch's (``NumbersService.inbox``), read while the tab
is shown; "Test this number" (``testRequested``) and, on the sandbox, "Simulate an incoming
SMS" (``simulateRequested``) are the tab's to carry out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import IncomingMessage
from smsc_desktop.services.inbox import PollStatus, digits
from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.ui import a11y
from smsc_desktop.ui.formatting import format_phone
from smsc_desktop.ui.models.inbox import InboxColumn, InboxModel, full_time, when
from smsc_desktop.ui.panels.numbers import csv_files
from smsc_desktop.ui.panels.numbers.scope import AccountScope
from smsc_desktop.ui.texts import inbox as texts
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.table import DataTable

WEIGHTS: dict[int, float] = {
    InboxColumn.RECEIVED: 10,
    InboxColumn.NUMBER: 14,
    InboxColumn.SENDER: 14,
    InboxColumn.TEXT: 62,
}


class InboxPane(QWidget):
    testRequested = Signal(str)  # phone: "Test this number"
    simulateRequested = Signal(str)  # phone ("" when none is chosen): sandbox only
    unseenChanged = Signal(int)  # new messages not looked at yet
    settled = Signal()  # the SMS are shown, or there are none to read, or reading failed

    def __init__(self, scope: AccountScope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scope = scope
        self.service: NumbersService | None = None
        self._sandbox = False
        self._status = PollStatus(active=False)
        self._build()
        self.unseenChanged.connect(lambda unseen: self.title.setText(texts.title(unseen)))
        self.update_actions()

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 6, 0, 0)
        root.setSpacing(4)
        bar = QHBoxLayout()
        self.title = title = QLabel(texts.title(0), self)
        title.setObjectName("inboxTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.number_combo = QComboBox(self)
        self.number_combo.setObjectName("inboxNumber")
        self.number_combo.setAccessibleName(self.tr("Number whose SMS are shown"))
        self.number_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.number_combo.currentIndexChanged.connect(self._on_filter)
        self.search = QLineEdit(self)
        self.search.setObjectName("inboxSearch")
        self.search.setPlaceholderText(texts.filter_placeholder())
        self.search.setAccessibleName(texts.filter_placeholder())
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_filter)
        bar.addWidget(title)
        bar.addWidget(self.number_combo)
        bar.addWidget(self.search, 1)
        root.addLayout(bar)

        self.model = InboxModel(self)
        self.view = DataTable(
            self, "inboxView", accessible_name=self.tr("Incoming SMS"), multi_select=True
        )
        self.view.setModel(self.model)
        self.columns = self.view.fit_columns(WEIGHTS)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        copy = QAction(self.tr("Copy"), self.view)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selected)
        self.view.addAction(copy)
        root.addWidget(self.view, 1)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("inboxDetail")
        self.detail.setAccessibleName(self.tr("The selected SMS"))
        self.detail.setOpenLinks(False)
        lines = self.detail.fontMetrics().lineSpacing()
        self.detail.setFixedHeight(lines * 3 + 12)
        self.detail.hide()
        root.addWidget(self.detail)

        row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("inboxStatus")
        self.status_label.setWordWrap(True)
        set_tone(self.status_label, Tone.MUTED)
        self.simulate_button = QPushButton(self.tr("Simulate an incoming SMS…"), self)
        self.simulate_button.setToolTip(texts.simulate_tooltip())
        self.simulate_button.clicked.connect(
            lambda: self.simulateRequested.emit(self.chosen_number() or "")
        )
        self.test_button = QPushButton(self.tr("Test this number…"), self)
        self.test_button.setToolTip(
            self.tr("Send an SMS to the chosen number and see how long it takes to arrive")
        )
        self.test_button.clicked.connect(self._test_chosen)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setToolTip(self.tr("Save the SMS shown (as filtered)"))
        self.export_button.clicked.connect(self._ask_export)
        row.addWidget(self.status_label, 1)
        for button in (self.simulate_button, self.test_button, self.export_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(row)

    # --- the account -----------------------------------------------------------------------

    def set_service(self, service: NumbersService | None) -> None:
        """Show ``service``'s inbox (the scope's bindings were cleared before)."""
        self.service = service
        self._status = PollStatus(active=False)
        if service is not None:
            bind = self._scope.bindings.connect
            bind(service.inbox.watch.loaded, self.reload)
            bind(service.inbox.watch.arrived, self._on_arrived)
            bind(service.inbox.poll_status, self._on_status)
            bind(service.mine_changed, self._on_mine_changed)
        self.reload()

    def set_sandbox(self, sandbox: bool) -> None:
        self._sandbox = sandbox
        self.update_actions()

    def reload(self) -> None:
        """Every message the account's inbox holds now."""
        service = self.service
        self.model.set_messages(service.inbox.messages() if service is not None else [])
        self._fill_numbers()
        self.unseenChanged.emit(0)
        self.settled.emit()

    def is_settled(self) -> bool:
        """The SMS are shown (the first read is done), or none are read (no number is
        rented, the tab is not shown) or the read failed: nothing more to wait for."""
        service = self.service
        if service is None:
            return True
        inbox = service.inbox
        return inbox.loaded or not inbox.is_polling or self._status.error is not None

    def _on_arrived(self, messages: list[IncomingMessage]) -> None:
        sms = [m for m in messages if not m.is_waitcall]
        if self.model.add_messages(sms):
            self._fill_numbers()
            self.unseenChanged.emit(self.model.unseen)
            last = sms[-1]
            a11y.announce(self, texts.arrived(last.phone, last.to_phone, last.text, len(sms)))

    def _on_status(self, status: PollStatus) -> None:
        self._status = status
        self._update_status()
        if status.error is not None or not status.active:
            self.settled.emit()

    def _on_mine_changed(self) -> None:
        if self.service is not None:
            self.service.inbox.numbers_changed()  # a first number starts the reads
        self._fill_numbers()
        self.settled.emit()

    # --- the number and the filter ---------------------------------------------------------

    def _fill_numbers(self, *_args: object) -> None:
        service = self.service
        keep = self.chosen_number()
        combo = self.number_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(texts.all_numbers(), None)
        if service is not None:
            rented = set(service.inbox.rented())
            for phone in service.inbox.numbers():
                label = format_phone(phone) if phone in rented else texts.not_in_my_numbers(phone)
                combo.addItem(label, phone)
        at = combo.findData(keep) if keep else 0
        combo.setCurrentIndex(max(0, at))
        combo.blockSignals(False)
        self._on_filter()

    def chosen_number(self) -> str | None:
        data = self.number_combo.currentData()
        return str(data) if data else None

    def show_number(self, phone: str | None) -> None:
        """Show the SMS of ``phone`` (None: of all my numbers)."""
        at = self.number_combo.findData(phone) if phone else 0
        if at >= 0:
            self.number_combo.setCurrentIndex(at)

    def _on_filter(self, *_args: object) -> None:
        number = self.chosen_number()
        self.model.set_filter(number, self.search.text())
        self.columns.set_hidden(InboxColumn.NUMBER, number is not None)
        self._update_status()
        self.update_actions()

    def _update_status(self) -> None:
        service = self.service
        rented = bool(service and service.inbox.rented())
        loaded = bool(service and service.inbox.loaded)
        self.view.set_placeholder(
            texts.placeholder(
                has_account=service is not None,
                rented=rented or self.model.total > 0,
                loaded=loaded,
                filtered=self.model.total > 0,
            )
        )
        if service is None:
            self.status_label.clear()
            return
        self.status_label.setText(
            texts.status(
                self._status,
                loaded=loaded,
                rented=rented,
                shown=self.model.rowCount(),
                total=self.model.total,
                interval=service.inbox.interval,
                lookback=service.inbox.watch.lookback_hours,
            )
        )

    def update_actions(self, *_args: object) -> None:
        service = self.service
        number = self.chosen_number()
        rented = service.inbox.rented() if service is not None else []
        self.test_button.setEnabled(number is not None and number in rented)
        self.simulate_button.setVisible(self._sandbox)
        self.simulate_button.setEnabled(service is not None and bool(rented))
        self.export_button.setEnabled(self.model.rowCount() > 0)
        self.search.setEnabled(service is not None)
        self.number_combo.setEnabled(service is not None)

    def _test_chosen(self) -> None:
        number = self.chosen_number()
        if number is not None:
            self.testRequested.emit(number)

    # --- the selected messages -------------------------------------------------------------

    def selected_messages(self) -> list[IncomingMessage]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        found = (self.model.message_at(row) for row in rows)
        return [m for m in found if m is not None]

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        message = self.model.message_at(current.row()) if current.isValid() else None
        if message is None:
            self.detail.hide()
            return
        self.model.mark_seen(current.row())
        self.unseenChanged.emit(self.model.unseen)
        self.detail.setHtml(
            texts.detail_html(
                message.phone, message.to_phone, full_time(when(message)), message.text
            )
        )
        self.detail.show()

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self.view.selectionModel().hasSelection():
            self.detail.hide()

    def copy_selected(self) -> None:
        """The selected SMS as lines of "time, number, sender, text" (one SMS: its text)."""
        messages = self.selected_messages()
        if len(messages) == 1:
            QApplication.clipboard().setText(messages[0].text)
        elif messages:
            QApplication.clipboard().setText("\n".join(self._line(m) for m in messages))

    @staticmethod
    def _line(message: IncomingMessage) -> str:
        return "\t".join(
            (
                full_time(when(message)),
                format_phone(message.to_phone),
                format_phone(message.phone),
                message.text.replace("\n", " "),
            )
        )

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        message = self.model.message_at(index.row()) if index.isValid() else None
        menu = QMenu(self)
        if message is not None:
            if not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
                self.view.selectRow(index.row())
            clipboard = QApplication.clipboard()
            menu.addAction(self.tr("Copy text"), self.copy_selected)
            menu.addAction(
                self.tr("Copy sender"),
                lambda: clipboard.setText(digits(message.phone) or message.phone),
            )
            menu.addAction(
                self.tr("Copy as a line (time, number, sender, text)"),
                lambda: clipboard.setText(
                    "\n".join(self._line(m) for m in self.selected_messages())
                ),
            )
            menu.addSeparator()
            number = digits(message.to_phone)
            menu.addAction(self.tr("Show only this number"), lambda: self.show_number(number))
            menu.addAction(
                self.tr("Show only this sender"), lambda: self.search.setText(message.phone)
            )
            menu.addSeparator()
        export = menu.addAction(self.export_button.text(), self._ask_export)
        export.setEnabled(self.export_button.isEnabled())
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # --- export ----------------------------------------------------------------------------

    def _ask_export(self) -> None:
        if self.model.rowCount():
            self._scope.keep.spawn(self._export_flow(), name="export")

    async def _export_flow(self) -> None:
        name = texts.csv_name(self.chosen_number(), f"{date.today():%Y-%m-%d}")
        path = await csv_files.choose_file(self, self._scope.settings, name)
        if path is not None:
            await self.export_csv(path)

    async def export_csv(self, path: Path) -> int:
        """Write the SMS shown (newest first) to ``path``; returns the count written."""
        return await csv_files.export_inbox(self._scope.message, path, self.model)
