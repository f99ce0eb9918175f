"""Which account on which server, and its balance: the status-bar widgets and the colours
every account widget shares (a live server green, anything else amber)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from smsc_desktop.api import Balance
from smsc_desktop.services.profiles import Profile
from smsc_desktop.ui import a11y
from smsc_desktop.ui.formatting import format_money
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.theme import TAG_LIVE, TAG_TEST, Tone, set_tone

# QCoreApplication.translate is called by name so that pyside6-lupdate extracts the texts.
translate = QCoreApplication.translate


def kind_text(profile: Profile) -> str:
    """``LIVE``, ``SANDBOX`` or ``TEST SERVER``."""
    if profile.is_production:
        return translate("AccountBadge", "LIVE")
    return (
        translate("AccountBadge", "SANDBOX")
        if profile.demo
        else translate("AccountBadge", "TEST SERVER")
    )


def kind_tooltip(profile: Profile) -> str:
    if profile.is_production:
        return translate("AccountBadge", "A production SMSC server: actions spend real money.")
    if profile.demo:
        return translate(
            "AccountBadge", "The built-in SMSC sandbox: nothing is real and nothing is charged."
        )
    return translate("AccountBadge", "Not a production SMSC server: a test or custom address.")


def kind_colour(profile: Profile) -> str:
    return (TAG_LIVE if profile.is_production else TAG_TEST)[0]


def chip_style(profile: Profile) -> str:
    """A rounded coloured chip for a QLabel."""
    background, text = TAG_LIVE if profile.is_production else TAG_TEST
    return (
        f"QLabel {{ background: {background}; color: {text}; border-radius: 3px; "
        "padding: 1px 6px; font-weight: 600; }"
    )


def server_text(profile: Profile) -> str:
    """The server as the user knows it (``smsc.ru``, ``127.0.0.1:8765``, built-in sandbox)."""
    if profile.demo and profile.server.rstrip("/") in ("http://127.0.0.1", ""):
        return translate("AccountBadge", "built-in sandbox")
    return profile.server_label


def dot_icon(colour: str, size: int = 12) -> QIcon:
    """A filled circle, the colour of a server kind, for lists and menus."""
    pixmap = QPixmap(QSize(size, size) * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return QIcon(pixmap)


class AccountBadge(QWidget):
    """``[SANDBOX] Demo account · 127.0.0.1:8765``, coloured so nobody mistakes a test server."""

    def __init__(self, parent: QWidget | None = None, *, show_name: bool = True) -> None:
        super().__init__(parent)
        self.show_name = show_name
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.kind = QLabel(self)
        self.kind.setObjectName("AccountKind")
        self.name = QLabel(self)
        self.name.setObjectName("AccountName")
        layout.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.name, 0, Qt.AlignmentFlag.AlignVCenter)
        self.set_profile(None)

    def set_profile(self, profile: Profile | None) -> None:
        if profile is None:
            self.kind.hide()
            self.name.setText(self.tr("No account"))
            self.name.setVisible(self.show_name)
            return
        self.kind.show()
        self.name.show()
        self.kind.setText(kind_text(profile))
        self.kind.setStyleSheet(chip_style(profile))
        self.kind.setToolTip(kind_tooltip(profile))
        where = server_text(profile)
        if profile.login and profile.auth.value == "password":
            where += f" · {profile.login}"
        self.name.setText(f"{profile.name} · {where}" if self.show_name else where)
        self.name.setToolTip(profile.server)


class BalanceLabel(QWidget):
    """The balance with its currency and a refresh button that respects SMSC's limit."""

    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("Balance")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QToolButton(self)
        self.button.setIcon(icon("refresh"))
        self.button.setAutoRaise(True)
        self.button.setToolTip(self.tr("Refresh the balance"))
        a11y.name_icon_button(self.button, self.button.toolTip())
        self.button.clicked.connect(self.refreshRequested)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.set_balance(None)

    def set_balance(
        self, balance: Balance | None, *, low: bool = False, threshold: Decimal | None = None
    ) -> None:
        if balance is None:
            self.label.setText(self.tr("Balance: —"))
            self.label.setStyleSheet("")
            self.label.setToolTip("")
            return
        text = self.tr("Balance: %1").replace("%1", format_money(balance.amount, balance.currency))
        if low:
            text += " " + self.tr("(low)")
        self.label.setText(text)
        set_tone(self.label, Tone.BAD if low else None)
        font = self.label.font()
        font.setBold(low)
        self.label.setFont(font)
        if threshold is not None:
            self.label.setToolTip(
                self.tr("Warning below %1 (set in the account settings)").replace(
                    "%1", format_money(threshold, balance.currency)
                )
            )
        else:
            self.label.setToolTip(self.tr("No low-balance warning is set for this account."))
