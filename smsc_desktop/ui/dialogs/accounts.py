"""The account dialog: add, edit, duplicate and delete SMSC accounts; test a connection.

On the first run it opens on a welcome page that offers two ways in: connect a real
account, or try the built-in sandbox. The secret field is never filled from the keyring:
an existing secret stays where it is unless the user types a new one, so neither the dialog
nor a screenshot of it ever holds a stored password.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.accounts import ProfileInvalidError, SecretMissingError
from smsc_desktop.services.profiles import (
    PRODUCTION_SERVERS,
    AuthKind,
    Profile,
    ProfileProblem,
    normalize_server,
)
from smsc_desktop.services.secrets import KeyringProblem, KeyringStatus
from smsc_desktop.ui.aio import TaskSlot, exec_dialog
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.formatting import CURRENCY_SIGNS, format_money
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts.errors import describe_connection_error, describe_keyring_problem
from smsc_desktop.ui.theme import TAG_LIVE, TAG_TEST, Box, Tone, set_box, set_tone
from smsc_desktop.ui.widgets.account_badge import (
    chip_style,
    kind_colour,
    kind_text,
    kind_tooltip,
    server_text,
)
from smsc_desktop.ui.widgets.secret_edit import SecretEdit

log = logging.getLogger("smsc_desktop.ui.accounts")

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3
KIND_ROLE = Qt.ItemDataRole.UserRole + 4
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 5
WELCOME_PAGE, FORM_PAGE = 0, 1


class Notice(QFrame):
    """A coloured line of text with an icon and an optional action button."""

    def __init__(self, name: str, box: Box, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        set_box(self, box, f"QFrame#{name}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.icon = QLabel(self)
        self.icon.setPixmap(icon("warning").pixmap(QSize(18, 18)))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.hide()
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()


class ProfileDelegate(QStyledItemDelegate):
    """Two lines per account: the name (bold when it is the open one) over its server and
    login, a dot and a small LIVE / SANDBOX / TEST SERVER tag in the server kind's colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
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
        detail = index.data(DETAIL_ROLE) or ""
        if draft:
            detail = QCoreApplication.translate("AccountsDialog", "not saved yet")
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
            painter.setPen(detail_colour)
            small = QFont(option.font)
            small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.8))
            painter.setFont(small)
            painter.drawText(
                QRect(text_left, rect.top() + line + 2, rect.width() - 18, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                QCoreApplication.translate("AccountsDialog", "open"),
            )
        painter.restore()


class AccountsDialog(QDialog):
    """Manage the accounts; ``connectRequested(id)`` asks the app to open one."""

    connectRequested = Signal(str)  # profile id
    demoRequested = Signal()
    profileSaved = Signal(str, bool)  # profile id, whether a new secret was given
    profileDeleted = Signal(str)  # profile id

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        first_run: bool = False,
        select_id: str = "",
        notice: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AccountsDialog")
        self.setWindowTitle(self.tr("Accounts"))
        self.ctx = ctx
        self.accounts = ctx.accounts
        self.profiles = ctx.profiles
        self.task = TaskSlot(self, "accounts-dialog")
        self.test_task = TaskSlot(self, "connection-test")
        self.lookup_task = TaskSlot(self, "secret-lookup")
        self._current: Profile | None = None  # the saved profile in the form; None: new
        self._draft_id = ""
        self._loading = False
        self._dirty = False
        self._has_secret = False
        self._last_test: Profile | None = None

        self._build()
        self.resize(860, 560)
        self._fill_list(select_id)
        if first_run:
            self._show_welcome()
        if self.stack.currentIndex() == WELCOME_PAGE and not len(self.profiles):
            self.resize(720, 400)
        if notice:
            self.info.text.setText(notice)
            self.info.show()
        self._show_keyring_status(ctx.secrets.status)
        ctx.secrets.status_changed.connect(self._show_keyring_status, owner=self)
        self.profiles.changed.connect(self._profiles_changed, owner=self)
        self.profiles.active_changed.connect(self._active_changed, owner=self)
        self.finished.connect(self._disconnect_services)

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.keyring_notice = Notice("KeyringNotice", Box.NOTE, self)
        self.keyring_notice.button.setText(self.tr("Try the keyring again"))
        self.keyring_notice.button.clicked.connect(self._retry_keyring)
        self.info = Notice("InfoNotice", Box.INFO, self)

        # left: the accounts
        self.list = QListWidget(self)
        self.list.setObjectName("AccountList")
        self.list.setItemDelegate(ProfileDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.add_button = self._list_button("add", self.tr("Add"), self.add_profile)
        self.add_button.setToolTip(self.tr("Add an account"))
        self.duplicate_button = self._list_button(
            "duplicate", self.tr("Duplicate"), self.duplicate_current
        )
        self.duplicate_button.setToolTip(
            self.tr("A copy of this account with its password, e.g. for another server")
        )
        self.delete_button = self._list_button("delete", self.tr("Delete"), self.delete_current)
        self.delete_button.setToolTip(
            self.tr("Delete this account and remove its password from the keyring")
        )
        list_buttons = QHBoxLayout()
        list_buttons.setSpacing(2)
        for button in (self.add_button, self.duplicate_button, self.delete_button):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(list_buttons)
        self.left = QWidget(self)
        self.left.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        self.left.setFixedWidth(280)

        # right: welcome page or form
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_welcome())
        self.stack.addWidget(self._build_form())

        body = QHBoxLayout()
        body.addWidget(self.left)
        body.addWidget(self.stack, 1)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.connect_button = self.buttons.addButton(
            self.tr("Save and connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.connect_button.setDefault(True)
        longest = max(self.tr("Save and connect"), self.tr("Connect"), key=len)
        self.connect_button.setMinimumWidth(
            self.connect_button.fontMetrics().horizontalAdvance(longest) + 32
        )
        self.save_button.clicked.connect(self.save)
        self.connect_button.clicked.connect(self.save_and_connect)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_notice)
        layout.addWidget(self.info)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def _list_button(self, icon_name: str, text: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _build_welcome(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("WelcomePage")
        logo = QLabel(page)
        logo.setPixmap(icon("smsc-desktop").pixmap(QSize(48, 48)))
        title = QLabel(self.tr("Welcome to SMSC Desktop"), page)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        heading = QHBoxLayout()
        heading.setSpacing(14)
        heading.addWidget(logo)
        heading.addWidget(title, 1)
        intro = QLabel(
            self.tr(
                "Connect the SMSC account you look after, or look around on the built-in "
                "sandbox first: it needs no account and spends no money."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.connect_choice = QCommandLinkButton(
            self.tr("Connect an SMSC account"),
            self.tr(
                "Sign in with the login and password, or an API key, of an account on "
                "smsc.ru, smsc.kz, smsc.ua or smscentre.com. The password is kept in the "
                "system keyring."
            ),
            page,
        )
        self.connect_choice.setObjectName("ConnectChoice")
        self.connect_choice.clicked.connect(self.add_profile)
        self.demo_choice = QCommandLinkButton(
            self.tr("Try the sandbox demo"),
            self.tr(
                "A practice SMSC server inside the app with a demo account, free numbers, "
                "calls and exports. Nothing is real and nothing is charged."
            ),
            page,
        )
        self.demo_choice.setObjectName("DemoChoice")
        self.demo_choice.clicked.connect(self._choose_demo)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(heading)
        layout.addSpacing(6)
        layout.addWidget(intro)
        layout.addSpacing(18)
        layout.addWidget(self.connect_choice)
        layout.addWidget(self.demo_choice)
        layout.addStretch(1)
        return page

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("AccountForm")
        self.heading = QLabel(page)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)

        self.name_edit = QLineEdit(page)
        self.name_edit.setObjectName("NameEdit")
        self.name_edit.setPlaceholderText(self.tr("e.g. Client A — marketing"))
        self.server_combo = QComboBox(page)
        self.server_combo.setObjectName("ServerCombo")
        self.server_combo.setEditable(True)
        self.server_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for url, label in PRODUCTION_SERVERS.items():
            self.server_combo.addItem(label, url)
        server_edit = self.server_combo.lineEdit()
        assert server_edit is not None  # an editable combo box has one
        server_edit.setPlaceholderText(self.tr("smsc.ru or another address"))
        self.server_combo.setToolTip(
            self.tr(
                "The SMSC site your account was registered on, a mirror, or the address of a "
                "test server (plain http:// only on this computer)."
            )
        )
        self.server_chip = QLabel(page)
        self.server_chip.setObjectName("ServerKind")
        server_row = QHBoxLayout()
        server_row.addWidget(self.server_combo, 1)
        server_row.addWidget(self.server_chip)

        self.password_radio = QRadioButton(self.tr("Login and password"), page)
        self.apikey_radio = QRadioButton(self.tr("API key"), page)
        self.auth_group = QButtonGroup(page)
        self.auth_group.addButton(self.password_radio)
        self.auth_group.addButton(self.apikey_radio)
        self.password_radio.setChecked(True)
        auth_row = QHBoxLayout()
        auth_row.addWidget(self.password_radio)
        auth_row.addWidget(self.apikey_radio)
        auth_row.addStretch(1)

        self.login_edit = QLineEdit(page)
        self.login_edit.setObjectName("LoginEdit")
        self.login_label = QLabel(self.tr("Login:"), page)
        self.secret_edit = SecretEdit(page)
        self.secret_label = QLabel(page)
        self.storage_hint = QLabel(page)
        self.storage_hint.setObjectName("StorageHint")
        set_tone(self.storage_hint, Tone.MUTED)
        self.storage_hint.setWordWrap(True)

        self.low_spin = QDoubleSpinBox(page)
        self.low_spin.setObjectName("LowBalance")
        self.low_spin.setRange(0, 10_000_000)
        self.low_spin.setDecimals(2)
        self.low_spin.setSingleStep(100)
        self.low_spin.setSpecialValueText(self.tr("Off"))
        self.low_spin.setToolTip(
            self.tr("The balance turns red in the status bar below this amount (0: off).")
        )

        self.test_button = QPushButton(icon("refresh"), self.tr("Test connection"), page)
        self.test_button.setObjectName("TestConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.test_icon = QLabel(page)
        self.test_icon.setContentsMargins(0, 4, 0, 0)
        self.test_result = QLabel(page)
        self.test_result.setObjectName("TestResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_result.setContentsMargins(0, 4, 0, 0)
        # A grid, not a box: it gives the word-wrapped result the height its lines need.
        test_row = QGridLayout()
        test_row.setHorizontalSpacing(8)
        test_row.addWidget(self.test_button, 0, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.test_icon, 0, 1, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.test_result, 0, 2)
        test_row.setColumnStretch(2, 1)

        self.problem_label = QLabel(page)
        self.problem_label.setObjectName("FormProblem")
        set_tone(self.problem_label, Tone.BAD)
        self.problem_label.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Server:"), server_row)
        form.addRow(self.tr("Sign in with:"), auth_row)
        form.addRow(self.login_label, self.login_edit)
        form.addRow(self.secret_label, self.secret_edit)
        form.addRow("", self.storage_hint)
        form.addRow(self.tr("Low-balance warning:"), self.low_spin)
        self.form = form

        line = QFrame(page)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 4, 8, 4)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(line)
        layout.addLayout(test_row)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

        for signal in (
            self.name_edit.textChanged,
            self.server_combo.editTextChanged,
            self.login_edit.textChanged,
            self.secret_edit.textChanged,
            self.low_spin.valueChanged,
        ):
            signal.connect(self._changed)
        self.password_radio.toggled.connect(self._changed)
        self.password_radio.toggled.connect(self._auth_kind_changed)
        for signal in (
            self.server_combo.editTextChanged,
            self.login_edit.textChanged,
            self.secret_edit.textChanged,
            self.password_radio.toggled,
        ):
            signal.connect(self._connection_changed)
        self.server_combo.editTextChanged.connect(self._update_server_chip)
        return page

    # --- the list ----------------------------------------------------------------------

    def _fill_list(self, select_id: str = "") -> None:
        self._loading = True
        self.list.clear()
        active = self.profiles.active_id
        for profile in self.profiles:
            item = QListWidgetItem(self.list)
            item.setData(ID_ROLE, profile.id)
            self._decorate(item, profile, active)
        self._loading = False
        if not len(self.profiles):
            self._show_welcome()
            return
        wanted = select_id or (self._current.id if self._current else "") or active
        row = max(0, self.profiles.index_of(wanted))
        self.list.setCurrentRow(row)
        self._load(self.profiles.profiles()[row])

    def _decorate(self, item: QListWidgetItem, profile: Profile, active_id: str) -> None:
        detail = server_text(profile)
        if profile.login and profile.auth is AuthKind.PASSWORD:
            detail += f" · {profile.login}"
        elif profile.auth is AuthKind.API_KEY:
            detail += " · " + self.tr("API key")
        item.setText(profile.name)
        item.setToolTip(kind_tooltip(profile))
        item.setData(DETAIL_ROLE, detail)
        item.setData(COLOUR_ROLE, kind_colour(profile))
        item.setData(KIND_ROLE, kind_text(profile))
        item.setData(ACTIVE_ROLE, profile.id == active_id)

    def _show_welcome(self) -> None:
        self._current = None
        self.stack.setCurrentIndex(WELCOME_PAGE)
        self.left.setVisible(bool(len(self.profiles)))
        self.save_button.hide()
        self.connect_button.hide()

    def _show_form(self) -> None:
        if self.stack.currentIndex() == WELCOME_PAGE and self.width() < 860:
            self.resize(860, 560)
        self.stack.setCurrentIndex(FORM_PAGE)
        self.left.show()
        self.save_button.show()
        self.connect_button.show()

    def _selection_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if self._loading or current is None:
            return
        profile_id = current.data(ID_ROLE) or ""
        if self._current is not None and profile_id == self._current.id:
            return
        if self._dirty:
            self._loading = True
            if previous is not None:
                self.list.setCurrentItem(previous)
            self._loading = False
            self.task.start(self._confirm_switch(profile_id))
            return
        if not profile_id:
            return  # the unsaved "new account" row
        self._drop_draft_row()
        profile = self.profiles.get(profile_id)
        if profile is not None:
            self._load(profile)

    async def _confirm_switch(self, profile_id: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this account first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        answer = await exec_dialog(box)
        if answer == QMessageBox.StandardButton.Cancel:
            return
        if answer == QMessageBox.StandardButton.Save and not await self._save():
            return
        self._dirty = False
        self._drop_draft_row()
        if not profile_id:
            self.add_profile()
            return
        profile = self.profiles.get(profile_id)
        if profile is not None:
            self._select(profile.id)
            self._load(profile)

    def _select(self, profile_id: str) -> None:
        self._loading = True
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == profile_id:
                self.list.setCurrentRow(row)
        self._loading = False

    def _drop_draft_row(self) -> None:
        for row in range(self.list.count() - 1, -1, -1):
            if not self.list.item(row).data(ID_ROLE):
                self._loading = True
                self.list.takeItem(row)
                self._loading = False

    def _active_changed(self, active_id: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setData(ACTIVE_ROLE, bool(active_id) and item.data(ID_ROLE) == active_id)

    def _profiles_changed(self) -> None:
        if not self._dirty:
            self._fill_list(self._current.id if self._current else "")

    # --- the form -----------------------------------------------------------------------

    def _load(self, profile: Profile | None) -> None:
        """Show ``profile`` in the form (None: an empty form for a new account)."""
        self._loading = True
        self._current = profile
        self._draft_id = "" if profile else uuid.uuid4().hex[:12]
        self._show_form()
        self.problem_label.clear()
        self._show_test(None, "")
        self._last_test = None
        self.secret_edit.clear()
        if profile is None:
            self.heading.setText(self.tr("New account"))
            self.name_edit.setText(self.profiles.unique_name(self.tr("My SMSC account")))
            self.server_combo.setCurrentIndex(0)
            self.password_radio.setChecked(True)
            self.login_edit.clear()
            self.low_spin.setValue(0)
        else:
            self.heading.setText(profile.name)
            self.name_edit.setText(profile.name)
            self._set_server(profile)
            (
                self.apikey_radio if profile.auth is AuthKind.API_KEY else self.password_radio
            ).setChecked(True)
            self.login_edit.setText(profile.login)
            self.low_spin.setValue(float(profile.low_balance or 0))
        demo = bool(profile and profile.demo)
        for widget in (
            self.server_combo,
            self.password_radio,
            self.apikey_radio,
            self.login_edit,
            self.secret_edit,
        ):
            widget.setEnabled(not demo)
        self.duplicate_button.setEnabled(profile is not None)
        self.delete_button.setEnabled(profile is not None)
        self._auth_kind_changed()
        self._update_server_chip()
        self._loading = False
        self._dirty = profile is None
        self._has_secret = False
        self._update_buttons()
        if profile is not None:
            self.lookup_task.start(self._look_up_secret(profile))

    def _set_server(self, profile: Profile) -> None:
        if profile.demo:
            self.server_combo.setEditText(self.tr("Built-in sandbox"))
            return
        index = self.server_combo.findData(profile.server)
        if index >= 0:
            self.server_combo.setCurrentIndex(index)
        else:
            self.server_combo.setEditText(profile.server)

    async def _look_up_secret(self, profile: Profile) -> None:
        has = await self.accounts.has_secret(profile)
        if self._current is not None and self._current.id == profile.id:
            self._has_secret = has
            self._update_secret_hint()

    def _server_url(self) -> str:
        text = self.server_combo.currentText().strip()
        index = self.server_combo.findText(text)
        if index >= 0 and self.server_combo.itemData(index):
            return str(self.server_combo.itemData(index))
        return text

    def form_profile(self) -> Profile:
        """The profile as the form describes it now (not saved)."""
        base = self._current
        low = Decimal(str(round(self.low_spin.value(), 2))) if self.low_spin.value() > 0 else None
        auth = AuthKind.API_KEY if self.apikey_radio.isChecked() else AuthKind.PASSWORD
        if base is not None and base.demo:
            return replace(base, name=self.name_edit.text().strip(), low_balance=low)
        return Profile(
            id=base.id if base else self._draft_id,
            name=self.name_edit.text().strip(),
            server=self._server_url(),
            auth=auth,
            login=self.login_edit.text().strip() if auth is AuthKind.PASSWORD else "",
            low_balance=low,
        )

    def _changed(self, *_: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self.problem_label.clear()
        self._update_buttons()

    def _connection_changed(self, *_: object) -> None:
        """Another server, login or secret: the last test result no longer applies."""
        if not self._loading and not self.test_task.running:
            self._show_test(None, "")

    def _auth_kind_changed(self, *_: object) -> None:
        api_key = self.apikey_radio.isChecked()
        self.login_label.setVisible(not api_key)
        self.login_edit.setVisible(not api_key)
        self.secret_label.setText(self.tr("API key:") if api_key else self.tr("Password:"))
        self.secret_edit.conceal()
        self._update_secret_hint()

    def _update_secret_hint(self) -> None:
        profile = self._current
        api_key = self.apikey_radio.isChecked()
        status = self.ctx.secrets.status
        if profile is not None and profile.demo:
            self.secret_edit.setPlaceholderText(self.tr("Public demo password"))
            self.storage_hint.setText(self.tr("The demo account's password is built in."))
            return
        if self._has_secret and profile is not None:
            self.secret_edit.setPlaceholderText(self.tr("Saved — type a new one to replace it"))
        else:
            self.secret_edit.setPlaceholderText(
                self.tr("Paste the API key from the SMSC settings")
                if api_key
                else self.tr("The SMSC account password")
            )
        if status.usable:
            self.storage_hint.setText(self.tr("Kept in the system keyring, never in a file."))
        else:
            self.storage_hint.setText(
                self.tr("Kept for this session only: the app will ask for it next time.")
            )

    def _update_server_chip(self, *_: object) -> None:
        if self._current is not None and self._current.demo:
            probe = self._current
        else:
            probe = Profile(name="", server=self._server_url())
        valid = True
        if not probe.demo:
            try:
                normalize_server(probe.server)
            except ValueError:
                valid = False
        if not valid:
            self.server_chip.hide()
            return
        self.server_chip.setText(kind_text(probe))
        self.server_chip.setStyleSheet(chip_style(probe))
        self.server_chip.setToolTip(kind_tooltip(probe))
        self.server_chip.show()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._dirty)
        self.connect_button.setText(
            self.tr("Save and connect") if self._dirty else self.tr("Connect")
        )

    def _show_problems(self, problems: Sequence[ProfileProblem]) -> None:
        texts = {
            ProfileProblem.NO_NAME: self.tr("Enter a name for the account."),
            ProfileProblem.DUPLICATE_NAME: self.tr("Another account already has this name."),
            ProfileProblem.BAD_SERVER: self.tr(
                "The server address is not usable: enter e.g. smsc.ru or https://smsc.kz "
                "(plain http:// only for a server on this computer)."
            ),
            ProfileProblem.NO_LOGIN: self.tr("Enter the login of the SMSC account."),
        }
        self.problem_label.setText("\n".join(texts[p] for p in problems))
        focus = {
            ProfileProblem.NO_NAME: self.name_edit,
            ProfileProblem.DUPLICATE_NAME: self.name_edit,
            ProfileProblem.BAD_SERVER: self.server_combo,
            ProfileProblem.NO_LOGIN: self.login_edit,
        }
        if problems:
            focus[problems[0]].setFocus()

    # --- actions ----------------------------------------------------------------------

    def add_profile(self) -> None:
        if self._dirty and self._current is not None:
            self.task.start(self._confirm_switch(""))
            return
        self._drop_draft_row()
        self._loading = True
        item = QListWidgetItem(self.tr("New account"), self.list)
        item.setData(ID_ROLE, "")
        self.list.setCurrentItem(item)
        self._loading = False
        self._load(None)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def save(self) -> None:
        self.task.start_if_idle(self._save())

    def save_and_connect(self) -> None:
        self.task.start_if_idle(self._save_and_connect())

    async def _save(self) -> bool:
        profile = self.form_profile()
        secret = self.secret_edit.text() if not profile.demo else ""
        problems = self.profiles.problems(profile)
        if problems:
            self._show_problems(problems)
            return False
        try:
            outcome = await self.accounts.save(profile, secret or None)
        except ProfileInvalidError as exc:
            self._show_problems(exc.problems)
            return False
        self._dirty = False
        self._current = outcome.profile
        self._draft_id = ""
        self.secret_edit.clear()
        if outcome.secret_saved:
            self._has_secret = True
        self._fill_list(outcome.profile.id)
        if outcome.secret_saved and not outcome.in_keyring:
            self.problem_label.setText(
                self.tr("Saved. The password is kept for this session only.")
            )
        self.profileSaved.emit(outcome.profile.id, outcome.secret_saved)
        self._update_buttons()
        return True

    async def _save_and_connect(self) -> None:
        if self._dirty and not await self._save():
            return
        profile = self._current
        if profile is None:
            return
        if not await self.accounts.has_secret(profile):
            self.problem_label.setText(
                self.tr("Enter the API key to connect.")
                if profile.auth is AuthKind.API_KEY
                else self.tr("Enter the password to connect.")
            )
            self.secret_edit.setFocus()
            return
        self.connectRequested.emit(profile.id)
        self.accept()

    def duplicate_current(self) -> None:
        if self._current is not None:
            self.task.start_if_idle(self._duplicate(self._current))

    async def _duplicate(self, profile: Profile) -> None:
        copy = await self.accounts.duplicate(
            profile, self.tr("%1 (copy)").replace("%1", profile.name)
        )
        self._dirty = False
        self._current = copy
        self._fill_list(copy.id)

    def delete_current(self) -> None:
        if self._current is not None:
            self.task.start_if_idle(self._delete(self._current))

    async def _delete(self, profile: Profile) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete account"),
            self.tr("Delete the account “%1”?").replace("%1", profile.name),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            self.tr(
                "Its password is removed from the system keyring. The account itself on "
                "SMSC is not touched, and the app's journals for it stay on this computer."
            )
        )
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        await exec_dialog(box)
        if box.clickedButton() is not delete:
            return
        await self.confirm_delete(profile)

    async def confirm_delete(self, profile: Profile) -> None:
        """Delete without asking (the question was answered)."""
        deleted = await self.accounts.delete(profile)
        self._dirty = False
        self._current = None
        self.profileDeleted.emit(profile.id)
        self._fill_list()
        if not deleted:
            self.info.text.setText(
                self.tr(
                    "The keyring could not be reached, so the password of “%1” is still in "
                    "it; the app deletes it the next time the keyring is available."
                ).replace("%1", profile.name)
            )
            self.info.show()

    def _choose_demo(self) -> None:
        self.demoRequested.emit()
        self.accept()

    # --- connection test ---------------------------------------------------------------

    def test_connection(self) -> None:
        self.test_task.start(self._test())

    async def _test(self) -> None:
        profile = self.form_profile()
        problems = [
            p
            for p in self.profiles.problems(profile)
            if p not in (ProfileProblem.NO_NAME, ProfileProblem.DUPLICATE_NAME)
        ]
        if problems:
            self._show_problems(problems)
            return
        wait = self.accounts.test_retry_after(profile)
        if wait > 0:
            self._show_test(
                False,
                self.tr(
                    "SMSC allows 10 balance requests a minute: test again in %n s.",
                    "",
                    int(wait) + 1,
                ),
            )
            return
        secret = self.secret_edit.text() if not profile.demo else None
        self.test_button.setEnabled(False)
        self._show_test(None, self.tr("Asking SMSC for the balance…"))
        server = profile.server
        try:
            if profile.demo:
                server = await self.ctx.sandbox()
            balance = await self.accounts.test_connection(profile, secret or None, server=server)
        except SecretMissingError:
            self._show_test(
                False,
                self.tr("Enter the API key first.")
                if profile.auth is AuthKind.API_KEY
                else self.tr("Enter the password first."),
            )
        except ValueError as exc:
            self._show_test(False, str(exc))
        except Exception as exc:
            from smsc_desktop.api import SmscError

            if not isinstance(exc, SmscError):
                raise
            text = describe_connection_error(exc, timeout=self.accounts.test_timeout, server=server)
            self._show_test(False, text, detail=_error_detail(exc))
        else:
            self._last_test = profile
            self._show_test(
                True,
                self.tr("Connected. Balance: %1").replace(
                    "%1", format_money(balance.amount, balance.currency)
                ),
            )
            sign = CURRENCY_SIGNS.get(balance.currency.upper(), balance.currency)
            self.low_spin.setSuffix(f" {sign}")
        finally:
            self.test_button.setEnabled(True)

    def _show_test(self, ok: bool | None, text: str, *, detail: str = "") -> None:
        if ok is None:
            self.test_icon.clear()
            set_tone(self.test_result, Tone.MUTED)
        else:
            name = "ok" if ok else "error"
            self.test_icon.setPixmap(icon(name).pixmap(QSize(18, 18)))
            set_tone(self.test_result, Tone.GOOD if ok else Tone.BAD)
        self.test_result.setText(text + (f"\n{detail}" if detail else ""))

    # --- keyring ------------------------------------------------------------------------

    def _show_keyring_status(self, status: KeyringStatus) -> None:
        if status.usable:
            self.keyring_notice.hide()
        else:
            self.keyring_notice.text.setText(
                self.tr("Passwords are kept for this session only. %1").replace(
                    "%1", describe_keyring_problem(status.problem)
                )
            )
            self.keyring_notice.button.setVisible(status.problem is not KeyringProblem.DISABLED)
            self.keyring_notice.show()
        if self.stack.currentIndex() == FORM_PAGE:
            self._update_secret_hint()

    def _retry_keyring(self) -> None:
        self.task.start_if_idle(self._retry())

    async def _retry(self) -> None:
        status = await self.ctx.secrets.retry()
        if status.usable:
            await self.accounts.forget_pending()

    def _disconnect_services(self, *_: object) -> None:
        self.task.cancel()
        self.test_task.cancel()
        self.lookup_task.cancel()
        self.ctx.secrets.status_changed.disconnect(self._show_keyring_status)
        self.profiles.changed.disconnect(self._profiles_changed)
        self.profiles.active_changed.disconnect(self._active_changed)


def _error_detail(error: BaseException) -> str:
    """``SMSC error 2`` or the error class: small print under the explanation."""
    code = getattr(error, "code", None)
    if code is not None:
        return QCoreApplication.translate("AccountsDialog", "SMSC error %1").replace(
            "%1", str(code)
        )
    return type(error).__name__
