"""The live captcha picture: loaded from the account's server through the service (never on
the GUI thread's time), shown three times its size, and reloaded by a click as on a real
site. On the sandbox a hint says the code, so a demo works without reading the picture."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import SmscError
from smsc_desktop.services.captcha import SiteCaptchaService
from smsc_desktop.services.sandbox_control import (
    SandboxCaptcha,
    SandboxControl,
    SandboxControlError,
)
from smsc_desktop.ui.aio import TaskGroup, TaskSlot
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.theme import Box, Tone, set_box, set_tone

log = logging.getLogger("smsc_desktop.ui.captcha")

SHOWN_SCALE = 3


class ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CaptchaPicture(QWidget):
    """The picture, its status line and (on the sandbox) the hint with its code."""

    loaded = Signal()  # a picture or a final error is shown
    codeOffered = Signal(str, str)  # (code, address it was shown to): "Type it in"

    def __init__(self, tasks: TaskGroup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: SiteCaptchaService | None = None
        self.sandbox: SandboxControl | None = None
        self._slot = TaskSlot(tasks, "captcha-picture")
        self.ready = False
        self.sandbox_code: SandboxCaptcha | None = None

        self.image = ClickableLabel(self)
        self.image.setObjectName("captchaImage")
        self.image.setAccessibleName(self.tr("Captcha picture"))
        self.image.setToolTip(self.tr("Click for a new picture, as on the client's site"))
        self.image.setCursor(Qt.CursorShape.PointingHandCursor)
        self.image.setFixedSize(50 * SHOWN_SCALE + 4, 18 * SHOWN_SCALE + 4)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setFrameShape(QFrame.Shape.Box)
        self.new_button = QToolButton(self)
        self.new_button.setObjectName("newPicture")
        self.new_button.setText(self.tr("New picture"))
        self.status = QLabel(self)
        self.status.setObjectName("pictureStatus")
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.hint = QFrame(self)
        self.hint.setObjectName("CaptchaHint")
        self.hint_text = QLabel(self.hint)
        self.hint_text.setObjectName("hintText")
        self.hint_text.setWordWrap(True)
        self.hint_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fill_button = QPushButton(self.tr("Type it in"), self.hint)
        self.fill_button.setObjectName("fillCode")
        hint_layout = QHBoxLayout(self.hint)
        hint_layout.setContentsMargins(8, 6, 8, 6)
        hint_layout.addWidget(self.hint_text, 1)
        hint_layout.addWidget(self.fill_button)
        set_box(self.hint, Box.INFO, "QFrame#CaptchaHint")
        self.hint.hide()

        side = QVBoxLayout()
        side.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.image)
        row.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hint)

        self.image.clicked.connect(self.reload)
        self.new_button.clicked.connect(self.reload)
        self.fill_button.clicked.connect(self._offer_code)

    def set_service(
        self, service: SiteCaptchaService | None, sandbox: SandboxControl | None
    ) -> None:
        """Show *service*'s pictures (the tasks were cancelled before)."""
        self.service = service
        self.sandbox = sandbox
        self.ready = False
        self.sandbox_code = None
        self.image.clear()
        self.image.setText("")
        self.status.clear()
        self.hint.hide()

    @property
    def task(self) -> asyncio.Task[None] | None:
        return self._slot.task

    def reload(self) -> None:
        service = self.service
        if service is None:
            return
        self.status.setText(self.tr("Loading a picture from %1…").replace("%1", service.image_url))
        set_tone(self.status, Tone.MUTED)
        # The old picture's code is no good any more: neither it nor its hint stays shown.
        self.image.clear()
        self.hint.hide()
        self.sandbox_code = None
        self._slot.start(self._load(service))

    async def _load(self, service: SiteCaptchaService) -> None:
        try:
            image = await service.load_picture()
        except SmscError as exc:
            self.image.setText("✕")
            self.status.setText(
                self.tr("The picture could not be loaded: %1").replace("%1", describe_error(exc))
            )
            set_tone(self.status, Tone.BAD)
            self._done()
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(image.data):
            self.image.setText("?")
            self.status.setText(self.tr("The server sent a picture this app cannot show."))
            set_tone(self.status, Tone.BAD)
            self._done()
            return
        width, height = pixmap.width() * SHOWN_SCALE, pixmap.height() * SHOWN_SCALE
        self.image.setPixmap(
            pixmap.scaled(
                width,
                height,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
        self.status.setText(
            self.tr("A new code was made for the address this computer has on %1.").replace(
                "%1", service.image_url.split("/sys/")[0]
            )
        )
        set_tone(self.status, Tone.MUTED)
        if self.sandbox is not None:
            await self._ask_sandbox(self.sandbox)
        self._done()

    async def _ask_sandbox(self, sandbox: SandboxControl) -> None:
        try:
            found = await sandbox.captcha()
        except SandboxControlError as exc:
            log.info("The sandbox did not tell the captcha code: %s", exc.message)
            self.hint.hide()
            return
        self.sandbox_code = found
        self.hint_text.setText(
            self.tr(
                "Sandbox: this picture's code is %1 (shown to %2). The sandbox tells it at "
                "POST %3/sandbox/captcha, so a demo works without reading the picture; a real "
                "SMSC server has no such door."
            )
            .replace("%1", found.code)
            .replace("%2", found.ip)
            .replace("%3", sandbox.base_url)
        )
        self.hint.show()

    def _offer_code(self) -> None:
        if self.sandbox_code is not None:
            self.codeOffered.emit(self.sandbox_code.code, self.sandbox_code.ip)

    def _done(self) -> None:
        self.ready = True
        self.loaded.emit()
