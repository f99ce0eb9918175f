"""Small helpers the workbench pages share (colours live in ``ui.theme``)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

from smsc_desktop.ui.theme import Tone, set_tone


def monospace() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def page_labels(parent: QWidget, title: str, intro: str) -> tuple[QLabel, QLabel]:
    """The heading of a page and the muted paragraph under it that says what it is for."""
    heading = QLabel(title, parent)
    heading.setObjectName("pageHeading")
    text = QLabel(intro, parent)
    text.setWordWrap(True)
    set_tone(text, Tone.MUTED)
    return heading, text
