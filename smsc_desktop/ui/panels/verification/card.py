"""One call verification as a card: the number to call (large, copyable), the countdown, the
outcome, and in the sandbox a button that makes the subscriber call."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.verification import Verification, VerificationState
from smsc_desktop.ui import a11y
from smsc_desktop.ui.formatting import (
    format_countdown,
    format_duration,
    format_phone,
    format_time,
)
from smsc_desktop.ui.models.verification_history import STATE_TONES
from smsc_desktop.ui.texts.verification import failure_text, state_text
from smsc_desktop.ui.theme import Tone, css, on_tone, set_tone, theme

WINDOW_SECONDS = 15 * 60


class VerificationCard(QFrame):
    """Shows one :class:`Verification`; call :meth:`refresh` when it or the time changes."""

    simulateRequested = Signal(object)  # Verification
    dismissRequested = Signal(object)  # Verification
    cancelRequested = Signal(object)  # Verification

    def __init__(self, verification: Verification, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verification = verification
        self.setObjectName("VerificationCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._sandbox = False
        self._styled_state: VerificationState | None = None

        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.badge = QLabel(self)
        self.badge.setObjectName("stateBadge")
        self.dismiss = QToolButton(self)
        self.dismiss.setText("✕")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(self.tr("Hide this card (it stays in the history)"))
        self.dismiss.clicked.connect(lambda: self.dismissRequested.emit(self.verification))

        self.number = QLabel(self)
        self.number.setObjectName("numberToCall")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setCursor(Qt.CursorShape.IBeamCursor)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the number to call, in international format"))
        self.copy_button.clicked.connect(self.copy_number)

        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        cfont = QFont(self.countdown.font())
        cfont.setPointSizeF(cfont.pointSizeF() * 1.6)
        cfont.setBold(True)
        cfont.setStyleHint(QFont.StyleHint.Monospace)
        self.countdown.setFont(cfont)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, WINDOW_SECONDS)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setFixedWidth(160)

        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_tone(self.details, Tone.MUTED)
        self.simulate = QPushButton(self.tr("Simulate the subscriber's call"), self)
        self.simulate.setToolTip(
            self.tr(
                "Sandbox only: the subscriber calls the number, and SMSC records the "
                "[waitcall] message the app is watching for."
            )
        )
        self.simulate.clicked.connect(lambda: self.simulateRequested.emit(self.verification))
        self.cancel = QPushButton(self.tr("Stop waiting"), self)
        self.cancel.setObjectName("cancelVerification")
        self.cancel.setToolTip(
            self.tr("A mistyped number? Stop watching for its call (it stays in the history).")
        )
        self.cancel.clicked.connect(lambda: self.cancelRequested.emit(self.verification))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.badge)
        top.addWidget(self.dismiss)
        self.number_row = QWidget(self)
        middle = QGridLayout(self.number_row)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addWidget(self.number, 0, 0, 2, 1)
        middle.addWidget(self.copy_button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        middle.setColumnStretch(2, 1)
        middle.addWidget(self.countdown, 0, 3)
        middle.addWidget(self.progress, 1, 3, Qt.AlignmentFlag.AlignRight)
        bottom = QHBoxLayout()
        bottom.addWidget(self.details, 1)
        bottom.addWidget(self.simulate)
        bottom.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.number_row)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        theme().changed.connect(self._restyle)

    def set_sandbox(self, sandbox: bool) -> None:
        self._sandbox = sandbox

    def copy_number(self) -> None:
        if self.verification.call_to:
            QGuiApplication.clipboard().setText("+" + self.verification.call_to)
            self.copy_button.setText(self.tr("Copied"))

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setText(text)
        set_tone(self.message, Tone.BAD if error else Tone.MUTED)
        self.message.setVisible(bool(text))

    def refresh(self, now: datetime) -> None:
        item = self.verification
        state = item.state
        colour = css(STATE_TONES[state])
        changed = state is not self._styled_state
        if changed:
            self._style(state, colour)
        self.badge.setText(state_text(state))
        phone = format_phone(item.phone)
        has_number = bool(item.call_to)
        self.number_row.setVisible(has_number)
        self.number.setText(format_phone(item.call_to) if has_number else "")
        self.dismiss.setVisible(state.is_final)
        waiting = state is VerificationState.WAITING
        self.simulate.setVisible(waiting and self._sandbox)
        self.cancel.setVisible(waiting)
        self.progress.setVisible(waiting)

        if state is VerificationState.REQUESTING:
            self.title.setText(
                self.tr("Asking SMSC for a number for <b>%1</b>…").replace("%1", phone)
            )
            self.countdown.setText("")
            self.details.setText("")
        elif waiting:
            remaining = item.remaining(now)
            self.title.setText(
                self.tr("The subscriber <b>%1</b> must call this number from their phone:").replace(
                    "%1", phone
                )
            )
            self.countdown.setText(format_countdown(remaining))
            self.countdown.setToolTip(
                self.tr("Time left to call; the number expires at %1").replace(
                    "%1", format_time(item.expires_at)
                )
            )
            set_tone(self.countdown, Tone.BAD if remaining < 60 else None)
            self.progress.setValue(int(remaining))
            self.details.setText(self._pool_text())
        elif state is VerificationState.CONFIRMED:
            self.title.setText(
                self.tr("<b>%1</b> is confirmed: the subscriber called").replace("%1", phone)
            )
            self.countdown.setText("✔ " + format_duration(item.duration or 0))
            self.countdown.setToolTip(self.tr("Time from getting the number to the call"))
            set_tone(self.countdown, STATE_TONES[state])
            self.details.setText(
                self.tr("The call came %1 after the number was given out (at %2).")
                .replace("%1", format_duration(item.duration or 0))
                .replace("%2", format_time(item.finished_at))
            )
        elif state is VerificationState.EXPIRED:
            self.title.setText(
                self.tr("<b>%1</b> did not call within 15 minutes").replace("%1", phone)
            )
            self.countdown.setText("0:00")
            set_tone(self.countdown, STATE_TONES[state])
            self.details.setText(self.tr("Request a new number to try again."))
        elif state is VerificationState.CANCELLED:
            self.title.setText(self.tr("Stopped waiting for <b>%1</b>").replace("%1", phone))
            self.countdown.setText("")
            self.details.setText(self.tr("Request a new number to try again."))
        else:
            self.title.setText(self.tr("No number for <b>%1</b>").replace("%1", phone))
            self.countdown.setText("")
            self.details.setText(failure_text(item))
            set_tone(self.details, STATE_TONES[state])
        if changed and state.is_final:
            a11y.announce(self, self.title.text(), urgent=state is not VerificationState.CONFIRMED)

    def _restyle(self) -> None:
        """The colour scheme changed: the state's colour did too."""
        state = self._styled_state
        if state is not None:
            self._style(state, css(STATE_TONES[state]))

    def _style(self, state: VerificationState, colour: str) -> None:
        # Style sheets are costly to apply: only when the state (or the scheme) changes.
        self._styled_state = state
        self.setStyleSheet(
            f"#VerificationCard {{ border: 1px solid palette(mid); border-left: 5px solid {colour};"
            " border-radius: 6px; background: palette(base); }"
            f"#stateBadge {{ color: {on_tone()}; background: {colour}; border-radius: 3px;"
            " padding: 1px 8px; font-weight: bold; }"
        )

    def _pool_text(self) -> str:
        others = [p for p in self.verification.all_phones if p != self.verification.call_to]
        if not others:
            return self.tr("SMSC marks the number confirmed when the call arrives.")
        return self.tr("Other numbers of SMSC's pool for this country: %1").replace(
            "%1", ", ".join(format_phone(p) for p in others)
        )
