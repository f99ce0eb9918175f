"""What startup does early or late: the first account prepared while the window is built,
the other tabs built (and loaded) on their first show."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smsc_desktop.ui import aio
from smsc_desktop.ui.tabs.base import TabPage
from tests.helpers.app import AppHarness


def test_a_prepared_account_opens_with_the_session_made_ahead(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Prepared")
    started = app.ctx.prepare(profile)
    app.qtbot.waitUntil(started.is_set)
    assert app.ctx._prepared is not None
    _, task = app.ctx._prepared
    app.qtbot.waitUntil(task.done)
    _, made = task.result()

    session = app.run(app.ctx.open_profile(profile))
    assert session is made
    assert app.ctx.session is made
    app.run(session.refresh_balance())
    assert session.balance is not None


def test_a_prepared_account_is_not_used_for_another_profile(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Prepared")
    app.ctx.prepare(profile)
    assert app.ctx._prepared is not None
    _, task = app.ctx._prepared
    app.qtbot.waitUntil(task.done)
    _, made = task.result()

    edited = replace(profile, name="Edited meanwhile")
    session = app.run(app.ctx.open_profile(edited))
    assert session is not made
    assert session.profile.name == "Edited meanwhile"
    assert made.closed  # the session made ahead does not leak its client


def test_a_prepared_account_without_a_secret_asks_as_usual(
    app: AppHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real app reports a failed app task as a crash: a missing secret is not one."""
    crashes: list[BaseException] = []
    monkeypatch.setattr(aio, "_error_handler", crashes.append)
    profile = app.add_sandbox_profile("No secret")
    app.run(app.ctx.accounts.secrets.delete(profile.secret_key))
    started = app.ctx.prepare(profile)
    app.qtbot.waitUntil(started.is_set)
    app.run(app.controller.open(profile))
    assert crashes == []
    assert app.ctx.session is None
    dialog = app.controller.dialog
    assert dialog is not None
    assert dialog.isVisible()


def test_tabs_are_built_on_first_show_and_take_the_open_account(app: AppHarness) -> None:
    window = app.window
    assert set(window.pages.built()) == {"numbers"}
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Overview", "Numbers", "Verification", "Exports"]
    profile = app.add_sandbox_profile("Client")
    app.run(app.controller.open(profile))
    session = app.wait_session(profile.id)

    window.show()
    app.qtbot.waitExposed(window)
    window.activateWindow()
    app.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    app.qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Alt+3
    assert set(window.pages.built()) == {"numbers", "verification"}
    page = window.tabs.currentWidget()
    assert isinstance(page, TabPage)
    assert page is window.pages["verification"]
    assert page.session is session  # built after the account opened, it follows it
    app.qtbot.waitUntil(page.is_loaded, timeout=10_000)

    exports = window.pages["exports"]  # asked for: built, not shown
    assert window.tabs.currentWidget() is page
    assert exports.session is session
    assert window.tabs.indexOf(exports) == 3


def test_a_tab_not_built_yet_is_not_ready(qtbot: object, tmp_path: Path) -> None:
    """app.py attaches the window first and builds the tab in front a turn of the loop
    later: in between, the startup probe (and --screenshot) must not take it as loaded."""
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.secrets import SecretStore
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui.context import AppContext
    from smsc_desktop.ui.main_window import MainWindow
    from smsc_desktop.ui.startup_probe import main_window_ready

    ctx = AppContext(
        AppPaths(tmp_path), Settings(tmp_path / "settings.json"), secrets=SecretStore()
    )
    window = MainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.attach(ctx, "exports", build_tab=False)
    assert window.tabs.currentIndex() == 3
    assert window.pages.built() == {}
    assert not main_window_ready(window)
    page = window.show_tab(window.first_tab(ctx, "exports"))
    assert window.tabs.currentWidget() is page is window.pages["exports"]


def test_unfinished_downloads_resume_without_the_exports_tab(app: AppHarness) -> None:
    """The Exports tab is built on its first show; downloads left unfinished last time
    continue anyway, once the tab in front has loaded."""
    import json

    from smsc_desktop.services.downloads.store import QUEUE_FILE, SCHEMA_VERSION

    profile = app.add_sandbox_profile("Downloads")
    queue = app.paths.profile_dir(profile.id) / QUEUE_FILE
    queue.parent.mkdir(parents=True, exist_ok=True)
    item = {
        "id": "d1",
        "job_id": 1,
        "job_name": "January",
        "file_name": "january.csv",
        "folder": str(app.paths.root / "Downloads"),
        "state": "queued",
        "received": 0,
        "total": None,
    }
    queue.write_text(json.dumps({"schema": SCHEMA_VERSION, "items": [item]}), encoding="utf-8")
    app.run(app.controller.open(profile))
    session = app.wait_session(profile.id)
    assert app.run(session.has_unfinished_downloads())
    app.qtbot.waitUntil(lambda: session._exports_start is not None, timeout=15_000)
    assert "exports" not in app.window.pages.built()


def test_finished_downloads_do_not_start_the_exports(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Nothing to continue")
    app.run(app.controller.open(profile))
    session = app.wait_session(profile.id)
    assert not app.run(session.has_unfinished_downloads())
    page = app.window.tabs.currentWidget()
    app.qtbot.waitUntil(page.is_loaded, timeout=10_000)
    task = app.window._resume.task
    assert task is not None
    app.qtbot.waitUntil(task.done, timeout=10_000)
    assert session._exports_start is None


def test_the_overview_and_its_service_are_made_on_its_first_show(app: AppHarness) -> None:
    """Neither the Overview tab nor its service (overview.json, the accounts' files) is made
    at startup on another tab; Ctrl+0 builds the tab, which makes the service."""
    window = app.window
    assert "overview" not in window.pages.built()
    assert app.ctx._overview is None

    window.show()
    app.qtbot.waitExposed(window)
    window.overview_action.trigger()  # Ctrl+0
    assert window.current_tab() == "overview"
    page = window.pages.built()["overview"]
    assert window.tabs.currentWidget() is page
    assert app.ctx._overview is not None
    app.qtbot.waitUntil(page.is_loaded, timeout=15_000)


def test_the_overview_works_before_its_tab_is_shown(app: AppHarness) -> None:
    """app.py starts the overview's service once the window is ready: it follows the
    active account and keeps the chosen interval, with its tab still not built."""
    app.settings.set("overview/interval_minutes", 15)
    profile = app.add_sandbox_profile("Client")
    app.run(app.controller.open(profile))
    session = app.wait_session(profile.id)

    overview = app.ctx.start_overview()
    assert app.ctx.start_overview() is overview is app.ctx.overview
    assert overview.interval_minutes == 15
    assert overview._session is session
    assert "overview" not in app.window.pages.built()


def test_the_request_log_panel_is_made_when_its_dock_is_first_shown(app: AppHarness) -> None:
    controller = app.controller
    assert controller._request_log is None
    assert controller.dock.widget() is None
    profile = app.add_sandbox_profile("Logged")
    app.run(controller.open(profile))
    session = app.wait_session(profile.id)
    app.run(session.refresh_balance())
    app.window.show()
    app.qtbot.waitExposed(app.window)
    controller.dock_action.trigger()
    panel = controller.dock.widget()
    assert panel is not None
    assert panel is controller.request_log
    assert panel.model.rowCount() >= 1  # what was asked before it existed
