"""Shares of a whole as a ring with a legend: the delivery statuses."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from smsc_desktop.ui.theme import ChartColours
from smsc_desktop.ui.widgets.charts.base import Chart

LEGEND_GAP = 4


@dataclass(frozen=True, slots=True)
class Slice:
    label: str
    value: float
    legend: str
    """Beside the swatch (``Delivered — 82.2 %``)."""
    tooltip: str
    colour: QColor | None = None
    """None: the theme's category colour of its place."""


class Donut(Chart):
    def __init__(self, parent: QWidget | None, name: str, accessible_name: str) -> None:
        super().__init__(parent, name, accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.slices: list[Slice] = []
        self.centre_text = ""

    def set_slices(self, slices: list[Slice], centre_text: str = "") -> None:
        self.slices = slices
        self.centre_text = centre_text
        self.setMinimumHeight(max(160, self._row() * len(slices) + 12))
        self.changed()

    def count(self) -> int:
        return len(self.slices)

    def tooltip(self, index: int) -> str:
        return self.slices[index].tooltip

    def sizeHint(self) -> QSize:
        return QSize(420, max(200, self._row() * len(self.slices) + 16))

    def _row(self) -> int:
        return self.fontMetrics().height() + LEGEND_GAP

    def _ring(self) -> QRectF:
        side = min(self.height() - 16, self.width() * 0.45)
        return QRectF(8, (self.height() - side) / 2, side, side)

    def _colour(self, index: int, colours: ChartColours) -> QColor:
        own = self.slices[index].colour
        return own if own is not None else colours.category(index)

    def _angles(self) -> list[tuple[float, float]]:
        total = sum(s.value for s in self.slices) or 1.0
        out, start = [], 90.0
        for piece in self.slices:
            span = -360.0 * piece.value / total
            out.append((start, span))
            start += span
        return out

    def item_at(self, pos: QPoint) -> int:
        ring = self._ring()
        centre = ring.center()
        dx, dy = pos.x() - centre.x(), centre.y() - pos.y()
        radius = math.hypot(dx, dy)
        if ring.width() * 0.3 <= radius <= ring.width() / 2:
            angle = math.degrees(math.atan2(dy, dx))
            for i, (start, span) in enumerate(self._angles()):
                offset = (start - angle) % 360
                if offset <= -span:
                    return i
        legend_x = ring.right() + 16
        if pos.x() >= legend_x:
            index = int((pos.y() - self._legend_top()) // self._row())
            if 0 <= index < len(self.slices):
                return index
        return -1

    def anchor(self, index: int) -> QPoint:
        return QPoint(
            int(self._ring().right() + 24), int(self._legend_top() + self._row() * (index + 0.5))
        )

    def _legend_top(self) -> float:
        return max(4.0, (self.height() - self._row() * len(self.slices)) / 2)

    def draw(self, painter: QPainter, colours: ChartColours) -> None:
        ring = self._ring()
        inner = ring.adjusted(
            ring.width() * 0.2, ring.width() * 0.2, -ring.width() * 0.2, -ring.width() * 0.2
        )
        for i, (start, span) in enumerate(self._angles()):
            path = QPainterPath()
            path.arcMoveTo(ring, start)
            path.arcTo(ring, start, span)
            path.arcTo(inner, start + span, -span)
            path.closeSubpath()
            colour = self._colour(i, colours)
            painter.setPen(QPen(colours.hover, 2) if i == self.hovered else Qt.PenStyle.NoPen)
            painter.setBrush(colour.lighter(115) if i == self.hovered else colour)
            painter.drawPath(path)
        if self.centre_text:
            painter.setPen(self.text_colour())
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(
                inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.centre_text
            )
            font.setBold(False)
            painter.setFont(font)
        metrics = self.fontMetrics()
        x, top, row = ring.right() + 16, self._legend_top(), self._row()
        size = metrics.height() * 0.7
        for i, piece in enumerate(self.slices):
            y = top + i * row
            if i == self.hovered:
                painter.fillRect(QRectF(x - 4, y, self.width() - x, row), colours.grid)
            painter.fillRect(QRectF(x, y + (row - size) / 2, size, size), self._colour(i, colours))
            painter.setPen(self.text_colour())
            text = metrics.elidedText(
                piece.legend, Qt.TextElideMode.ElideRight, int(self.width() - x - size - 8)
            )
            painter.drawText(
                QPointF(x + size + 6, y + (row - metrics.height()) / 2 + metrics.ascent()), text
            )
