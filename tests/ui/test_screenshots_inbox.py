"""Pictures of the inbox's windows as a user sees them, to look at (and to check nothing is
blank): "Test this number" waiting and done, "Simulate an incoming SMS", the settings. Saved
to $SMSC_SCREENSHOT_DIR when set, else to the test's tmp folder:

    SMSC_SCREENSHOT_DIR=shots uv run pytest tests/ui/test_screenshots_inbox.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.services.numbers.probes import ProbeState
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.dialogs.number_test import NumberTestDialog
from smsc_desktop.ui.dialogs.settings import SettingsDialog
from smsc_desktop.ui.dialogs.simulate_sms import SimulateSmsDialog
from tests.helpers.images import distinct_colours
from tests.ui.panels.numbers.test_inbox import MINE, with_numbers

pytestmark = pytest.mark.usefixtures("qloop")


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SMSC_SCREENSHOT_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_inbox_windows(open_tab: Any, sandbox: Any, shots: Path, tmp_path: Path) -> None:
    h = open_tab()
    with_numbers(h)
    h.tab.mine.select(MINE)
    h.click(h.tab.mine.test_button)
    dialog: NumberTestDialog = h.modal(NumberTestDialog)
    h.wait(lambda: dialog.probe is not None and dialog.probe.state is ProbeState.WAITING)
    assert dialog.grab().save(str(shots / "number-test-waiting.png"))
    sandbox.add_incoming("+79001112233", "Проверка связи: всё доходит 👍", to_phone=MINE)
    h.tab.service.probes.poll_now()  # type: ignore[union-attr]
    h.wait(lambda: dialog.probe is not None and dialog.probe.state is ProbeState.RECEIVED)
    assert dialog.grab().save(str(shots / "number-test-received.png"))
    dialog.close()

    h.tab.inbox.view.selectRow(0)
    assert h.tab.grab().save(str(shots / "numbers-inbox.png"))

    simulate = SimulateSmsDialog([MINE, "79265550102"], MINE, h.tab)
    simulate.show()
    h.qtbot.waitExposed(simulate)
    assert simulate.grab().save(str(shots / "simulate-sms.png"))
    simulate.close()

    settings = SettingsDialog(Settings(tmp_path / "settings.json"), h.tab)
    settings.show()
    h.qtbot.waitExposed(settings)
    assert settings.grab().save(str(shots / "settings-notifications.png"))
    settings.show_section("inbox")
    assert settings.grab().save(str(shots / "settings-inbox.png"))
    settings.close()
    for name in (
        "number-test-waiting.png",
        "number-test-received.png",
        "numbers-inbox.png",
        "simulate-sms.png",
        "settings-notifications.png",
        "settings-inbox.png",
    ):
        assert distinct_colours(shots / name) > 20, name
