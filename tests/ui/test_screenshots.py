"""Pictures of the account layer as a user sees it, to look at (and to check nothing is blank
and no secret shows). Saved to $SMSC_SCREENSHOT_DIR when set, else to the test's tmp folder:

    SMSC_SCREENSHOT_DIR=shots uv run pytest tests/ui/test_screenshots.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPixmap

from smsc_desktop.services.profiles import Profile
from smsc_desktop.ui.dialogs.accounts import AccountsDialog
from tests.helpers.app import AppHarness
from tests.helpers.images import distinct_colours
from tests.helpers.sandbox import SandboxHandle


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SMSC_SCREENSHOT_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def app(qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle) -> Iterator[AppHarness]:
    harness = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
    yield harness
    harness.close()


def two_accounts(app: AppHarness) -> tuple[Profile, Profile]:
    live = app.run(
        app.ctx.accounts.save(
            Profile(name="Acme Retail", server="smsc.ru", login="acme-retail"), "acme-pw-1"
        )
    ).profile
    test = app.add_sandbox_profile("Beta Logistics (test)", app.sandbox.kz)
    return live, test


def with_popup(window: Any, popup: Any) -> QPixmap:
    """The window with an open popup menu painted where it is on screen."""
    picture = window.grab()
    painter = QPainter(picture)
    offset = popup.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
    painter.drawPixmap(offset, popup.grab())
    painter.end()
    return picture


def test_main_window_with_two_accounts(app: AppHarness, shots: Path) -> None:
    _live, test = two_accounts(app)
    app.ctx.profiles.set_active(test.id)
    app.run(app.controller.start())
    session = app.wait_session(test.id)
    app.qtbot.waitUntil(lambda: session.balance is not None)
    app.run(session.client.list_available_numbers())
    app.run(session.client.incoming_messages(hours=24))
    app.run(session.client.list_jobs())
    app.ctx.accounts.test_timeout = 2.0
    dialog = AccountsDialog(app.ctx, app.window)
    app.qtbot.addWidget(dialog)
    app.window.resize(1200, 760)
    app.window.show()
    app.qtbot.waitExposed(app.window)
    app.controller.dock_action.trigger()
    app.qtbot.waitExposed(app.controller.request_log.table)
    label = app.window.balance_label.label
    app.qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width())
    assert app.window.grab().save(str(shots / "main-window.png"))

    menu = app.controller.switcher.menu
    menu.popup(
        app.controller.switcher.button.mapToGlobal(
            QPoint(0, app.controller.switcher.button.height())
        )
    )
    app.qtbot.waitExposed(menu)
    assert with_popup(app.window, menu).save(str(shots / "main-window-switcher.png"))
    menu.hide()
    for name in ("main-window.png", "main-window-switcher.png"):
        assert distinct_colours(shots / name) > 20


def test_account_dialog(app: AppHarness, shots: Path) -> None:
    welcome = AccountsDialog(app.ctx, app.window, first_run=True)
    app.qtbot.addWidget(welcome)
    welcome.show()
    app.qtbot.waitExposed(welcome)
    assert welcome.grab().save(str(shots / "first-run.png"))
    welcome.close()

    _live, test = two_accounts(app)
    app.ctx.profiles.set_active(test.id)
    dialog = AccountsDialog(app.ctx, app.window, select_id=test.id)
    app.qtbot.addWidget(dialog)
    dialog.show()
    app.qtbot.waitExposed(dialog)
    app.qtbot.waitUntil(lambda: not dialog.form.lookup_task.running)
    dialog.form.tester.button.click()
    app.qtbot.waitUntil(lambda: not dialog.form.tester.running, timeout=10_000)
    assert not dialog.form.secret_edit.revealed
    assert dialog.grab().save(str(shots / "account-dialog.png"))

    dialog.add_profile()
    dialog.form.name_edit.setText("Gamma Pharmacy")
    dialog.form.server_combo.setCurrentIndex(1)
    app.qtbot.keyClicks(dialog.form.login_edit, "gamma")
    app.qtbot.keyClicks(dialog.form.secret_edit.edit, "typed-secret-never-shown")
    assert dialog.form.heading.text() == "New account"
    assert dialog.grab().save(str(shots / "account-dialog-new.png"))
    for name in ("account-dialog.png", "account-dialog-new.png", "first-run.png"):
        assert distinct_colours(shots / name) > 20


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_in_both_schemes(app: AppHarness, shots: Path, scheme: str) -> None:
    """overview_dark.png, numbers_light.png, ...: each tab on the demo account, in each scheme
    (the window's mean lightness says which one it is)."""
    from PySide6.QtGui import QColor, QImage, QPalette
    from PySide6.QtWidgets import QApplication

    from smsc_desktop.ui import theme

    profile = app.add_sandbox_profile("Sandbox demo")
    app.ctx.profiles.set_active(profile.id)
    app.run(app.controller.start())
    session = app.wait_session(profile.id)
    app.qtbot.waitUntil(lambda: session.balance is not None)
    app.window.resize(1200, 760)
    app.window.show()
    app.qtbot.waitExposed(app.window)
    try:
        theme.apply_scheme(theme.Scheme(scheme))
        window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
        app.qtbot.waitUntil(
            lambda: app.window.palette().color(QPalette.ColorRole.Window) == window_colour
        )
        for name in ("overview", "numbers", "verification", "exports"):
            page = app.window.show_tab(name)
            app.qtbot.waitUntil(page.is_loaded, timeout=10_000)
            path = shots / f"{name}_{scheme}.png"
            assert app.window.grab().save(str(path))
            assert distinct_colours(path) > 20
            image = QImage(str(path)).scaled(40, 25)
            pixels = [QColor(image.pixel(x, y)) for y in range(25) for x in range(40)]
            lightness = sum(p.lightness() for p in pixels) / len(pixels)
            assert (lightness < 128) is (scheme == "dark"), (name, lightness)
    finally:
        theme.apply_scheme(theme.Scheme.SYSTEM)
