"""Status-bar widgets: which account on which server, and its balance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from smsc_desktop.api import Balance
from smsc_desktop.services.profiles import Profile
from smsc_desktop.ui.formatting import format_money

SANDBOX_STYLE = (
    "QLabel { background: #f59e0b; color: #1f2937; border-radius: 3px; padding: 1px 6px; }"
)
PRODUCTION_STYLE = (
    "QLabel { background: #16a34a; color: white; border-radius: 3px; padding: 1px 6px; }"
)
LOW_STYLE = "QLabel { color: #b91c1c; font-weight: bold; }"


class AccountBadge(QWidget):
    """``[SANDBOX] Demo account · 127.0.0.1:8765``, coloured so nobody mistakes a test server."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QLabel(self)
        self.name = QLabel(self)
        layout.addWidget(self.kind)
        layout.addWidget(self.name)
        self.set_profile(None)

    def set_profile(self, profile: Profile | None) -> None:
        if profile is None:
            self.kind.hide()
            self.name.setText(self.tr("No account"))
            return
        self.kind.show()
        if profile.is_production:
            self.kind.setText(self.tr("LIVE"))
            self.kind.setStyleSheet(PRODUCTION_STYLE)
            self.kind.setToolTip(self.tr("A production SMSC server: actions spend real money."))
        else:
            self.kind.setText(self.tr("SANDBOX") if profile.demo else self.tr("TEST SERVER"))
            self.kind.setStyleSheet(SANDBOX_STYLE)
            self.kind.setToolTip(self.tr("Not a production SMSC server."))
        self.name.setText(f"{profile.name} · {profile.server_label}")


class BalanceLabel(QWidget):
    """The balance with its currency and a refresh button that respects SMSC's limit."""

    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QToolButton(self)
        self.button.setText("⟳")
        self.button.setToolTip(self.tr("Refresh the balance"))
        self.button.clicked.connect(self.refreshRequested)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.set_balance(None)

    def set_balance(self, balance: Balance | None, *, low: bool = False) -> None:
        if balance is None:
            self.label.setText(self.tr("Balance: —"))
            self.label.setStyleSheet("")
            return
        text = self.tr("Balance: %1").replace("%1", format_money(balance.amount, balance.currency))
        if low:
            text += " " + self.tr("(low)")
        self.label.setText(text)
        self.label.setStyleSheet(LOW_STYLE if low else "")
