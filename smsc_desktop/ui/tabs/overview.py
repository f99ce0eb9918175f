"""The Overview tab (Ctrl+0): every saved account at a glance.

Layout: a message bar, the controls and summary (``OverviewToolbar``) and the table of
accounts (``AccountsTable``), from ``ui/panels/overview/``; the wording is in
``ui/texts/overview.py``. The data is ``ctx.overview``
(:class:`~smsc_desktop.services.overview.OverviewService`), which outlives the tab: it
opens with the last known figures (``overview.json``), reads the accounts' files in a worker
thread, and refreshes balances a few accounts at a time. The tab follows the active account
only to mark its row; a double-click or Enter opens another one.

The first time the tab is shown, accounts that were never asked are asked (so a new
installation, or the demo, shows figures at once); after that, only the Refresh button, the
row menu and the chosen interval ask SMSC.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from smsc_desktop.services.overview import AccountState, RefreshProgress
from smsc_desktop.services.secrets import KeyringStatus
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.formatting import format_money
from smsc_desktop.ui.panels.numbers.csv_files import choose_file
from smsc_desktop.ui.panels.overview.accounts_table import AccountsTable
from smsc_desktop.ui.panels.overview.export import export_csv
from smsc_desktop.ui.panels.overview.toolbar import OverviewToolbar
from smsc_desktop.ui.tabs.base import TabPage
from smsc_desktop.ui.texts import overview as texts
from smsc_desktop.ui.widgets.message_bar import MessageBar

log = logging.getLogger("smsc_desktop.ui.overview")

HEADER_KEY = "overview.accounts"
FLUSH_MS = 100
FLUSH_ROWS = 30
TICK_MS = 15_000
"""How often the times and countdowns of a visible overview are redone."""
RESCAN_TICKS = 2
"""Every this many ticks the accounts' files are read again (what changed)."""


class OverviewTab(TabPage):
    name = "overview"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service = ctx.overview
        self.message = MessageBar(self)
        self.message.actionTriggered.connect(self._on_message_action)
        self.toolbar = OverviewToolbar(self)
        self.table = AccountsTable(self)
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 8)
        root.setSpacing(6)
        root.addWidget(self.message)
        root.addWidget(self.toolbar)
        root.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

        self.toolbar.refreshRequested.connect(self.refresh)
        self.toolbar.stopRequested.connect(self.service.cancel_refresh)
        self.toolbar.intervalChosen.connect(self._interval_chosen)
        self.toolbar.filterChanged.connect(self.table.set_filter_text)
        self.toolbar.showChanged.connect(self.table.set_show)
        self.toolbar.exportRequested.connect(self._export_requested)
        self.table.openRequested.connect(self._open)
        self.table.refreshRequested.connect(lambda pid: self.service.refresh([pid]))
        self.table.editRequested.connect(self._edit)
        self._shortcut(QKeySequence.StandardKey.Refresh, self.refresh)
        self._shortcut(QKeySequence.StandardKey.Find, self._focus_filter)

        self.service.changed.connect(self._on_changed, owner=self)
        self.service.progress.connect(self._on_progress, owner=self)
        ctx.secrets.status_changed.connect(self._on_keyring, owner=self)
        self.table.model.keyring_available = ctx.secrets.status.usable
        self.table.model.set_states(self.service.states(), self.service.now())
        self._ids = {s.profile.id for s in self.service.states()}
        self._pending: set[str] = set()
        self._reset_pending = False
        self._progress: RefreshProgress | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(200)
        self._summary_timer.timeout.connect(self._update_summary)
        self._update_summary()
        self._show_status()

        minutes = int(ctx.settings.get("overview/interval_minutes") or 0)
        self.toolbar.set_interval(minutes)
        if minutes and self.service.interval_minutes != minutes:
            self.service.set_interval(minutes)
        self._ticks = 0
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._first_shown = False
        self._restore_header()

    def title(self) -> str:
        return texts.tab_title()

    def _shortcut(self, keys: QKeySequence.StandardKey, slot: Any) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # --- showing ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the event: at start-up the window may show this tab for a moment before it
        # restores the tab of the last run.
        QTimer.singleShot(0, self._shown)

    def _shown(self) -> None:
        if not self.isVisible():
            return
        self._tick.start()
        if not self._first_shown:
            self._first_shown = True
            self.tasks.spawn(self._first_load(), name="overview-first-load")
        else:
            self._on_tick()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self._tick.stop()

    async def _first_load(self) -> None:
        """Read the files; ask the accounts never asked before; then the tab is loaded."""
        await self.service.rescan()
        never = [s.profile.id for s in self.service.states() if s.figures.checked_at is None]
        if never:
            await asyncio.shield(self.service.refresh(never))
        self.flush()
        self.mark_loaded()

    def _on_tick(self) -> None:
        self._ticks += 1
        self.table.model.tick(self.service.now())
        if self._ticks % RESCAN_TICKS == 0:  # reads what changed; attention at this time
            self.tasks.spawn(self.service.rescan(), name="overview-rescan")

    # --- following the service -----------------------------------------------------------

    def _on_changed(self, ids: list[str]) -> None:
        """Changes are shown in batches (a refresh of 200 accounts changes a row every few
        milliseconds): at most every ``FLUSH_MS``, ``FLUSH_ROWS`` rows at a time."""
        if not ids:
            self._reset_pending = True
        else:
            self._pending.update(ids)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self, limit: int | None = FLUSH_ROWS) -> None:
        now = self.service.now()
        if self._reset_pending:
            self._reset_pending = False
            self._pending.clear()
            current = self.table.current_id()
            states = self.service.states()
            self.table.model.set_states(states, now)
            self.table.set_filter_text(self.toolbar.filter_edit.text())
            if current:
                self.table.select(current)
            self._ask_new(states)
        elif self._pending:
            ids = list(self._pending)[:limit] if limit else list(self._pending)
            self._pending.difference_update(ids)
            states = [s for s in (self.service.state(pid) for pid in ids) if s is not None]
            self.table.model.update_states(states, now)
        if self._progress is not None:
            self.toolbar.set_progress(self._progress)
            self._progress = None
        if self._pending:
            self._flush_timer.start()
        elif not self._summary_timer.isActive():
            self._summary_timer.start()

    def _ask_new(self, states: list[AccountState]) -> None:
        """An account added while the page is in use is asked at once (once loaded)."""
        ids = {s.profile.id for s in states}
        new, self._ids = ids - self._ids, ids
        if self.is_loaded():
            never = [
                s.profile.id for s in states if s.profile.id in new and not s.figures.checked_at
            ]
            if never:
                self.service.refresh(never)

    def flush(self) -> None:
        """Show every change now (before the first picture; tests)."""
        self._flush_timer.stop()
        self._flush(limit=None)
        self._update_summary()

    def _on_progress(self, progress: RefreshProgress) -> None:
        self._progress = progress
        if not progress.running:
            self.flush()
        elif not self._flush_timer.isActive():
            self._flush_timer.start()

    def _on_keyring(self, status: KeyringStatus) -> None:
        self.table.model.keyring_available = status.usable
        self.table.model.rerender(self.service.now())

    def session_changed(self, session: AccountSession | None) -> None:
        self.table.model.set_active(session.profile.id if session else "", self.service.now())

    def _update_summary(self) -> None:
        states = self.service.states()
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for state in states:
            if state.figures.balance is not None:
                totals[state.figures.currency] += state.figures.balance
        money = [format_money(amount, currency) for currency, amount in sorted(totals.items())]
        attention = sum(1 for s in states if s.attention)
        failed = sum(1 for s in states if s.figures.error is not None)
        self.toolbar.set_summary(texts.summary(len(states), attention, failed, money))

    def _show_status(self) -> None:
        times = [s.figures.checked_at for s in self.service.states() if s.figures.checked_at]
        if times:
            self.toolbar.status.setText(texts.figures_from(max(times)))

    # --- actions ------------------------------------------------------------------------

    def refresh(self) -> asyncio.Task[Any] | None:
        """The tab's read action: every account's balance (within SMSC's limits)."""
        self.message.dismiss()
        return self.service.refresh()

    def _interval_chosen(self, minutes: int) -> None:
        self.ctx.settings.set("overview/interval_minutes", minutes)
        self.service.set_interval(minutes)

    def _focus_filter(self) -> None:
        self.toolbar.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.toolbar.filter_edit.selectAll()

    def _open(self, profile_id: str, tab: str) -> None:
        from smsc_desktop.ui.main_window import MainWindow

        window = self.window()
        if isinstance(window, MainWindow):
            window.open_account(profile_id, tab)

    def _edit(self, profile_id: str) -> None:
        from smsc_desktop.ui.main_window import MainWindow

        window = self.window()
        if isinstance(window, MainWindow):
            window.accounts.show_dialog(select_id=profile_id)

    def _export_requested(self) -> None:
        self.tasks.spawn(self._export_flow(), name="overview-export")

    async def _export_flow(self) -> None:
        path = await choose_file(self, self.ctx.settings, texts.csv_name(date.today()))
        if path is not None:
            ids = self.table.visible_ids()
            model = self.table.model
            views = [model.view(model.row_of(pid)) for pid in ids]
            await export_csv(self.message, path, views, self.service.now())

    def _on_message_action(self, action_id: str) -> None:
        if action_id.startswith("open:"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(action_id.removeprefix("open:")))

    # --- the table's layout ---------------------------------------------------------------

    def _restore_header(self) -> None:
        state = self.ctx.settings.get("ui/headers").get(HEADER_KEY)
        if isinstance(state, str) and state:
            header = self.table.view.horizontalHeader()
            header.restoreState(QByteArray.fromBase64(state.encode()))

    def _save_header(self) -> None:
        headers = dict(self.ctx.settings.get("ui/headers"))
        state = self.table.view.horizontalHeader().saveState().toBase64().data()
        headers[HEADER_KEY] = bytes(state).decode()
        try:
            self.ctx.settings.set("ui/headers", headers)
        except OSError:
            log.warning("Could not save the overview's table layout")

    def shutdown(self) -> None:
        self._tick.stop()
        self._save_header()
