"""Does a window fit a small screen, and is any text cut off without a tooltip?

``interface_language(code)`` switches the app's language (translator and number formats)
for widgets built inside it. ``layout_culprits(widget, width)`` names the widgets that keep
a window wider than ``width``; ``cut_texts(widget)`` lists the visible labels, buttons and
table headers whose text does not fit and that show no tooltip with the whole text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionHeader,
    QWidget,
)

from smsc_desktop.ui.resources import translations_dir

SMALL_SCREEN = (1024, 600)


@contextmanager
def interface_language(code: str) -> Iterator[None]:
    """``ru_RU``: the Russian translation and Russian numbers (``5 000,00``); ``en_US``."""
    previous = QLocale()
    QLocale.setDefault(QLocale(code))
    translator = QTranslator()
    installed = False
    if not code.startswith("en"):
        assert translator.load(f"smsc_desktop_{code}", str(translations_dir()))
        installed = QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        if installed:
            QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(previous)


def _min_width(widget: QWidget) -> int:
    hint = widget.minimumSizeHint().width()
    return max(widget.minimumWidth(), hint if hint > 0 else 0)


def _direct() -> object:
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()[:60]
    return ""


def layout_culprits(root: QWidget, width: int, depth: int = 12) -> list[str]:
    """Every visible widget under ``root`` whose smallest width is more than ``width``, with
    its children's smallest widths: what to look at when a window is too wide."""
    lines: list[str] = []

    def visit(widget: QWidget, level: int) -> None:
        if level > depth:
            return
        children = [
            c for c in widget.findChildren(QWidget, options=_direct()) if c.isVisibleTo(root)
        ]
        for child in children:
            if _min_width(child) > width:
                name = child.objectName() or type(child).__name__
                lines.append(f"{'  ' * level}{name} {_min_width(child)} {_text_of(child)!r}")
                visit(child, level + 1)

    visit(root, 0)
    return lines


def cut_texts(root: QWidget) -> list[str]:
    """Visible texts under ``root`` that do not fit their widget, and whose tooltip does not
    show them whole (a label's or button's tooltip must hold its text; a cell needs one)."""
    cut: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            if _label_cut(widget) and widget.text() not in widget.toolTip():
                cut.append(f"label {widget.objectName()!r}: {widget.text()!r}")
        elif isinstance(widget, QAbstractButton):
            cramped = widget.width() < widget.sizeHint().width() - 1
            if widget.text() and cramped and widget.text() not in widget.toolTip():
                cut.append(f"button {widget.objectName()!r}: {widget.text()!r}")
        elif isinstance(widget, QHeaderView):
            cut.extend(_cut_headers(widget))
        elif isinstance(widget, QAbstractItemView):
            cut.extend(_cut_cells(widget))
    return cut


def _label_cut(label: QLabel) -> bool:
    text = label.text()
    pixmap = label.pixmap()
    if not text or (pixmap is not None and not pixmap.isNull()):
        return False
    if label.wordWrap():
        return label.height() < label.heightForWidth(label.width()) - 1
    return label.width() < label.sizeHint().width() - 1


def _cut_cells(view: QAbstractItemView) -> list[str]:
    """Cells of the visible rows whose text the view cuts, without a tooltip."""
    from PySide6.QtCore import Qt

    model = view.model()
    header = getattr(view, "horizontalHeader", lambda: None)()
    if model is None or header is None or not view.isVisible():
        return []
    cut = []
    viewport = view.viewport().rect()
    for row in range(model.rowCount()):
        first = model.index(row, 0)
        rect = view.visualRect(first)
        if rect.top() > viewport.bottom():
            break
        if rect.bottom() < 0:
            continue
        for column in range(model.columnCount()):
            if header.isSectionHidden(column):
                continue
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not text or view.indexWidget(index) is not None:
                continue
            cramped = view.sizeHintForIndex(index).width() > header.sectionSize(column) + 1
            if cramped and not index.data(Qt.ItemDataRole.ToolTipRole):
                title = model.headerData(column, Qt.Orientation.Horizontal)
                cut.append(f"cell {view.objectName()!r} [{title}]: {text!r}")
    return cut


def _cut_headers(header: QHeaderView) -> list[str]:
    view = header.parent()
    model = header.model()
    if model is None or not isinstance(view, QAbstractItemView) or not view.isVisible():
        return []
    from PySide6.QtCore import Qt

    cut = []
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.orientation() != Qt.Orientation.Horizontal:
            continue
        text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        needed = _header_width(header, section, str(text))
        if header.sectionSize(section) < needed:
            tip = model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole)
            if not tip:
                cut.append(
                    f"header {view.objectName()!r}: {text!r}"
                    f" ({header.sectionSize(section)} < {needed} px)"
                )
    return cut


def _header_width(header: QHeaderView, section: int, text: str) -> int:
    """The width the header's style needs to show ``text`` whole (with a sort arrow, when
    the column is the sorted one)."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.text = text
    option.section = section
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
        option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    size = header.style().sizeFromContents(
        QStyle.ContentsType.CT_HeaderSection, option, header.fontMetrics().size(0, text), header
    )
    return size.width()
