"""The Numbers tab: the free-number marketplace, renting, My numbers and the journal.

Layout: a message bar; the free numbers (``FreeNumbersPane``: toolbar, filters, table);
below them, in tabs, My numbers (``MyNumbersPane``: auto-renewal switches, monthly totals)
and the journal of money spent (``JournalPane``). ``RentFlow`` confirms and sends a rent and
reports its outcome. The panels live in ``ui/panels/numbers/``, their wording in
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
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.panels.numbers.free_list import FreeNumbersPane
from smsc_desktop.ui.panels.numbers.journal import JournalPane
from smsc_desktop.ui.panels.numbers.my_numbers import MyNumbersPane
from smsc_desktop.ui.panels.numbers.rent_flow import RentFlow
from smsc_desktop.ui.panels.numbers.scope import AccountScope
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
        self.journal = JournalPane(scope, self)
        self.rent_flow = RentFlow(scope, self)

        self.bottom = QTabWidget(self)
        self.bottom.setObjectName("numbersBottomTabs")
        self.bottom.setDocumentMode(True)
        self.bottom.addTab(self.mine, "")
        self.bottom.addTab(self.journal, "")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.free)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([530, 220])
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 8)
        root.setSpacing(6)
        root.addWidget(self.message)
        root.addWidget(self.splitter, 1)

        self.free.rentRequested.connect(self.rent_flow.rent)
        self.free.listSettled.connect(self.mark_loaded)
        self.rent_flow.preparing.connect(self.free.set_rent_busy)
        self.rent_flow.revealMine.connect(self._show_mine)
        self.mine.revealRequested.connect(self._show_mine)
        self.mine.checkRequested.connect(self.rent_flow.check)
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
        service = session.numbers if session is not None else None
        self.service = service
        for panel in (self.free, self.mine, self.journal, self.rent_flow):
            panel.set_service(service)
        if session is None or service is None:
            self._tick.stop()
            return
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

    def refresh(self) -> asyncio.Task[Any] | None:
        """The tab's read action: reload the free numbers (within SMSC's limit)."""
        return self.free.refresh()

    def shutdown(self) -> None:
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
        self.bottom.setCurrentWidget(self.mine)

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
