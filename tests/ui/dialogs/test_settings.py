"""File → Settings…: a dialog of sections over the declared options; each notification kind
can be switched off; OK and Apply write, Cancel does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QSpinBox

from smsc_desktop.services.notifications import Kind
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.dialogs.settings import SECTIONS, SettingsDialog, SettingsSection


def make(qtbot: Any, tmp_path: Path, **kwargs: Any) -> tuple[SettingsDialog, Settings]:
    settings = Settings(tmp_path / "settings.json")
    dialog = SettingsDialog(settings, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, settings


def test_every_notification_kind_has_a_switch(qtbot: Any, tmp_path: Path) -> None:
    dialog, settings = make(qtbot, tmp_path)
    assert dialog.nav.item(0).text() == "Notifications"
    page = dialog.show_section("notifications")
    boxes = {box.objectName(): box for box in page.findChildren(QCheckBox)}
    assert set(boxes) == {kind.setting for kind in Kind}
    assert all(box.isChecked() for box in boxes.values())
    assert boxes[Kind.NEW_MESSAGE.setting].accessibleName() == "An SMS arrives on one of my numbers"

    boxes[Kind.NEW_MESSAGE.setting].setChecked(False)
    dialog.reject()
    assert settings.get(Kind.NEW_MESSAGE.setting) is True  # Cancel wrote nothing

    dialog.reload()
    dialog.show()
    boxes[Kind.NEW_MESSAGE.setting].setChecked(False)
    boxes[Kind.LOW_BALANCE.setting].setChecked(False)
    dialog.accept()
    assert settings.get(Kind.NEW_MESSAGE.setting) is False
    assert settings.get(Kind.LOW_BALANCE.setting) is False
    assert Settings(settings.path).get(Kind.DOWNLOAD_FAILED.setting) is True


def test_the_inbox_numbers_keep_to_their_declared_range(qtbot: Any, tmp_path: Path) -> None:
    dialog, settings = make(qtbot, tmp_path)
    page = dialog.show_section("inbox")
    spins = {spin.objectName(): spin for spin in page.findChildren(QSpinBox)}
    lookback, poll = spins["inbox/lookback_hours"], spins["inbox/poll_seconds"]
    assert (lookback.minimum(), lookback.maximum(), lookback.value()) == (1, 168, 24)
    assert (poll.minimum(), poll.maximum(), poll.value()) == (10, 30, 15)
    lookback.setValue(500)
    poll.setValue(25)
    dialog.apply()
    assert settings.get("inbox/lookback_hours") == 168
    assert settings.get("inbox/poll_seconds") == 25


def test_a_section_is_easy_to_add(qtbot: Any, tmp_path: Path) -> None:
    class Downloads(SettingsSection):
        key = "downloads"

        def title(self) -> str:
            return "Downloads"

        def build(self) -> None:
            self.number("downloads/concurrency", "At the same time:")
            self.check("downloads/auto", "Download finished files at once")

    dialog, settings = make(qtbot, tmp_path, sections=[*SECTIONS, Downloads])
    assert dialog.nav.count() == len(SECTIONS) + 1
    page = dialog.show_section("downloads")
    page.findChild(QCheckBox, "downloads/auto").setChecked(True)
    dialog.accept()
    assert settings.get("downloads/auto") is True
