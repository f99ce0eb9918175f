"""What the app context gives a session for the inbox: a demo profile's first My numbers (the
sandbox's pre-rented numbers, with their inbox), and the inbox settings followed at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.app import AppHarness
from tests.helpers.sandbox import SandboxHandle

pytestmark = pytest.mark.usefixtures("qloop")


@pytest.fixture
def app(qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle) -> Iterator[AppHarness]:
    harness = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
    yield harness
    harness.close()


def test_the_demo_opens_with_its_rented_numbers_and_their_sms(app: AppHarness) -> None:
    app.window.show()
    session = app.run(app.controller.open_demo())
    assert session is not None
    tab = app.window.pages["numbers"]
    app.qtbot.waitUntil(tab.is_loaded, timeout=10_000)
    mine = {n.phone: n.renew for n in session.numbers.my_numbers()}
    assert mine == {"79165550101": True, "79265550102": False}  # as the sandbox has them
    assert tab.inbox.model.total == 4  # shown once the tab reports its data shown
    assert tab.bottom.tabText(0) == "My numbers (2)"


def test_a_saved_account_starts_with_an_empty_list(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Acme Retail")
    session = app.run(app.ctx.open_profile(profile))
    app.qtbot.waitUntil(app.window.pages["numbers"].is_loaded, timeout=10_000)
    assert session.numbers.my_numbers() == []
    assert session.demo_numbers == ()


def test_inbox_settings_reach_the_open_account(app: AppHarness) -> None:
    profile = app.add_sandbox_profile("Acme Retail")
    app.settings.set("inbox/lookback_hours", 48)
    session = app.run(app.ctx.open_profile(profile))
    assert session.inbox.lookback_hours == 48
    assert session.numbers.inbox.interval == 15
    app.settings.set("inbox/poll_seconds", 25)
    assert session.numbers.inbox.interval == 25
    app.settings.set("inbox/lookback_hours", 72)
    assert session.inbox.lookback_hours == 72
