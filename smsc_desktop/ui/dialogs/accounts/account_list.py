"""The account dialog's list: one row per saved account (and the one being added), each
with its server and login, the server kind's colour and tag; a search field and grouping by
server above it (for dozens of accounts); Add, Duplicate and Delete under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.profiles import AuthKind, Profile
from smsc_desktop.ui import a11y
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts import accounts as texts
from smsc_desktop.ui.theme import TAG_LIVE, TAG_TEST
from smsc_desktop.ui.widgets.account_badge import kind_colour, kind_text, kind_tooltip, server_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3
KIND_ROLE = Qt.ItemDataRole.UserRole + 4
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 5
HEADER_ROLE = Qt.ItemDataRole.UserRole + 6
"""A group's heading row (grouped by server), not an account."""


class ProfileDelegate(QStyledItemDelegate):
    """Two lines per account: the name (italic while not saved) over its server and login,
    a dot and a small LIVE / SANDBOX / TEST SERVER tag in the server kind's colour, and
    "open" on the account open in the main window."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        height = option.fontMetrics.height()
        if index.data(HEADER_ROLE):
            return QSize(200, height + 10)
        return QSize(200, height * 2 + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        if index.data(HEADER_ROLE):
            self._paint_header(painter, option, index)
            return
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        name = option.text
        draft = not index.data(ID_ROLE)
        option.text = ""
        option.icon = QIcon()
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        detail = texts.draft_detail() if draft else index.data(DETAIL_ROLE) or ""
        colour = index.data(COLOUR_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.highlightedText().color() if selected else palette.text().color()
        rect = option.rect.adjusted(10, 6, -8, -6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = option.fontMetrics.height()
        if colour:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QRectF(rect.left(), rect.top() + line / 2 - 4, 9, 9))
        text_left = rect.left() + 18
        name_font = QFont(option.font)
        name_font.setBold(True)
        name_font.setItalic(draft)
        painter.setFont(name_font)
        painter.setPen(text_colour)
        tag = index.data(KIND_ROLE) or ""
        tag_font = QFont(option.font)
        tag_font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.75))
        tag_font.setBold(True)
        tag_width = QFontMetrics(tag_font).horizontalAdvance(tag) + 10 if tag else 0
        name_rect = QRect(text_left, rect.top(), rect.width() - 18 - tag_width - 6, line)
        elided = QFontMetrics(name_font).elidedText(
            name, Qt.TextElideMode.ElideRight, name_rect.width()
        )
        painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignVCenter), elided)
        if tag and colour:
            tag_rect = QRectF(rect.right() - tag_width, rect.top() + 1, tag_width, line - 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(tag_rect, 3, 3)
            painter.setFont(tag_font)
            painter.setPen(QColor(TAG_LIVE[1] if colour == TAG_LIVE[0] else TAG_TEST[1]))
            painter.drawText(tag_rect, int(Qt.AlignmentFlag.AlignCenter), tag)
        painter.setFont(option.font)
        detail_colour = QColor(text_colour)
        if not selected:
            detail_colour = palette.placeholderText().color()
        painter.setPen(detail_colour)
        detail_rect = QRect(text_left, rect.top() + line + 2, rect.width() - 18, line)
        painter.drawText(
            detail_rect,
            int(Qt.AlignmentFlag.AlignVCenter),
            option.fontMetrics.elidedText(
                detail, Qt.TextElideMode.ElideMiddle, detail_rect.width()
            ),
        )
        if index.data(ACTIVE_ROLE):
            small = QFont(option.font)
            small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.8))
            painter.setFont(small)
            painter.drawText(
                detail_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                texts.open_mark(),
            )
        painter.restore()

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
        painter.setFont(font)
        painter.setPen(option.palette.placeholderText().color())
        rect = option.rect.adjusted(8, 4, -8, 0)
        text = QFontMetrics(font).elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )
        painter.restore()


class AccountList(QWidget):
    """The accounts, in the user's order. ``currentChanged(id, previous_id)`` fires when the
    user picks another row ("" is the row of the account being added); rows changed from
    code (``fill``, ``select``, ``add_draft``) fire nothing."""

    currentChanged = Signal(str, str)
    addClicked = Signal()
    duplicateClicked = Signal()
    deleteClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AccountListPanel")
        self._quiet = False
        self.view = QListWidget(self)
        self.view.setObjectName("AccountList")
        a11y.name(self.view, self.tr("Accounts"))
        self.view.setItemDelegate(ProfileDelegate(self.view))
        self.search = QLineEdit(self)
        self.search.setObjectName("AccountSearch")
        self.search.setPlaceholderText(self.tr("Search name, server, login"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search accounts"))
        self.search.textChanged.connect(self._apply_search)
        self.grouping = QComboBox(self)
        self.grouping.setObjectName("AccountGrouping")
        self.grouping.addItem(self.tr("In my order"), "")
        self.grouping.addItem(self.tr("By server"), "server")
        self.grouping.setToolTip(self.tr("Group the accounts by their SMSC server"))
        self.grouping.setAccessibleName(self.tr("Order of the accounts"))
        self.grouping.currentIndexChanged.connect(self._regroup)
        self._profiles: list[Profile] = []
        self._active_id = ""
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.currentItemChanged.connect(self._current_changed)
        self.add_button = self._button("add", self.tr("Add"), self.addClicked)
        self.add_button.setToolTip(self.tr("Add an account"))
        self.duplicate_button = self._button(
            "duplicate", self.tr("Duplicate"), self.duplicateClicked
        )
        self.duplicate_button.setToolTip(
            self.tr("A copy of this account with its password, e.g. for another server")
        )
        self.delete_button = self._button("delete", self.tr("Delete"), self.deleteClicked)
        self.delete_button.setToolTip(
            self.tr("Delete this account and remove its password from the keyring")
        )
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for button in (self.add_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.grouping)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        # as wide as its buttons need in the interface language ("Дублировать" is long)
        margins = buttons.contentsMargins()
        self.setFixedWidth(max(280, buttons.sizeHint().width() + margins.left() + margins.right()))

    def _button(self, icon_name: str, text: str, signal: Any) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.clicked.connect(signal)  # a signal relays the click
        return button

    # --- rows ----------------------------------------------------------------------------

    def fill(self, profiles: Sequence[Profile], active_id: str) -> None:
        """One row per profile (the row of an account being added goes away), under a
        heading per server when grouped, those matching the search shown."""
        self._profiles = list(profiles)
        self._active_id = active_id
        self._quiet = True
        current = self.current_id()
        self.view.clear()
        groups: dict[str, list[Profile]] = {"": self._profiles}
        if self.grouping.currentData():
            groups = {}
            for profile in sorted(self._profiles, key=lambda p: server_text(p).casefold()):
                groups.setdefault(server_text(profile), []).append(profile)
        for title, members in groups.items():
            if title:
                heading = QListWidgetItem(title, self.view)
                heading.setData(HEADER_ROLE, True)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
            for profile in members:
                item = QListWidgetItem(self.view)
                item.setData(ID_ROLE, profile.id)
                self._decorate(item, profile, active_id)
        if current:
            self.select(current)
        self._quiet = False
        self._apply_search(self.search.text())

    def current_id(self) -> str:
        item = self.view.currentItem()
        return str(item.data(ID_ROLE) or "") if item is not None else ""

    def _accounts(self) -> list[QListWidgetItem]:
        """The rows that are accounts (not headings)."""
        items = (self.view.item(row) for row in range(self.view.count()))
        return [item for item in items if not item.data(HEADER_ROLE)]

    def _regroup(self) -> None:
        self.fill(self._profiles, self._active_id)

    def _apply_search(self, text: str) -> None:
        words = text.casefold().split()
        heading: QListWidgetItem | None = None
        shown_in_group = False
        for row in range(self.view.count()):
            item = self.view.item(row)
            if item.data(HEADER_ROLE):
                if heading is not None:
                    heading.setHidden(not shown_in_group)
                heading, shown_in_group = item, False
                continue
            haystack = f"{item.text()} {item.data(DETAIL_ROLE) or ''}".casefold()
            match = not item.data(ID_ROLE) or all(word in haystack for word in words)
            item.setHidden(not match)
            shown_in_group = shown_in_group or match
        if heading is not None:
            heading.setHidden(not shown_in_group)

    def _decorate(self, item: QListWidgetItem, profile: Profile, active_id: str) -> None:
        detail = server_text(profile)
        if profile.login and profile.auth is AuthKind.PASSWORD:
            detail += f" · {profile.login}"
        elif profile.auth is AuthKind.API_KEY:
            detail += " · " + texts.api_key_detail()
        item.setText(profile.name)
        item.setToolTip(kind_tooltip(profile))
        item.setData(DETAIL_ROLE, detail)
        item.setData(COLOUR_ROLE, kind_colour(profile))
        item.setData(KIND_ROLE, kind_text(profile))
        item.setData(ACTIVE_ROLE, profile.id == active_id)

    def add_draft(self) -> None:
        """A row for the account being added, selected."""
        self.drop_draft()
        self._quiet = True
        item = QListWidgetItem(texts.new_account_title(), self.view)
        item.setData(ID_ROLE, "")
        self.view.setCurrentItem(item)
        self._quiet = False

    def drop_draft(self) -> None:
        self._quiet = True
        for row in range(self.view.count() - 1, -1, -1):
            item = self.view.item(row)
            if not item.data(ID_ROLE) and not item.data(HEADER_ROLE):
                self.view.takeItem(row)
        self._quiet = False

    def select(self, profile_id: str) -> None:
        """Select the row of ``profile_id`` ("" is the row of the account being added)."""
        self._quiet = True
        for item in self._accounts():
            if (item.data(ID_ROLE) or "") == profile_id:
                self.view.setCurrentItem(item)
        self._quiet = False

    def set_active(self, active_id: str) -> None:
        """Mark the account open in the main window."""
        self._active_id = active_id
        for item in self._accounts():
            item.setData(ACTIVE_ROLE, bool(active_id) and item.data(ID_ROLE) == active_id)

    def set_editing(self, saved: bool) -> None:
        """Duplicate and Delete act on a saved account only."""
        self.duplicate_button.setEnabled(saved)
        self.delete_button.setEnabled(saved)

    def _current_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if self._quiet or current is None or current.data(HEADER_ROLE):
            return
        before = (previous.data(ID_ROLE) or "") if previous is not None else ""
        self.currentChanged.emit(current.data(ID_ROLE) or "", before)
