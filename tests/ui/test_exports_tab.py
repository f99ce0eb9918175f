"""The Exports tab with qtbot against the sandbox over real HTTP.

Time that SMSC's limits or the backoff would make us wait is moved by the test: the tab's
services get a clock and a sleep the test controls, and the client's rate guard reads the
same clock. Everything else is real: HTTP, the worker thread, the files.
"""

from __future__ import annotations

import asyncio
import codecs
import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from smsc_desktop.api import Credentials, JobStatus
from smsc_desktop.services.downloads import QUEUE_FILE, DownloadItem, DownloadState
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.session import AccountSession, SessionOptions
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.dialogs.csv_preview import CsvPreviewDialog
from smsc_desktop.ui.models.downloads import DownloadColumn
from smsc_desktop.ui.models.jobs import JobColumn
from smsc_desktop.ui.tabs.exports import ExportsTab
from tests.helpers.exports import MovingClock, file_requests, read_only_folder
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxHandle

WAIT = 20_000


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class StepSleep:
    """A sleep the test releases by hand: ``release()`` moves the clocks and wakes it.

    Sleeps shorter than *instant_below* (a download's backoff) pass at once, moving the
    clocks; longer ones (the job list's 30 s) wait for the test.
    """

    def __init__(self, clock: MovingClock, instant_below: float = 0.0) -> None:
        self.clock = clock
        self.instant_below = instant_below
        self.waiting: list[tuple[float, asyncio.Future[None]]] = []

    async def __call__(self, seconds: float) -> None:
        if seconds < self.instant_below:
            await self.clock.sleep(seconds)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiting.append((seconds, future))
        try:
            await future
        finally:
            self.waiting = [(s, f) for s, f in self.waiting if f is not future]

    def release(self) -> float:
        """Let the shortest sleep end (time jumps by its length); returns that length."""
        seconds, future = min(self.waiting, key=lambda w: w[0])
        self.waiting.remove((seconds, future))
        self.clock.advance(seconds)
        future.set_result(None)
        return seconds


class Harness:
    """A tab on its own AppContext, with sessions for the sandbox's demo account."""

    def __init__(self, qtbot: Any, qloop: Any, sandbox: SandboxHandle, root: Path) -> None:
        self.qtbot = qtbot
        self.loop = qloop
        self.sandbox = sandbox
        self.paths = AppPaths(root / "app")
        self.settings = Settings(self.paths.settings_file)
        self.ctx = AppContext(self.paths, self.settings)
        self.clock = MovingClock(sandbox)
        self.folder = root / "downloads"
        self.folder.mkdir()
        self.tabs: list[ExportsTab] = []

    def tab(self, sleep: Any = None) -> ExportsTab:
        sleep = sleep or StepSleep(self.clock, instant_below=10.0)
        self.ctx.session_options = SessionOptions(clock=self.clock, sleep=sleep)
        tab = ExportsTab(self.ctx)
        self.qtbot.addWidget(tab)
        tab.resize(1100, 700)
        tab.show()
        self.tabs.append(tab)
        return tab

    def discard(self, tab: ExportsTab) -> None:
        """The window is gone: the tab no longer follows the account."""
        self.tabs.remove(tab)
        if self.ctx.session is not None:
            run(self.loop, self.qtbot, self.ctx.session.close())
            self.ctx.session = None
        with self.qtbot.waitSignal(tab.destroyed, timeout=WAIT):
            tab.deleteLater()

    def open(self, tab: ExportsTab) -> AccountSession:
        profile = Profile(
            name="Sandbox", server=self.sandbox.url, login=self.sandbox.login, id="sandbox-test"
        )
        creds = Credentials.from_password(self.sandbox.login, self.sandbox.password)
        previous = self.ctx.session
        if previous is not None:
            run(self.loop, self.qtbot, previous.close())
        # SMSC's limits and the services' schedules on the test's clock
        session = AccountSession(profile, creds, self.paths, options=self.ctx.options_for_session())
        self.ctx.session = session
        self.ctx.sessionChanged.emit(session)
        self.qtbot.waitUntil(tab.is_loaded, timeout=WAIT)
        tab.set_folder(self.folder)
        return session

    def close(self) -> None:
        session = self.ctx.session
        for tab in self.tabs:
            tab.shutdown()
        self.ctx.session = None
        self.ctx.sessionChanged.emit(None)
        if session is not None:
            run(self.loop, self.qtbot, session.close())

    def job_row(self, tab: ExportsTab, job_id: int) -> int:
        row = tab.jobs_model.row_of(job_id)
        assert row is not None
        return tab.jobs_proxy.mapFromSource(tab.jobs_model.index(row, 0)).row()

    def download(self, tab: ExportsTab, job_id: int) -> DownloadItem:
        """Select the job in the table and press Download, as a user would."""
        tab.jobs_view.selectRow(self.job_row(tab, job_id))
        assert tab.download_button.isEnabled()
        self.qtbot.mouseClick(tab.download_button, Qt.MouseButton.LeftButton)
        assert tab.queue is not None
        self.qtbot.waitUntil(lambda: any(i.job_id == job_id for i in tab.queue.items), timeout=WAIT)
        return next(i for i in tab.queue.items if i.job_id == job_id)

    def refresh_jobs(self, tab: ExportsTab) -> None:
        assert tab.jobs_service is not None
        before = tab.jobs_service.updated_at
        self.qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: tab.jobs_service.updated_at != before, timeout=WAIT)

    def let_time_pass(self, service: Any, sleep: StepSleep) -> None:
        """Until the next automatic refresh, and wait for it to come back."""
        self.qtbot.waitUntil(lambda: bool(sleep.waiting), timeout=WAIT)
        before = service.updated_at
        sleep.release()
        self.qtbot.waitUntil(lambda: service.updated_at != before, timeout=WAIT)

    def select(self, tab: ExportsTab, item: DownloadItem) -> None:
        assert tab.queue is not None
        tab.downloads_view.clearSelection()
        tab.downloads_view.selectRow(tab.queue.row_of(item))

    def cell(self, tab: ExportsTab, item: DownloadItem, column: DownloadColumn) -> str:
        assert tab.queue is not None
        index = tab.downloads_model.index(tab.queue.row_of(item), column)
        return str(index.data() or "")


@pytest.fixture
def harness(qtbot: Any, qloop: Any, sandbox: SandboxHandle, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(qtbot, qloop, sandbox, tmp_path)
    yield h
    h.close()


# --- jobs -----------------------------------------------------------------------------------


def test_job_list_refreshes_itself_within_the_limit(
    harness: Harness, sandbox: SandboxHandle
) -> None:
    sleep = StepSleep(harness.clock)
    tab = harness.tab(sleep)
    harness.open(tab)
    service = tab.jobs_service
    assert service is not None
    model = tab.jobs_model
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
    assert "2 in progress" in tab.jobs_count.text()
    harness.qtbot.waitUntil(lambda: bool(sleep.waiting), timeout=WAIT)
    assert "next refresh in 30 s" in tab.refresh_status.text()

    # The user refreshes by hand twice: the third request of the minute is the limit, so
    # the button waits and says for how long; the automatic refresh moves along.
    harness.refresh_jobs(tab)
    harness.refresh_jobs(tab)
    assert not tab.refresh_button.isEnabled()
    assert "available in 62 s" in tab.refresh_button.toolTip()  # a minute and the margin

    # Let time pass: 30 s steps until every job has finished.
    steps = 0
    while service.has_active_jobs:
        harness.let_time_pass(service, sleep)
        steps += 1
        assert steps < 20
    statuses = {model.job(r).status for r in range(model.rowCount())}
    assert JobStatus.WAITING not in statuses
    assert JobStatus.RUNNING not in statuses
    assert "auto-refresh paused" in tab.refresh_status.text()
    requests = [e for e in sandbox.state()["log"] if e["command"] == "get_list"]
    assert all(e["error_code"] == 0 for e in requests)  # SMSC never had to refuse one
    by_request: dict[str, list[float]] = {}
    for entry in requests:  # SMSC counts identical requests: same parameters
        by_request.setdefault(json.dumps(entry["params"], sort_keys=True), []).append(entry["time"])
    assert len(by_request) == 3  # the full list, then from the oldest unfinished job (twice)
    for times in by_request.values():
        assert all(b - a >= 60 for a, b in zip(times, times[3:], strict=False)), times


def test_download_shows_bytes_percent_speed_and_time_left(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(3_000_000, status=2)
    info = sandbox.job_info(record["id"])
    sandbox.set_fault("downloads", rate=1_000_000)
    tab = harness.tab()
    harness.open(tab)
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.speed > 0 and item.received > 0, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Downloading"
    assert harness.cell(tab, item, DownloadColumn.PROGRESS).endswith("%")
    assert " of 2.9 MB" in harness.cell(tab, item, DownloadColumn.SIZE)
    assert harness.cell(tab, item, DownloadColumn.SPEED).endswith("/s")
    assert ":" in harness.cell(tab, item, DownloadColumn.TIME_LEFT)
    assert "downloading" in tab.summary.text()
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
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.received > 200_000, timeout=WAIT)
    harness.select(tab, item)
    assert tab.pause_action.isEnabled()
    tab.pause_action.trigger()
    qtbot.waitUntil(lambda: item.state is DownloadState.PAUSED, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Paused"
    assert item.part.stat().st_size == item.received
    assert tab.resume_action.isEnabled()
    assert not tab.pause_action.isEnabled()
    sandbox.clear_faults()
    tab.resume_action.trigger()
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
    tab.cancel_action.trigger()
    qtbot.waitUntil(lambda: item.state is DownloadState.CANCELLED, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Cancelled"
    assert list(harness.folder.iterdir()) == []
    assert tab.retry_action.isEnabled()


def test_connection_dropped_mid_file_resumes_to_the_servers_file(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(5_000_000, status=2)
    info = sandbox.job_info(record["id"])
    tab = harness.tab()
    harness.open(tab)
    sandbox.set_fault("downloads", drop_after=2_345_678, count=1)
    seen: list[str] = []
    assert tab.queue is not None
    tab.queue.item_changed.connect(
        lambda i: seen.append(harness.cell(tab, i, DownloadColumn.STATUS))
    )
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert "Connection lost: retrying in 2 s" in seen
    assert sha256(item.target) == info["sha256"]
    requests = file_requests(sandbox)
    assert [r["http_status"] for r in requests] == [200, 206]
    assert requests[0]["dropped"]


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
    tab.pause_action.trigger()
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
    assert again.queue is not None
    restored_first, restored_second = again.queue.items
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


def test_error_body_instead_of_the_file(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(100_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    sandbox.set_fault("downloads", html=200, count=1)
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.state is DownloadState.FAILED, timeout=WAIT)
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Failed: server sent an error page"
    harness.select(tab, item)
    assert tab.message.isVisible()
    assert "error page instead of the file" in tab.message.text()
    assert list(harness.folder.iterdir()) == []

    sandbox.set_fault("downloads", error_code=3, count=1)
    tab.retry_action.trigger()
    qtbot.waitUntil(
        lambda: item.state is DownloadState.FAILED and item.problem.code == 3, timeout=WAIT
    )
    assert harness.cell(tab, item, DownloadColumn.STATUS) == "Failed: SMSC error 3"
    assert list(harness.folder.iterdir()) == []
    tab.retry_action.trigger()  # the server is fine again
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert sha256(item.target) == sandbox.job_info(record["id"])["sha256"]


def test_read_only_folder_gives_a_plain_message(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any, tmp_path: Path
) -> None:
    record = sandbox.create_job(100_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    with read_only_folder(tmp_path) as folder:
        tab.set_folder(folder)
        item = harness.download(tab, record["id"])
        qtbot.waitUntil(lambda: item.state is DownloadState.FAILED, timeout=WAIT)
        assert harness.cell(tab, item, DownloadColumn.STATUS) == "Failed: no permission"
        harness.select(tab, item)
        assert "does not allow writing into" in tab.message.text()
        assert str(folder) in tab.message.text()
        assert file_requests(sandbox) == []


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


def test_auto_download_when_a_job_becomes_done(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    sleep = StepSleep(harness.clock)
    tab = harness.tab(sleep)
    tab.auto_download.setChecked(True)
    harness.open(tab)
    assert tab.queue is not None
    assert tab.queue.items == []
    service = tab.jobs_service
    assert service is not None
    while service.has_active_jobs:
        harness.let_time_pass(service, sleep)
    qtbot.waitUntil(
        lambda: (
            len(tab.queue.items) == 2
            and all(i.state is DownloadState.DONE for i in tab.queue.items)
        ),
        timeout=WAIT,
    )
    assert harness.settings.get("downloads/auto") is True


def test_finished_items_remove_delete_and_preview(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    records = [sandbox.create_job(40_000, status=2) for _ in range(2)]
    tab = harness.tab()
    harness.open(tab)
    kept, deleted = (harness.download(tab, r["id"]) for r in records)
    qtbot.waitUntil(lambda: kept.state is deleted.state is DownloadState.DONE, timeout=WAIT)

    harness.select(tab, kept)
    assert tab.open_action.isEnabled()
    assert tab.folder_action.isEnabled()
    tab.preview_action.trigger()
    dialog = tab.preview_dialog
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert dialog.preview.encoding == "windows-1251"  # as the sandbox (and SMSC) send it
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "Телефон"
    dialog.close()

    tab.remove_action.trigger()
    qtbot.waitUntil(lambda: kept not in tab.queue.items, timeout=WAIT)
    assert kept.target.exists()  # removed from the list, the file stays

    harness.select(tab, deleted)
    tab.delete_action.trigger()
    qtbot.waitUntil(lambda: getattr(tab, "confirm_box", None) is not None, timeout=WAIT)
    box = tab.confirm_box
    qtbot.waitUntil(box.isVisible, timeout=WAIT)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    assert deleted.target.exists()  # asked first: nothing deleted on Cancel
    tab.delete_action.trigger()
    qtbot.waitUntil(
        lambda: tab.confirm_box is not box and tab.confirm_box.isVisible(), timeout=WAIT
    )
    tab.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: deleted not in tab.queue.items, timeout=WAIT)
    assert not deleted.target.exists()


# --- preview --------------------------------------------------------------------------------

HEADER = ["Дата отправки", "Телефон", "Статус", "Текст сообщения"]
ROWS = [
    ["01.05.2024 10:00:01", "79161234567", "Доставлено", "Ваш код: 1234"],
    ["01.05.2024 10:00:05", "79035550011", "Не доставлено", "Заказ №4821; спасибо"],
]


@pytest.mark.parametrize(
    ("encoding", "separator"), [("windows-1251", ";"), ("utf-8", ",")], ids=["cp1251", "utf8"]
)
def test_preview_in_both_encodings_and_save_for_excel(
    qtbot: Any, qloop: Any, tmp_path: Path, encoding: str, separator: str
) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=separator, lineterminator="\r\n").writerows([HEADER, *ROWS * 400])
    dialog = CsvPreviewDialog(path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.open()
    assert dialog.encoding.currentData() == encoding
    assert dialog.separator.currentData() == separator
    assert dialog.model.rowCount() == 300
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == HEADER
    assert dialog.model.index(1, 3).data() == "Заказ №4821; спасибо"
    assert "First 300 rows" in dialog.info.text()

    # Reading it with the wrong encoding shows mojibake; switching back fixes it.
    wrong = "utf-8" if encoding == "windows-1251" else "windows-1251"
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(wrong))
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) != "Телефон"
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(encoding))
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "Телефон"

    dest = tmp_path / "excel.csv"
    assert run(qloop, qtbot, dialog.save_for_excel(dest))
    raw = dest.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ";".join(HEADER)
    assert lines[2] == '01.05.2024 10:00:05;79035550011;Не доставлено;"Заказ №4821; спасибо"'
    assert "Saved 801 rows" in dialog.status.text()
    dialog.close()


def test_closing_the_window_while_queueing_is_not_a_crash(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    """The demo queues files right after start; quitting at that moment must stay quiet."""
    record = sandbox.create_job(1000, status=2)
    tab = harness.tab()
    harness.open(tab)
    harness.refresh_jobs(tab)
    job = next(j for j in tab.jobs_service.jobs if j.id == record["id"])
    task = harness.loop.create_task(tab.download_jobs([job]))
    tab.shutdown()  # while the task waits for its folder check in a worker thread
    qtbot.waitUntil(task.done, timeout=WAIT)
    assert task.result() == []
    assert tab.queue is None or tab.queue.closed
