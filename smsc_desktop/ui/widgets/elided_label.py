"""A one-line label that gives way: it shortens its text with "…" when the window is narrow
and then shows the whole text as its tooltip.

Use it for status lines next to buttons ("On offer: 300 · updated at 10:52"), where a plain
QLabel would keep the whole window as wide as its text. ``setText`` / ``text()`` work on the
whole text; ``shown_text()`` is what is painted now; ``is_elided()`` says whether it was cut.
A tooltip set with ``setToolTip`` is kept (after the whole text while the text is cut).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        min_chars: int = 8,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._own_tip = ""
        self._mode = mode
        self._min_chars = min_chars
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    # QLabel's text() is what is painted; these speak of the whole text.
    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def is_elided(self) -> bool:
        return super().text() != self._full

    def setToolTip(self, tip: str) -> None:
        self._own_tip = tip
        self._elide()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        width = metrics.horizontalAdvance(self._full) + margins.left() + margins.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = min(self.sizeHint().width(), metrics.averageCharWidth() * self._min_chars)
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        margins = self.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 2
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(room, 0))
        if shown != super().text():
            super().setText(shown)
        tip = self._own_tip
        if shown != self._full:
            tip = f"{self._full}\n{tip}" if tip else self._full
        if tip != super().toolTip():
            super().setToolTip(tip)
