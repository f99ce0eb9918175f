"""Driving the Numbers tab against the sandbox: open it on an account, find its dialogs.

``open_tab`` (a fixture, offered to the UI tests by ``tests/ui/conftest.py``) gives a
:class:`TabHarness`: the shown tab on a sandbox account, with helpers to wait, select and
find modal dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from smsc_desktop.services.clock import Clock
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.session import AccountSession, SessionOptions
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.dialogs.add_number import AddNumberDialog
from smsc_desktop.ui.tabs.numbers import NumbersTab
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxAccount, SandboxHandle
from tests.helpers.sessions import sandbox_session


@dataclass
class TabHarness:
    tab: NumbersTab
    session: AccountSession
    sandbox: SandboxHandle
    qtbot: Any
    loop: Any

    def requests(self, key: str) -> int:
        return int(self.sandbox.state()["requests"].get(key, 0))

    def wait(self, condition: Callable[[], object], timeout: int = 10_000) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def run(self, coro: Any) -> Any:
        return run(self.loop, self.qtbot, coro)

    def message(self) -> str:
        return self.tab.message.message()

    def wait_message(self, *fragments: str, timeout: int = 10_000) -> str:
        self.wait(lambda: all(f in self.message() for f in fragments), timeout)
        return self.message()

    def select_row(self, row: int) -> None:
        self.tab.free.view.selectRow(row)
        self.tab.free.view.setFocus()

    def row_point(self, row: int) -> QPoint:
        view = self.tab.free.view
        return view.visualRect(view.model().index(row, 1)).center()

    def modal(self, cls: type[QWidget], timeout: int = 5_000) -> Any:
        found: list[QWidget] = []

        def visible() -> bool:
            found[:] = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()
            ]
            return bool(found)

        self.wait(visible, timeout)
        return found[0]

    def open_dialogs(self, cls: type[QWidget]) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]

    def click(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def add_number(h: TabHarness, phone: str, price: float, renew: bool) -> None:
    """Add a number rented elsewhere through My numbers' dialog, as a user does."""
    h.click(h.tab.mine.add_button)
    dialog: AddNumberDialog = h.modal(AddNumberDialog)
    assert not dialog.ok_button.isEnabled()
    h.qtbot.keyClicks(dialog.phone, phone)
    dialog.monthly.setValue(price)
    dialog.renewal.setCurrentIndex(0 if renew else 1)
    assert dialog.ok_button.isEnabled()
    h.click(dialog.ok_button)
    h.wait(lambda: h.tab.mine.model.row_of("".join(c for c in phone if c.isdigit())) >= 0)


@pytest.fixture
def open_tab(
    qtbot: Any, qloop: Any, sandbox: SandboxHandle, tmp_path: Path
) -> Iterator[Callable[..., TabHarness]]:
    """``open_tab(account=None, timeout=15.0, load=True, wall=None)`` → a shown tab on a
    sandbox account (``wall``: the wall clock the services read)."""
    harnesses: list[TabHarness] = []

    def make(
        account: SandboxAccount | None = None,
        timeout: float = 15.0,
        load: bool = True,
        wall: Clock | None = None,
    ) -> TabHarness:
        paths = AppPaths(tmp_path / "app")
        ctx = AppContext(paths, Settings(paths.settings_file))
        tab = NumbersTab(ctx)
        tab.resize(1180, 720)
        tab.show()
        options = None if wall is None else SessionOptions(timeout=timeout, wall_clock=wall)
        session = sandbox_session(
            sandbox, tmp_path / "app", account=account, timeout=timeout, options=options
        )
        harness = TabHarness(tab, session, sandbox, qtbot, qloop)
        harnesses.append(harness)
        ctx.session = session
        ctx.sessionChanged.emit(session)
        run(qloop, qtbot, session.refresh_balance())
        if load:
            qtbot.waitUntil(tab.is_loaded, timeout=10_000)
        return harness

    yield make
    for harness in harnesses:
        for dialog in QApplication.topLevelWidgets():
            if dialog.isVisible() and dialog.isModal():
                dialog.close()
        tab = harness.tab
        if shiboken6.isValid(tab):  # a test may have deleted it
            tab.shutdown()
            tab.close()
            tab.deleteLater()
        run(qloop, qtbot, harness.session.close())
