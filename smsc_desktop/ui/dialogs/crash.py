"""The dialog shown when something unexpected broke."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.ui import a11y


class CrashDialog(QDialog):
    """Says what happened in plain words; the details (already redacted) can be copied."""

    def __init__(self, details: str, report: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        text = self.tr(
            "SMSC Desktop ran into an unexpected problem. Your data is safe and the app keeps "
            "running, but the last action may not have finished."
        )
        if report is not None:
            text += "\n" + self.tr("A report was saved to %1").replace("%1", str(report))
        message = QLabel(text, self)
        message.setWordWrap(True)
        layout.addWidget(message)
        self.details = QPlainTextEdit(details, self)
        self.details.setReadOnly(True)
        a11y.name(self.details, self.tr("Details"))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("Copy details"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
