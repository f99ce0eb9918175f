"""The Exports tab: SMSC's deferred export jobs above, the download manager below.

A thin tab laying out two panes (``ui/panels/exports/``): ``JobsPanel`` (the job list,
refreshed within SMSC's limits) and ``DownloadsPanel`` (the download queue, its folder and
commands). The jobs pane asks for downloads; the downloads pane does them. Both show the
active account's services (``session.exports``, ``session.downloads``), which the session
owns and closes; ``session.start_exports()`` loads the saved queue and starts the list.

The tab reports its data as loaded once the list and the queue are shown and running
downloads have had a moment to show their speed and time left (for ``--screenshot``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from smsc_desktop.api import ExportJob
from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.panels.exports.downloads import DownloadsPanel
from smsc_desktop.ui.panels.exports.jobs import JobsPanel
from smsc_desktop.ui.tabs.base import TabPage
from smsc_desktop.ui.texts import exports as texts

log = logging.getLogger("smsc_desktop.ui.exports")

LIVE_GRACE_MS = 4000
"""The longest the first paint waits for running downloads to show their progress."""
LIVE_SETTLE = 1.5
"""Seconds of transfer after which a running download's speed and time left mean something."""


class ExportsTab(TabPage):
    name = "exports"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.jobs = JobsPanel(ctx.settings, self)
        self.downloads = DownloadsPanel(ctx.settings, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.jobs)
        splitter.addWidget(self.downloads)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self.jobs.downloadRequested.connect(self._download_requested)
        self.jobs.listShown.connect(self._list_shown)
        self.downloads.downloads_model.dataChanged.connect(self._maybe_loaded)
        self._jobs_shown = self._queue_loaded = self._live_deadline_passed = False
        self._live_since: float | None = None
        self.restore_headers()

    def title(self) -> str:
        return texts.tab_title()

    # --- the account --------------------------------------------------------------------------

    def session_changed(self, session: AccountSession | None) -> None:
        self._jobs_shown = self._queue_loaded = self._live_deadline_passed = False
        self._live_since = None
        self.jobs.set_service(session.exports if session is not None else None)
        self.downloads.set_session(session)
        if session is None:
            return
        QTimer.singleShot(LIVE_GRACE_MS, self, self._live_grace_over)
        self.session_tasks.spawn(self._start(session), name="exports-start")

    async def _start(self, session: AccountSession) -> None:
        await session.start_exports()
        self._queue_loaded = True
        self._maybe_loaded()

    def refresh(self) -> asyncio.Task[Any] | None:
        """The tab's read action: reload the job list (within SMSC's limit)."""
        return self.jobs.refresh()

    def _download_requested(self, jobs: list[ExportJob]) -> None:
        self.downloads.request(jobs)

    def shutdown(self) -> None:
        """The window closes: keep the table layout (the session saves the queue)."""
        self._save_headers()

    # --- table layout -------------------------------------------------------------------------

    def _views(self) -> tuple[tuple[str, QTableView], ...]:
        return (
            ("exports.jobs", self.jobs.jobs_view),
            ("exports.downloads", self.downloads.downloads_view),
        )

    def _save_headers(self) -> None:
        headers = dict(self.ctx.settings.get("ui/headers"))
        for key, view in self._views():
            headers[key] = bytes(view.horizontalHeader().saveState().toBase64().data()).decode()
        try:
            self.ctx.settings.set("ui/headers", headers)
        except OSError:
            log.warning("Could not save the table layout")

    def restore_headers(self) -> None:
        headers = self.ctx.settings.get("ui/headers")
        for key, view in self._views():
            state = headers.get(key)
            if isinstance(state, str) and state:
                view.horizontalHeader().restoreState(QByteArray.fromBase64(state.encode()))

    # --- "loaded" for the first paint ---------------------------------------------------------

    def _list_shown(self) -> None:
        self._jobs_shown = True
        self._maybe_loaded()

    def _maybe_loaded(self, *_args: object) -> None:
        session = self.session
        if self.is_loaded() or session is None or not (self._jobs_shown and self._queue_loaded):
            return
        queue = self.downloads.queue
        if queue is not None and not self._live_deadline_passed:
            if session.demo_downloads_pending:
                return  # the demo's first files are being queued
            downloading = [i for i in queue.items if i.state is DownloadState.DOWNLOADING]
            queued = [i for i in queue.items if i.state is DownloadState.QUEUED]
            if len(downloading) < min(queue.concurrency, len(downloading) + len(queued)):
                return  # free slots are being filled
            if downloading:
                if self._live_since is None:
                    self._live_since = time.monotonic()
                    QTimer.singleShot(int(LIVE_SETTLE * 1000) + 50, self, self._maybe_loaded)
                settled = time.monotonic() - self._live_since >= LIVE_SETTLE
                if not settled or any(i.speed <= 0 for i in downloading):
                    return  # let running downloads show their speed and time left first
        self.downloads.update_summary()
        self.mark_loaded()

    def _live_grace_over(self) -> None:
        self._live_deadline_passed = True
        self._maybe_loaded()
