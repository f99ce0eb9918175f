"""The account dialog: add, edit, duplicate and delete SMSC accounts; test a connection.

It lays out the account list (``AccountList``), the welcome page of the first run
(``WelcomePage``: connect a real account, or try the built-in sandbox) and the account form
(``ProfileForm``, with its ``ConnectionTest``), and runs what crosses them: saving,
switching with unsaved changes, duplicating, deleting, and the keyring notice.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.accounts import ProfileInvalidError
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.secrets import KeyringProblem, KeyringStatus
from smsc_desktop.ui.aio import TaskSlot, exec_dialog
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.dialogs.accounts.account_list import AccountList
from smsc_desktop.ui.dialogs.accounts.form import ProfileForm
from smsc_desktop.ui.dialogs.accounts.welcome import WelcomePage
from smsc_desktop.ui.texts import accounts as texts
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar

log = logging.getLogger("smsc_desktop.ui.accounts")

WELCOME_PAGE, FORM_PAGE = 0, 1
RETRY_KEYRING = "retry-keyring"


class AccountsDialog(QDialog):
    """Manage the accounts; ``connectRequested(id)`` asks the app to open one."""

    connectRequested = Signal(str)  # profile id
    demoRequested = Signal()
    profileSaved = Signal(str, bool)  # profile id, whether a new secret was given
    profileDeleted = Signal(str)  # profile id

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        first_run: bool = False,
        select_id: str = "",
        notice: str = "",
        notice_level: Level = Level.INFO,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AccountsDialog")
        self.setWindowTitle(self.tr("Accounts"))
        self.ctx = ctx
        self.accounts = ctx.accounts
        self.profiles = ctx.profiles
        self.task = TaskSlot(self, "accounts-dialog")
        self.bindings = Bindings(self)
        self._build()
        self.resize(860, 560)
        self._fill_list(select_id)
        if first_run:
            self._show_welcome()
        if self.stack.currentIndex() == WELCOME_PAGE and not len(self.profiles):
            self.resize(720, 400)
        if notice:
            self.info_bar.show_message(notice_level, notice)
        self._show_keyring_status(ctx.secrets.status)
        self.bindings.connect(ctx.secrets.status_changed, self._show_keyring_status)
        self.bindings.connect(self.profiles.changed, self._profiles_changed)
        self.bindings.connect(self.profiles.active_changed, self.account_list.set_active)
        self.finished.connect(self._finished)

    def _build(self) -> None:
        self.keyring_bar = MessageBar(self)
        self.keyring_bar.actionTriggered.connect(self._bar_action)
        self.info_bar = MessageBar(self)

        self.account_list = AccountList(self, settings=self.ctx.settings)
        self.account_list.currentChanged.connect(self._selection_changed)
        self.account_list.addClicked.connect(self.add_profile)
        self.account_list.duplicateClicked.connect(self.duplicate_current)
        self.account_list.deleteClicked.connect(self.delete_current)

        self.welcome = WelcomePage(self)
        self.welcome.connect_choice.clicked.connect(self.add_profile)
        self.welcome.demo_choice.clicked.connect(self._choose_demo)
        self.form = ProfileForm(self.ctx, self)
        self.form.edited.connect(self._update_buttons)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.form)

        body = QHBoxLayout()
        body.addWidget(self.account_list)
        body.addWidget(self.stack, 1)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.connect_button = self.buttons.addButton(
            self.tr("Save and connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.connect_button.setDefault(True)
        longest = max(self.tr("Save and connect"), self.tr("Connect"), key=len)
        self.connect_button.setMinimumWidth(
            self.connect_button.fontMetrics().horizontalAdvance(longest) + 32
        )
        self.save_button.clicked.connect(self.save)
        self.connect_button.clicked.connect(self.save_and_connect)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_bar)
        layout.addWidget(self.info_bar)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    # --- pages and the list --------------------------------------------------------------

    def _fill_list(self, select_id: str = "", *, has_secret: bool | None = None) -> None:
        """Rebuild the list and show ``select_id`` (else the shown or the open account)."""
        active = self.profiles.active_id
        self.account_list.fill(self.profiles.profiles(), active)
        if not len(self.profiles):
            self._show_welcome()
            return
        current = self.form.current
        wanted = select_id or (current.id if current else "") or active
        profile = self.profiles.profiles()[max(0, self.profiles.index_of(wanted))]
        self.account_list.select(profile.id)
        self._load(profile, has_secret=has_secret)

    def _load(self, profile: Profile | None, *, has_secret: bool | None = None) -> None:
        self._show_form()
        self.form.load(profile, has_secret=has_secret)
        self.account_list.set_editing(profile is not None)
        self._update_buttons()

    def _show_welcome(self) -> None:
        self.form.unload()
        self.stack.setCurrentIndex(WELCOME_PAGE)
        self.account_list.setVisible(bool(len(self.profiles)))
        self.save_button.hide()
        self.connect_button.hide()

    def _show_form(self) -> None:
        if self.stack.currentIndex() == WELCOME_PAGE and self.width() < 860:
            self.resize(860, 560)
        self.stack.setCurrentIndex(FORM_PAGE)
        self.account_list.show()
        self.save_button.show()
        self.connect_button.show()

    def _update_buttons(self) -> None:
        dirty = self.form.dirty
        self.save_button.setEnabled(dirty)
        self.connect_button.setText(self.tr("Save and connect") if dirty else self.tr("Connect"))

    def _selection_changed(self, profile_id: str, previous_id: str) -> None:
        current = self.form.current
        if current is not None and profile_id == current.id:
            return
        if self.form.dirty:
            self.account_list.select(previous_id)  # stay while asking
            self.task.start(self._confirm_switch(profile_id))
            return
        if not profile_id:
            return  # the unsaved "new account" row
        self.account_list.drop_draft()
        profile = self.profiles.get(profile_id)
        if profile is not None:
            self._load(profile)

    async def _confirm_switch(self, profile_id: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            texts.unsaved_title(),
            texts.unsaved_question(),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        answer = await exec_dialog(box)
        if answer == QMessageBox.StandardButton.Cancel:
            return
        if answer == QMessageBox.StandardButton.Save and not await self._save():
            return
        self.account_list.drop_draft()
        if not profile_id:
            self._add_draft()
            return
        profile = self.profiles.get(profile_id)
        if profile is not None:
            self.account_list.select(profile.id)
            self._load(profile)

    def _profiles_changed(self) -> None:
        if not self.form.dirty:
            current = self.form.current
            self._fill_list(current.id if current else "")

    # --- actions ----------------------------------------------------------------------

    def add_profile(self) -> None:
        if self.form.dirty and self.form.current is not None:
            self.task.start(self._confirm_switch(""))
            return
        self._add_draft()

    def _add_draft(self) -> None:
        self.account_list.add_draft()
        self._load(None)
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()

    def save(self) -> None:
        self.task.start_if_idle(self._save())

    def save_and_connect(self) -> None:
        self.task.start_if_idle(self._save_and_connect())

    async def _save(self) -> bool:
        reading = self.form.reading()
        if reading.problems:
            self.form.show_problems(reading.problems)
            return False
        try:
            outcome = await self.accounts.save(reading.profile, reading.secret)
        except ProfileInvalidError as exc:
            self.form.show_problems(exc.problems)
            return False
        self._fill_list(outcome.profile.id, has_secret=True if outcome.secret_saved else None)
        if outcome.secret_saved and not outcome.in_keyring:
            self.form.show_note(texts.saved_for_session_text())
        self.profileSaved.emit(outcome.profile.id, outcome.secret_saved)
        return True

    async def _save_and_connect(self) -> None:
        if self.form.dirty and not await self._save():
            return
        profile = self.form.current
        if profile is None:
            return
        if not await self.accounts.has_secret(profile):
            self.form.ask_for_secret()
            return
        self.connectRequested.emit(profile.id)
        self.accept()

    def duplicate_current(self) -> None:
        if self.form.current is not None:
            self.task.start_if_idle(self._duplicate(self.form.current))

    async def _duplicate(self, profile: Profile) -> None:
        copy = await self.accounts.duplicate(profile, texts.copy_name(profile.name))
        self._fill_list(copy.id)

    def delete_current(self) -> None:
        if self.form.current is not None:
            self.task.start_if_idle(self._delete(self.form.current))

    async def _delete(self, profile: Profile) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            texts.delete_title(),
            texts.delete_question(profile.name),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(texts.delete_details())
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        await exec_dialog(box)
        if box.clickedButton() is not delete:
            return
        await self.confirm_delete(profile)

    async def confirm_delete(self, profile: Profile) -> None:
        """Delete without asking (the question was answered)."""
        deleted = await self.accounts.delete(profile)
        self.form.unload()
        self.profileDeleted.emit(profile.id)
        self._fill_list()
        if not deleted:
            self.info_bar.show_message(Level.INFO, texts.delete_postponed_text(profile.name))

    def _choose_demo(self) -> None:
        self.demoRequested.emit()
        self.accept()

    # --- the keyring ------------------------------------------------------------------------

    def _show_keyring_status(self, status: KeyringStatus) -> None:
        self.welcome.set_keyring_usable(status.usable)
        if status.usable:
            self.keyring_bar.hide()
        else:
            retry = status.problem is not KeyringProblem.DISABLED
            self.keyring_bar.show_message(
                Level.WARNING,
                texts.session_only_text(status.problem),
                action=self.tr("Try the keyring again") if retry else "",
                action_id=RETRY_KEYRING if retry else "",
            )
        if self.stack.currentIndex() == FORM_PAGE:
            self.form.update_secret_hint()

    def _bar_action(self, action_id: str) -> None:
        if action_id == RETRY_KEYRING:
            self.task.start_if_idle(self._retry_keyring())

    async def _retry_keyring(self) -> None:
        status = await self.ctx.secrets.retry()
        if status.usable:
            await self.accounts.forget_pending()

    def _finished(self, *_: object) -> None:
        """Closed: its work stops and the services stop calling it."""
        self.task.cancel()
        self.form.stop()
        self.bindings.clear()
