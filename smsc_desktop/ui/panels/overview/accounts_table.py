"""The overview's table of accounts: sorted and filtered, opened with a double-click or Enter.

A double-click (or Enter) on a row asks to open that account in the tab its column belongs
to (Numbers for the money columns, Verification, Exports; the tab of the most serious
attention item in that column); the row menu (right click, the menu key, Shift+F10) offers
the same, a refresh of that account alone and its settings.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.profiles import Profile
from smsc_desktop.ui.models.overview import (
    CHIP_ROLE,
    ID_ROLE,
    TAB_OF_ATTENTION,
    TAB_OF_COLUMN,
    OverviewColumn,
    OverviewModel,
    OverviewProxy,
    ShowFilter,
)
from smsc_desktop.ui.texts import overview as texts
from smsc_desktop.ui.widgets.account_badge import kind_text
from smsc_desktop.ui.widgets.table import DataTable

C = OverviewColumn
CHIP_SAMPLES = (("https://smsc.ru", False), ("http://127.0.0.1", True), ("https://x.test", False))
"""A live server, the sandbox, a test server: the three tags the server column shows."""
WIDTHS = {
    C.ACCOUNT: 30,
    C.SERVER: 12,
    C.BALANCE: 13,
    C.LEVEL: 11,
    C.ATTENTION: 36,
    C.ERROR: 26,
    C.REFRESHED: 13,
    C.NUMBERS: 8,
    C.MONTHLY: 12,
    C.RENEWALS: 14,
    C.NEXT_MONTH: 16,
    C.VERIFYING: 9,
    C.DOWNLOADS: 18,
}
"""Starting widths in average characters (the user may resize and move the columns; the
tab keeps their layout)."""


class ChipDelegate(QStyledItemDelegate):
    """The server column: LIVE / SANDBOX / TEST SERVER as the toolbar's coloured tag."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        colours = index.data(CHIP_ROLE)
        if not colours:
            super().paint(painter, option, index)
            return
        text = str(index.data() or "")
        style = option.widget.style() if option.widget is not None else None
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        if style is not None:  # selection and alternating background, without the text
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        background, foreground = colours
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 2
        rect = QRect(0, 0, min(width, option.rect.width() - 8), height)
        rect.moveCenter(option.rect.center())
        rect.moveLeft(option.rect.left() + 4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, 3, 3)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(foreground))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()


class AccountsTable(QWidget):
    openRequested = Signal(str, str)
    """(profile id, tab name)"""
    refreshRequested = Signal(str)
    editRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = OverviewModel(self)
        self.proxy = OverviewProxy(self.model, self)
        self.view = DataTable(self, "overviewView", accessible_name=texts.table_name())
        self.view.setAccessibleDescription(texts.open_hint())
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(C.ACCOUNT, Qt.SortOrder.AscendingOrder)
        self.view.setItemDelegateForColumn(C.SERVER, ChipDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        char = self.view.fontMetrics().averageCharWidth()
        for column, chars in WIDTHS.items():
            # never narrower than the column's title (a longer one in Russian)
            self.view.setColumnWidth(column, max(chars * char + 16, header.sectionSizeHint(column)))
        self.view.setColumnWidth(C.SERVER, self._chip_width())
        self.view.set_placeholder(texts.placeholder_empty())
        self.view.activated.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._menu_at)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        menu_key = QAction(self)
        menu_key.setShortcut(QKeySequence("Shift+F10"))
        menu_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        menu_key.triggered.connect(self._menu_for_current)
        self.addAction(menu_key)

    def _chip_width(self) -> int:
        """The server column fits its widest tag in the interface language."""
        font = QFont(self.view.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        tags = [kind_text(Profile(name="", server=s, demo=d)) for s, d in CHIP_SAMPLES]
        return max(metrics.horizontalAdvance(tag) for tag in tags) + 12 + 8 + 8

    # --- filtering ------------------------------------------------------------------------

    def set_filter_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._placeholder()

    def set_show(self, show: int) -> None:
        self.proxy.set_show(ShowFilter(show))
        self._placeholder()

    def _placeholder(self) -> None:
        filtered = self.proxy.filtering() and self.model.rowCount() > 0
        self.view.set_placeholder(
            texts.placeholder_filtered() if filtered else texts.placeholder_empty()
        )

    def visible_ids(self) -> list[str]:
        """The accounts shown, in the order shown."""
        return [str(self.proxy.index(row, 0).data(ID_ROLE)) for row in range(self.proxy.rowCount())]

    def current_id(self) -> str:
        index = self.view.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else ""

    def select(self, profile_id: str) -> None:
        row = self.model.row_of(profile_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.setCurrentIndex(index)

    # --- opening --------------------------------------------------------------------------

    def tab_for(self, index: QModelIndex | QPersistentModelIndex) -> str:
        column = index.column()
        if column == C.ATTENTION:
            source = self.proxy.mapToSource(self.proxy.index(index.row(), 0))
            items = self.model.view(source.row()).state.attention
            if items:
                return TAB_OF_ATTENTION.get(items[0].kind, "numbers")
        return TAB_OF_COLUMN.get(C(column), "numbers") if column < len(C) else "numbers"

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(str(index.data(ID_ROLE)), self.tab_for(index))

    def _menu_for_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._menu(index, self.view.visualRect(index).center())

    def _menu_at(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid():
            self._menu(index, point)

    def _menu(self, index: QModelIndex, point: QPoint) -> None:
        profile_id = str(index.data(ID_ROLE))
        first_tab = self.tab_for(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_action = menu.addAction(texts.open_account())
        open_action.triggered.connect(lambda: self.openRequested.emit(profile_id, first_tab))
        menu.setDefaultAction(open_action)
        for tab in ("numbers", "verification", "exports"):
            action = menu.addAction(texts.open_in(tab))
            action.triggered.connect(lambda _=False, t=tab: self.openRequested.emit(profile_id, t))
        menu.addSeparator()
        menu.addAction(texts.refresh_one()).triggered.connect(
            lambda: self.refreshRequested.emit(profile_id)
        )
        menu.addAction(texts.edit_account()).triggered.connect(
            lambda: self.editRequested.emit(profile_id)
        )
        menu.popup(self.view.viewport().mapToGlobal(point))
