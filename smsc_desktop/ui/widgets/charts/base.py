"""What every chart does: hover shows the exact figure, keys move along the items, the chart
can be copied or saved as a PNG, its colours follow the theme, and a screen reader gets the
figures as its accessible description."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from smsc_desktop.ui.theme import ChartColours, chart_colours, theme


def nice_scale(maximum: float, ticks: int = 4) -> tuple[float, float]:
    """``(top, step)``: a round top of the axis at or above ``maximum`` and its grid step."""
    if maximum <= 0:
        return 1.0, 0.25
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step * ticks >= maximum:
            return step * ticks, step
    return 10 * power * ticks, 10 * power


class Chart(QWidget):
    """The base of the charts: a subclass paints in ``draw`` and says which item is where
    (``item_at``), what its exact figure is (``tooltip``) and where it is (``anchor``)."""

    copyRequested = Signal()
    saveRequested = Signal()

    def __init__(self, parent: QWidget | None, name: str, accessible_name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible_name)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(60)
        self.hovered = -1
        self.empty_text = ""
        self.copy_label = self.tr("Copy chart")
        self.save_label = self.tr("Save as PNG…")
        theme().changed.connect(self.update)

    # --- to implement ------------------------------------------------------------------

    def count(self) -> int:
        raise NotImplementedError

    def item_at(self, pos: QPoint) -> int:
        """The item under ``pos`` (-1: none)."""
        raise NotImplementedError

    def tooltip(self, index: int) -> str:
        raise NotImplementedError

    def anchor(self, index: int) -> QPoint:
        """Where the tooltip of item ``index`` points when chosen from the keyboard."""
        return self.rect().center()

    def draw(self, painter: QPainter, colours: ChartColours) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        """The figures in words, for screen readers."""
        return "; ".join(self.tooltip(i) for i in range(min(self.count(), 40)))

    # --- shared behaviour --------------------------------------------------------------

    def changed(self) -> None:
        """The data changed: repaint and refresh the accessible description."""
        self.hovered = -1
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = chart_colours()
        if self.count() == 0:
            painter.setPen(colours.text)
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
        else:
            self.draw(painter, colours)
        if self.hasFocus():
            painter.setPen(colours.grid)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def _show(self, index: int, where: QPoint) -> None:
        if index != self.hovered:
            self.hovered = index
            self.update()
        if index < 0:
            QToolTip.hideText()
        else:
            QToolTip.showText(self.mapToGlobal(where), self.tooltip(index), self, QRect())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        self._show(self.item_at(pos), pos)

    def leaveEvent(self, event: object) -> None:
        self.hovered = -1
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
        }.get(Qt.Key(event.key()))
        if step is None or not self.count():
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_to_clipboard()
                return
            super().keyPressEvent(event)
            return
        index = min(self.count() - 1, max(0, self.hovered + step))
        self._show(index, self.anchor(index))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.copy_label, self.copy_to_clipboard)
        menu.addAction(self.save_label, self.saveRequested.emit)
        menu.popup(event.globalPos())

    def image(self) -> QPixmap:
        """The chart as it looks now, without the hover highlight."""
        hovered, self.hovered = self.hovered, -1
        try:
            return self.grab()
        finally:
            self.hovered = hovered

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.image())
        self.copyRequested.emit()
