"""The helpers that save a profile for another process (the app in a child process, the
startup benchmark's real account) leave it on disk when they return: settings are written
behind (services/storage.SavedJson), and the other process cannot flush this one's writer."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.disk import HeldDisk
from tests.helpers.processes import save_profile
from tests.perf.real_account import PROFILE_ID, write_profile


def saved_on_a_held_disk(monkeypatch: pytest.MonkeyPatch, save: Callable[[], object]) -> bool:
    """Run ``save`` while the disk holds the settings' write; whether it returned before the
    disk let the write through (it must not: the other process would find no file)."""
    disk = HeldDisk(monkeypatch)
    returned = threading.Event()
    saver = threading.Thread(target=lambda: (save(), returned.set()))
    saver.start()
    assert disk.writing.wait(30)
    early = returned.is_set()
    disk.release.set()
    saver.join(30)
    assert returned.is_set()
    return early


def on_disk(settings_file: Path) -> str:
    """What another process reads: the file itself, not this process's Settings."""
    return json.dumps(json.loads(settings_file.read_text(encoding="utf-8")))


def test_a_profile_saved_for_the_app_child_is_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids: list[str] = []

    def save() -> None:
        ids.append(save_profile(tmp_path, "http://127.0.0.1:1", "client")[0])

    assert not saved_on_a_held_disk(monkeypatch, save)
    assert ids[0] in on_disk(tmp_path / "smsc-desktop" / "settings.json")


def test_the_benchmark_account_is_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not saved_on_a_held_disk(
        monkeypatch, lambda: write_profile(tmp_path, "http://127.0.0.1:1")
    )
    assert PROFILE_ID in on_disk(tmp_path / "settings.json")
