"""An inline message above a view: what happened and what to do, without a modal dialog."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from smsc_desktop.ui.theme import Box, set_box


class Level(enum.StrEnum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


_STYLES = {
    Level.INFO: (Box.INFO, "ℹ"),
    Level.SUCCESS: (Box.SUCCESS, "✓"),
    Level.WARNING: (Box.NOTE, "⚠"),
    Level.ERROR: (Box.ERROR, "✕"),
}


class MessageBar(QFrame):
    """A coloured strip with an icon, a plain-language text, an optional action and a close
    button. ``show_message`` replaces the current message; ``actionTriggered`` fires with
    the action's id."""

    actionTriggered = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.level = Level.INFO
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(8)
        # The icon and the text, top-aligned to each other (the ✓ on the text's first line),
        # as one block centred beside the buttons.
        self.body = QWidget(self)
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        self.icon = QLabel(self.body)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self.body)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.hide()
        self.action.clicked.connect(self._on_action)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.clicked.connect(self.dismiss)
        body.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.text, 1)
        layout.addWidget(self.body, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._action_id = ""
        self.hide()

    def show_message(
        self, level: Level, text: str, *, action: str = "", action_id: str = ""
    ) -> None:
        self.level = level
        self._restyle()
        self.icon.setText(_STYLES[level][1])
        self.text.setText(text)
        self._action_id = action_id
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.show()

    def _restyle(self) -> None:
        set_box(self, _STYLES[self.level][0], "QFrame#MessageBar")

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def _on_action(self) -> None:
        self.actionTriggered.emit(self._action_id)
