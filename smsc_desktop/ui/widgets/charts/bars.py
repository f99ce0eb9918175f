"""Horizontal bars with their labels and figures: top senders, operators, countries, parts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from smsc_desktop.ui.theme import ChartColours
from smsc_desktop.ui.widgets.charts.base import Chart

ROW_GAP = 6


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    value_text: str
    """Drawn after the bar (``282 589 · 82 %``)."""
    tooltip: str
    part: float | None = None
    """The share of the bar drawn in ``part_colour`` (the delivered part), 0…1; the rest is
    drawn in the neutral category colour."""


class BarList(Chart):
    def __init__(self, parent: QWidget | None, name: str, accessible_name: str) -> None:
        super().__init__(parent, name, accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.bars: list[Bar] = []
        self.part_colour: QColor | None = None
        """The delivered part's colour (None: the bar's own colour, lighter)."""

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.setMinimumHeight(self._row_height() * max(3, len(bars)) + 12)
        self.changed()

    def count(self) -> int:
        return len(self.bars)

    def tooltip(self, index: int) -> str:
        return self.bars[index].tooltip

    def _row_height(self) -> int:
        return self.fontMetrics().height() + ROW_GAP

    def sizeHint(self) -> QSize:
        return QSize(360, self._row_height() * max(3, len(self.bars)) + 12)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def _columns(self) -> tuple[float, float, float]:
        """(where bars start, their full width, where figures start)."""
        metrics = self.fontMetrics()
        label = min(
            self.width() * 0.35, max(metrics.horizontalAdvance(b.label) for b in self.bars) + 10
        )
        figures = max(metrics.horizontalAdvance(b.value_text) for b in self.bars) + 10
        width = max(20.0, self.width() - label - figures - 8)
        return label, width, label + width + 6

    def item_at(self, pos: QPoint) -> int:
        index = (pos.y() - 6) // self._row_height()
        return index if 0 <= index < len(self.bars) and pos.y() >= 6 else -1

    def anchor(self, index: int) -> QPoint:
        return QPoint(self.width() // 2, 6 + self._row_height() * index + self._row_height() // 2)

    def draw(self, painter: QPainter, colours: ChartColours) -> None:
        metrics = self.fontMetrics()
        start, width, figures = self._columns()
        top = max((b.value for b in self.bars), default=0) or 1
        row = self._row_height()
        for i, bar in enumerate(self.bars):
            y = 6 + i * row
            if i == self.hovered:
                painter.fillRect(QRectF(0, y, self.width(), row), colours.grid)
            painter.setPen(self.text_colour())
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(start - 8))
            painter.drawText(
                QRectF(0, y, start - 8, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            length = width * bar.value / top
            box = QRectF(start, y + ROW_GAP / 2 + 1, max(1.0, length), row - ROW_GAP - 2)
            colour = colours.category(i) if self.part_colour is None else colours.categories[-1]
            painter.fillRect(box, colour)
            if bar.part is not None and self.part_colour is not None:
                painter.fillRect(
                    QRectF(box.left(), box.top(), box.width() * bar.part, box.height()),
                    self.part_colour,
                )
            painter.setPen(colours.text)
            painter.drawText(
                QRectF(figures, y, self.width() - figures, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.value_text,
            )
