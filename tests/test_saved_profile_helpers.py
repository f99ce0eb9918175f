"""The helpers that save a profile for another process (the app in a child process, the
startup benchmark's real account) leave it on disk when they return: settings are written
behind (services/storage.WriteBehind), and the other process cannot flush this one's writer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from smsc_desktop.services import storage
from tests.helpers.processes import save_profile
from tests.perf.real_account import PROFILE_ID, write_profile


@pytest.fixture
def slow_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every settings write takes 0.2 s, as on a busy disk."""
    write = storage.atomic_write_text

    def slow_write(path: Path, text: str) -> None:
        time.sleep(0.2)
        write(path, text)

    monkeypatch.setattr(storage, "atomic_write_text", slow_write)


def saved_profiles(settings_file: Path) -> dict[str, object]:
    """What another process reads: the file itself, not this process's Settings."""
    data: dict[str, object] = json.loads(settings_file.read_text(encoding="utf-8"))
    return data


@pytest.mark.usefixtures("slow_disk")
def test_a_profile_saved_for_the_app_child_is_on_disk(tmp_path: Path) -> None:
    profile_id, _ = save_profile(tmp_path, "http://127.0.0.1:1", "client")

    assert profile_id in json.dumps(saved_profiles(tmp_path / "smsc-desktop" / "settings.json"))


@pytest.mark.usefixtures("slow_disk")
def test_the_benchmark_account_is_on_disk(tmp_path: Path) -> None:
    write_profile(tmp_path, "http://127.0.0.1:1")

    assert PROFILE_ID in json.dumps(saved_profiles(tmp_path / "settings.json"))
