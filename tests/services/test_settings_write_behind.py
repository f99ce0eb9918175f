"""The settings file is written behind (services/storage.SavedJson): a change never waits
for the disk, writes land in the order given with the latest winning, a failed write is
said on the event loop's thread, and reading the file again waits for what was given."""

from __future__ import annotations

import asyncio
import errno
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.services import storage
from smsc_desktop.services.settings import Settings
from tests.helpers.disk import FullDisk, HeldDisk


def saved(path: Path) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["values"]
    return values


def test_a_change_does_not_wait_for_the_disk_and_the_latest_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = HeldDisk(monkeypatch)
    settings = Settings(tmp_path / "settings.json")
    settings.set("ui/last_tab", "exports")  # returns while the disk holds the write
    assert disk.writing.wait(10)
    for tab in ("overview", "verification", "numbers"):
        settings.set("ui/last_tab", tab)
    assert settings.get("ui/last_tab") == "numbers"
    assert not settings.flush(timeout=0)  # still held
    disk.release.set()
    assert settings.flush(10)
    # The first write, then the last of the three given while it ran: folded, in order.
    assert [json.loads(text)["values"]["ui/last_tab"] for text in disk.written] == [
        "exports",
        "numbers",
    ]
    assert saved(settings.path)["ui/last_tab"] == "numbers"


def test_opening_the_file_again_waits_for_the_writes_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = HeldDisk(monkeypatch)
    settings = Settings(tmp_path / "settings.json")
    settings.set("ui/last_tab", "exports")
    assert disk.writing.wait(10)
    releaser = threading.Thread(target=disk.release.set)
    opened: list[Settings] = []
    reader = threading.Thread(target=lambda: opened.append(Settings(settings.path)))
    reader.start()
    reader.join(0.2)
    assert reader.is_alive()  # it waits for the write under way
    releaser.start()
    reader.join(10)
    assert opened[0].get("ui/last_tab") == "exports"


def test_a_failed_write_is_said_on_the_loops_thread_and_the_next_one_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = FullDisk(monkeypatch)

    async def scenario() -> tuple[list[OSError], list[bool]]:
        settings = Settings(tmp_path / "settings.json")
        errors: list[OSError] = []
        on_loop: list[bool] = []
        loop_thread = threading.get_ident()
        arrived = asyncio.Event()

        def failed(error: OSError) -> None:
            errors.append(error)
            on_loop.append(threading.get_ident() == loop_thread)
            arrived.set()

        settings.write_failed.connect(failed)
        settings.set("ui/last_tab", "exports")
        await asyncio.wait_for(arrived.wait(), 10)
        assert settings.get("ui/last_tab") == "exports"  # in effect for this run
        disk.full = False
        settings.set("ui/color_scheme", "dark")
        assert await asyncio.to_thread(settings.flush, 10)
        assert saved(settings.path) == {"ui/last_tab": "exports", "ui/color_scheme": "dark"}
        return errors, on_loop

    errors, on_loop = asyncio.run(scenario())
    assert [e.errno for e in errors] == [errno.ENOSPC]
    assert on_loop == [True]


def test_without_a_loop_a_failed_write_is_only_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def disk(path: Path, text: str, encoding: str = "utf-8") -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(storage, "atomic_write_text", disk)
    settings = Settings(tmp_path / "settings.json")
    called: list[OSError] = []
    settings.write_failed.connect(called.append)
    settings.set("ui/last_tab", "exports")
    assert settings.flush(10)
    assert called == []
    assert "could not be saved" in caplog.text


def test_an_idle_writer_ends_and_the_next_write_starts_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "IDLE_WRITER_SECONDS", 0.05)
    writer = storage.WriteBehind(tmp_path / "state.json", "test-writer")
    writer.write(lambda: '{"n": 1}\n')
    first = writer._thread  # set by write() itself, before the thread runs
    assert first is not None
    assert writer.flush(10)
    first.join(10)  # it ends on its own once idle
    assert not first.is_alive()
    assert writer._thread is None
    writer.write(lambda: '{"n": 2}\n')
    assert writer.flush(10)
    assert json.loads((tmp_path / "state.json").read_text(encoding="utf-8")) == {"n": 2}
