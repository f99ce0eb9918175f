"""A button for a rate-limited SMSC request: it says when the request is allowed again."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget


def countdown(seconds: float) -> str:
    """``0:42`` for 42 s, ``1:05`` for 65 s."""
    total = max(1, math.ceil(seconds))
    return f"{total // 60}:{total % 60:02d}"


class CooldownButton(QPushButton):
    """Shows ``text`` while the request may be sent, ``text (0:42)`` while SMSC's limit
    says wait (disabled, with an explaining tooltip), and ``busy_text`` while it runs.

    ``retry_after()`` gives the seconds to wait (0: now); the button re-reads it every
    second while waiting, and whenever ``update_state()`` is called.
    """

    def __init__(
        self,
        text: str,
        parent: QWidget | None = None,
        *,
        busy_text: str = "",
        limit_hint: str = "",
    ) -> None:
        super().__init__(text, parent)
        self._text = text
        self._busy_text = busy_text or text
        self._limit_hint = limit_hint
        self._tooltip = ""
        self._retry_after: Callable[[], float] | None = None
        self._busy = False
        self._blocked = False
        self.wait_seconds = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.update_state)

    def set_retry_source(self, retry_after: Callable[[], float] | None) -> None:
        self._retry_after = retry_after
        self.update_state()

    def set_base_text(self, text: str) -> None:
        self._text = text
        self.update_state()

    def set_idle_tooltip(self, text: str) -> None:
        self._tooltip = text
        self.update_state()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.update_state()

    def set_blocked(self, blocked: bool) -> None:
        """Disable for a reason other than the limit (nothing selected, no account)."""
        self._blocked = blocked
        self.update_state()

    def update_state(self) -> None:
        wait = 0.0
        if self._retry_after is not None and not self._busy:
            try:
                wait = max(0.0, float(self._retry_after()))
            except ValueError:
                wait = 0.0
        self.wait_seconds = wait
        if self._busy:
            self.setText(self._busy_text)
            self.setEnabled(False)
            self._timer.stop()
            return
        if wait > 0:
            self.setText(f"{self._text} ({countdown(wait)})")
            hint = self._limit_hint or self.tr("SMSC limits how often this may be repeated.")
            self.setToolTip(
                hint + " " + self.tr("Available again in %n s.", "", max(1, math.ceil(wait)))
            )
            self.setEnabled(False)
            if not self._timer.isActive():
                self._timer.start()
            return
        self._timer.stop()
        self.setText(self._text)
        self.setToolTip(self._tooltip)
        self.setEnabled(not self._blocked)
