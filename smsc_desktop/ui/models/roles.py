"""What the table models share: role numbers as plain ints (``data()`` is called for every
painted cell, so comparisons stay cheap), alignments, cell flags and fonts. Colours come from
``ui.theme`` (``colour(Tone.X)``)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from smsc_desktop.ui.models.base import Index

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
CHECK = int(Qt.ItemDataRole.CheckStateRole)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
USER = int(Qt.ItemDataRole.UserRole)

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

CELL_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
"""Read-only, selectable cells."""


def cell_flags(index: Index) -> Qt.ItemFlag:
    return CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


@cache
def phone_font() -> QFont:
    """Digits that line up: numbers are read (and compared) column by column."""
    font = QFont()
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
    return font
