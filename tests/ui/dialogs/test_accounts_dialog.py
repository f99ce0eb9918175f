"""The account dialog driven as a user would: add, edit, rename, duplicate, delete, test the
connection (every failure in plain words), first run, session-only keyring."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from smsc_desktop.services.profiles import AuthKind, Profile, demo_profile
from smsc_desktop.services.secrets import SERVICE_NAME, KeyringProblem, SecretStore
from smsc_desktop.ui import theme
from smsc_desktop.ui.dialogs.accounts import FORM_PAGE, WELCOME_PAGE
from smsc_desktop.ui.dialogs.accounts.account_list import HEADER_ROLE
from smsc_desktop.ui.theme import Tone
from tests.helpers.accounts import fill, open_dialog, run_connection_test, wait_idle
from tests.helpers.app import AppHarness
from tests.helpers.fake_keyrings import LockedKeyring
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.sandbox import SandboxHandle


def test_add_an_account_by_typing(app: AppHarness, memory_keyring: MemoryKeyring) -> None:
    dialog = open_dialog(app)
    assert dialog.stack.currentIndex() == WELCOME_PAGE  # no account yet
    dialog.welcome.connect_choice.click()
    assert dialog.stack.currentIndex() == FORM_PAGE
    fill(
        dialog,
        app.qtbot,
        name="Client A",
        server="smsc.ru",
        login="client-a",
        secret="Typed-Secret-1",
    )
    assert dialog.form.secret_edit.edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.form.server_chip.text() == "LIVE"
    dialog.save_button.click()
    wait_idle(app, dialog)

    [profile] = app.ctx.profiles.profiles()
    assert (profile.name, profile.server, profile.login) == (
        "Client A",
        "https://smsc.ru",
        "client-a",
    )
    assert memory_keyring.store[(SERVICE_NAME, profile.secret_key)] == "Typed-Secret-1"
    assert "Typed-Secret-1" not in app.settings.path.read_text(encoding="utf-8")
    assert dialog.form.secret_edit.text() == ""  # not kept in the widget
    assert "Saved" in dialog.form.secret_edit.edit.placeholderText()
    assert dialog.account_list.view.count() == 1


def test_stored_secret_never_comes_back_into_the_field(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Client")
    dialog = open_dialog(app, select_id=profile.id)
    app.qtbot.waitUntil(lambda: not dialog.form.lookup_task.running)
    assert dialog.form.secret_edit.text() == ""
    assert dialog.form.secret_edit.edit.placeholderText().startswith("Saved")
    assert dialog.form.storage_hint.text() == "Kept in the system keyring, never in a file."


def test_reveal_toggle_and_masking_again(app: AppHarness) -> None:
    dialog = open_dialog(app)
    dialog.add_profile()
    app.qtbot.keyClicks(dialog.form.secret_edit.edit, "abc")
    dialog.form.secret_edit.reveal.click()
    assert dialog.form.secret_edit.revealed
    dialog.form.apikey_radio.click()  # a different field meaning: masked again
    assert not dialog.form.secret_edit.revealed
    dialog.form.secret_edit.reveal.click()
    dialog.form.secret_edit.clear()
    assert not dialog.form.secret_edit.revealed


def test_rename_keeps_the_secret(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Old name")
    dialog = open_dialog(app, select_id=profile.id)
    dialog.form.name_edit.setText("New name")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    wait_idle(app, dialog)
    renamed = app.ctx.profiles.get(profile.id)
    assert renamed.name == "New name"
    credentials = app.run(app.ctx.accounts.credentials(renamed))
    assert credentials.form_fields()["psw"] == app.sandbox.password


def test_duplicate_copies_profile_and_secret(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Client")
    dialog = open_dialog(app, select_id=profile.id)
    dialog.account_list.duplicate_button.click()
    wait_idle(app, dialog)
    names = [p.name for p in app.ctx.profiles]
    assert names == ["Client", "Client (copy)"]
    copy = app.ctx.profiles.profiles()[1]
    assert dialog.form.reading().profile.id == copy.id  # the copy is selected for editing
    assert app.run(app.ctx.accounts.has_secret(copy))


def test_delete_asks_then_removes_profile_and_secret(
    app: AppHarness, memory_keyring: MemoryKeyring
) -> None:
    profile = app.add_sandbox_profile("Doomed")
    keep = app.add_sandbox_profile("Kept")
    dialog = open_dialog(app, select_id=profile.id)
    deleted: list[str] = []
    dialog.profileDeleted.connect(deleted.append)

    dialog.account_list.delete_button.click()
    app.qtbot.waitUntil(lambda: dialog.findChild(QMessageBox) is not None)
    box = dialog.findChild(QMessageBox)
    assert "Doomed" in box.text()
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()
    wait_idle(app, dialog)

    assert deleted == [profile.id]
    assert [p.name for p in app.ctx.profiles] == ["Kept"]
    assert (SERVICE_NAME, profile.secret_key) not in memory_keyring.store
    assert (SERVICE_NAME, keep.secret_key) in memory_keyring.store
    assert dialog.form.reading().profile.id == keep.id


def test_cancelled_delete_keeps_everything(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Safe")
    dialog = open_dialog(app, select_id=profile.id)
    dialog.account_list.delete_button.click()
    app.qtbot.waitUntil(lambda: dialog.findChild(QMessageBox) is not None)
    dialog.findChild(QMessageBox).button(QMessageBox.StandardButton.Cancel).click()
    wait_idle(app, dialog)
    assert app.ctx.profiles.get(profile.id) is not None


def test_problems_are_named_and_nothing_saved(app: AppHarness) -> None:
    app.add_sandbox_profile("Taken")
    dialog = open_dialog(app)
    dialog.add_profile()
    dialog.form.name_edit.setText("taken")
    dialog.form.server_combo.setEditText("http://smsc.ru")
    dialog.save_button.click()
    wait_idle(app, dialog)
    text = dialog.form.problem_label.text()
    assert "Another account already has this name." in text
    assert "server address is not usable" in text
    assert "Enter the login" in text
    assert len(app.ctx.profiles) == 1


def test_save_and_connect_asks_for_a_missing_password(app: AppHarness) -> None:
    dialog = open_dialog(app)
    requested: list[str] = []
    dialog.connectRequested.connect(requested.append)
    dialog.add_profile()
    fill(dialog, app.qtbot, name="No secret", server=app.sandbox.url, login="demo", secret="")
    dialog.connect_button.click()
    wait_idle(app, dialog)
    assert "Enter the password to connect." in dialog.form.problem_label.text()
    assert requested == []
    app.qtbot.keyClicks(dialog.form.secret_edit.edit, app.sandbox.password)
    dialog.connect_button.click()
    wait_idle(app, dialog)
    assert requested == [app.ctx.profiles.profiles()[0].id]
    assert not dialog.isVisible()


def test_first_run_demo_choice(app: AppHarness) -> None:
    dialog = open_dialog(app, first_run=True)
    assert dialog.stack.currentIndex() == WELCOME_PAGE
    assert not dialog.account_list.isVisible()
    with app.qtbot.waitSignal(dialog.demoRequested):
        dialog.welcome.demo_choice.click()
    assert not dialog.isVisible()


# --- the connection test, in plain words ----------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_test_success_shows_the_balance(app: AppHarness) -> None:
    dialog = open_dialog(app)
    dialog.add_profile()
    fill(
        dialog,
        app.qtbot,
        name="S",
        server=app.sandbox.url,
        login="demo",
        secret=app.sandbox.password,
    )
    text = run_connection_test(app, dialog)
    assert text.startswith("Connected. Balance: 5")
    assert "₽" in text
    assert dialog.form.low_spin.suffix() == " ₽"
    assert theme.tone_of(dialog.form.tester.result) is Tone.GOOD


def test_connection_test_by_api_key(app: AppHarness) -> None:
    dialog = open_dialog(app)
    dialog.add_profile()
    fill(
        dialog,
        app.qtbot,
        name="K",
        server=app.sandbox.url,
        login="",
        secret=app.sandbox.apikey,
        api_key=True,
    )
    assert dialog.form.reading().profile.auth is AuthKind.API_KEY
    assert run_connection_test(app, dialog).startswith("Connected.")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("wrong-password", ["login and password", "IP address is not allowed", "SMSC error 2"]),
        ("blocked", ["temporarily blocked", "SMSC error 4"]),
        ("unreachable", ["cannot be reached", "ConnectFailedError"]),
        ("tls", ["secure (TLS) connection", "plain http://"]),
        ("timeout", ["did not answer within 1 s."]),
        ("html", ["web page instead of SMSC data"]),
    ],
)
def test_connection_test_failures_in_plain_words(
    app: AppHarness, case: str, expected: list[str]
) -> None:
    sandbox = app.sandbox
    server, login, secret = sandbox.url, sandbox.login, sandbox.password
    if case == "wrong-password":
        secret = "not-the-password"
    elif case == "blocked":
        login, secret = sandbox.blocked.login, sandbox.blocked.password
    elif case == "unreachable":
        server = f"http://127.0.0.1:{closed_port()}"
    elif case == "tls":
        server = sandbox.url.replace("http://", "https://")
    elif case == "timeout":
        app.ctx.accounts.test_timeout = 0.5
        sandbox.set_fault("balance", latency=3.0, count=1)
    elif case == "html":
        sandbox.set_fault("balance", html=200, count=1)
    dialog = open_dialog(app)
    dialog.add_profile()
    fill(dialog, app.qtbot, name="T", server=server, login=login, secret=secret)
    text = run_connection_test(app, dialog)
    for phrase in expected:
        assert phrase in text, text
    assert secret not in text
    assert theme.tone_of(dialog.form.tester.result) is Tone.BAD


def test_connection_test_of_the_demo_profile_starts_the_sandbox(app: AppHarness) -> None:
    demo = app.ctx.profiles.add(demo_profile("Sandbox demo"))
    dialog = open_dialog(app, select_id=demo.id)
    assert not dialog.form.server_combo.isEnabled()
    assert not dialog.form.secret_edit.isEnabled()
    assert run_connection_test(app, dialog).startswith("Connected.")


def test_connection_tests_respect_the_balance_limit(app: AppHarness) -> None:
    dialog = open_dialog(app)
    dialog.add_profile()
    fill(
        dialog,
        app.qtbot,
        name="L",
        server=app.sandbox.url,
        login="demo",
        secret=app.sandbox.password,
    )
    profile = dialog.form.reading().profile
    for _ in range(10):
        app.run(app.ctx.accounts.test_connection(profile, app.sandbox.password))
    text = run_connection_test(app, dialog)
    assert "10 balance requests a minute" in text
    assert app.sandbox.state()["requests"].get("balance", 0) == 10  # the 11th never left


# --- a keyring that cannot keep secrets ------------------------------------------------------


def test_locked_keyring_is_explained_and_secret_kept_for_the_session(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    app = AppHarness(
        qtbot, qloop, tmp_path / "app", sandbox, secrets=SecretStore(backend_factory=LockedKeyring)
    )
    try:
        dialog = open_dialog(app)
        dialog.add_profile()
        fill(
            dialog,
            qtbot,
            name="Locked",
            server=sandbox.url,
            login="demo",
            secret="Session-Secret-55",
        )
        dialog.save_button.click()
        wait_idle(app, dialog)
        assert app.ctx.secrets.status.problem is KeyringProblem.LOCKED
        assert dialog.keyring_bar.isVisible()
        assert "locked" in dialog.keyring_bar.message()
        assert dialog.keyring_bar.action.isVisible()
        assert "session only" in dialog.form.problem_label.text()
        assert "this session only" in dialog.form.storage_hint.text()
        profile = app.ctx.profiles.profiles()[0]
        assert app.run(app.ctx.accounts.credentials(profile)).form_fields()["psw"] == (
            "Session-Secret-55"
        )
        for path in (tmp_path / "app").rglob("*"):
            if path.is_file():
                assert b"Session-Secret-55" not in path.read_bytes(), path
    finally:
        app.close()


def test_no_keyring_notice_has_no_retry(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    app = AppHarness(qtbot, qloop, tmp_path / "app", sandbox, secrets=SecretStore(enabled=False))
    dialog = open_dialog(app)
    assert dialog.keyring_bar.isVisible()
    assert "--no-keyring" in dialog.keyring_bar.message()
    assert not dialog.keyring_bar.action.isVisible()
    app.close()


def test_unsaved_changes_are_not_lost_when_switching(app: AppHarness) -> None:
    first = app.add_sandbox_profile("First")
    app.add_sandbox_profile("Second")
    dialog = open_dialog(app, select_id=first.id)
    dialog.form.name_edit.setText("First edited")
    dialog.account_list.view.setCurrentRow(1)
    app.qtbot.waitUntil(lambda: dialog.findChild(QMessageBox) is not None)
    assert dialog.account_list.view.currentRow() == 0  # still on the edited one while asking
    dialog.findChild(QMessageBox).button(QMessageBox.StandardButton.Save).click()
    wait_idle(app, dialog)
    assert app.ctx.profiles.get(first.id).name == "First edited"
    assert dialog.form.reading().profile.name == "Second"


def test_list_shows_server_and_marks_live_ones(app: AppHarness) -> None:
    app.run(app.ctx.accounts.save(Profile(name="Live", server="smsc.ru", login="l"), "pw"))
    app.add_sandbox_profile("Local")
    dialog = open_dialog(app)
    from smsc_desktop.ui.dialogs.accounts.account_list import DETAIL_ROLE, KIND_ROLE

    items = [dialog.account_list.view.item(i) for i in range(dialog.account_list.view.count())]
    assert [i.text() for i in items] == ["Live", "Local"]
    assert items[0].data(DETAIL_ROLE) == "smsc.ru · l"
    assert items[1].data(DETAIL_ROLE).startswith("127.0.0.1:")
    assert [i.data(KIND_ROLE) for i in items] == ["LIVE", "TEST SERVER"]
    tooltip = dialog.account_list.view.item(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "real money" in tooltip


def test_first_run_says_where_the_password_goes(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    app = AppHarness(qtbot, qloop, tmp_path / "app", sandbox, secrets=SecretStore(enabled=False))
    dialog = open_dialog(app, first_run=True)
    said = dialog.welcome.connect_choice.description()
    assert "this session only" in said
    assert "kept in the system keyring" not in said
    app.close()


def test_first_run_with_a_keyring_names_it(app: AppHarness) -> None:
    dialog = open_dialog(app, first_run=True)
    said = dialog.welcome.connect_choice.description()
    assert "kept in the system keyring" in said
    assert "session only" not in said


def test_dozens_of_accounts_are_searched_and_grouped_by_server(app: AppHarness) -> None:
    for n in range(1, 25):
        server = ("https://smsc.ru", "https://smsc.kz", "https://smsc.ua")[n % 3]
        app.ctx.profiles.add(Profile(name=f"Client {n:02d}", server=server, login=f"login{n}"))
    dialog = open_dialog(app)
    panel = dialog.account_list
    view = panel.view

    def shown() -> list[str]:
        items = [view.item(row) for row in range(view.count())]
        return [i.text() for i in items if not i.isHidden()]

    assert len(shown()) == 24
    panel.search.setText("client 12")  # every word
    assert shown() == ["Client 12"]
    panel.search.setText("login7 ")  # a login, too
    assert shown() == ["Client 07"]
    panel.search.clear()
    panel.select(app.ctx.profiles.profiles()[4].id)
    panel.grouping.setCurrentIndex(panel.grouping.findData("server"))
    headings = [view.item(r) for r in range(view.count()) if view.item(r).data(HEADER_ROLE)]
    assert [h.text() for h in headings] == ["smsc.kz", "smsc.ru", "smsc.ua"]
    assert all(not h.flags() & Qt.ItemFlag.ItemIsSelectable for h in headings)
    assert panel.current_id() == app.ctx.profiles.profiles()[4].id  # kept through regrouping
    panel.search.setText(".kz")
    assert shown() == ["smsc.kz", *(f"Client {n:02d}" for n in range(1, 25, 3))]
