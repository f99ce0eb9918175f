"""The main window tells the notification hub what the user looks at, and a new SMS on the
open account reaches the desktop only when the user is not looking at it; File → Settings…
switches a kind off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from smsc_desktop.services.notifications import Event, Kind
from tests.helpers.app import AppHarness
from tests.helpers.sandbox import SandboxHandle

pytestmark = pytest.mark.usefixtures("qloop")


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def show(self, event: Event, title: str, body: str) -> bool:
        self.events.append(event)
        return True


@pytest.fixture
def app(qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle) -> Iterator[AppHarness]:
    harness = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
    yield harness
    harness.close()


def open_account(app: AppHarness) -> tuple[Any, Recorder]:
    profile = app.add_sandbox_profile("Acme Retail")
    session = app.run(app.ctx.open_profile(profile))
    recorder = Recorder()
    app.window.notifier.backends = [recorder]
    app.window.resize(1200, 760)
    app.window.show()
    app.qtbot.waitExposed(app.window)
    app.run(session.numbers.add_external("79165550101"))
    return session, recorder


def test_the_window_reports_the_tab_the_account_and_whether_it_is_active(
    app: AppHarness,
) -> None:
    session, _recorder = open_account(app)
    hub = app.ctx.notifications
    assert hub.focus.account_id == session.profile.id
    assert hub.focus.tab == "numbers"
    app.window.show_tab("exports")
    assert hub.focus.tab == "exports"
    app.window.activateWindow()
    app.qtbot.waitUntil(lambda: hub.focus.window_active == app.window.isActiveWindow())
    app.run(app.ctx.close_session())
    assert hub.focus.account_id == ""


def test_a_new_sms_is_notified_only_while_not_looked_at(
    app: AppHarness, sandbox: SandboxHandle
) -> None:
    session, recorder = open_account(app)
    hub = app.ctx.notifications
    inbox = session.numbers.inbox
    app.qtbot.waitUntil(lambda: inbox.loaded and inbox.is_polling)

    app.window.activateWindow()
    app.qtbot.waitUntil(lambda: hub.focus.window_active)  # reported by the window itself
    sandbox.add_incoming("+79001112233", "Первое", to_phone="79165550101")
    inbox.poll_now()
    app.qtbot.waitUntil(lambda: app.window.pages["numbers"].inbox.model.total >= 5)
    assert recorder.events == []  # the Numbers tab of this account is in view

    # The window goes to the background: the next SMS is notified.
    other = QWidget()
    app.qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    app.qtbot.waitUntil(lambda: not hub.focus.window_active)
    assert hub.focus.tab == "numbers"
    sandbox.add_incoming("+79001112233", "Второе", to_phone="79165550101")
    inbox.poll_now()
    app.qtbot.waitUntil(lambda: any(e.detail == "Второе" for e in recorder.events))
    event = recorder.events[-1]
    assert (event.kind, event.subject, event.account_name) == (
        Kind.NEW_MESSAGE,
        "79165550101",
        "Acme Retail",
    )

    # Switched off in the settings: not even in the background.
    app.settings.set(Kind.NEW_MESSAGE.setting, False)
    count = len(recorder.events)
    sandbox.add_incoming("+79001112233", "Третье", to_phone="79165550101")
    inbox.poll_now()
    app.qtbot.waitUntil(lambda: app.window.pages["numbers"].inbox.model.total >= 7)
    assert len(recorder.events) == count


def test_file_settings_opens_the_settings(app: AppHarness) -> None:
    app.window.settings_action.trigger()
    dialog = app.window.settings_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.nav.item(0).text() == "Notifications"
    dialog.reject()
    app.window.settings_action.trigger()
    assert app.window.settings_dialog is dialog  # one dialog, opened again
