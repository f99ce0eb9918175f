"""The account layer of the main window: switcher, account dialog, request log, debug info.

``AccountsController`` is built by ``MainWindow.attach``. It puts the account switcher in a
toolbar (Ctrl+1…9, Ctrl+Shift+P), "Accounts…" in the File menu, the request log dock in the
View menu and "Copy debug info" in the Help menu; it opens accounts at startup (the first
run shows the welcome page of the account dialog), asks for a secret the keyring cannot
give, and keeps the open session in step with edits of its profile.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QSizePolicy, QToolBar, QWidget

from smsc_desktop.api import Balance
from smsc_desktop.services.accounts import SandboxUnavailableError, SecretMissingError
from smsc_desktop.services.profile_form import profile_for_session
from smsc_desktop.services.profiles import DEMO_PROFILE_ID, Profile
from smsc_desktop.services.secrets import KeyringProblem, KeyringStatus
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.aio import TaskGroup, TaskSlot
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.formatting import format_money
from smsc_desktop.ui.lifetime import when_destroyed
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts import accounts as texts
from smsc_desktop.ui.theme import TAG_TEST, Tone, set_tone
from smsc_desktop.ui.widgets.account_switcher import AccountSwitcher
from smsc_desktop.ui.widgets.message_bar import Level

if TYPE_CHECKING:
    from smsc_desktop.ui.dialogs.accounts import AccountsDialog
    from smsc_desktop.ui.main_window import MainWindow
    from smsc_desktop.ui.widgets.request_log import RequestLogPanel

log = logging.getLogger("smsc_desktop.ui.accounts")

SANDBOX_RESTARTS = 3
SANDBOX_RESTART_WINDOW = 300.0
"""The built-in sandbox is started again by itself at most ``SANDBOX_RESTARTS`` times in
``SANDBOX_RESTART_WINDOW`` seconds (one that keeps ending is then left to the user)."""


class AccountsController(QObject):
    def __init__(self, ctx: AppContext, window: MainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.tasks = TaskGroup(self, "accounts")
        self.open_task = TaskSlot(self.tasks, "open-account")
        self.session_bindings = Bindings(self)  # to the open session, cleared on a switch
        self.dialog: AccountsDialog | None = None
        self._request_log: RequestLogPanel | None = None
        self._sandbox_restarts: list[float] = []  # when demo_sandbox_ended reopened the demo
        self._build()
        ctx.profiles.changed.connect(self._profiles_changed, owner=self)
        ctx.secrets.status_changed.connect(self._keyring_status, owner=self)
        ctx.sessionChanged.connect(self._session_changed)
        self._profiles_changed()
        self._keyring_status(ctx.secrets.status)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        window = self.window
        self.toolbar = QToolBar(self.tr("Account"), window)
        self.toolbar.setObjectName("AccountToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setEnabled(False)  # the account stays visible
        self.switcher = AccountSwitcher(self.toolbar)
        self.toolbar.addWidget(self.switcher)
        self.toolbar.addWidget(window.account_badge)  # which server, next to the account
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        for action in self.switcher.window_actions():
            window.addAction(action)
        self.switcher.switchRequested.connect(self.switch_to)
        self.switcher.addRequested.connect(self._add_requested)
        self.switcher.manageRequested.connect(self._manage_requested)

        file_menu = window.file_menu
        file_menu.insertAction(window.quit_action, self.switcher.manage_action)
        file_menu.insertSeparator(window.quit_action)

        self.dock = QDockWidget(self.tr("Request log"), window)
        self.dock.setObjectName("RequestLogDock")
        # The panel is made when the dock is first shown (or asked for): not at startup.
        self.dock.visibilityChanged.connect(lambda shown: shown and self.request_log)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        toggle = self.dock.toggleViewAction()
        toggle.setIcon(icon("request-log"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        window.view_menu.addAction(toggle)
        window.addAction(toggle)
        self.toolbar.addAction(toggle)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.dock_action = toggle

        self.debug_action = QAction(self.tr("Copy &debug info"), window)
        self.debug_action.setToolTip(
            self.tr("Versions, keyring, recent requests and log lines, without secrets")
        )
        self.debug_action.triggered.connect(self.copy_debug_info)
        window.help_menu.insertAction(window.help_menu.actions()[0], self.debug_action)
        window.help_menu.insertSeparator(window.help_menu.actions()[1])

        self.keyring_label = QLabel(window)
        self.keyring_label.setObjectName("KeyringIndicator")
        self.keyring_label.setStyleSheet("QLabel { font-weight: 600; padding: 0 6px; }")
        set_tone(self.keyring_label, Tone.WARNING)
        window.statusBar().addPermanentWidget(self.keyring_label)
        self.keyring_label.hide()

    @property
    def request_log(self) -> RequestLogPanel:
        """The request log's panel in the dock, made the first time it is wanted."""
        if self._request_log is None:
            from smsc_desktop.ui.widgets.request_log import RequestLogPanel

            window = self.window
            panel = RequestLogPanel(self.ctx.request_log, window)
            panel.message.connect(lambda text: window.statusBar().showMessage(text, 5000))
            self.dock.setWidget(panel)
            self._request_log = panel
        return self._request_log

    # --- opening accounts ----------------------------------------------------------------

    async def start(self, *, demo: bool = False, interactive: bool = True) -> None:
        """At startup: resolve the keyring, then open the demo, the last account, or the
        first-run dialog."""
        if any(profile.demo for profile in self.ctx.profiles):
            from smsc_desktop.ui.demo_accounts import localize_demo_names

            localize_demo_names(self.ctx.profiles)
        if demo:  # the demo's password is public: open it first, then resolve the keyring
            await self.open_demo()
            status = await self.ctx.secrets.probe()
        else:
            status = await self.ctx.secrets.probe()
        log.info("Keyring: %s", status.describe())
        await self.ctx.accounts.forget_pending()
        if demo:
            return
        profiles = self.ctx.profiles
        profile = profiles.active() or next(iter(profiles), None)
        if profile is None:
            if interactive:
                self.show_dialog(first_run=True)
            return
        await self.open(profile, interactive=interactive)

    async def open_demo(self) -> AccountSession | None:
        profile = self.ctx.profiles.get(DEMO_PROFILE_ID)
        if profile is None:
            from smsc_desktop.ui.demo_accounts import add_demo_siblings, main_demo_profile

            profile = self.ctx.profiles.add(main_demo_profile())
            await add_demo_siblings(self.ctx.profiles, self.ctx.paths)  # for the overview
        return await self.open(profile)

    async def open(self, profile: Profile, *, interactive: bool = True) -> AccountSession | None:
        """Open ``profile``; when its secret is not known, ask for it in the dialog."""
        status = self.window.statusBar()
        status.showMessage(
            self.tr("Opening %1 (the system keyring may ask for its password)…").replace(
                "%1", profile.name
            )
        )
        try:
            session = await self.ctx.open_profile(profile)
        except SecretMissingError:
            status.clearMessage()
            if interactive:
                notice = texts.missing_secret_text(
                    profile, keyring_explained=self.ctx.secrets.session_only
                )
                self.show_dialog(select_id=profile.id, notice=notice)
            return None
        except SandboxUnavailableError as exc:  # a demo profile, e.g. a taken --sandbox-port
            status.clearMessage()
            notice = texts.sandbox_unavailable_text(exc.port, exc.reason)
            if interactive:
                self.show_dialog(select_id=profile.id, notice=notice, level=Level.ERROR)
            else:
                status.showMessage(notice)
            return None
        status.clearMessage()
        return session

    def demo_sandbox_ended(self, exit_code: int) -> None:
        """The built-in sandbox's process ended while the app used it: the demo account
        that was open is opened again on a new sandbox, and the status bar says why (its
        data starts over; the old sandbox's rents and messages are gone with it)."""
        session = self.ctx.session
        status = self.window.statusBar()
        now = time.monotonic()
        recent = [t for t in self._sandbox_restarts if now - t < SANDBOX_RESTART_WINDOW]
        if session is None or not session.profile.demo or len(recent) >= SANDBOX_RESTARTS:
            # Nothing open on it, or it keeps ending: no restart loop, the next opening of
            # a demo account starts it again.
            status.showMessage(texts.sandbox_ended_text(exit_code, reopened=False), 30_000)
            return
        self._sandbox_restarts = [*recent, now]
        profile = self.ctx.profiles.get(session.profile.id) or session.profile
        self.open_task.start(self._reopen_demo(profile, exit_code))

    async def _reopen_demo(self, profile: Profile, exit_code: int) -> None:
        session = await self.open(profile)
        if session is not None:
            status = self.window.statusBar()
            status.showMessage(texts.sandbox_ended_text(exit_code, reopened=True), 30_000)

    def switch_to(self, profile_id: str) -> None:
        profile = self.ctx.profiles.get(profile_id)
        session = self.ctx.session
        if profile is None or (session is not None and session.profile.id == profile_id):
            return
        self.open_task.start(self.open(profile))

    # --- the dialog ----------------------------------------------------------------------

    def show_dialog(
        self,
        *,
        first_run: bool = False,
        select_id: str = "",
        notice: str = "",
        level: Level = Level.INFO,
        add: bool = False,
    ) -> AccountsDialog:
        if self.dialog is not None:
            self.dialog.close()
        session = self.ctx.session
        from smsc_desktop.ui.dialogs.accounts import AccountsDialog  # when first opened

        dialog = AccountsDialog(
            self.ctx,
            self.window,
            first_run=first_run,
            select_id=select_id or (session.profile.id if session else ""),
            notice=notice,
            notice_level=level,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.connectRequested.connect(self._connect_requested)
        dialog.demoRequested.connect(self._demo_requested)
        dialog.profileSaved.connect(self._profile_saved)
        dialog.profileDeleted.connect(self._profile_deleted)
        when_destroyed(dialog, lambda: self._dialog_gone(dialog))
        self.dialog = dialog
        dialog.open()
        if add:
            dialog.add_profile()
        return dialog

    def _add_requested(self) -> None:
        self.show_dialog(add=True)

    def _manage_requested(self) -> None:
        self.show_dialog()

    def _dialog_gone(self, dialog: AccountsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _demo_requested(self) -> None:
        self.open_task.start(self.open_demo())

    def _connect_requested(self, profile_id: str) -> None:
        profile = self.ctx.profiles.get(profile_id)
        if profile is None:
            return
        session = self.ctx.session
        if session is not None and session.profile.id == profile_id and not session.closed:
            return
        self.open_task.start(self.open(profile))

    def _profile_saved(self, profile_id: str, secret_changed: bool) -> None:
        session = self.ctx.session
        profile = self.ctx.profiles.get(profile_id)
        if session is None or profile is None or session.profile.id != profile_id:
            return
        kept = profile_for_session(profile, session.profile, secret_changed=secret_changed)
        if kept is not None:
            session.update_profile(kept)
        else:  # another server, login or secret: a new session
            self.open_task.start(self.open(profile))

    def _profile_deleted(self, profile_id: str) -> None:
        session = self.ctx.session
        if session is not None and session.profile.id == profile_id:
            self.open_task.start(self.ctx.close_session())

    # --- following the state ---------------------------------------------------------------

    def _profiles_changed(self) -> None:
        session = self.ctx.session
        self.switcher.set_profiles(
            self.ctx.profiles.profiles(), session.profile.id if session else ""
        )
        if session is not None:
            self.switcher.set_active(session.profile)

    def _session_changed(self, session: AccountSession | None) -> None:
        self.switcher.set_active(session.profile if session else None)
        self.window.account_badge.set_profile(session.profile if session else None)
        self._mark_server(session.profile if session else None)
        self.session_bindings.clear()
        if session is None:
            return
        self.session_bindings.connect(session.profile_changed, self._session_profile_changed)
        self.session_bindings.connect(session.balance_deferred, self._balance_deferred)
        self.session_bindings.connect(session.low_balance_reached, self._low_balance)

    def _session_profile_changed(self, profile: Profile) -> None:
        self.switcher.set_active(profile)
        self.window.show_profile(profile)

    def _mark_server(self, profile: Profile | None) -> None:
        """A coloured line under the toolbar while a non-production server is active."""
        if profile is None or profile.is_production:
            self.toolbar.setStyleSheet("")
        else:
            self.toolbar.setStyleSheet(
                f"QToolBar#AccountToolbar {{ border-bottom: 3px solid {TAG_TEST[0]}; }}"
            )

    def _balance_deferred(self, seconds: float) -> None:
        self.window.statusBar().showMessage(
            self.tr(
                "SMSC allows 10 balance requests a minute: the balance refreshes in %n s",
                "",
                int(seconds) + 1,
            ),
            5000,
        )

    def _low_balance(self, balance: Balance) -> None:
        session = self.ctx.session
        if session is None or session.profile.low_balance is None:
            return
        currency = balance.currency
        self.window.statusBar().showMessage(
            self.tr("The balance of “%1” is %2, below the warning level of %3.")
            .replace("%1", session.profile.name)
            .replace("%2", format_money(balance.amount, currency))
            .replace("%3", format_money(session.profile.low_balance, currency)),
            15000,
        )

    def _keyring_status(self, status: KeyringStatus) -> None:
        if status.usable:
            self.keyring_label.hide()
            return
        self.keyring_label.setText(self.tr("Passwords: this session only"))
        self.keyring_label.setToolTip(texts.keyring_problem_text(status.problem))
        self.keyring_label.show()
        if status.problem is not KeyringProblem.DISABLED:
            # why, beside the indicator that says it (the whole sentence would run into it)
            self.window.statusBar().showMessage(texts.keyring_problem_text(status.problem), 15000)

    # --- debug info ----------------------------------------------------------------------

    def debug_info(self) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from smsc_desktop.services.debuginfo import debug_info

        session = self.ctx.session
        return debug_info(
            extra=[
                f"Qt {qVersion()}, PySide6 {pyside_version}",
                f"Qt platform {QGuiApplication.platformName()}",
            ],
            keyring=self.ctx.secrets.status,
            profile=session.profile if session else None,
            requests=self.ctx.request_log,
        )

    def copy_debug_info(self) -> None:
        QGuiApplication.clipboard().setText(self.debug_info())
        self.window.statusBar().showMessage(
            self.tr(
                "Debug info copied: versions, keyring, recent requests and log lines, "
                "without passwords or keys."
            ),
            6000,
        )
