"""The test send of the site captcha page: the code typed from the picture, the visitor's
address, a phone, a text and a sender, and "Send a test message…".

A send SMSC's limits would refuse (one identical send, five identical price requests a
minute) is held back before anything is asked, with the time it may go. Otherwise the form
asks SMSC for the price (``cost=1``), confirms charge and balance (``SendTestDialog``) and
sends one request per confirmation; the outcome is said in plain words with SMSC's own text
quoted (``ui/texts/captcha.py``). Every send is in the account's journal (the service
writes it; the Numbers tab shows it).
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import SmscError
from smsc_desktop.services.captcha import (
    MAX_TEXT,
    DraftProblem,
    SendOutcome,
    SendStatus,
    SiteCaptchaService,
    check_draft,
)
from smsc_desktop.services.phones import check_phone
from smsc_desktop.ui.aio import TaskGroup, TaskSlot, exec_dialog
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.dialogs.send_test import SendTestDialog
from smsc_desktop.ui.panels.verification.captcha_picture import CaptchaPicture
from smsc_desktop.ui.texts import captcha as texts
from smsc_desktop.ui.texts.verification import phone_problem_text
from smsc_desktop.ui.theme import Tone, set_primary, set_tone
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar

SANDBOX_PHONE = "+7 916 123-45-67"
LOCAL_ADDRESS = "127.0.0.1"


class TestSendForm(QWidget):
    """Sends through a :class:`SiteCaptchaService` given with :meth:`set_service`; its
    tasks run in the page's *tasks* (cancelled before the next account's service comes)."""

    __test__ = False  # not a pytest class, whatever its name
    sendFinished = Signal(object)  # SendOutcome | None
    fieldsChanged = Signal(dict)  # what the sample request shows: phone, text, sender, …

    def __init__(
        self, tasks: TaskGroup, picture: CaptchaPicture, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bindings = Bindings(self)
        self._tasks = tasks
        self._send = TaskSlot(tasks, "captcha-send")
        self.picture = picture
        self.service: SiteCaptchaService | None = None

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
        self.phone_note = QLabel(self)
        self.phone_note.setObjectName("phoneNote")
        self.phone_note.setWordWrap(True)
        self.phone_note.hide()
        row = 0
        for caption, name, edit in rows:
            label = QLabel(caption, self)
            label.setBuddy(edit)
            edit.setAccessibleName(name)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            row += 1
            if edit is self.phone_edit:  # how the number will be sent, as on the call page
                grid.addWidget(self.phone_note, row, 1)
                row += 1
        grid.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.send_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(actions)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.message)

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

    # --- the account -------------------------------------------------------------------

    def set_service(self, service: SiteCaptchaService | None, *, on_sandbox: bool) -> None:
        """The next account's service (the page cancelled the tasks before)."""
        self.bindings.clear()
        self.service = service
        self.message.dismiss()
        self.code_edit.clear()
        self.userip_edit.setText(LOCAL_ADDRESS if on_sandbox else "")
        self.userip_edit.setPlaceholderText(
            self.tr("this computer's public IP address") if not on_sandbox else ""
        )
        self.phone_edit.setText(SANDBOX_PHONE if on_sandbox else "")
        if service is not None:
            self.bindings.connect(service.sending_changed, self._on_sending)
        self._update_button()
        self._fields_changed()

    # --- the fields --------------------------------------------------------------------

    def fields(self) -> dict[str, str]:
        """What the sample request shows (the phone as it will be sent)."""
        return {
            "phone": check_phone(self.phone_edit.text()).digits,
            "text": self.text_edit.text(),
            "sender": self.sender_edit.text().strip(),
            "imgcode": self.code_edit.text().strip(),
            "userip": self.userip_edit.text().strip(),
        }

    def _fields_changed(self) -> None:
        self._show_phone_note()
        self.fieldsChanged.emit(self.fields())

    def _show_phone_note(self) -> None:
        """The number as it will be sent, or what is wrong once a whole number is typed."""
        text = self.phone_edit.text()
        check = check_phone(text)
        note, error = "", False
        if check.ok:
            if check.digits != "".join(ch for ch in text if ch.isdigit()):  # 8… or 00…
                note = self.tr("Will be sent as %1").replace("%1", check.digits)
                if check.converted_trunk_prefix:
                    note += " " + self.tr("(the Russian 8 became the country code 7)")
        elif check.problem is not None and sum(ch.isdigit() for ch in text) >= 10:
            note, error = phone_problem_text(check.problem), True
        self.phone_note.setText(note)
        set_tone(self.phone_note, Tone.BAD if error else Tone.MUTED)
        self.phone_note.setVisible(bool(note))

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
            if self._tasks.alive:  # not when the page itself is gone
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
        level, text = texts.outcome_notice(outcome, shown_to=shown_to)
        wait = service.limit_wait(outcome.draft)
        if outcome.status is SendStatus.REFUSED and wait > 0:  # the next try waits: say so
            text += "\n" + texts.next_try(service.available_at(wait), wait)
        self.message.show_message(level, text)
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
