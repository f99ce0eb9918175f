"""The Numbers tab: the free-number marketplace, renting, My numbers and the journal.

Layout: a message bar; the free numbers (``FreeNumbersPane``: toolbar, filters, table);
below them, in tabs, My numbers (``MyNumbersPane``: auto-renewal switches, monthly totals)
with the SMS that arrived on them under it (``InboxPane``), and the journal of money spent
(``JournalPane``). ``RentFlow`` confirms and sends a rent and reports its outcome;
``SmsFlow`` runs "Test this number" and, on the sandbox, "Simulate an incoming SMS".

While the tab is shown (a minimized window counts: that is when a notification of a new SMS
is wanted) the account's inbox is read every 10–30 s, if the account rents a number;
while another tab is shown, it is not (``NumbersInbox.set_shown``). The panels live in ``ui/panels/numbers/``, their wording in
``ui/texts/numbers.py``; all the work is done by the account's
:class:`~smsc_desktop.services.numbers.NumbersService` (``session.numbers``).

The tab hands its panels the account's service and lends them ``bindings`` and
``session_tasks`` (an :class:`AccountScope`), which ``TabPage`` clears before the next
account's service arrives.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.services.sandbox_control import SandboxControl, is_sandbox_profile
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.panels.numbers.free_list import FreeNumbersPane
from smsc_desktop.ui.panels.numbers.inbox import InboxPane
from smsc_desktop.ui.panels.numbers.journal import JournalPane
from smsc_desktop.ui.panels.numbers.my_numbers import MyNumbersPane
from smsc_desktop.ui.panels.numbers.rent_flow import RentFlow
from smsc_desktop.ui.panels.numbers.scope import AccountScope
from smsc_desktop.ui.panels.numbers.sms_flow import SmsFlow
from smsc_desktop.ui.tabs.base import TabPage
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar


class NumbersTab(TabPage):
    name = "numbers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service: NumbersService | None = None
        self._open_slot = TaskSlot(self.session_tasks, "numbers-open")
        self.message = MessageBar(self)
        self.message.actionTriggered.connect(self._on_message_action)
        scope = AccountScope(
            self.bindings, self.session_tasks, self.tasks, self.message, ctx.settings
        )
        self.free = FreeNumbersPane(scope, self)
        self.mine = MyNumbersPane(scope, self)
        self.inbox = InboxPane(scope, self)
        self.journal = JournalPane(scope, self)
        self.rent_flow = RentFlow(scope, self)
        self.sms_flow = SmsFlow(scope, self)
        self._shown = False
        self._list_shown = False

        self.mine_area = QSplitter(Qt.Orientation.Vertical, self)
        self.mine_area.setObjectName("myNumbersArea")
        self.mine_area.addWidget(self.mine)
        self.mine_area.addWidget(self.inbox)
        self.mine_area.setStretchFactor(0, 2)
        self.mine_area.setStretchFactor(1, 3)
        self.mine_area.setChildrenCollapsible(False)
        self.mine_area.setSizes([140, 230])
        self.bottom = QTabWidget(self)
        self.bottom.setObjectName("numbersBottomTabs")
        self.bottom.setDocumentMode(True)
        self.bottom.addTab(self.mine_area, "")
        self.bottom.addTab(self.journal, "")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.free)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 400])
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 8)
        root.setSpacing(6)
        root.addWidget(self.message)
        root.addWidget(self.splitter, 1)

        self.free.rentRequested.connect(self.rent_flow.rent)
        self.free.listSettled.connect(self._list_settled)
        self.inbox.settled.connect(self._check_loaded)
        self.rent_flow.preparing.connect(self.free.set_rent_busy)
        self.rent_flow.revealMine.connect(self._show_mine)
        self.mine.revealRequested.connect(self._show_mine)
        self.mine.checkRequested.connect(self.rent_flow.check)
        self.mine.testRequested.connect(self.sms_flow.test)
        self.mine.numberSelected.connect(self.inbox.show_number)
        self.inbox.testRequested.connect(self.sms_flow.test)
        self.inbox.simulateRequested.connect(self.sms_flow.simulate)
        self.mine.model.modelReset.connect(self._retitle)
        self.journal.model.modelReset.connect(self._retitle)
        self._shortcut(QKeySequence.StandardKey.Refresh, self.refresh)
        self._shortcut(QKeySequence.StandardKey.Find, self.free.focus_search)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._retitle()

    def title(self) -> str:
        return self.tr("Numbers")

    def _shortcut(self, keys: QKeySequence.StandardKey, slot: Callable[[], Any]) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # -- the account ------------------------------------------------------------------------

    def session_changed(self, session: AccountSession | None) -> None:
        self.message.dismiss()
        self._list_shown = False
        service = session.numbers if session is not None else None
        self.service = service
        for panel in (self.free, self.mine, self.inbox, self.journal, self.rent_flow):
            panel.set_service(service)
        sandbox = None
        if session is not None and is_sandbox_profile(session.profile, self.ctx.sandbox_url):
            sandbox = SandboxControl(session.profile.server)
        self.sms_flow.set_service(service, sandbox)
        self.inbox.set_sandbox(sandbox is not None)
        if session is None or service is None:
            self._tick.stop()
            return
        service.inbox.set_shown(self._shown)
        self.bindings.connect(service.storage_failed, self._on_storage_failed)
        self.bindings.connect(session.balance_changed, self._on_balance)
        self._on_balance(session.balance)
        self._tick.start()
        self._open_slot.start(self._open(service))

    async def _open(self, service: NumbersService) -> None:
        try:
            await service.open()
            entries = await service.read_journal()
        except OSError as exc:
            self._on_storage_failed(exc)
            entries = []
        self.journal.set_entries(entries)
        if service.ledger.load_problem == "unreadable":
            self.message.show_message(
                Level.WARNING, texts.ledger_unreadable(service.ledger.path.parent)
            )
        await self.free.load(service)

    # -- the tab shows its data once the free list and the inbox are shown ----------------

    def _list_settled(self) -> None:
        self._list_shown = True
        self._check_loaded()

    def _check_loaded(self) -> None:
        if self._list_shown and self.inbox.is_settled():
            self.mark_loaded()

    def refresh(self) -> asyncio.Task[Any] | None:
        """The tab's read action: reload the free numbers (within SMSC's limit) and check
        for new SMS."""
        if self.service is not None:
            self.service.inbox.poll_now()
        return self.free.refresh()

    # -- shown or not: the inbox is read only while the tab is shown -----------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._set_shown(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # a minimized window still wants new SMS noticed
            self._set_shown(False)

    def _set_shown(self, shown: bool) -> None:
        self._shown = shown
        if self.service is not None:
            self.service.inbox.set_shown(shown)

    def shutdown(self) -> None:
        self._set_shown(False)
        self.sms_flow.set_service(None, None)
        self._tick.stop()
        self.free.shutdown()
        self.mine.shutdown()

    # -- what the panels share --------------------------------------------------------------

    def _on_balance(self, _balance: object) -> None:
        if self.service is not None:
            self.free.set_currency(self.service.currency)
            self.mine.update_totals()

    def _on_storage_failed(self, error: OSError) -> None:
        self.message.show_message(Level.ERROR, texts.storage_failed(error))

    def _on_tick(self) -> None:
        self.free.tick()
        self.mine.tick()
        self.rent_flow.tick()

    def _show_mine(self) -> None:
        self.bottom.setCurrentWidget(self.mine_area)

    def _retitle(self) -> None:
        mine = self.mine.model.rowCount()
        self.bottom.setTabText(0, self.tr("My numbers (%1)").replace("%1", str(mine)))
        journal = self.journal.model.rowCount()
        self.bottom.setTabText(1, self.tr("Journal (%1)").replace("%1", str(journal)))

    def _on_message_action(self, action_id: str) -> None:
        if action_id.startswith("check:"):
            self.rent_flow.check(action_id.removeprefix("check:"))
        elif action_id.startswith("open:"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(action_id.removeprefix("open:")))
