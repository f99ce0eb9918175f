"""The main window's account layer: startup, one-click and shortcut switching, the active
account always visible, edits of the open account, the request log dock, debug info."""

from __future__ import annotations

import socket
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from smsc_desktop.services.profiles import DEMO_PROFILE_ID, Profile
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.ui.lifetime import when_destroyed
from tests.helpers.app import AppHarness
from tests.helpers.fake_keyrings import LockedKeyring
from tests.helpers.sandbox import SandboxHandle


def test_first_run_opens_the_welcome_page(app: AppHarness) -> None:
    app.run(app.controller.start())
    dialog = app.controller.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.stack.currentIndex() == 0
    assert app.ctx.session is None
    assert app.controller.switcher.button.text() == "Add an account"


def test_first_run_demo_choice_opens_the_sandbox(app: AppHarness) -> None:
    app.run(app.controller.start())
    app.controller.dialog.welcome.demo_choice.click()
    session = app.wait_session(DEMO_PROFILE_ID)
    assert session.profile.server == app.sandbox.url
    assert app.ctx.profiles.active_id == DEMO_PROFILE_ID  # persisted: no first run next time
    assert app.ctx.profiles.get(DEMO_PROFILE_ID).server == "http://127.0.0.1"


def test_start_opens_the_last_active_account(app: AppHarness) -> None:
    app.add_sandbox_profile("First")
    second = app.add_sandbox_profile("Second", app.sandbox.kz)
    app.ctx.profiles.set_active(second.id)
    app.run(app.controller.start())
    session = app.wait_session(second.id)
    app.qtbot.waitUntil(lambda: session.balance is not None)
    assert app.window.windowTitle().startswith("Second — ")
    badge = app.window.account_badge
    assert badge.parent() is app.controller.toolbar  # next to the switcher, always visible
    assert badge.name.text().startswith("127.0.0.1:")
    assert badge.name.text().endswith(" · kz_demo")
    assert badge.kind.text() == "TEST SERVER"
    assert app.controller.switcher.button.text() == "Second"
    assert "border-bottom: 3px solid" in app.controller.toolbar.styleSheet()
    assert "KZT" in app.window.balance_label.label.text() or "₸" in (
        app.window.balance_label.label.text()
    )


def test_start_without_demo_profiles_leaves_the_demo_names_alone(
    app: AppHarness, monkeypatch: Any
) -> None:
    """Renaming demo profiles by language needs the sandbox's account list: not loaded (nor
    its cost paid at every start) when there is no demo profile to rename."""
    import smsc_desktop.ui.demo_accounts as demo_accounts

    calls: list[object] = []
    monkeypatch.setattr(demo_accounts, "localize_demo_names", calls.append)
    profile = app.add_sandbox_profile("Only real")
    app.run(app.controller.start())
    app.wait_session(profile.id)
    assert calls == []
    app.run(app.controller.open_demo())
    app.run(app.controller.start())
    assert calls == [app.ctx.profiles]


def test_switch_with_a_shortcut_and_from_the_menu(app: AppHarness) -> None:
    first = app.add_sandbox_profile("First")
    second = app.add_sandbox_profile("Second", app.sandbox.kz)
    app.run(app.controller.start())
    app.wait_session(first.id)
    changes: list[object] = []
    app.ctx.sessionChanged.connect(changes.append)

    app.window.show()
    app.qtbot.waitExposed(app.window)
    app.window.activateWindow()
    app.qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window)
    app.qtbot.keyClick(app.window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    app.wait_session(second.id)
    assert app.ctx.profiles.active_id == second.id
    assert [a.isChecked() for a in app.controller.switcher.switch_actions[:2]] == [False, True]

    app.controller.switcher.switch_actions[0].trigger()  # one click in the menu
    app.wait_session(first.id)
    assert changes[0] is None
    assert changes[-1].profile.id == first.id
    assert app.ctx.profiles.active_id == first.id
    menu_texts = [a.text() for a in app.controller.switcher.menu.actions() if a.text()]
    assert menu_texts[:2] == [
        f"First  —  {app.ctx.session.profile.server_label}",
        f"Second  —  {app.ctx.session.profile.server_label}",
    ]
    assert app.controller.switcher.switch_actions[1].shortcut().toString() == "Ctrl+2"


def test_missing_secret_at_start_asks_for_it(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    app = AppHarness(
        qtbot, qloop, tmp_path / "app", sandbox, secrets=SecretStore(backend_factory=LockedKeyring)
    )
    try:
        profile = app.ctx.profiles.add(Profile(name="Locked", server=sandbox.url, login="demo"))
        app.run(app.controller.start())
        dialog = app.controller.dialog
        assert dialog is not None
        assert app.ctx.session is None
        assert "Enter the password of “Locked” to connect." in dialog.info_bar.message()
        assert "locked" in dialog.keyring_bar.message()
        assert app.controller.keyring_label.isVisible() or not app.window.isVisible()
        assert app.controller.keyring_label.text() == "Passwords: this session only"
        qtbot.keyClicks(dialog.form.secret_edit.edit, sandbox.password)
        dialog.connect_button.click()
        app.wait_session(profile.id)
    finally:
        app.close()


def test_renaming_the_open_account_keeps_the_session(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Before")
    app.run(app.controller.start())
    session = app.wait_session(profile.id)
    dialog = app.controller.show_dialog()
    dialog.form.name_edit.setText("After")
    dialog.form.low_spin.setValue(6000)
    dialog.save_button.click()
    app.qtbot.waitUntil(lambda: not dialog.task.running)
    assert app.ctx.session is session  # not reopened
    assert session.profile.name == "After"
    assert session.profile.low_balance == Decimal("6000")
    assert app.window.windowTitle().startswith("After — ")
    assert app.controller.switcher.button.text() == "After"


def test_changing_the_server_reopens_the_session(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Moving")
    app.run(app.controller.start())
    session = app.wait_session(profile.id)
    dialog = app.controller.show_dialog()
    dialog.form.server_combo.setEditText(app.sandbox.url.replace("127.0.0.1", "localhost"))
    dialog.save_button.click()
    app.qtbot.waitUntil(
        lambda: app.ctx.session is not None and app.ctx.session is not session, timeout=10_000
    )
    assert "localhost" in app.ctx.session.profile.server


def test_deleting_the_open_account_closes_it(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Gone")
    app.run(app.controller.start())
    app.wait_session(profile.id)
    dialog = app.controller.show_dialog()
    app.run(dialog.confirm_delete(profile))
    app.qtbot.waitUntil(lambda: app.ctx.session is None)
    assert not app.window.account_badge.kind.isVisibleTo(app.window)
    assert app.controller.toolbar.styleSheet() == ""
    assert app.controller.switcher.button.text() == "Add an account"


def test_low_balance_shows_in_the_status_bar(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Poor", app.sandbox.poor, low_balance=Decimal("1000"))
    app.run(app.controller.start())
    session = app.wait_session(profile.id)
    app.qtbot.waitUntil(lambda: session.balance is not None)
    label = app.window.balance_label.label
    assert "(low)" in label.text()
    assert "Warning below 1" in label.toolTip()
    assert "below the warning level" in app.window.statusBar().currentMessage()


def test_request_log_dock_and_debug_info(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Logged")
    app.run(app.controller.start())
    session = app.wait_session(profile.id)
    app.qtbot.waitUntil(lambda: session.balance is not None)
    assert not app.controller.dock.isVisible()
    app.controller.dock_action.trigger()
    assert app.controller.dock.isVisibleTo(app.window)
    panel = app.controller.request_log
    assert panel.model.rowCount() >= 1
    # The tabs load their data too; rows come in the order the requests finish.
    rows = {panel.model.index(r, 2).data(): r for r in range(panel.model.rowCount())}
    assert "balance.php balance" in rows, rows
    row = rows["balance.php balance"]
    assert panel.model.index(row, 1).data() == "Logged"
    assert panel.model.index(row, 6).data() == "OK"

    app.controller.copy_debug_info()
    text = QGuiApplication.clipboard().text()
    assert "SMSC Desktop" in text
    assert "Qt " in text
    assert "Keyring:" in text
    assert "balance.php balance" in text
    assert app.sandbox.password not in text
    assert "Debug info copied" in app.window.statusBar().currentMessage()


def test_a_second_dialog_stays_tracked_when_the_first_goes(app: AppHarness) -> None:
    """The first dialog is deleted after the second opened: the controller still knows the
    open one (it used to forget it when the first one's ``destroyed`` arrived)."""
    first = app.controller.show_dialog()
    gone: list[bool] = []
    when_destroyed(first, lambda: gone.append(True))
    second = app.controller.show_dialog()
    app.qtbot.waitUntil(lambda: gone == [True])
    assert app.controller.dialog is second
    second.close()
    app.qtbot.waitUntil(lambda: app.controller.dialog is None)


def test_a_taken_sandbox_port_is_said_in_the_window_and_the_demo_opens_once_it_is_free(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    """``--demo --sandbox-port N`` with N taken: no traceback, no crash dialog; the accounts
    dialog names the port and quotes the sandbox; once the port is free, connecting works."""
    from smsc_desktop.app import DemoSandbox
    from smsc_desktop.ui.widgets.message_bar import Level
    from tests.helpers.processes import ROOT

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    demo = DemoSandbox(port)
    app = AppHarness(qtbot, qloop, tmp_path / "app", sandbox, sandbox_starter=demo.start)
    try:
        with pytest.MonkeyPatch.context() as patch:  # the child runs this checkout
            patch.setenv("PYTHONPATH", str(ROOT))
            app.run(app.controller.start(demo=True))
            dialog = app.controller.dialog
            assert dialog is not None
            assert app.ctx.session is None
            notice = dialog.info_bar.message()
            assert f"could not start on port {port}: another program may be using" in notice
            assert "The sandbox's words: “OSError:" in notice
            assert "address" in notice  # the bind's own words ("address already in use")
            assert dialog.info_bar.level is Level.ERROR
            taken.close()
            dialog.connect_button.click()  # the demo account is the one selected
            session = app.wait_session(DEMO_PROFILE_ID)
            assert session.profile.server == f"http://127.0.0.1:{port}"
    finally:
        taken.close()
        app.close()
        app.run(demo.stop())


def test_a_demo_sandbox_that_dies_is_started_again_and_the_demo_reopened(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    """The sandbox's process killed under an open demo account: a new one is started, the
    demo account opened on it, and the status bar says what happened; stopping it on
    purpose (the app's quit) says nothing."""
    from smsc_desktop.app import DemoSandbox
    from tests.helpers.processes import ROOT

    demo = DemoSandbox()
    app = AppHarness(qtbot, qloop, tmp_path / "app", sandbox, sandbox_starter=demo.start)
    demo.on_ended = app.controller.demo_sandbox_ended
    try:
        with pytest.MonkeyPatch.context() as patch:  # the child runs this checkout
            patch.setenv("PYTHONPATH", str(ROOT))
            app.run(app.controller.start(demo=True))
            first = app.wait_session(DEMO_PROFILE_ID)
            child = demo._child
            assert child is not None
            assert child.process is not None
            child.process.kill()
            qtbot.waitUntil(
                lambda: app.ctx.session is not None and app.ctx.session is not first,
                timeout=20_000,
            )
            session = app.ctx.session
            assert session.profile.id == DEMO_PROFILE_ID
            assert demo.url is not None
            assert session.profile.server == demo.url
            assert demo._child is not None
            assert demo._child is not child
            qtbot.waitUntil(
                lambda: (
                    "stopped unexpectedly (exit code -9)" in app.window.statusBar().currentMessage()
                ),
                timeout=20_000,
            )
            assert "starts over with its sample data" in app.window.statusBar().currentMessage()
            balance = app.run(session.client.balance())
            assert balance.amount > 0  # the new sandbox answers
            app.window.statusBar().clearMessage()
            seen: list[int] = []
            ended = demo._ended

            def noticed(child: Any, code: int) -> None:
                seen.append(code)
                ended(child, code)

            patch.setattr(demo, "_ended", noticed)
            app.run(demo.stop())  # on purpose: noticed by the watcher, but not reported
            qtbot.waitUntil(lambda: len(seen) == 1)
            assert app.window.statusBar().currentMessage() == ""
            assert app.ctx.session is session
    finally:
        app.close()
        app.run(demo.stop())


def test_a_sandbox_ending_with_no_demo_open_is_only_reported(
    app: AppHarness,
) -> None:
    profile = app.add_sandbox_profile("Client")
    app.run(app.controller.open(profile))
    session = app.wait_session(profile.id)
    app.controller.demo_sandbox_ended(1)
    message = app.window.statusBar().currentMessage()
    assert "stopped unexpectedly (exit code 1). It starts again when a demo account" in message
    assert app.ctx.session is session


def test_a_sandbox_that_keeps_ending_is_not_restarted_in_a_loop(app: AppHarness) -> None:
    """Three restarts in five minutes, then the fourth end is only reported: a sandbox that
    dies as soon as it starts does not spawn process after process."""
    from smsc_desktop.ui.accounts import SANDBOX_RESTARTS

    app.run(app.controller.start(demo=True))
    session = app.wait_session(DEMO_PROFILE_ID)
    status = app.window.statusBar()
    for _ in range(SANDBOX_RESTARTS):
        app.controller.demo_sandbox_ended(1)
        app.qtbot.waitUntil(lambda s=session: app.ctx.session not in (None, s))
        session = app.ctx.session
        app.qtbot.waitUntil(lambda: "has been started again" in status.currentMessage())
        status.clearMessage()
    app.controller.demo_sandbox_ended(1)
    assert "It starts again when a demo account is opened" in status.currentMessage()
    assert app.ctx.session is session
    assert not app.controller.open_task.running
