"""The Verification tab on the sandbox, driven like a user would, for the tab's and its
panels' tests.

The tab's clock is a ManualClock the test moves; the inbox is read every 0.1 s (real time),
and the tests wait on conditions (qtbot.waitUntil), never on sleeps. A test module makes its
``ui`` fixture with ``yield from open_ui(qtbot, qloop, sandbox)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smsc_desktop.api import Credentials
from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.session import SessionOptions
from smsc_desktop.services.settings import Settings
from smsc_desktop.services.verification import VerificationState
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.models.verification_history import Column
from smsc_desktop.ui.panels.verification.card import VerificationCard
from smsc_desktop.ui.tabs.verification import VerificationTab
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import app_paths, sandbox_profile

PHONE = "79161230001"
OTHER = "79161230002"
RU_POOL = {"74993801001", "74993801002", "74993801003", "74993801004"}


class Harness:
    """The tab on an AppContext of its own. ``register_tab=False``: the test deletes the tab
    itself (qtbot would close a deleted widget at teardown)."""

    def __init__(
        self, qtbot: QtBot, qloop: Any, sandbox: SandboxHandle, *, register_tab: bool = True
    ) -> None:
        self.qtbot = qtbot
        self.loop = qloop
        self.sandbox = sandbox
        self.clock = ManualClock()
        paths = app_paths()
        self.ctx = AppContext(
            paths,
            Settings(paths.settings_file),
            sandbox_url=sandbox.url,
            session_options=SessionOptions(wall_clock=self.clock, poll_interval=0.1),
        )
        self.tab = self.new_tab(register=register_tab)

    def new_tab(self, *, register: bool = True) -> VerificationTab:
        tab = VerificationTab(self.ctx)
        if register:
            self.qtbot.addWidget(tab)
        tab.resize(1100, 700)
        tab.show()
        return tab

    def open(self, *, demo: bool = True) -> None:
        profile = sandbox_profile(self.sandbox, demo=demo)
        creds = Credentials.from_password(self.sandbox.login, self.sandbox.password)
        run(self.loop, self.qtbot, self.ctx.open_session(profile, creds))
        self.qtbot.waitUntil(self.tab.is_loaded)

    def close(self) -> None:
        run(self.loop, self.qtbot, self.ctx.close_session())

    @property
    def panel(self) -> Any:
        return self.tab.call_panel

    def request(self, phone: str) -> None:
        self.panel.form.phone_edit.setText(phone)
        self.qtbot.mouseClick(self.panel.form.request_button, Qt.MouseButton.LeftButton)

    def card(self, phone: str) -> VerificationCard:
        cards = [c for c in self.panel.cards_area.cards.values() if c.verification.phone == phone]
        assert cards, f"no card for {phone}"
        return cards[0]

    def wait_card(self, phone: str, state: VerificationState) -> VerificationCard:
        def ready() -> bool:
            cards = [
                c for c in self.panel.cards_area.cards.values() if c.verification.phone == phone
            ]
            return bool(cards) and cards[0].verification.state is state

        self.qtbot.waitUntil(ready, timeout=10_000)
        return self.card(phone)

    def model_text(self, row: int, column: Column) -> str:
        model = self.panel.history.model
        return str(model.data(model.index(row, column)))


def choose(combo: Any, value: str) -> None:
    """Pick the item of *combo* whose data is *value*."""
    combo.setCurrentIndex(combo.findData(value))


def open_ui(qtbot: QtBot, qloop: Any, sandbox: SandboxHandle) -> Iterator[Harness]:
    """The body of a ``ui`` fixture: the tab with the sandbox demo account open."""
    harness = Harness(qtbot, qloop, sandbox)
    harness.open()
    try:
        yield harness
    finally:
        harness.tab.shutdown()
        harness.close()
