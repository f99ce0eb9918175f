"""The first-run page of the account dialog: connect a real account, or try the sandbox."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from smsc_desktop.ui.resources import icon


class WelcomePage(QWidget):
    """Two ways in: ``connect_choice`` and ``demo_choice`` (the dialog acts on their clicks)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        logo = QLabel(self)
        logo.setPixmap(icon("smsc-desktop").pixmap(QSize(48, 48)))
        title = QLabel(self.tr("Welcome to SMSC Desktop"), self)
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
            self,
        )
        intro.setWordWrap(True)
        self.connect_choice = QCommandLinkButton(self.tr("Connect an SMSC account"), self)
        self.set_keyring_usable(True)
        self.connect_choice.setObjectName("ConnectChoice")
        self.demo_choice = QCommandLinkButton(
            self.tr("Try the sandbox demo"),
            self.tr(
                "A practice SMSC server inside the app with a demo account, free numbers, "
                "calls and exports. Nothing is real and nothing is charged."
            ),
            self,
        )
        self.demo_choice.setObjectName("DemoChoice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(heading)
        layout.addSpacing(6)
        layout.addWidget(intro)
        layout.addSpacing(18)
        layout.addWidget(self.connect_choice)
        layout.addWidget(self.demo_choice)
        layout.addStretch(1)

    def set_keyring_usable(self, usable: bool) -> None:
        """Say where the password will be kept: the keyring, or (without one) memory only."""
        where = (
            self.tr("The password is kept in the system keyring.")
            if usable
            else self.tr("Without a system keyring, the password is kept for this session only.")
        )
        self.connect_choice.setDescription(
            self.tr(
                "Sign in with the login and password, or an API key, of an account on "
                "smsc.ru, smsc.kz, smsc.ua or smscentre.com."
            )
            + " "
            + where
        )
