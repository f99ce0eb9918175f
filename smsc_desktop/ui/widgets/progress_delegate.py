"""A table cell drawn as a progress bar, coloured by the download's state."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from smsc_desktop.ui.models.downloads import DownloadRole

BAR_COLOURS = {
    "queued": "#9ca3af",
    "downloading": "#2563eb",
    "paused": "#9ca3af",
    "waiting_retry": "#d97706",
    "done": "#16a34a",
    "failed": "#dc2626",
    "cancelled": "#d1d5db",
}
TRACK = QColor("#e5e7eb")


class ProgressDelegate(QStyledItemDelegate):
    """Reads ``DownloadRole.FRACTION`` (0..1 or None) and ``DownloadRole.STATE``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colours = {k: QColor(v) for k, v in BAR_COLOURS.items()}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The cell background (selection, alternating rows) the normal way, without text.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        fraction = index.data(DownloadRole.FRACTION)
        state = index.data(DownloadRole.STATE) or "queued"
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        rect = QRectF(option.rect).adjusted(4, 5, -4, -5)
        if rect.height() > 18:
            rect.adjust(0, (rect.height() - 18) / 2, 0, -(rect.height() - 18) / 2)
        radius = rect.height() / 2

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        track = QPainterPath()
        track.addRoundedRect(rect, radius, radius)
        painter.drawPath(track)
        colour = self._colours.get(state, self._colours["queued"])
        if fraction is not None and fraction > 0:
            # The filled part is the track cut at the fraction: a thin sliver stays a sliver.
            filled = QRectF(rect)
            filled.setWidth(rect.width() * min(1.0, float(fraction)))
            painter.setClipPath(track)
            painter.fillRect(filled, colour)
            painter.setClipping(False)
        if text:
            font = painter.font()
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
            font.setBold(True)
            painter.setFont(font)
            dark = fraction is not None and fraction >= 0.5
            painter.setPen(QPen(QColor("white") if dark else QColor("#1f2937")))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 140), max(hint.height(), 26))
