"""File → Settings…: a dialog of sections over the declared options; each notification kind
can be switched off; OK and Apply write, Cancel does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

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


def test_appearance_and_downloads_are_set_here(qtbot: Any, tmp_path: Path) -> None:
    dialog, settings = make(qtbot, tmp_path)
    page = dialog.show_section("appearance")
    language = page.findChild(QComboBox, "ui/language")
    scheme = page.findChild(QComboBox, "ui/color_scheme")
    assert language.currentData() == ""  # as the system by default
    assert scheme.currentData() == "system"
    language.setCurrentIndex(language.findData("ru"))
    scheme.setCurrentIndex(scheme.findData("dark"))
    page = dialog.show_section("downloads")
    folder = page.findChild(QLineEdit, "downloads/folder")
    folder.setText(str(tmp_path / "exports"))
    at_once = page.findChild(QSpinBox, "downloads/concurrency")
    at_once.setValue(99)  # kept to the declared range
    assert at_once.value() == 6
    dialog.accept()
    assert settings.get("ui/language") == "ru"
    assert settings.get("ui/color_scheme") == "dark"
    assert settings.get("downloads/folder") == str(tmp_path / "exports")
    assert settings.get("downloads/concurrency") == 6


def test_the_chosen_language_is_used_at_the_next_start(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from smsc_desktop import app
    from smsc_desktop.ui.main_window import MainWindow

    monkeypatch.delenv("SMSC_DESKTOP_LANG", raising=False)
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_US")))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.file_menu.title() == "&File"
    before = QLocale()
    qapp = QApplication.instance()
    try:
        app._follow_chosen_language(qapp, window, "ru")
        assert QLocale().name() == "ru_RU"
        assert window.file_menu.title() == "&Файл"
    finally:
        app._install_translator(qapp)
        QLocale.setDefault(before)
    window.retranslate()
    assert window.file_menu.title() == "&File"
