"""The "Site captcha" page: SMSC's anti-spam check of a client's "send me a code" form,
set up for the web team and shown working on the account.

A heading over two columns of panels. Left, for the web team (``captcha_setup.CaptchaSetup``):
the form's HTML for the account's server and the send script's parameters with a sample
request. Right, the test: the live picture (``captcha_picture.CaptchaPicture``) and the test
send (``captcha_send.TestSendForm``: the code typed from the picture, the visitor's address,
a test message, its price, confirmation and outcome). It works on the
:class:`SiteCaptchaService` given to :meth:`SiteCaptchaPanel.set_service`; the account's
work runs in ``account_tasks``, cancelled before the next service is set. Wording of what
the service reports lives in ``ui/texts/captcha.py``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from smsc_desktop.services.captcha import SiteCaptchaService
from smsc_desktop.services.sandbox_control import SandboxControl
from smsc_desktop.ui import a11y
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.panels.verification.captcha_picture import CaptchaPicture
from smsc_desktop.ui.panels.verification.captcha_send import TestSendForm
from smsc_desktop.ui.panels.verification.captcha_setup import CaptchaSetup
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.styles import page_labels


class SiteCaptchaPanel(QWidget):
    """Works on a :class:`SiteCaptchaService` given with :meth:`set_service`."""

    sendFinished = Signal(object)  # SendOutcome | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account_tasks = TaskGroup(self, "site-captcha")
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
        try_title = QLabel(self.tr("3. Try it on this account"), self)
        try_title.setObjectName("sectionTitle")
        self.try_intro = QLabel(self)
        self.try_intro.setWordWrap(True)
        set_tone(self.try_intro, Tone.MUTED)
        self.picture = CaptchaPicture(self.account_tasks, self)
        self.form = TestSendForm(self.account_tasks, self.picture, self)
        # The form's parts, named on the page too (tests and the tab reach them here).
        self.code_edit = self.form.code_edit
        self.userip_edit = self.form.userip_edit
        self.phone_edit = self.form.phone_edit
        self.text_edit = self.form.text_edit
        self.sender_edit = self.form.sender_edit
        self.send_button = self.form.send_button
        self.limit_label = self.form.limit_label
        self.message = self.form.message

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(try_title)
        right_layout.addWidget(self.try_intro)
        right_layout.addWidget(self.picture)
        right_layout.addWidget(self.form)
        right_layout.addStretch(1)

        columns = QWidget(self)
        columns_layout = QHBoxLayout(columns)
        columns_layout.setContentsMargins(0, 4, 0, 0)
        columns_layout.setSpacing(20)
        columns_layout.addWidget(self.setup, 1)
        columns_layout.addWidget(right, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("captchaScroll")
        a11y.name(scroll, heading.text())
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(columns)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)

        self.form.fieldsChanged.connect(self._fields_changed)
        self.form.sendFinished.connect(self.sendFinished)
        self.set_service(None)

    # --- the account -------------------------------------------------------------------

    def set_service(
        self, service: SiteCaptchaService | None, sandbox: SandboxControl | None = None
    ) -> None:
        self.account_tasks.cancel()
        self.service = service
        self.sandbox = sandbox
        self.setup.set_service(service)
        self.picture.set_service(service, sandbox)
        self.form.set_service(service, on_sandbox=sandbox is not None)
        self.setEnabled(service is not None)
        if service is None:
            self.try_intro.setText(self.tr("Open an account to try its captcha."))
        else:
            self.try_intro.setText(
                self.tr(
                    "The picture below comes from the account's server just as the site shows "
                    "it. Type its code and send a test message: SMSC checks the code before it "
                    "sends anything."
                )
            )
        self._picture_wanted = service is not None
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

    def _fields_changed(self, fields: dict[str, str]) -> None:
        self.setup.set_fields(**fields)

    # --- sending (the form's) ----------------------------------------------------------

    def send_test(self) -> asyncio.Task[Any] | None:
        """Price, confirmation, one send (None: a flow is on already, or no account)."""
        return self.form.send_test()

    @property
    def send_task(self) -> asyncio.Task[Any] | None:
        return self.form.send_task

    def shutdown(self) -> None:
        self.account_tasks.cancel()
