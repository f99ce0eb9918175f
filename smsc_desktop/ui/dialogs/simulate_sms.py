"""Sandbox only: make a subscriber send an SMS to one of the account's numbers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from smsc_desktop.services.phones import check_phone
from smsc_desktop.ui.formatting import format_phone
from smsc_desktop.ui.texts import inbox as texts
from smsc_desktop.ui.theme import Tone, set_tone

DEFAULT_SENDER = "+7 916 123-45-67"


class SimulateSmsDialog(QDialog):
    """Asks for the number, the sender, the text and a delay; ``values()`` once accepted."""

    def __init__(
        self, numbers: list[str], chosen: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SimulateSmsDialog")
        self.setWindowTitle(self.tr("Simulate an incoming SMS"))
        self.number = QComboBox(self)
        self.number.setAccessibleName(self.tr("Number the SMS goes to"))
        for phone in numbers:
            self.number.addItem(format_phone(phone), phone)
        if chosen is not None and self.number.findData(chosen) >= 0:
            self.number.setCurrentIndex(self.number.findData(chosen))
        self.sender_edit = QLineEdit(DEFAULT_SENDER, self)
        self.sender_edit.setAccessibleName(self.tr("Sender's phone"))
        self.sender_edit.textChanged.connect(self._check)
        self.text_edit = QPlainTextEdit(texts.sample_text(), self)
        self.text_edit.setAccessibleName(self.tr("Text of the SMS"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.text_edit.textChanged.connect(self._check)
        self.delay = QSpinBox(self)
        self.delay.setAccessibleName(self.tr("Delay before the SMS arrives"))
        self.delay.setRange(0, 600)
        self.delay.setSuffix(self.tr(" s"))
        self.delay.setSpecialValueText(self.tr("at once"))
        self.note = QLabel(texts.simulate_tooltip(), self)
        self.note.setWordWrap(True)
        set_tone(self.note, Tone.MUTED)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Send"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("To:"), self.number)
        form.addRow(self.tr("From:"), self.sender_edit)
        form.addRow(self.tr("Text:"), self.text_edit)
        form.addRow(self.tr("Arrives:"), self.delay)
        form.addRow(self.note)
        form.addRow(self.buttons)
        self.resize(440, 0)
        self._check()

    def _check(self) -> None:
        ok = check_phone(self.sender_edit.text()).ok and bool(self.text_edit.toPlainText().strip())
        self.ok_button.setEnabled(ok and self.number.count() > 0)

    def values(self) -> tuple[str, str, str, float]:
        """(the number, the sender's digits, the text, the delay in seconds)."""
        return (
            str(self.number.currentData()),
            check_phone(self.sender_edit.text()).digits,
            self.text_edit.toPlainText(),
            float(self.delay.value()),
        )
