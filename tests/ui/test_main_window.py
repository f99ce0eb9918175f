"""The main window remembers its size, docks and tab between runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.app import AppHarness
from tests.helpers.sandbox import SandboxHandle


@pytest.fixture
def make_app(qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle) -> Iterator[Any]:
    made: list[AppHarness] = []

    def make() -> AppHarness:
        harness = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
        made.append(harness)
        return harness

    yield make
    for harness in made:
        harness.close()


def test_layout_and_tab_survive_a_restart(make_app: Any, qtbot: Any) -> None:
    first = make_app()
    first.window.show()
    first.window.resize(first.window.minimumSizeHint().width(), 560)
    size = first.window.size()
    first.window.show_tab("exports")
    first.window.close()
    assert first.settings.get("ui/last_tab") == "exports"

    second = make_app()
    assert second.window.tabs.currentWidget() is second.window.pages["exports"]
    assert second.window.pages.built().keys() == {"exports"}  # the others on first show
    second.window.show()
    # The offscreen screen is 800 px wide: a restored window wider than that is fitted to
    # it unless a tab (the Numbers tab, not built here) needs the width.
    screen = second.window.screen().availableGeometry()
    qtbot.waitUntil(lambda: second.window.height() == size.height())
    assert second.window.width() == min(size.width(), screen.width() - 2)
    assert size.height() < 700  # not the default 760: restored, not rebuilt


def test_settings_that_cannot_be_saved_are_said_in_the_status_bar(
    make_app: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from smsc_desktop.services import storage

    app = make_app()

    def full_disk(path: Path, text: str, encoding: str = "utf-8") -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(storage, "atomic_write_text", full_disk)
    app.settings.set("overview/interval_minutes", 15)
    status = app.window.statusBar()
    qtbot.waitUntil(lambda: "settings could not be saved" in status.currentMessage())
    assert "The disk is full" in status.currentMessage()
    assert app.settings.get("overview/interval_minutes") == 15  # in effect all the same
