"""The Exports tab (``ui/tabs/exports.py``): its panes on one account's services, the demo's
first downloads, a restart mid-download, and a tab deleted while its work is in flight."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from smsc_desktop.services.downloads import QUEUE_FILE, DownloadState
from smsc_desktop.ui import aio
from tests.helpers.downloads import sha256
from tests.helpers.exports import file_requests
from tests.helpers.exports_tab import WAIT, Harness, StepSleep
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxHandle


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_restart_continues_a_half_done_queue(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    records = [sandbox.create_job(3_000_000, status=2) for _ in range(2)]
    sandbox.set_fault("downloads", rate=600_000)
    tab = harness.tab()
    harness.open(tab)
    first = harness.download(tab, records[0]["id"])
    second = harness.download(tab, records[1]["id"])
    qtbot.waitUntil(lambda: first.received > 300_000 and second.received > 0, timeout=WAIT)
    harness.select(tab, second)
    tab.downloads.commands.pause.trigger()
    qtbot.waitUntil(lambda: second.state is DownloadState.PAUSED, timeout=WAIT)

    # The app quits mid-file...
    tab.shutdown()
    harness.discard(tab)
    saved = json.loads((harness.paths.profile_dir("sandbox-test") / QUEUE_FILE).read_text())
    assert [i["state"] for i in saved["items"]] == ["queued", "paused"]
    part_size = first.part.stat().st_size
    assert 0 < part_size < 3_000_000

    # ... and starts again: the unfinished download continues from its .part.
    sandbox.clear_faults()
    again = harness.tab()
    harness.open(again)
    assert again.downloads.queue is not None
    restored_first, restored_second = again.downloads.queue.items
    qtbot.waitUntil(lambda: restored_first.state is DownloadState.DONE, timeout=WAIT)
    assert restored_second.state is DownloadState.PAUSED
    assert restored_second.received == second.part.stat().st_size > 0
    assert sha256(restored_first.target) == sandbox.job_info(records[0]["id"])["sha256"]
    ranges = [
        r["http_status"]
        for r in file_requests(sandbox)
        if r["params"]["id"] == str(records[0]["id"])
    ]
    assert ranges == [200, 206]


def test_demo_account_downloads_its_done_jobs_once(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    tab = harness.tab()
    session = harness.open(tab, demo=True)
    folder = session.own_downloads_folder
    assert folder is not None
    assert tab.downloads.folder == folder  # the demo's files stay with its profile
    done = sorted(j.id for j in session.exports.jobs if j.status.name == "DONE")
    assert len(done) == 2
    queue = tab.downloads.queue
    assert queue is not None
    assert [i.job_id for i in queue.items] == done
    assert all(i.folder == folder for i in queue.items)
    assert not session.demo_downloads_pending
    qtbot.waitUntil(lambda: all(i.state is DownloadState.DONE for i in queue.items), timeout=WAIT)
    assert harness.settings.get("downloads/folder") == ""  # not the user's folder

    # The next start finds the saved queue: nothing is downloaded again.
    again = harness.open(tab, demo=True)
    assert again.downloads.saved_before is True
    assert not again.demo_downloads_pending
    assert [i.job_id for i in again.downloads.items] == done
    assert len(file_requests(sandbox)) == 2


def test_deleting_the_tab_mid_refresh_calls_no_dead_widget(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue #11: the job list's signals reached a deleted tab's buttons
    ("Internal C++ object (QPushButton) already deleted" from the refresh status)."""
    sleep = StepSleep(harness.clock)
    tab = harness.tab(sleep)
    session = harness.open(tab)
    service = session.exports
    assert len(service.busy_changed) == len(service.schedule_changed) == 1
    qtbot.waitUntil(lambda: bool(sleep.waiting), timeout=WAIT)
    # Held until cleared: the refresh is still out when the tab goes, however slow the machine.
    sandbox.set_fault("downloads", latency=60.0, hold=True, count=1)
    before = service.updated_at
    sleep.release()  # the automatic refresh goes out, and takes its time
    qtbot.waitUntil(lambda: service.loading, timeout=WAIT)
    harness.delete(tab)
    for signal in (
        service.jobs_changed,
        service.refresh_failed,
        service.busy_changed,
        service.schedule_changed,
        service.job_finished,
        session.downloads.item_finished,
        session.downloads.item_changed,
    ):
        assert len(signal) == 0, signal  # nothing of the tab listens any more
    sandbox.clear_faults("downloads")
    # The refresh comes back: busy, list and schedule change with the tab gone.
    qtbot.waitUntil(lambda: service.updated_at != before, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(sleep.waiting), timeout=WAIT)
    assert not service.loading
    assert errors(caplog) == []


def test_deleting_the_tab_mid_download_and_refresh(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    record = sandbox.create_job(3_000_000, status=2)
    sandbox.set_fault("downloads", rate=500_000)
    tab = harness.tab()
    session = harness.open(tab)
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.received > 0, timeout=WAIT)
    # The refresh is held until cleared (the file keeps its own pace): still out when the tab
    # goes, however slow the machine.
    sandbox.set_fault("downloads", latency=60.0, hold=True, count=1)
    refresh = tab.refresh()
    assert refresh is not None
    qtbot.waitUntil(lambda: session.exports.loading, timeout=WAIT)
    assert aio.pending_tasks()

    harness.delete(tab)
    qtbot.waitUntil(lambda: not aio.pending_tasks(), timeout=WAIT)  # no task of the tab left
    assert refresh.cancelled()
    sandbox.clear_faults("downloads")
    qtbot.waitUntil(lambda: not session.exports.loading, timeout=WAIT)
    received = item.received
    qtbot.waitUntil(lambda: item.received > received, timeout=WAIT)  # the session's download

    run(harness.loop, qtbot, session.close())  # the app quits: the queue is saved
    harness.ctx.session = None
    saved = json.loads((session.data_dir / QUEUE_FILE).read_text(encoding="utf-8"))
    assert [(i["job_id"], i["state"]) for i in saved["items"]] in (
        [(record["id"], "queued")],  # continues at the next start
        [(record["id"], "done")],
    )
    assert errors(caplog) == []
