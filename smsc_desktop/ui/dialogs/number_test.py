""" "Test this number": the number big with Copy, "send any SMS to it now", a countdown while
the app waits, and how long the SMS took once it arrives.

The wait is the account's numbers service's (``NumbersService.test_number``, a
:class:`~smsc_desktop.services.numbers.probes.NumberProbe`); closing the window stops it.
On the sandbox a button makes a subscriber send the SMS (``simulateRequested``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.services.numbers.probes import NumberProbe, ProbeState
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.formatting import format_duration, format_phone
from smsc_desktop.ui.texts import inbox as texts
from smsc_desktop.ui.theme import Tone, set_primary, set_tone

STATE_TONES = {
    ProbeState.STARTING: Tone.MUTED,
    ProbeState.WAITING: Tone.ACCENT,
    ProbeState.RECEIVED: Tone.GOOD,
    ProbeState.EXPIRED: Tone.BAD,
    ProbeState.CANCELLED: Tone.MUTED,
}


class NumberTestDialog(QDialog):
    simulateRequested = Signal(str)  # phone

    def __init__(
        self,
        service: NumbersService,
        phone: str,
        parent: QWidget | None = None,
        *,
        sandbox: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NumberTestDialog")
        self.setWindowTitle(texts.test_title(phone))
        self.setAccessibleName(texts.test_title(phone))
        self.service = service
        self.phone = phone
        self.probe: NumberProbe | None = None
        self._slot = TaskSlot(self, "number-test")

        self.number = QLabel(format_phone(phone), self)
        self.number.setObjectName("numberToTest")
        self.number.setAccessibleName(self.tr("Number to send the SMS to"))
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the number in international format"))
        self.copy_button.clicked.connect(self.copy_number)
        self.instruction = QLabel(texts.test_instruction(), self)
        self.instruction.setWordWrap(True)

        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        self.countdown.setToolTip(texts.countdown_tooltip())
        cfont = QFont(self.countdown.font())
        cfont.setPointSizeF(cfont.pointSizeF() * 1.6)
        cfont.setBold(True)
        self.countdown.setFont(cfont)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(texts.countdown_tooltip())
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("testState")
        self.state_label.setWordWrap(True)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("testMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.simulate_button = QPushButton(self.tr("Simulate an incoming SMS"), self)
        self.simulate_button.setToolTip(texts.simulate_tooltip())
        self.simulate_button.clicked.connect(lambda: self.simulateRequested.emit(self.phone))
        self.again_button = QPushButton(self.tr("Test again"), self)
        self.again_button.clicked.connect(self.start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.simulate_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.simulate_button.setVisible(sandbox)  # after addButton, which shows it
        set_primary(self.copy_button)

        number_row = QHBoxLayout()
        number_row.addWidget(self.number)
        number_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        number_row.addStretch(1)
        number_row.addWidget(self.countdown)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(number_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.instruction)
        layout.addWidget(self.state_label)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(520, 300)

        service.probes.changed.connect(self._on_changed, owner=self)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self.refresh()

    def start(self) -> None:
        """Start (or restart) waiting for an SMS on the number."""
        self._slot.start(self._start())

    async def _start(self) -> None:
        self.probe = await self.service.test_number(self.phone)
        self.refresh()

    def copy_number(self) -> None:
        QGuiApplication.clipboard().setText("+" + self.phone)
        self.copy_button.setText(self.tr("Copied"))

    def _on_changed(self, probe: NumberProbe) -> None:
        if probe.phone == self.phone:
            self.probe = probe
            self.refresh()

    def tick(self) -> None:
        self.service.probes.tick()
        self.refresh()

    def refresh(self) -> None:
        probe = self.probe
        state = probe.state if probe is not None else ProbeState.STARTING
        waiting = state is ProbeState.WAITING
        if waiting and not self._timer.isActive():
            self._timer.start()
        elif not waiting:
            self._timer.stop()
        window = int(self.service.probes.window.total_seconds())
        self.progress.setRange(0, window)
        now = self.service.probes.clock.now()
        remaining = probe.remaining(now) if probe is not None else float(window)
        self.progress.setVisible(state in (ProbeState.STARTING, ProbeState.WAITING))
        self.progress.setValue(int(remaining))
        if state is ProbeState.RECEIVED and probe is not None:
            self.countdown.setText("✔ " + format_duration(probe.duration or 0))
        elif state in (ProbeState.STARTING, ProbeState.WAITING):
            self.countdown.setText(format_duration(remaining))
        else:
            self.countdown.setText("")
        set_tone(self.countdown, STATE_TONES[state])
        set_tone(self.state_label, STATE_TONES[state])
        self.state_label.setText(texts.test_state(probe) if probe is not None else "")
        message = probe.message if probe is not None else None
        self.message_label.setText(
            texts.test_message(message.phone, message.text) if message else ""
        )
        self.message_label.setVisible(message is not None)
        self.again_button.setVisible(state.is_final)
        self.simulate_button.setEnabled(waiting)

    def _stop(self) -> None:
        self._timer.stop()
        self._slot.cancel()
        if self.probe is not None:
            self.service.probes.cancel(self.probe)

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)
