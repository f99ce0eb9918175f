"""The main window: tabs Overview, Numbers, Verification, Exports and a status bar with the
account.

The window is built in two steps so the first paint is not delayed by heavy imports: the
constructor imports only QtWidgets and shows an empty frame; ``attach(ctx)`` (called once the
asyncio loop runs) fills the window. Only the tab shown first is built (and its module
imported) then: the tab bar names every tab (``ui/tab_pages.py``), and each of the others is
built the first time it is shown (a click, Alt+1…n, Ctrl+0, ``show_tab``) or asked for
(``window.pages[name]``).

It also tells the notification hub what the user is looking at (whether the window is
active, which tab, which account), so events in view are not notified, and shows the
notifications that pass (``ui/notifier.py``). File → Settings… opens ``SettingsDialog``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from smsc_desktop.__about__ import APP_NAME, __version__
from smsc_desktop.ui.tab_pages import Pages, Placeholder, TabSpec, tab_specs

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent

    from smsc_desktop.services.profiles import Profile
    from smsc_desktop.services.session import AccountSession
    from smsc_desktop.ui.context import AppContext
    from smsc_desktop.ui.dialogs.settings import SettingsDialog
    from smsc_desktop.ui.tabs.base import TabPage

RESUME_WAIT_STEPS = 50
RESUME_WAIT_STEP_S = 0.2
"""Unfinished downloads wait at most 10 s for the tab in front to show its data."""


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("MainTabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.ctx: AppContext | None = None
        self._specs: tuple[TabSpec, ...] = ()
        self.pages = Pages(self)
        self.settings_dialog: SettingsDialog | None = None
        self._build_menus()

    def _build_menus(self) -> None:
        """The menu titles; their actions come in ``attach()``, after the first paint."""
        self.file_menu = self.menuBar().addMenu("")
        self.view_menu = self.menuBar().addMenu("")
        self.help_menu = self.menuBar().addMenu("")
        self.retranslate()

    def retranslate(self) -> None:
        """The texts made before ``attach()``, in the language installed now."""
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))

    def _build_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.show_settings)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        about = QAction(self.tr("&About SMSC Desktop"), self)
        about.triggered.connect(self.show_about)
        self.help_menu.addAction(about)

    def attach(self, ctx: AppContext, tab: str | None = None, *, build_tab: bool = True) -> None:
        """Fill the window for ``ctx``: tabs, status bar, account signals.

        ``tab`` is the tab to show (default: the one of the last run); it is the only tab
        built now, or (``build_tab=False``) by the caller's ``show_tab(first_tab(...))``
        once the event loop had a turn (app.py lets the keyring's work go on meanwhile).
        """
        from PySide6.QtGui import QAction, QKeySequence

        from smsc_desktop.ui.aio import TaskSlot
        from smsc_desktop.ui.widgets.account_badge import AccountBadge, BalanceLabel

        self.ctx = ctx
        from PySide6.QtWidgets import QApplication

        from smsc_desktop.ui.resources import icon

        app_icon = icon("smsc-desktop")
        QApplication.setWindowIcon(app_icon)
        self.setWindowIcon(app_icon)
        # Actions and shortcuts only now, after the first paint: the first setShortcut()
        # builds every enum of the Qt namespace (~25 ms, a quarter of the bare window's first
        # paint) and the first QAction another 1.5 ms; neither shows in the first frame.
        self._build_actions()
        self._specs = tab_specs()
        for spec in self._specs:
            placeholder = Placeholder(self.tabs)
            placeholder.setObjectName(f"{spec.name}Placeholder")
            self.tabs.addTab(placeholder, spec.title())
        first = self.first_tab(ctx, tab)
        if build_tab:
            self.show_tab(first)
        else:
            self.tabs.setCurrentIndex(self.tab_names().index(first))
        self.tabs.currentChanged.connect(self._on_current_changed)
        self._resume = TaskSlot(self, "resume-downloads")
        for index in range(min(self.tabs.count(), 9)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(action)
        self.overview_action = QAction(self.tr("Accounts &overview"), self)
        self.overview_action.setShortcut(QKeySequence("Ctrl+0"))
        self.overview_action.triggered.connect(self.show_overview)
        self.view_menu.addAction(self.overview_action)

        from smsc_desktop.ui.notifier import DesktopNotifier

        self.notifier = DesktopNotifier(ctx.notifications, self)
        self.tabs.currentChanged.connect(self._report_focus)

        self.account_badge = AccountBadge(show_name=False)  # goes into the account toolbar
        self.balance_label = BalanceLabel(self)
        self.statusBar().addPermanentWidget(self.balance_label)
        self.balance_label.refreshRequested.connect(self._refresh_balance)
        ctx.sessionChanged.connect(self._on_session_changed)
        self._on_session_changed(ctx.session)

        from smsc_desktop.ui.accounts import AccountsController

        self.accounts = AccountsController(ctx, self)  # switcher, account dialog, request log
        self._restore_layout()
        from smsc_desktop.ui import theme

        theme.follow_setting(ctx.settings.get("ui/color_scheme"))
        ctx.settings.changed.connect(self._on_setting, owner=self)
        ctx.settings.write_failed.connect(self._settings_not_saved, owner=self)

    def _settings_not_saved(self, error: OSError) -> None:
        from smsc_desktop.ui.texts.errors import describe_error

        self.statusBar().showMessage(
            self.tr(
                "The settings could not be saved (they apply until the app closes): %1"
            ).replace("%1", describe_error(error)),
            20_000,
        )

    def _on_setting(self, name: str, value: object) -> None:
        if name == "ui/color_scheme":
            from smsc_desktop.ui import theme

            theme.follow_setting(value)

    def _restore_layout(self) -> None:
        """Window size and position, docks and the tab of the last run."""
        from PySide6.QtCore import QByteArray

        assert self.ctx is not None
        settings = self.ctx.settings
        geometry = settings.get("ui/geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        state = settings.get("ui/state")
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode("ascii")))

    def _save_layout(self) -> None:
        if self.ctx is None:
            return
        settings = self.ctx.settings
        settings.set("ui/geometry", self.saveGeometry().toBase64().toStdString())
        settings.set("ui/state", self.saveState().toBase64().toStdString())
        current = self.current_tab()
        if current:
            settings.set("ui/last_tab", current)

    @staticmethod
    def first_tab(ctx: AppContext, tab: str | None = None) -> str:
        """The tab ``attach(ctx, tab)`` shows first: ``tab``, else the last run's."""
        names = [spec.name for spec in tab_specs()]
        last = ctx.settings.get("ui/last_tab")
        return tab or (last if last in names else names[0])

    @staticmethod
    def preload(ctx: AppContext, tab: str | None = None) -> None:
        """Import the module of the tab ``attach(ctx, tab)`` will build (while the app
        waits for the keyring, say)."""
        name = MainWindow.first_tab(ctx, tab)
        importlib.import_module(next(s.module for s in tab_specs() if s.name == name))

    def tab_names(self) -> list[str]:
        return [spec.name for spec in self._specs]

    def show_tab(self, name: str) -> TabPage:
        """Make ``name`` the current tab (built now if it never was) and return it."""
        page = self.pages[name]
        self.tabs.setCurrentWidget(page)
        return page

    def _on_current_changed(self, index: int) -> None:
        if 0 <= index < len(self._specs):
            name = self._specs[index].name
            if name not in self.pages.built():  # its first show
                self._build_page(name)

    def _build_page(self, name: str) -> TabPage:
        """Build tab ``name`` in place of its placeholder; it takes the open account."""
        assert self.ctx is not None, "attach() first"
        index = self.tab_names().index(name)
        spec = self._specs[index]
        cls = getattr(importlib.import_module(spec.module), spec.cls)
        page: TabPage = cls(self.ctx, self.tabs)
        page.setObjectName(f"{spec.name}Tab")
        self.pages.add(name, page)
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)  # one tab replaces another: no tab change
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, page.title())
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        if placeholder is not None:
            placeholder.deleteLater()
        page.follow_session()
        return page

    def show_overview(self) -> None:
        """Every account at a glance (Ctrl+0), the keyboard in its table."""
        self.show_tab("overview").setFocus()

    def open_account(self, profile_id: str, tab: str = "numbers") -> None:
        """Make ``profile_id`` the active account and show its ``tab`` (from the overview)."""
        self.accounts.switch_to(profile_id)
        if tab in self.pages:
            self.show_tab(tab)

    def show_profile(self, profile: Profile | None) -> None:
        """The active account in the title and the status bar."""
        self.account_badge.set_profile(profile)
        self.setWindowTitle(f"{profile.name} — {APP_NAME}" if profile else APP_NAME)

    def _on_session_changed(self, session: AccountSession | None) -> None:
        self.show_profile(session.profile if session else None)
        self.balance_label.set_balance(None)
        self._report_focus()
        if session is None:
            return
        session.balance_changed.connect(self._show_balance, owner=self)
        session.balance_failed.connect(self._show_balance_error, owner=self)
        self._refresh_balance()
        self._resume.start(self._resume_downloads(session))

    async def _resume_downloads(self, session: AccountSession) -> None:
        """Downloads left unfinished continue without waiting for the Exports tab, once the
        tab in front has shown its data (it comes first)."""
        import asyncio

        for _ in range(RESUME_WAIT_STEPS):
            page = self.tabs.currentWidget()
            if not getattr(page, "is_loaded", lambda: True)():
                await asyncio.sleep(RESUME_WAIT_STEP_S)
        if not session.closed and await session.has_unfinished_downloads():
            await session.start_exports()

    def _show_balance(self, _balance: object) -> None:
        session = self.ctx.session if self.ctx else None
        if session is not None:
            self.balance_label.set_balance(
                session.balance, low=session.is_low_balance, threshold=session.profile.low_balance
            )

    def _show_balance_error(self, error: Exception) -> None:
        from smsc_desktop.ui.texts.errors import describe_error

        self.statusBar().showMessage(describe_error(error), 10_000)

    def _refresh_balance(self) -> None:
        from smsc_desktop.ui.aio import spawn

        session = self.ctx.session if self.ctx else None
        if session is None:
            return
        wait = session.balance_retry_after()
        if wait > 0:
            self.statusBar().showMessage(
                self.tr(
                    "SMSC allows 10 balance requests a minute: try again in %n s", "", int(wait) + 1
                ),
                5_000,
            )
            return
        spawn(session.refresh_balance(), name="balance")

    def show_settings(self) -> None:
        from smsc_desktop.ui.dialogs.settings import SettingsDialog

        if self.ctx is None:
            return
        dialog = self.settings_dialog
        if dialog is None:
            dialog = self.settings_dialog = SettingsDialog(self.ctx.settings, self)
        if not dialog.isVisible():
            dialog.reload()
            dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    # --- what the user is looking at (for the notifications) ------------------------------

    def current_tab(self) -> str:
        """The name of the tab in front (built or not); "" before ``attach()``."""
        index = self.tabs.currentIndex()
        return self._specs[index].name if 0 <= index < len(self._specs) else ""

    def _report_focus(self, *_args: object) -> None:
        ctx = self.ctx
        if ctx is None:  # not attached yet: nothing heavy before the first paint
            return
        from smsc_desktop.services.notifications import Focus

        session = ctx.session
        ctx.notifications.set_focus(
            Focus(
                window_active=self.isActiveWindow() and not self.isMinimized(),
                tab=self.current_tab(),
                account_id=session.profile.id if session is not None else "",
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        from PySide6.QtCore import QEvent

        super().changeEvent(event)
        if event.type() in (QEvent.Type.ActivationChange, QEvent.Type.WindowStateChange):
            self._report_focus()

    def show_about(self) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About SMSC Desktop"))
        box.setText(
            f"<b>{APP_NAME}</b> {__version__}<br>"
            + self.tr("Administration console for SMSC account managers.")
            + f"<br><small>Qt {qVersion()}, PySide6 {pyside_version}</small>"
        )
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        from contextlib import suppress

        with suppress(OSError):  # a read-only settings folder must not block quitting
            self._save_layout()
        for page in self.pages.built().values():
            page.shutdown()
        self.closing.emit()
        event.accept()
