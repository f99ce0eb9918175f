"""The Verification tab (its content comes with its own issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.tabs.base import TabPage


class VerificationTab(TabPage):
    name = "verification"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self._label = QLabel(
            self.tr(
                "Phone verification by a call from the subscriber, and the callback workbench."
            ),
            self,
        )
        self._label.setWordWrap(True)
        layout.addWidget(self._label)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Verification")

    def session_changed(self, session: AccountSession | None) -> None:
        if session is not None:
            self.mark_loaded()
