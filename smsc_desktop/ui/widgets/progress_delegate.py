"""A table cell drawn as a progress bar, coloured by the download's state."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from smsc_desktop.ui.models.downloads import DownloadRole
from smsc_desktop.ui.theme import Tone, progress_colours
from smsc_desktop.ui.theme import colour as tone_colour

BAR_TONES = {
    "queued": Tone.MUTED,
    "downloading": Tone.ACCENT,
    "paused": Tone.MUTED,
    "waiting_retry": Tone.WARNING,
    "done": Tone.GOOD,
    "failed": Tone.BAD,
    "cancelled": Tone.MUTED,
}


class ProgressDelegate(QStyledItemDelegate):
    """Reads ``DownloadRole.FRACTION`` (0..1 or None) and ``DownloadRole.STATE``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

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
        track_colour, on_bar, on_track = progress_colours()
        painter.setBrush(track_colour)
        track = QPainterPath()
        track.addRoundedRect(rect, radius, radius)
        painter.drawPath(track)
        colour = tone_colour(BAR_TONES.get(state, Tone.MUTED))
        filled = QRectF(rect)
        filled.setWidth(rect.width() * min(1.0, float(fraction or 0.0)))
        if filled.width() > 0:
            # The filled part is the track cut at the fraction: a thin sliver stays a sliver.
            painter.setClipPath(track)
            painter.fillRect(filled, colour)
            painter.setClipping(False)
        if text:
            font = painter.font()
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
            font.setBold(True)
            painter.setFont(font)
            # The text in two colours, cut where the bar ends: each part stays readable on
            # what it is drawn over, whatever the fraction.
            empty = QRectF(rect)
            empty.setLeft(filled.right())
            for clip, pen in ((filled, on_bar), (empty, on_track)):
                if clip.width() <= 0:
                    continue
                painter.setClipRect(clip)
                painter.setPen(QPen(pen))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            painter.setClipping(False)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 80), max(hint.height(), 26))
