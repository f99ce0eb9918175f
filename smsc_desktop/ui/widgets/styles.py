"""Colours and small style sheets shared by the verification widgets."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

GREEN = "#15803d"
RED = "#b91c1c"
AMBER = "#b45309"
GREY = "#6b7280"
MUTED_COLOUR = "#5f6672"

MUTED = f"color: {MUTED_COLOUR};"
"""Secondary text: explanations and notes."""
ERROR = f"color: {RED};"
SUCCESS = f"color: {GREEN};"


def restyle(widget: QWidget, style: str) -> None:
    """Set a style sheet only when it changes: applying one re-polishes the widget, which
    costs about a millisecond each time (measured in tests/perf/bench_verification.py)."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def monospace() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def page_labels(parent: QWidget, title: str, intro: str) -> tuple[QLabel, QLabel]:
    """The heading of a page and the muted paragraph under it that says what it is for."""
    heading = QLabel(title, parent)
    heading.setObjectName("pageHeading")
    text = QLabel(intro, parent)
    text.setWordWrap(True)
    text.setStyleSheet(MUTED)
    return heading, text
