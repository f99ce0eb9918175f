"""The "Site captcha" page: SMSC's anti-spam check of a client's "send me a code" form,
set up for the web team and shown working on the account.

Left, for the web team (``captcha_setup.CaptchaSetup``): the form's HTML for the account's
server and the send script's parameters with a sample request. Right, the test: the live
picture (``captcha_picture.CaptchaPicture``), the code typed from it, the visitor's address
and a test message. "Send a test message…" first asks SMSC for the price (``cost=1``),
then confirms charge and balance (``SendTestDialog``) and sends one request per confirmation;
the outcome is said in plain words with SMSC's own text quoted (``ui/texts/captcha.py``).
Every send is in the account's journal (the Numbers tab shows it).
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import SmscError
from smsc_desktop.services.captcha import (
    MAX_TEXT,
    DraftProblem,
    SendOutcome,
    SiteCaptchaService,
    check_draft,
)
from smsc_desktop.services.phones import check_phone
from smsc_desktop.services.sandbox_control import SandboxControl
from smsc_desktop.ui.aio import TaskGroup, TaskSlot, exec_dialog
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.dialogs.send_test import SendTestDialog
from smsc_desktop.ui.panels.verification.captcha_picture import CaptchaPicture
from smsc_desktop.ui.panels.verification.captcha_setup import CaptchaSetup
from smsc_desktop.ui.texts import captcha as texts
from smsc_desktop.ui.theme import Tone, set_primary, set_tone
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar
from smsc_desktop.ui.widgets.styles import page_labels

SANDBOX_PHONE = "+7 916 123-45-67"
LOCAL_ADDRESS = "127.0.0.1"


class SiteCaptchaPanel(QWidget):
    """Works on a :class:`SiteCaptchaService` given with :meth:`set_service`."""

    sendFinished = Signal(object)  # SendOutcome | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bindings = Bindings(self)
        self.account_tasks = TaskGroup(self, "site-captcha")
        self._send = TaskSlot(self.account_tasks, "captcha-send")
        self.service: SiteCaptchaService | None = None
        self.sandbox: SandboxControl | None = None
        self._picture_wanted = False

        heading, intro = page_labels(
            self,
            self.tr("Site captcha"),
            self.tr(
                "SMSC can protect a client's “send me a code” form against robots: the form "
                "shows a picture with a code from SMSC, and SMSC sends the message only when "
                "the code the visitor typed matches. Give the web team the two parts on the "
                "left; show on the right that it works."
            ),
        )
        self.setup = CaptchaSetup(self)
        self.picture = CaptchaPicture(self.account_tasks, self)

        try_title = QLabel(self.tr("3. Try it on this account"), self)
        try_title.setObjectName("sectionTitle")
        self.try_intro = QLabel(self)
        self.try_intro.setWordWrap(True)
        set_tone(self.try_intro, Tone.MUTED)

        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("captchaCode")
        self.code_edit.setMaxLength(16)
        self.code_edit.setPlaceholderText(self.tr("the digits in the picture"))
        self.userip_edit = QLineEdit(self)
        self.userip_edit.setObjectName("captchaUserip")
        self.userip_edit.setToolTip(
            self.tr(
                "SMSC checks the code against the IP address the picture was shown to. Here "
                "this computer loads the picture, so enter the address SMSC sees for it: its "
                "public address (a “what is my IP” page shows it). Another address shows what "
                "a mismatch looks like."
            )
        )
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("captchaPhone")
        self.phone_edit.setPlaceholderText("+7 916 123-45-67")
        self.text_edit = QLineEdit(self.tr("Your confirmation code: 1234"), self)
        self.text_edit.setObjectName("captchaText")
        self.text_edit.setMaxLength(MAX_TEXT)
        self.sender_edit = QLineEdit(self)
        self.sender_edit.setObjectName("captchaSender")
        self.sender_edit.setPlaceholderText(self.tr("optional: the account's default"))
        self.sender_edit.setMaxLength(15)
        self.send_button = QPushButton(self.tr("Send a test message…"), self)
        self.send_button.setObjectName("sendTest")
        set_primary(self.send_button)
        self.limit_label = QLabel(texts.limits_note(), self)
        self.limit_label.setObjectName("sendLimit")
        self.limit_label.setWordWrap(True)
        set_tone(self.limit_label, Tone.MUTED)
        self.message = MessageBar(self)

        grid = QGridLayout()
        rows = (
            (self.tr("Code from the picture:"), self.tr("Code from the picture"), self.code_edit),
            (self.tr("Visitor's IP (userip):"), self.tr("Visitor's IP address"), self.userip_edit),
            (self.tr("Phone:"), self.tr("Phone of the test message"), self.phone_edit),
            (self.tr("Text:"), self.tr("Text of the test message"), self.text_edit),
            (self.tr("Sender:"), self.tr("Sender name"), self.sender_edit),
        )
        for row, (caption, name, edit) in enumerate(rows):
            label = QLabel(caption, self)
            label.setBuddy(edit)
            edit.setAccessibleName(name)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
        grid.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.send_button)
        actions.addStretch(1)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(try_title)
        right_layout.addWidget(self.try_intro)
        right_layout.addWidget(self.picture)
        right_layout.addLayout(grid)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.limit_label)
        right_layout.addWidget(self.message)
        right_layout.addStretch(1)

        columns = QWidget(self)
        columns_layout = QHBoxLayout(columns)
        columns_layout.setContentsMargins(0, 4, 0, 0)
        columns_layout.setSpacing(20)
        columns_layout.addWidget(self.setup, 1)
        columns_layout.addWidget(right, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("captchaScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(columns)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)

        for edit in (
            self.code_edit,
            self.userip_edit,
            self.phone_edit,
            self.text_edit,
            self.sender_edit,
        ):
            edit.textChanged.connect(self._fields_changed)
        self.send_button.clicked.connect(self.send_test)
        self.picture.codeOffered.connect(self._type_code)
        self.set_service(None)

    # --- the account -------------------------------------------------------------------

    def set_service(
        self, service: SiteCaptchaService | None, sandbox: SandboxControl | None = None
    ) -> None:
        self.bindings.clear()
        self.account_tasks.cancel()
        self.service = service
        self.sandbox = sandbox
        self.setup.set_service(service)
        self.picture.set_service(service, sandbox)
        self.message.dismiss()
        self.code_edit.clear()
        on_sandbox = sandbox is not None
        self.userip_edit.setText(LOCAL_ADDRESS if on_sandbox else "")
        self.userip_edit.setPlaceholderText(
            self.tr("this computer's public IP address") if not on_sandbox else ""
        )
        self.phone_edit.setText(SANDBOX_PHONE if on_sandbox else "")
        self.setEnabled(service is not None)
        if service is None:
            self.try_intro.setText(self.tr("Open an account to try its captcha."))
        else:
            self.bindings.connect(service.sending_changed, self._on_sending)
            self.try_intro.setText(
                self.tr(
                    "The picture below comes from the account's server just as the site shows "
                    "it. Type its code and send a test message: SMSC checks the code before it "
                    "sends anything."
                )
            )
        self._picture_wanted = service is not None
        self._update_button()
        self._fields_changed()
        if self.isVisible():
            self._load_first_picture()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load_first_picture()

    def _load_first_picture(self) -> None:
        """The first picture of an account loads when the page is first shown with it."""
        if self._picture_wanted and self.service is not None:
            self._picture_wanted = False
            self.picture.reload()

    def is_ready(self) -> bool:
        """The page shows what it can: a picture (or why there is none), or no account."""
        return self.service is None or self.picture.ready

    # --- the fields --------------------------------------------------------------------

    def _fields_changed(self) -> None:
        self.setup.set_fields(
            phone=check_phone(self.phone_edit.text()).digits,
            text=self.text_edit.text(),
            sender=self.sender_edit.text().strip(),
            imgcode=self.code_edit.text().strip(),
            userip=self.userip_edit.text().strip(),
        )

    def _type_code(self, code: str, address: str) -> None:
        self.code_edit.setText(code)
        if address and self.userip_edit.text().strip() in ("", LOCAL_ADDRESS):
            self.userip_edit.setText(address)

    def _on_sending(self, _sending: bool) -> None:
        self._update_button()

    def _update_button(self) -> None:
        busy = self._send.running or (self.service is not None and self.service.sending)
        self.send_button.setEnabled(self.service is not None and not busy)

    # --- sending -----------------------------------------------------------------------

    def send_test(self) -> asyncio.Task[Any] | None:
        """Price, confirmation, one send (None: a flow is on already, or no account)."""
        service = self.service
        if service is None:
            return None
        task = self._send.start_if_idle(self._flow(service))
        self._update_button()
        return task

    @property
    def send_task(self) -> asyncio.Task[Any] | None:
        return self._send.task

    async def _flow(self, service: SiteCaptchaService) -> SendOutcome | None:
        try:
            outcome = await self._confirm_and_send(service)
        finally:
            if self.account_tasks.alive:  # not when the page itself is gone
                # (this task still counts as running: decide on the service alone)
                current = self.service
                self.send_button.setEnabled(current is not None and not current.sending)
        self.sendFinished.emit(outcome)
        return outcome

    async def _confirm_and_send(self, service: SiteCaptchaService) -> SendOutcome | None:
        check = check_draft(
            self.phone_edit.text(),
            self.text_edit.text(),
            self.sender_edit.text(),
            self.code_edit.text(),
            self.userip_edit.text(),
        )
        if check.draft is None:
            self.message.show_message(Level.ERROR, texts.draft_problems(check))
            self._focus(check.problems[0])
            return None
        wait = service.limit_wait(check.draft)
        if wait > 0:  # SMSC would refuse it: ask nothing, say when it may go
            self.message.show_message(
                Level.WARNING, texts.limit_reached(service.available_at(wait), wait)
            )
            return None
        self.message.show_message(Level.INFO, texts.asking_price())
        try:
            quote = await service.quote(check.draft)
        except SmscError as exc:
            self.message.show_message(Level.ERROR, texts.price_failed(exc))
            return None
        self.message.dismiss()
        dialog = SendTestDialog(quote, self.window(), account=service.session.profile.name)
        try:
            accepted = await exec_dialog(dialog) == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if not accepted:
            return None
        self.message.show_message(Level.INFO, texts.sending())
        outcome = await service.send(quote)
        shown_to = self.picture.sandbox_code.ip if self.picture.sandbox_code else None
        self.message.show_message(*texts.outcome_notice(outcome, shown_to=shown_to))
        if outcome.reached_smsc:  # SMSC has seen the code: the next try needs a new picture
            self.code_edit.clear()
            self.picture.reload()
        return outcome

    def _focus(self, problem: DraftProblem) -> None:
        edit = {
            DraftProblem.PHONE: self.phone_edit,
            DraftProblem.NO_TEXT: self.text_edit,
            DraftProblem.TEXT_TOO_LONG: self.text_edit,
            DraftProblem.SENDER: self.sender_edit,
            DraftProblem.NO_CODE: self.code_edit,
            DraftProblem.CODE: self.code_edit,
            DraftProblem.NO_USERIP: self.userip_edit,
            DraftProblem.USERIP: self.userip_edit,
        }[problem]
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        self.account_tasks.cancel()
