"""The Exports tab on the sandbox, for the tab's and its panels' tests: the ``harness`` fixture.

Time that SMSC's limits or the backoff would make us wait is moved by the test: the
session's services get a clock and a sleep the test controls, and the client's rate guard
reads the same clock. Everything else is real: HTTP, the worker thread, the files.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from smsc_desktop.api import Credentials
from smsc_desktop.services.downloads import DownloadItem
from smsc_desktop.services.exports import ExportsService
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.session import AccountSession, SessionOptions
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.models.downloads import DownloadColumn
from smsc_desktop.ui.tabs.exports import ExportsTab
from tests.helpers.exports import MovingClock
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxAccount, SandboxHandle

WAIT = 20_000


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

    def delete(self, tab: ExportsTab) -> None:
        """The tab's window is gone (its session stays with the context)."""
        self.tabs.remove(tab)
        with self.qtbot.waitSignal(tab.destroyed, timeout=WAIT):
            tab.deleteLater()

    def discard(self, tab: ExportsTab) -> None:
        """The window is gone: the tab no longer follows the account."""
        if self.ctx.session is not None:
            run(self.loop, self.qtbot, self.ctx.session.close())
            self.ctx.session = None
        self.delete(tab)

    def open(
        self,
        tab: ExportsTab,
        *,
        demo: bool = False,
        account: SandboxAccount | None = None,
        wait: bool = True,
    ) -> AccountSession:
        """Make a sandbox account (the demo account's jobs by default) the active one and
        wait until the tab shows it (unless not *wait*)."""
        acc = account or self.sandbox.demo
        profile = Profile(
            name="Sandbox", server=self.sandbox.url, login=acc.login, id="sandbox-test", demo=demo
        )
        creds = Credentials.from_password(acc.login, acc.password)
        previous = self.ctx.session
        if previous is not None:
            run(self.loop, self.qtbot, previous.close())
        # SMSC's limits and the services' schedules on the test's clock
        session = AccountSession(profile, creds, self.paths, options=self.ctx.options_for_session())
        self.ctx.session = session
        self.ctx.sessionChanged.emit(session)
        if wait:
            self.qtbot.waitUntil(tab.is_loaded, timeout=WAIT)
        if not demo:
            tab.downloads.set_folder(self.folder)
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
        jobs = tab.jobs
        row = jobs.jobs_model.row_of(job_id)
        assert row is not None
        return jobs.jobs_proxy.mapFromSource(jobs.jobs_model.index(row, 0)).row()

    def download(self, tab: ExportsTab, job_id: int) -> DownloadItem:
        """Select the job in the table and press Download, as a user would."""
        tab.jobs.jobs_view.selectRow(self.job_row(tab, job_id))
        assert tab.jobs.download_button.isEnabled()
        self.qtbot.mouseClick(tab.jobs.download_button, Qt.MouseButton.LeftButton)
        queue = tab.downloads.queue
        assert queue is not None
        self.qtbot.waitUntil(lambda: any(i.job_id == job_id for i in queue.items), timeout=WAIT)
        return next(i for i in queue.items if i.job_id == job_id)

    def refresh_jobs(self, tab: ExportsTab) -> None:
        service = self.service(tab)
        before = service.updated_at
        self.qtbot.mouseClick(tab.jobs.refresh_button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: service.updated_at != before, timeout=WAIT)

    def let_time_pass(self, service: ExportsService, sleep: StepSleep) -> None:
        """Until the next automatic refresh, and wait for it to come back."""
        self.qtbot.waitUntil(lambda: bool(sleep.waiting), timeout=WAIT)
        before = service.updated_at
        sleep.release()
        self.qtbot.waitUntil(lambda: service.updated_at != before, timeout=WAIT)

    @staticmethod
    def service(tab: ExportsTab) -> ExportsService:
        service = tab.jobs.service
        assert service is not None
        return service

    def select(self, tab: ExportsTab, item: DownloadItem) -> None:
        queue = tab.downloads.queue
        assert queue is not None
        tab.downloads.downloads_view.clearSelection()
        tab.downloads.downloads_view.selectRow(queue.row_of(item))

    def cell(self, tab: ExportsTab, item: DownloadItem, column: DownloadColumn) -> str:
        queue = tab.downloads.queue
        assert queue is not None
        index = tab.downloads.downloads_model.index(queue.row_of(item), column)
        return str(index.data() or "")


@pytest.fixture
def harness(qtbot: Any, qloop: Any, sandbox: SandboxHandle, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(qtbot, qloop, sandbox, tmp_path)
    yield h
    h.close()
