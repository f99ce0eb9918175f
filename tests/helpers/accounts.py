"""The account dialog driven as a user would, for the dialog and controller tests.

``app`` is an ``AppHarness`` on the session sandbox, closed after the test. ``open_dialog``
shows an ``AccountsDialog``, ``fill`` types an account into its form, ``wait_idle`` waits
for its save/delete/duplicate work, ``run_connection_test`` clicks "Test connection" and
returns the result's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.ui.dialogs.accounts import AccountsDialog
from tests.helpers.app import AppHarness
from tests.helpers.sandbox import SandboxHandle


@pytest.fixture
def app(qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle) -> Iterator[AppHarness]:
    harness = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
    yield harness
    harness.close()


def open_dialog(app: AppHarness, **kwargs: Any) -> AccountsDialog:
    dialog = AccountsDialog(app.ctx, app.window, **kwargs)
    app.qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(
    dialog: AccountsDialog,
    qtbot: Any,
    *,
    name: str,
    server: str,
    login: str,
    secret: str,
    api_key: bool = False,
) -> None:
    form = dialog.form
    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, name)
    form.server_combo.setEditText(server)
    if api_key:
        form.apikey_radio.click()
    else:
        form.password_radio.click()
        form.login_edit.clear()
        qtbot.keyClicks(form.login_edit, login)
    qtbot.keyClicks(form.secret_edit.edit, secret)


def wait_idle(app: AppHarness, dialog: AccountsDialog) -> None:
    app.qtbot.waitUntil(lambda: not dialog.task.running, timeout=10_000)


def run_connection_test(app: AppHarness, dialog: AccountsDialog) -> str:
    tester = dialog.form.tester
    tester.button.click()
    app.qtbot.waitUntil(lambda: not tester.running, timeout=15_000)
    return tester.result.text()
