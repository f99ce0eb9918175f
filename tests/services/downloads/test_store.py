"""The saved queue (``services/downloads/store.py``): read back, bad entries skipped."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from smsc_desktop.services.downloads import (
    QUEUE_FILE,
    DownloadItem,
    DownloadQueue,
    DownloadState,
    Problem,
    ProblemKind,
)
from tests.helpers.disk import HeldDisk
from tests.helpers.downloads import run


def load_saved(store: Path) -> DownloadQueue:
    """A queue read from *store* (nothing is downloaded: paused and done items only)."""

    class Idle:
        async def aclose(self) -> None:
            pass

    async def scenario() -> DownloadQueue:
        queue = DownloadQueue(Idle(), store)  # type: ignore[arg-type]
        await queue.load()
        await queue.aclose()
        return queue

    queue: DownloadQueue = run(scenario())
    return queue


def test_saved_queue_notices_missing_files_and_skips_bad_entries(files: Path) -> None:
    store = files / QUEUE_FILE
    good = DownloadItem(job_id=1, job_name="a", file_name="a.csv", folder=files)
    good.state = DownloadState.DONE
    paused = DownloadItem(job_id=2, job_name="b", file_name="b.csv", folder=files)
    paused.state = DownloadState.PAUSED
    paused.problem = Problem(ProblemKind.DISK_FULL, "No space left")
    (files / "b.csv.part").write_bytes(b"12345")
    entries = [good.to_json(), paused.to_json(), {"job_id": "x"}, {"file_name": "../evil"}]
    store.write_text(json.dumps({"schema": 1, "items": entries}), encoding="utf-8")
    first, second = load_saved(store).items
    assert first.file_missing
    assert second.state is DownloadState.PAUSED
    assert second.received == 5
    assert second.problem == Problem(ProblemKind.DISK_FULL, "No space left")


def test_unreadable_queue_file_starts_empty(files: Path) -> None:
    store = files / QUEUE_FILE
    store.write_text("{not json", encoding="utf-8")
    assert len(load_saved(store)) == 0
    assert os.path.exists(store)


def test_a_queue_knows_whether_it_was_saved_before(files: Path) -> None:
    store = files / QUEUE_FILE
    first = load_saved(store)  # never saved: a first run for this account
    assert first.saved_before is False
    assert store.exists()  # closing saved it
    assert load_saved(store).saved_before is True
    assert load_saved(store).items == []
    assert DownloadQueue(None, store).saved_before is None  # type: ignore[arg-type]


def test_a_write_finishing_late_never_replaces_a_newer_state(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write cannot be cancelled once the disk has it: when it ends after the shutdown's
    own write was given, the removed downloads must not come back (seen under load when the
    writes ran on the loop's worker threads)."""
    from smsc_desktop.services.downloads.store import QueueStore

    disk = HeldDisk(monkeypatch)
    path = files / QUEUE_FILE
    item = DownloadItem(job_id=1, job_name="a", file_name="a.csv", folder=files)
    items = [item]
    store = QueueStore(path, lambda: list(items))
    store.save_later()  # no loop here: handed over at once, and the disk holds it
    assert disk.writing.wait(10)
    items.clear()  # the download is removed...
    closing = threading.Thread(target=store.save_now)  # ...and the queue shuts down
    closing.start()
    disk.release.set()  # the first write ends now
    closing.join(30)
    assert json.loads(path.read_text(encoding="utf-8"))["items"] == []
    assert [len(json.loads(text)["items"]) for text in disk.written] == [1, 0]
