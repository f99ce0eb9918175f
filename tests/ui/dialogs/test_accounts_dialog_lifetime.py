"""The account dialog closed in the middle of its work, edits undone, and errors that must
reach the user translated (issue #11 and #10)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTranslator

from smsc_desktop.services.profiles import AuthKind, Profile
from smsc_desktop.services.secrets import SERVICE_NAME, SecretStore
from smsc_desktop.ui import aio
from smsc_desktop.ui.lifetime import when_destroyed
from smsc_desktop.ui.resources import translations_dir
from tests.helpers.accounts import fill, open_dialog, run_connection_test
from tests.helpers.app import AppHarness
from tests.helpers.fake_keyrings import HangingKeyring
from tests.helpers.sandbox import SandboxHandle


def keyring_calls_running() -> bool:
    return any(t.name == "keyring-call" and t.is_alive() for t in threading.enumerate())


def test_closing_while_a_test_and_a_keyring_lookup_are_in_flight(
    qtbot: Any,
    qloop: Any,
    tmp_path: Path,
    sandbox: SandboxHandle,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The dialog closes while the keyring is still asked whether the account has a secret
    and a connection test waits for SMSC. Its widgets are deleted before its tasks hear of
    it (an order Qt may choose): nothing may call into them ("Task secret-lookup failed ...
    QRadioButton already deleted"; the test's ``finally`` re-enabling a deleted button),
    nothing is logged, no task is left."""
    keyring = HangingKeyring()
    secrets = SecretStore(backend_factory=lambda: keyring)
    app = AppHarness(qtbot, qloop, tmp_path / "app", sandbox, secrets=secrets)
    try:
        profile = app.ctx.profiles.add(Profile(name="Slow", server=sandbox.url, login="demo"))
        keyring.store[(SERVICE_NAME, profile.secret_key)] = sandbox.password
        sandbox.set_fault("balance", latency=5.0, count=1)
        dialog = open_dialog(app, select_id=profile.id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        qtbot.waitUntil(keyring.entered.is_set)  # the lookup waits for the keyring
        qtbot.keyClicks(dialog.form.secret_edit.edit, sandbox.password)
        dialog.form.tester.button.click()
        qtbot.waitUntil(lambda: sandbox.state()["requests"].get("balance", 0) == 1)
        assert dialog.form.lookup_task.running
        assert dialog.form.tester.running

        gone: list[bool] = []
        when_destroyed(dialog, lambda: gone.append(True))
        dialog.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert gone == [True]
        qtbot.waitUntil(lambda: not aio.pending_tasks())
        keyring.release.set()
        qtbot.waitUntil(lambda: not keyring_calls_running())
    finally:
        keyring.release.set()
        app.close()
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == []


def test_an_edit_undone_leaves_nothing_to_save(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Client")
    dialog = open_dialog(app, select_id=profile.id)
    form = dialog.form
    assert not dialog.save_button.isEnabled()
    assert dialog.connect_button.text() == "Connect"
    form.name_edit.setText("Client 2")
    assert dialog.save_button.isEnabled()
    assert dialog.connect_button.text() == "Save and connect"
    form.name_edit.setText("Client")
    assert not dialog.save_button.isEnabled()
    form.server_combo.setEditText(profile.server + "/")  # the same address
    assert not dialog.save_button.isEnabled()
    form.low_spin.setValue(500)
    assert dialog.save_button.isEnabled()


@pytest.fixture
def russian(qapp: Any) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load("smsc_desktop_ru", str(translations_dir()))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def has_cyrillic(text: str) -> bool:
    return any("а" <= c.lower() <= "я" for c in text)


def test_a_blank_api_key_is_explained_in_the_users_language(app: AppHarness, russian: None) -> None:
    """A key of spaces used to reach the api's ``Credentials`` and come back as its English
    ``ValueError`` text. Problems are data now, worded by ui/texts."""
    dialog = open_dialog(app)
    dialog.add_profile()
    fill(dialog, app.qtbot, name="K", server=app.sandbox.url, login="", secret="   ", api_key=True)
    assert dialog.form.reading().profile.auth is AuthKind.API_KEY
    text = run_connection_test(app, dialog)
    assert text == QCoreApplication.translate("accounts", "Enter the API key first.")
    assert has_cyrillic(text), text
    assert app.sandbox.state()["requests"].get("balance", 0) == 0


def test_form_problems_are_worded_in_the_users_language(app: AppHarness, russian: None) -> None:
    dialog = open_dialog(app)
    dialog.add_profile()
    fill(dialog, app.qtbot, name="X", server="ftp://smsc.ru", login="", secret="pw")
    run_connection_test(app, dialog)
    lines = dialog.form.problem_label.text().splitlines()
    assert len(lines) == 2  # the server and the login
    assert all(has_cyrillic(line) for line in lines), lines
