"""The download manager pane of the Exports tab (``ui/panels/exports/downloads.py`` and its
commands) against the sandbox over real HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.ui.models.downloads import DownloadColumn
from tests.helpers.downloads import sha256
from tests.helpers.exports import file_requests, read_only_folder
from tests.helpers.exports_tab import WAIT, Harness
from tests.helpers.sandbox import SandboxHandle


def test_download_shows_bytes_percent_speed_and_time_left(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(3_000_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", rate=1_000_000)
    tab = harness.tab()
    harness.open(tab)
    assert "No downloads yet" in tab.downloads.downloads_view.placeholder()
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.speed > 0 and item.received > 0, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Downloading"
    assert harness.cell(tab, item, DownloadColumn.PROGRESS).endswith("%")
    assert " of 2.9 MB" in harness.cell(tab, item, DownloadColumn.SIZE)
    assert harness.cell(tab, item, DownloadColumn.SPEED).endswith("/s")
    assert ":" in harness.cell(tab, item, DownloadColumn.TIME_LEFT)
    assert "downloading" in tab.downloads.summary.text()
    assert tab.downloads.downloads_view.placeholder() == ""
    assert item.part.exists()
    assert not item.target.exists()
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.PROGRESS) == "100 %"
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Done"
    assert sha256(item.target) == info["sha256"]
    assert not item.part.exists()


def test_pause_and_resume(harness: Harness, sandbox: SandboxHandle, qtbot: Any) -> None:
    record = sandbox.create_job(4_000_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", rate=1_000_000)
    tab = harness.tab()
    harness.open(tab)
    commands = tab.downloads.commands
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.received > 200_000, timeout=WAIT)
    harness.select(tab, item)
    assert commands.pause.isEnabled()
    commands.pause.trigger()
    qtbot.waitUntil(lambda: item.state is DownloadState.PAUSED, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Paused"
    assert item.part.stat().st_size == item.received
    assert commands.resume.isEnabled()
    assert not commands.pause.isEnabled()
    sandbox.clear_faults()
    commands.resume.trigger()
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert sha256(item.target) == info["sha256"]
    assert [r["http_status"] for r in file_requests(sandbox)] == [200, 206]


def test_cancel_removes_the_partial_file(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(4_000_000, status=2)
    sandbox.set_fault("downloads", rate=500_000)
    tab = harness.tab()
    harness.open(tab)
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.received > 0, timeout=WAIT)
    harness.select(tab, item)
    tab.downloads.commands.cancel.trigger()
    qtbot.waitUntil(lambda: item.state is DownloadState.CANCELLED, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Cancelled"
    assert list(harness.folder.iterdir()) == []
    assert tab.downloads.commands.retry.isEnabled()


def test_connection_dropped_mid_file_resumes_to_the_servers_file(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(5_000_000, status=2)
    info = sandbox.job_info(record["id"])
    tab = harness.tab()
    harness.open(tab)
    # Past aiohttp's 2 MB read buffer: part of the file is always on disk, so the resume is
    # a Range request whatever the timing (see tests/api/test_sandbox.py).
    sandbox.set_fault("downloads", drop_after=3_345_678, count=1)
    seen: list[str] = []
    queue = tab.downloads.queue
    assert queue is not None
    queue.item_changed.connect(lambda i: seen.append(harness.cell(tab, i, DownloadColumn.STATUS)))
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert "Connection lost: retrying in 2 s" in seen
    assert sha256(item.target) == info["sha256"]
    requests = file_requests(sandbox)
    assert [r["http_status"] for r in requests] == [200, 206]
    assert requests[0]["dropped"]


def test_error_body_instead_of_the_file(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(100_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    panel = tab.downloads
    sandbox.set_fault("downloads", html=200, count=1)
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.state is DownloadState.FAILED, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Failed: server sent an error page"
    harness.select(tab, item)
    assert panel.message.isVisible()
    assert "error page instead of the file" in panel.message.text()
    assert list(harness.folder.iterdir()) == []

    sandbox.set_fault("downloads", error_code=3, count=1)
    panel.commands.retry.trigger()
    qtbot.waitUntil(
        lambda: item.state is DownloadState.FAILED and item.problem.code == 3, timeout=WAIT
    )
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Failed: SMSC error 3"
    assert list(harness.folder.iterdir()) == []
    panel.commands.retry.trigger()  # the server is fine again
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert sha256(item.target) == sandbox.job_info(record["id"])["sha256"]


def test_read_only_folder_gives_a_plain_message(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any, tmp_path: Path
) -> None:
    record = sandbox.create_job(100_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    with read_only_folder(tmp_path) as folder:
        tab.downloads.set_folder(folder)
        item = harness.download(tab, record["id"])
        qtbot.waitUntil(lambda: item.state is DownloadState.FAILED, timeout=WAIT)
        assert harness.cell(tab, item, DownloadColumn.STATUS) == "Failed: no permission"
        harness.select(tab, item)
        assert "does not allow writing into" in tab.downloads.message.text()
        assert str(folder) in tab.downloads.message.text()
        assert file_requests(sandbox) == []


def test_a_folder_that_cannot_be_made_gives_a_plain_message(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any, tmp_path: Path
) -> None:
    record = sandbox.create_job(1000, status=2)
    tab = harness.tab()
    harness.open(tab)
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    tab.downloads.set_folder(blocker / "exports")
    harness.refresh_jobs(tab)
    job = next(j for j in harness.service(tab).jobs if j.id == record["id"])
    tab.downloads.request([job])
    qtbot.waitUntil(tab.downloads.message.isVisible, timeout=WAIT)
    assert tab.downloads.message.text().startswith(f"The folder {blocker / 'exports'} cannot be")
    assert tab.downloads.queue is not None
    assert tab.downloads.queue.items == []


def test_name_conflict_keeps_both_files(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(50_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    existing = harness.folder / record["file"]
    existing.write_bytes(b"an older export")
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert item.file_name == Path(record["file"]).stem + " (1).csv"
    assert harness.cell(tab, item, DownloadColumn.FILE) == item.file_name
    assert existing.read_bytes() == b"an older export"
    assert sha256(item.target) == sandbox.job_info(record["id"])["sha256"]


def test_finished_items_remove_delete_and_preview(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    records = [sandbox.create_job(40_000, status=2) for _ in range(2)]
    tab = harness.tab()
    harness.open(tab)
    commands = tab.downloads.commands
    queue = tab.downloads.queue
    assert queue is not None
    kept, deleted = (harness.download(tab, r["id"]) for r in records)
    qtbot.waitUntil(lambda: kept.state is deleted.state is DownloadState.DONE, timeout=WAIT)

    harness.select(tab, kept)
    assert commands.open.isEnabled()
    assert commands.folder.isEnabled()
    commands.preview.trigger()
    dialog = commands.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert dialog.preview is not None
    assert dialog.preview.encoding == "windows-1251"  # as the sandbox (and SMSC) send it
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "Телефон"
    dialog.close()

    commands.remove.trigger()
    qtbot.waitUntil(lambda: kept not in queue.items, timeout=WAIT)
    assert kept.target.exists()  # removed from the list, the file stays

    harness.select(tab, deleted)
    commands.delete.trigger()
    qtbot.waitUntil(lambda: commands.confirm_box is not None, timeout=WAIT)
    box = commands.confirm_box
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=WAIT)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    assert deleted.target.exists()  # asked first: nothing deleted on Cancel
    commands.delete.trigger()
    qtbot.waitUntil(
        lambda: commands.confirm_box is not box and commands.confirm_box.isVisible(),
        timeout=WAIT,
    )
    commands.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: deleted not in queue.items, timeout=WAIT)
    assert not deleted.target.exists()


def test_insights_of_a_finished_download(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(300_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    commands = tab.downloads.commands
    item = harness.download(tab, record["id"])
    assert not commands.insights.isEnabled()
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    harness.select(tab, item)
    assert commands.insights.isEnabled()
    commands.insights.trigger()
    dialog = commands.insights_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.insights is not None, timeout=WAIT)
    assert dialog.insights is not None
    assert dialog.insights.rows > 1000
    assert dialog.windowTitle() == f"Insights: {item.file_name}"
    assert sha256(item.target) == sandbox.job_info(record["id"])["sha256"]  # read, not written
    dialog.close()


def test_closing_the_window_while_queueing_is_not_a_crash(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    """The demo queues files right after start; quitting at that moment must stay quiet."""
    record = sandbox.create_job(1000, status=2)
    tab = harness.tab()
    harness.open(tab)
    harness.refresh_jobs(tab)
    job = next(j for j in harness.service(tab).jobs if j.id == record["id"])
    queue = tab.downloads.queue
    assert queue is not None
    task = harness.loop.create_task(tab.downloads.download_jobs([job]))
    queue.shutdown()  # the session closes while the task waits for its folder check
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() == []
    assert queue.closed


def test_the_toolbar_names_each_commands_key(harness: Harness) -> None:
    tab = harness.tab()
    commands = tab.downloads.commands
    assert commands.pause.toolTip().endswith(" (Ctrl+P)")
    assert commands.resume.toolTip().endswith(" (Ctrl+S)")
    assert commands.delete.toolTip().endswith(" (Shift+Del)")
    assert "(" not in commands.retry.toolTip()  # no key of its own: nothing added
