"""A masked password / API key field with a reveal toggle.

Masked by default and again whenever it is cleared or re-labelled, so a screenshot or a
screen share shows dots. The text can be neither copied nor dragged out while masked (Qt's
password echo mode).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from smsc_desktop.ui import a11y
from smsc_desktop.ui.resources import icon


class SecretEdit(QWidget):
    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("SecretEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.textChanged.connect(self.textChanged)
        self.reveal = QToolButton(self)
        self.reveal.setObjectName("RevealSecret")
        self.reveal.setCheckable(True)
        self.reveal.setAutoRaise(True)
        self.reveal.toggled.connect(self._set_revealed)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal)
        self._set_revealed(False)
        self.setFocusProxy(self.edit)

    @property
    def revealed(self) -> bool:
        return self.edit.echoMode() == QLineEdit.EchoMode.Normal

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def clear(self) -> None:
        self.conceal()
        self.edit.clear()

    def conceal(self) -> None:
        self.reveal.setChecked(False)
        self._set_revealed(False)

    def setPlaceholderText(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def _set_revealed(self, on: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        self.reveal.setIcon(icon("eye-off" if on else "eye"))
        self.reveal.setToolTip(self.tr("Hide") if on else self.tr("Show what is typed"))
        a11y.name_icon_button(self.reveal, self.reveal.toolTip())
