"""Messages (bars, left axis) and their cost (a line, right axis) per hour, day or month."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from smsc_desktop.ui.theme import ChartColours
from smsc_desktop.ui.widgets.charts.base import Chart, nice_scale

LEGEND_GAP = 6


@dataclass(frozen=True, slots=True)
class TimePoint:
    label: str
    """Under the axis (``01.03``, ``14:00``)."""
    title: str
    """In the tooltip (``Fri 01.03.2024``)."""
    messages: int
    cost: float
    tooltip: str
    """The exact figures, formatted by the caller."""


class TimeChart(Chart):
    def __init__(self, parent: QWidget | None, name: str, accessible_name: str) -> None:
        super().__init__(parent, name, accessible_name)
        self.points: list[TimePoint] = []
        self.bars_label = ""
        self.line_label = ""
        self.format_left: Callable[[float], str] = str
        self.format_right: Callable[[float], str] = str
        self.show_line = True
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:
        return QSize(900, 260)

    def set_points(
        self, points: list[TimePoint], bars_label: str, line_label: str, show_line: bool = True
    ) -> None:
        self.points = points
        self.bars_label, self.line_label, self.show_line = bars_label, line_label, show_line
        self.changed()

    def count(self) -> int:
        return len(self.points)

    def tooltip(self, index: int) -> str:
        return self.points[index].tooltip

    # --- geometry ------------------------------------------------------------------------

    def _scales(self) -> tuple[tuple[float, float], tuple[float, float]]:
        bars = nice_scale(max((p.messages for p in self.points), default=0))
        line = nice_scale(max((p.cost for p in self.points), default=0.0))
        return bars, line

    def _plot(self) -> QRectF:
        metrics = self.fontMetrics()
        (top_bars, _step_bars), (top_line, _) = self._scales()
        left = metrics.horizontalAdvance(self.format_left(top_bars)) + 10
        right = (
            metrics.horizontalAdvance(self.format_right(top_line)) + 10 if self.show_line else 10
        )
        top = metrics.height() + LEGEND_GAP * 2
        bottom = metrics.height() + 8
        return QRectF(left, top, max(10, self.width() - left - right), self.height() - top - bottom)

    def item_at(self, pos: QPoint) -> int:
        plot = self._plot()
        if not self.points or not plot.adjusted(0, -4, 0, 4).contains(QPointF(pos)):
            return -1
        index = int((pos.x() - plot.left()) / (plot.width() / len(self.points)))
        return min(len(self.points) - 1, max(0, index))

    def anchor(self, index: int) -> QPoint:
        plot = self._plot()
        width = plot.width() / max(1, len(self.points))
        return QPoint(int(plot.left() + width * (index + 0.5)), int(plot.center().y()))

    # --- painting ------------------------------------------------------------------------

    def draw(self, painter: QPainter, colours: ChartColours) -> None:
        metrics = self.fontMetrics()
        plot = self._plot()
        (top_bars, step_bars), (top_line, _step_line) = self._scales()
        # Grid and the left (messages) and right (cost) axes.
        ticks = round(top_bars / step_bars)
        for i in range(ticks + 1):
            y = plot.bottom() - plot.height() * i / ticks
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(colours.text)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.format_left(step_bars * i),
            )
            if self.show_line:
                painter.drawText(
                    QRectF(plot.right() + 6, y - metrics.height() / 2, 200, metrics.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self.format_right(top_line / ticks * i),
                )
        n = len(self.points)
        width = plot.width() / n
        gap = width * 0.2 if width >= 4 else 0.0
        painter.setPen(Qt.PenStyle.NoPen)
        for i, point in enumerate(self.points):
            height = plot.height() * point.messages / top_bars
            bar = QRectF(
                plot.left() + i * width + gap / 2, plot.bottom() - height, width - gap, height
            )
            colour = colours.bars.lighter(125) if i == self.hovered else colours.bars
            painter.fillRect(bar, colour)
        if self.show_line and n:
            path = QPainterPath()
            for i, point in enumerate(self.points):
                at = QPointF(
                    plot.left() + width * (i + 0.5),
                    plot.bottom() - plot.height() * point.cost / top_line,
                )
                if i == 0:
                    path.moveTo(at)
                else:
                    path.lineTo(at)
            painter.setPen(QPen(colours.line, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        if 0 <= self.hovered < n:
            x = plot.left() + width * (self.hovered + 0.5)
            painter.setPen(QPen(colours.hover, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        # Labels under the axis, as many as fit.
        painter.setPen(colours.text)
        widest = max(metrics.horizontalAdvance(p.label) for p in self.points) + 12
        every = max(1, int(widest / width) + 1)
        for i in range(0, n, every):
            x = plot.left() + width * (i + 0.5)
            painter.drawText(
                QRectF(x - widest / 2, plot.bottom() + 4, widest, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self.points[i].label,
            )
        self._legend(painter, colours)

    def _legend(self, painter: QPainter, colours: ChartColours) -> None:
        metrics = self.fontMetrics()
        x, y, size = 4.0, float(LEGEND_GAP), metrics.height() * 0.7
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillRect(QRectF(x, y + (metrics.height() - size) / 2, size, size), colours.bars)
        x += size + 4
        painter.setPen(self.text_colour())
        painter.drawText(QPointF(x, y + metrics.ascent()), self.bars_label)
        x += metrics.horizontalAdvance(self.bars_label) + 16
        if self.show_line:
            painter.setPen(QPen(colours.line, 2))
            mid = y + metrics.height() / 2
            painter.drawLine(QPointF(x, mid), QPointF(x + size * 1.6, mid))
            x += size * 1.6 + 4
            painter.setPen(self.text_colour())
            painter.drawText(QPointF(x, y + metrics.ascent()), self.line_label)
