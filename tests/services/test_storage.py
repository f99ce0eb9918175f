"""``services/storage.py``'s ``SavedJson``: a state written behind, in the order given, so a
write that ends late never puts back an older state; the changes of one loop iteration in one
write; a failure said where the state lives; a reader never behind the file's own writes."""

from __future__ import annotations

import asyncio
import errno
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.services.storage import SavedJson, read_json
from tests.helpers.disk import FullDisk, HeldDisk


def on_disk(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_write_that_ends_late_never_puts_back_an_older_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = HeldDisk(monkeypatch)
    path = tmp_path / "state.json"
    state: dict[str, Any] = {"items": [1, 2]}
    saved = SavedJson(path, lambda: dict(state), what="The state")
    saved.save()  # a write the disk holds...
    assert disk.writing.wait(10)
    state["items"] = []  # ...the items are removed, and the app shuts down
    shutdown: list[OSError | None] = []
    closing = threading.Thread(target=lambda: shutdown.append(saved.save_now()))
    closing.start()
    disk.release.set()
    closing.join(30)
    assert shutdown == [None]
    assert on_disk(path) == {"items": []}
    assert [json.loads(text) for text in disk.written] == [{"items": [1, 2]}, {"items": []}]


def test_the_changes_of_one_loop_iteration_are_one_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state = {"n": 0}
    taken: list[int] = []

    def snapshot() -> dict[str, int]:
        taken.append(state["n"])
        return dict(state)

    async def scenario() -> None:
        saved = SavedJson(path, snapshot, what="The state")
        for n in range(1, 6):
            state["n"] = n
            saved.save_soon()
        assert saved.pending
        assert taken == []  # nothing taken while the changes go on
        await saved.flush()
        assert not saved.pending

    asyncio.run(scenario())
    assert taken == [5]
    assert on_disk(path) == {"n": 5}


def test_a_failed_write_is_said_on_the_loops_thread_and_the_state_is_written_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = FullDisk(monkeypatch)
    path = tmp_path / "state.json"
    said: list[tuple[int | None, bool]] = []

    async def scenario() -> None:
        loop_thread = threading.get_ident()
        arrived = asyncio.Event()

        def failed(error: OSError) -> None:
            said.append((error.errno, threading.get_ident() == loop_thread))
            arrived.set()

        saved = SavedJson(path, lambda: {"n": 1}, what="The state", failed=failed)
        saved.save_soon()
        await asyncio.wait_for(arrived.wait(), 10)
        disk.full = False
        saved.save_soon()
        await saved.flush()

    asyncio.run(scenario())
    assert said == [(errno.ENOSPC, True)]
    assert on_disk(path) == {"n": 1}


def test_save_now_returns_the_failure(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    saved = SavedJson(blocked / "state.json", lambda: {"n": 1}, what="The state")
    error = saved.save_now()
    assert isinstance(error, OSError)
    saved.path = tmp_path / "state.json"  # the next change goes to the new place
    assert saved.save_now() is None
    assert on_disk(tmp_path / "state.json") == {"n": 1}


def test_a_reader_waits_for_what_this_process_gave_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = HeldDisk(monkeypatch)
    path = tmp_path / "state.json"
    SavedJson(path, lambda: {"n": 2}, what="The state").save()
    assert disk.writing.wait(10)
    read: list[Any] = []
    reader = threading.Thread(target=lambda: read.append(read_json(path, None)))
    reader.start()
    reader.join(0.2)
    assert read == []  # not the file without its pending write
    disk.release.set()
    reader.join(30)
    assert read == [{"n": 2}]
