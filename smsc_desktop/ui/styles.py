"""Small style sheets shared by widgets (colours from one palette)."""

from __future__ import annotations

PRIMARY_BUTTON = (
    "QPushButton { background: #2563eb; color: white; border: 1px solid #1d4ed8;"
    " border-radius: 4px; padding: 4px 14px; font-weight: bold; }"
    " QPushButton:hover { background: #1d4ed8; }"
    " QPushButton:disabled { background: #bfdbfe; color: #eff6ff; border-color: #bfdbfe; }"
)
"""The one main action of a window or a tab (Rent, Rent for 258,06 ₽)."""

ERROR_BOX = (
    "QLabel { background: #fef2f2; border: 1px solid #fca5a5; color: #7f1d1d;"
    " border-radius: 4px; padding: 8px; }"
)
NOTE_BOX = (
    "QLabel { background: #fffbeb; border: 1px solid #fcd34d; color: #78350f;"
    " border-radius: 4px; padding: 8px; }"
)
