"""The job list pane of the Exports tab (``ui/panels/exports/jobs.py``) against the sandbox."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt

from smsc_desktop.api import JobStatus
from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.ui.models.jobs import JobColumn
from tests.helpers.exports_tab import WAIT, Harness, StepSleep
from tests.helpers.sandbox import SandboxHandle


def test_job_list_refreshes_itself_within_the_limit(
    harness: Harness, sandbox: SandboxHandle
) -> None:
    sleep = StepSleep(harness.clock)
    tab = harness.tab(sleep)
    harness.open(tab)
    jobs = tab.jobs
    service = harness.service(tab)
    model = jobs.jobs_model
    assert model.rowCount() == 6
    statuses = {model.job(r).status for r in range(model.rowCount())}
    assert statuses == {
        JobStatus.WAITING,
        JobStatus.RUNNING,
        JobStatus.DONE,
        JobStatus.CANCELLED,
        JobStatus.FAILED,
    }
    running = next(r for r in range(model.rowCount()) if model.job(r).status is JobStatus.RUNNING)
    status_cell = model.index(running, JobColumn.STATUS)
    assert status_cell.data() == "Running"
    assert not status_cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert status_cell.data(Qt.ItemDataRole.ForegroundRole).name() == "#1d4ed8"
    assert "2 in progress" in jobs.jobs_count.text()
    harness.qtbot.waitUntil(lambda: bool(sleep.waiting), timeout=WAIT)
    assert "next refresh in 30 s" in jobs.refresh_status.text()

    # The user refreshes by hand twice: the third request of the minute is the limit, so
    # the button waits and says for how long; the automatic refresh moves along.
    harness.refresh_jobs(tab)
    harness.refresh_jobs(tab)
    assert not jobs.refresh_button.isEnabled()
    assert "available in 62 s" in jobs.refresh_button.toolTip()  # a minute and the margin

    # Let time pass: 30 s steps until every job has finished.
    steps = 0
    while service.has_active_jobs:
        harness.let_time_pass(service, sleep)
        steps += 1
        assert steps < 20
    statuses = {model.job(r).status for r in range(model.rowCount())}
    assert JobStatus.WAITING not in statuses
    assert JobStatus.RUNNING not in statuses
    assert "auto-refresh paused" in jobs.refresh_status.text()
    requests = [e for e in sandbox.state()["log"] if e["command"] == "get_list"]
    assert all(e["error_code"] == 0 for e in requests)  # SMSC never had to refuse one
    by_request: dict[str, list[float]] = {}
    for entry in requests:  # SMSC counts identical requests: same parameters
        by_request.setdefault(json.dumps(entry["params"], sort_keys=True), []).append(entry["time"])
    assert len(by_request) == 3  # the full list, then from the oldest unfinished job (twice)
    for times in by_request.values():
        assert all(b - a >= 60 for a, b in zip(times, times[3:], strict=False)), times


def test_a_failed_refresh_shows_a_message_with_retry(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    sleep = StepSleep(harness.clock)
    tab = harness.tab(sleep)
    harness.open(tab)
    jobs = tab.jobs
    bar = jobs.error_bar
    assert not bar.isVisible()
    sandbox.set_fault("downloads", error_code=4, count=1)
    harness.qtbot.mouseClick(jobs.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(bar.isVisible, timeout=WAIT)
    assert "The list shows what SMSC sent at" in bar.message()
    assert jobs.jobs_model.rowCount() == 6  # the last good list stays
    assert bar.action.text() == "Retry"
    qtbot.waitUntil(bar.action.isEnabled, timeout=WAIT)
    service = harness.service(tab)
    before = service.updated_at
    bar.action.click()
    qtbot.waitUntil(lambda: service.updated_at != before, timeout=WAIT)
    assert not bar.isVisible()
    assert jobs.jobs_view.placeholder() == ""  # rows, no note


def test_empty_list_and_loading_notes(harness: Harness, sandbox: SandboxHandle, qtbot: Any) -> None:
    tab = harness.tab(StepSleep(harness.clock))
    assert tab.jobs.jobs_view.placeholder() == ""  # no account: nothing to say
    sandbox.set_fault("downloads", latency=0.5, count=1)
    session = harness.open(tab, account=sandbox.poor, wait=False)  # an account without jobs
    assert "Loading the export jobs" in tab.jobs.jobs_view.placeholder()
    qtbot.waitUntil(lambda: session.exports.loaded, timeout=WAIT)
    assert "No export jobs yet" in tab.jobs.jobs_view.placeholder()
    assert tab.jobs.jobs_count.text() == "0 job(s)"
    qtbot.waitUntil(tab.is_loaded, timeout=WAIT)


def test_auto_download_when_a_job_becomes_done(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    sleep = StepSleep(harness.clock)
    tab = harness.tab(sleep)
    tab.jobs.auto_download.setChecked(True)
    harness.open(tab)
    queue = tab.downloads.queue
    assert queue is not None
    assert queue.items == []
    service = harness.service(tab)
    while service.has_active_jobs:
        harness.let_time_pass(service, sleep)
    qtbot.waitUntil(
        lambda: len(queue.items) == 2 and all(i.state is DownloadState.DONE for i in queue.items),
        timeout=WAIT,
    )
    assert harness.settings.get("downloads/auto") is True
