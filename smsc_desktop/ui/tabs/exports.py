"""The Exports tab: SMSC's deferred export jobs above, the download manager below.

Jobs refresh themselves while any is waiting or running, within SMSC's limit of 3
identical list requests a minute (the header says when the next refresh comes). Done jobs
download into a chosen, remembered folder; downloads show bytes, percent, speed and time
left, and can be paused, resumed, cancelled and retried. Finished files open, show in
their folder, preview as a table and save for Excel.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import ExportJob, JobStatus, SmscError
from smsc_desktop.services.downloads import (
    MAX_CONCURRENCY,
    QUEUE_FILE,
    DownloadItem,
    DownloadQueue,
    DownloadState,
)
from smsc_desktop.services.exports import ExportsService
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui import aio
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.desktop import open_file, show_in_folder
from smsc_desktop.ui.formatting import format_bytes
from smsc_desktop.ui.models.downloads import (
    DownloadColumn,
    DownloadsModel,
    format_speed,
    problem_text,
)
from smsc_desktop.ui.models.jobs import JobColumn, JobRole, JobsModel
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.tabs.base import TabPage
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.theme import Box, Tone, set_box, set_tone
from smsc_desktop.ui.widgets.progress_delegate import ProgressDelegate

log = logging.getLogger("smsc_desktop.ui.exports")


LIVE_GRACE_MS = 4000
"""The longest the first paint waits for running downloads to show their progress."""
LIVE_SETTLE = 1.5
"""Seconds of transfer after which a running download's speed and time left mean something."""


class ExportsTab(TabPage):
    name = "exports"

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.jobs_service: ExportsService | None = None
        self.queue: DownloadQueue | None = None
        self.folder: Path | None = None
        self._queue_loaded = False
        self._jobs_shown = False
        self._live_deadline_passed = False
        self._live_since: float | None = None
        self._demo_seed = False
        self._build()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._action_key: tuple[Any, ...] = ()
        self._summary_key: tuple[Any, ...] = ()
        self.restore_headers()

    def title(self) -> str:
        return self.tr("Exports")

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_jobs())
        splitter.addWidget(self._build_downloads())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        layout.addWidget(splitter)

    def _build_jobs(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)

        header = QHBoxLayout()
        title = QLabel(self.tr("<b>Export jobs</b>"), panel)
        header.addWidget(title)
        self.jobs_count = QLabel(panel)
        set_tone(self.jobs_count, Tone.MUTED)
        header.addWidget(self.jobs_count)
        header.addStretch(1)
        self.refresh_status = QLabel(panel)
        self.refresh_status.setObjectName("refreshStatus")
        set_tone(self.refresh_status, Tone.MUTED)
        header.addWidget(self.refresh_status)
        self.refresh_button = QPushButton(icon("jobs-refresh"), self.tr("Refresh"), panel)
        self.refresh_button.setObjectName("refreshJobs")
        self.refresh_button.clicked.connect(self._refresh_clicked)
        header.addWidget(self.refresh_button)
        self.download_button = QPushButton(icon("download-start"), self.tr("Download"), panel)
        self.download_button.setObjectName("downloadJobs")
        self.download_button.setToolTip(self.tr("Download the files of the selected done jobs"))
        self.download_button.clicked.connect(self._download_selected_jobs)
        header.addWidget(self.download_button)
        layout.addLayout(header)

        self.jobs_banner = QLabel(panel)
        self.jobs_banner.setObjectName("jobsBanner")
        self.jobs_banner.setWordWrap(True)
        set_box(self.jobs_banner, Box.ERROR)
        self.jobs_banner.hide()
        layout.addWidget(self.jobs_banner)

        self.jobs_model = JobsModel(self)
        self.jobs_proxy = QSortFilterProxyModel(self)
        self.jobs_proxy.setSourceModel(self.jobs_model)
        self.jobs_proxy.setSortRole(JobRole.SORT)
        self.jobs_view = QTableView(panel)
        self.jobs_view.setObjectName("jobsView")
        self.jobs_view.setModel(self.jobs_proxy)
        self._setup_table(self.jobs_view)
        self.jobs_view.setSortingEnabled(True)
        self.jobs_view.sortByColumn(JobColumn.ID, Qt.SortOrder.DescendingOrder)
        jobs_header = self.jobs_view.horizontalHeader()
        jobs_header.setSectionResizeMode(JobColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (JobColumn.ID, JobColumn.STATUS, JobColumn.CREATED, JobColumn.TIME):
            jobs_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        jobs_header.setSectionResizeMode(JobColumn.FILE, QHeaderView.ResizeMode.Interactive)
        jobs_header.resizeSection(JobColumn.FILE, 260)
        self.jobs_view.doubleClicked.connect(self._job_double_clicked)
        self.jobs_view.selectionModel().selectionChanged.connect(self._update_job_actions)
        self.jobs_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.jobs_view.customContextMenuRequested.connect(self._jobs_menu)
        layout.addWidget(self.jobs_view, 1)

        footer = QHBoxLayout()
        self.auto_download = QCheckBox(
            self.tr("Download each job's file automatically when the job is done"), panel
        )
        self.auto_download.setObjectName("autoDownload")
        self.auto_download.setChecked(bool(self.ctx.settings.get("downloads/auto")))
        self.auto_download.toggled.connect(
            lambda on: self.ctx.settings.set("downloads/auto", bool(on))
        )
        footer.addWidget(self.auto_download)
        footer.addStretch(1)
        self.load_more_button = QPushButton(self.tr("Load more jobs"), panel)
        self.load_more_button.setObjectName("loadMore")
        self.load_more_button.clicked.connect(self._load_more)
        self.load_more_button.hide()
        footer.addWidget(self.load_more_button)
        layout.addLayout(footer)
        return panel

    def _build_downloads(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 6, 0, 0)

        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("<b>Downloads</b>"), panel))
        self.summary = QLabel(panel)
        self.summary.setObjectName("downloadsSummary")
        set_tone(self.summary, Tone.MUTED)
        header.addWidget(self.summary)
        header.addStretch(1)
        header.addWidget(QLabel(self.tr("Save to:"), panel))
        self.folder_button = QToolButton(panel)
        self.folder_button.setObjectName("folderButton")
        self.folder_button.setIcon(icon("download-folder"))
        self.folder_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.folder_button.setToolTip(self.tr("Choose the folder new downloads are saved into"))
        self.folder_button.clicked.connect(self._choose_folder_clicked)
        header.addWidget(self.folder_button)
        header.addSpacing(12)
        header.addWidget(QLabel(self.tr("At once:"), panel))
        self.concurrency = QSpinBox(panel)
        self.concurrency.setObjectName("concurrency")
        self.concurrency.setRange(1, MAX_CONCURRENCY)
        self.concurrency.setValue(int(self.ctx.settings.get("downloads/concurrency")))
        self.concurrency.setToolTip(
            self.tr("How many files download at the same time; the others wait in the queue")
        )
        self.concurrency.valueChanged.connect(self._concurrency_changed)
        header.addWidget(self.concurrency)
        layout.addLayout(header)

        self.toolbar = QToolBar(panel)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.75)

        def action(name: str, text: str, slot: Callable[[], Any], tip: str) -> QAction:
            act = QAction(icon(name), text, self)
            act.setToolTip(tip)
            act.triggered.connect(slot)
            self.toolbar.addAction(act)
            return act

        self.pause_action = action(
            "download-pause", self.tr("Pause"), self._pause, self.tr("Pause; the part kept")
        )
        self.resume_action = action(
            "download-resume",
            self.tr("Resume"),
            self._resume,
            self.tr("Continue from where the download stopped"),
        )
        self.retry_action = action(
            "download-retry",
            self.tr("Retry"),
            self._retry,
            self.tr("Try a failed or cancelled download again, or retry now"),
        )
        self.cancel_action = action(
            "download-cancel",
            self.tr("Cancel"),
            self._cancel,
            self.tr("Stop and delete the partial file"),
        )
        self.toolbar.addSeparator()
        self.open_action = action(
            "download-open", self.tr("Open"), self._open, self.tr("Open the file")
        )
        self.folder_action = action(
            "download-folder",
            self.tr("Show in folder"),
            self._show_in_folder,
            self.tr("Show the file in its folder"),
        )
        self.preview_action = action(
            "download-preview",
            self.tr("Preview"),
            self._preview,
            self.tr("Look at the first rows, save a copy for Excel"),
        )
        self.toolbar.addSeparator()
        self.remove_action = action(
            "download-remove",
            self.tr("Remove from list"),
            self._remove,
            self.tr("Take finished downloads off the list; the files stay on disk"),
        )
        self.delete_action = action(
            "download-delete",
            self.tr("Delete file…"),
            self._delete_file,
            self.tr("Delete the downloaded file from disk (asks first)"),
        )
        layout.addWidget(self.toolbar)

        self.downloads_model = DownloadsModel(self)
        self.downloads_view = QTableView(panel)
        self.downloads_view.setObjectName("downloadsView")
        self.downloads_view.setModel(self.downloads_model)
        self._setup_table(self.downloads_view)
        self.downloads_view.setItemDelegateForColumn(
            DownloadColumn.PROGRESS, ProgressDelegate(self.downloads_view)
        )
        header_view = self.downloads_view.horizontalHeader()
        header_view.setSectionResizeMode(DownloadColumn.FILE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (DownloadColumn.STATUS, 200),
            (DownloadColumn.PROGRESS, 150),
            (DownloadColumn.SIZE, 150),
            (DownloadColumn.SPEED, 105),
            (DownloadColumn.TIME_LEFT, 110),
            (DownloadColumn.JOB, 170),
        ):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header_view.resizeSection(column, width)
        self.downloads_view.verticalHeader().setDefaultSectionSize(28)
        self.downloads_view.doubleClicked.connect(self._download_double_clicked)
        self.downloads_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.downloads_model.dataChanged.connect(self._on_downloads_data)
        self.downloads_model.modelReset.connect(self._update_actions)
        self.downloads_model.rowsInserted.connect(self._update_actions)
        self.downloads_model.rowsRemoved.connect(self._update_actions)
        self.downloads_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.downloads_view.customContextMenuRequested.connect(self._downloads_menu)
        layout.addWidget(self.downloads_view, 1)

        self.message = QLabel(panel)
        self.message.setObjectName("downloadMessage")
        self.message.setWordWrap(True)
        set_tone(self.message, Tone.BAD)
        self.message.hide()
        layout.addWidget(self.message)
        self._update_folder_button()
        self._update_actions()
        self._update_job_actions()
        return panel

    @staticmethod
    def _setup_table(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setShowGrid(False)
        view.verticalHeader().hide()
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.horizontalHeader().setHighlightSections(False)
        view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )

    # --- the account ----------------------------------------------------------------------

    def session_changed(self, session: AccountSession | None) -> None:
        self._close_services()
        self._jobs_shown = self._queue_loaded = self._live_deadline_passed = False
        self._live_since = None
        self.jobs_model.set_jobs([])
        self.jobs_banner.hide()
        self.message.hide()
        if session is None:
            self.downloads_model.set_queue(None)
            self._ticker.stop()
            self._update_refresh_status()
            return
        self.jobs_service = session.exports
        self.bindings.connect(self.jobs_service.jobs_changed, self._on_jobs)
        self.bindings.connect(self.jobs_service.refresh_failed, self._on_jobs_failed)
        self.bindings.connect(self.jobs_service.busy_changed, self._update_refresh_status)
        self.bindings.connect(self.jobs_service.schedule_changed, self._update_refresh_status)
        self.bindings.connect(self.jobs_service.job_finished, self._on_job_finished)
        self.queue = session.downloads
        self.queue.set_concurrency(self.concurrency.value())
        self.bindings.connect(self.queue.item_finished, self._on_download_finished)
        self.downloads_model.set_queue(self.queue)
        self.folder = self._initial_folder(session)
        self._update_folder_button()
        self._demo_seed = session.profile.demo and not (session.data_dir / QUEUE_FILE).exists()
        self._ticker.start()
        QTimer.singleShot(LIVE_GRACE_MS, self, self._live_grace_over)
        self.session_tasks.spawn(self._start(), name="exports-start")

    async def _start(self) -> None:
        assert self.queue is not None
        assert self.jobs_service is not None
        await self.queue.load()
        self._queue_loaded = True
        self._update_summary()
        self._update_actions()
        self.jobs_service.start()
        self._maybe_loaded()

    def _close_services(self) -> None:
        self.jobs_service = None
        if self.queue is not None:
            self.downloads_model.set_queue(None)
        self.queue = None

    def shutdown(self) -> None:
        self._ticker.stop()
        self._save_headers()
        if self.jobs_service is not None:
            self.jobs_service.stop()
        if self.queue is not None:
            self.queue.shutdown()

    def _initial_folder(self, session: AccountSession) -> Path:
        if session.profile.demo:
            # Sandbox files stay with the demo profile, out of the user's Downloads folder.
            return session.data_dir / "downloads"
        saved = str(self.ctx.settings.get("downloads/folder") or "")
        if saved:
            return Path(saved)
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        return Path(location or Path.home())

    # --- "loaded" for the first paint ---------------------------------------------------

    def _maybe_loaded(self) -> None:
        if self.is_loaded() or not (self._jobs_shown and self._queue_loaded):
            return
        if self.queue is not None and not self._live_deadline_passed:
            if self._demo_seed:
                return
            downloading = [i for i in self.queue.items if i.state is DownloadState.DOWNLOADING]
            queued = [i for i in self.queue.items if i.state is DownloadState.QUEUED]
            if len(downloading) < min(self.queue.concurrency, len(downloading) + len(queued)):
                return  # free slots are being filled
            if downloading:
                if self._live_since is None:
                    self._live_since = time.monotonic()
                    QTimer.singleShot(int(LIVE_SETTLE * 1000) + 50, self, self._maybe_loaded)
                settled = time.monotonic() - self._live_since >= LIVE_SETTLE
                if not settled or any(i.speed <= 0 for i in downloading):
                    return  # let running downloads show their speed and time left first
        self._update_summary()
        self.mark_loaded()

    def _live_grace_over(self) -> None:
        self._live_deadline_passed = True
        self._maybe_loaded()

    # --- jobs ---------------------------------------------------------------------------

    def _on_jobs(self, jobs: list[ExportJob]) -> None:
        selected = {j.id for j in self.selected_jobs()}
        self.jobs_model.set_jobs(jobs)
        self._select_jobs(selected)
        self.jobs_banner.hide()
        service = self.jobs_service
        more = service is not None and service.has_more
        self.load_more_button.setVisible(more)
        active = sum(1 for j in jobs if j.status in (JobStatus.WAITING, JobStatus.RUNNING))
        text = self.tr("%n job(s)", "", len(jobs))
        if active:
            text += " · " + self.tr("%n in progress", "", active)
        self.jobs_count.setText(text)
        self._update_refresh_status()
        self._update_job_actions()
        self._jobs_shown = True
        if self._demo_seed:
            self._demo_seed = False
            done = [j for j in jobs if j.status is JobStatus.DONE]
            self.session_tasks.spawn(
                self.download_jobs(sorted(done, key=lambda j: j.id), select=False),
                name="demo-downloads",
            )
            return
        self._maybe_loaded()

    def _on_jobs_failed(self, error: SmscError) -> None:
        text = describe_error(error)
        service = self.jobs_service
        if service is not None and service.loaded and service.updated_at is not None:
            stamp = service.updated_at.astimezone().strftime("%H:%M:%S")
            text += " " + self.tr("The list shows what SMSC sent at %1.").replace("%1", stamp)
        self.jobs_banner.setText(text)
        self.jobs_banner.show()
        self._update_refresh_status()
        self._jobs_shown = True
        self._maybe_loaded()

    def _on_job_finished(self, job: ExportJob) -> None:
        if job.status is JobStatus.DONE and self.auto_download.isChecked():
            log.info("Job %s is done: downloading it automatically", job.id)
            self.session_tasks.spawn(self.download_jobs([job]), name="auto-download")

    def selected_jobs(self) -> list[ExportJob]:
        rows = self.jobs_view.selectionModel().selectedRows() if self.jobs_view.model() else []
        jobs = [self.jobs_proxy.mapToSource(index).data(JobRole.JOB) for index in rows]
        return [j for j in jobs if j is not None]

    def _select_jobs(self, job_ids: set[int]) -> None:
        if not job_ids:
            return
        selection = self.jobs_view.selectionModel()
        for job_id in job_ids:
            row = self.jobs_model.row_of(job_id)
            if row is None:
                continue
            index = self.jobs_proxy.mapFromSource(self.jobs_model.index(row, 0))
            selection.select(
                index,
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _update_job_actions(self) -> None:
        done = [j for j in self.selected_jobs() if j.status is JobStatus.DONE]
        self.download_button.setEnabled(bool(done) and self.queue is not None)

    def _refresh_clicked(self) -> None:
        self.refresh()

    def refresh(self) -> asyncio.Task[Any] | None:
        """The tab's read action: reload the job list (within SMSC's limit)."""
        service = self.jobs_service
        if service is None or service.loading or service.retry_after() > 0:
            return None
        return self.session_tasks.spawn(service.refresh(), name="jobs-refresh")

    def _load_more(self) -> None:
        if self.jobs_service is not None:
            self.session_tasks.spawn(self.jobs_service.load_more(), name="jobs-more")

    def _job_double_clicked(self, index: Any) -> None:
        job = self.jobs_proxy.mapToSource(index).data(JobRole.JOB)
        if job is not None and job.status is JobStatus.DONE:
            self.session_tasks.spawn(self.download_jobs([job]), name="download-job")

    def _download_selected_jobs(self) -> None:
        jobs = [j for j in self.selected_jobs() if j.status is JobStatus.DONE]
        if jobs:
            self.session_tasks.spawn(self.download_jobs(jobs), name="download-jobs")

    def _jobs_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        download = menu.addAction(icon("download-start"), self.tr("Download"))
        download.setEnabled(self.download_button.isEnabled())
        download.triggered.connect(self._download_selected_jobs)
        refresh = menu.addAction(icon("jobs-refresh"), self.tr("Refresh"))
        refresh.setEnabled(self.refresh_button.isEnabled())
        refresh.triggered.connect(self._refresh_clicked)
        menu.popup(self.jobs_view.viewport().mapToGlobal(pos))

    def _update_refresh_status(self, *_args: object) -> None:
        service = self.jobs_service
        if service is None:
            self.refresh_status.clear()
            self.refresh_button.setEnabled(False)
            return
        wait = service.retry_after()
        self.refresh_button.setEnabled(wait <= 0 and not service.loading)
        if wait > 0:
            self.refresh_button.setToolTip(
                self.tr(
                    "SMSC accepts 3 identical list requests a minute: available in %n s",
                    "",
                    math.ceil(wait),
                )
            )
        else:
            self.refresh_button.setToolTip(self.tr("Ask SMSC for the job list now"))
        parts = []
        if service.loading:
            parts.append(self.tr("Updating…"))
        elif service.updated_at is not None:
            stamp = service.updated_at.astimezone().strftime("%H:%M:%S")
            parts.append(self.tr("Updated %1").replace("%1", stamp))
        due = service.next_refresh_at
        if not service.loading and service.loaded:
            if due is not None:
                seconds = max(0, math.ceil(due - service.clock()))
                parts.append(self.tr("next refresh in %n s", "", seconds))
            elif not service.has_active_jobs:
                parts.append(self.tr("no job in progress, auto-refresh paused"))
        self.refresh_status.setText(" · ".join(parts))

    # --- downloads: commands ------------------------------------------------------------

    async def download_jobs(
        self, jobs: list[ExportJob], *, select: bool = True
    ) -> list[DownloadItem]:
        """Queue the files of *jobs* (done ones only) into the chosen folder."""
        queue = self.queue
        if queue is None:
            return []
        folder = self.folder
        if folder is None:
            folder = await self.choose_folder()
            if folder is None:
                return []
        try:
            await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
        except OSError as exc:
            self._show_message(
                self.tr("The folder %1 cannot be used: %2")
                .replace("%1", str(folder))
                .replace("%2", exc.strerror or str(exc))
            )
            return []
        added: list[DownloadItem] = []
        for job in jobs:
            if queue is not self.queue or queue.closed:
                break  # the account was switched or the window closed meanwhile
            if job.status is not JobStatus.DONE:
                continue
            if queue.active_for_job(job.id) is not None:
                continue  # already on its way
            try:
                added.append(await queue.add(job, folder))
            except OSError as exc:
                self._show_message(
                    self.tr("Could not start the download into %1: %2")
                    .replace("%1", str(folder))
                    .replace("%2", exc.strerror or str(exc))
                )
                break
        if added and select:
            self._select_items(added)
        self._update_summary()
        return added

    def selected_items(self) -> list[DownloadItem]:
        rows = self.downloads_view.selectionModel().selectedRows()
        return [self.downloads_model.item(i.row()) for i in sorted(rows, key=lambda i: i.row())]

    def _select_items(self, items: list[DownloadItem]) -> None:
        if self.queue is None:
            return
        selection = self.downloads_view.selectionModel()
        selection.clearSelection()
        for item in items:
            if item in self.queue.items:
                index = self.downloads_model.index(self.queue.row_of(item), 0)
                selection.select(
                    index,
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _each(self, states: set[DownloadState], command: Callable[[DownloadItem], Any]) -> None:
        for item in self.selected_items():
            if item.state in states:
                command(item)
        self._update_actions()

    def _pause(self) -> None:
        if self.queue is not None:
            self._each(PAUSABLE, self.queue.pause)

    def _resume(self) -> None:
        if self.queue is not None:
            self._each(RESUMABLE, self.queue.resume)

    def _retry(self) -> None:
        if self.queue is not None:
            self._each(RETRYABLE, self.queue.retry)

    def _cancel(self) -> None:
        if self.queue is not None:
            self._each(CANCELLABLE, self.queue.cancel)

    def _open(self) -> None:
        for item in self.selected_items():
            if item.state is DownloadState.DONE:
                if not open_file(item.target):
                    self._show_message(
                        self.tr("No program could open %1.").replace("%1", str(item.target))
                    )
                break

    def _show_in_folder(self) -> None:
        items = self.selected_items()
        if items:
            item = items[0]
            path = item.target if item.state is DownloadState.DONE else item.folder
            show_in_folder(path)

    def _preview(self) -> None:
        from smsc_desktop.ui.dialogs.csv_preview import CsvPreviewDialog

        for item in self.selected_items():
            if item.state is DownloadState.DONE:
                dialog = CsvPreviewDialog(item.target, self)
                dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dialog.open()
                self.preview_dialog = dialog
                break

    def _remove(self) -> None:
        items = [i for i in self.selected_items() if i.state in REMOVABLE]
        if items and self.queue is not None:
            self.session_tasks.spawn(self._remove_items(items), name="downloads-remove")

    async def _remove_items(self, items: list[DownloadItem], delete: bool = False) -> None:
        queue = self.queue
        if queue is None:
            return
        for item in items:
            try:
                await queue.remove(item, delete_file=delete)
            except OSError as exc:
                self._show_message(
                    self.tr("Could not delete %1: %2")
                    .replace("%1", str(item.target))
                    .replace("%2", exc.strerror or str(exc))
                )

    def _delete_file(self) -> None:
        items = [i for i in self.selected_items() if i.state is DownloadState.DONE]
        if items:
            self.session_tasks.spawn(self.confirm_and_delete(items), name="downloads-delete")

    async def confirm_and_delete(self, items: list[DownloadItem]) -> bool:
        box = QMessageBox(self)
        box.setObjectName("confirmDelete")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete files"))
        if len(items) == 1:
            box.setText(self.tr("Delete %1 from disk?").replace("%1", items[0].file_name))
        else:
            box.setText(self.tr("Delete %n files from disk?", "", len(items)))
        box.setInformativeText(self.tr("The files cannot be restored from this program."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box
        answer = await aio.exec_dialog(box)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        await self._remove_items(items, delete=True)
        return True

    def _download_double_clicked(self, index: Any) -> None:
        item = self.downloads_model.item(index.row())
        if item.state is DownloadState.DONE:
            self._open()
        elif item.state in RESUMABLE and self.queue is not None:
            self.queue.resume(item)

    def _downloads_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for act in (
            self.pause_action,
            self.resume_action,
            self.retry_action,
            self.cancel_action,
            None,
            self.open_action,
            self.folder_action,
            self.preview_action,
            None,
            self.remove_action,
            self.delete_action,
        ):
            if act is None:
                menu.addSeparator()
            elif act.isEnabled():
                menu.addAction(act)
        menu.popup(self.downloads_view.viewport().mapToGlobal(pos))

    # --- folder and settings ------------------------------------------------------------

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        if self.session is not None and not self.session.profile.demo:
            self.ctx.settings.set("downloads/folder", str(folder))
        self._update_folder_button()

    async def choose_folder(self) -> Path | None:
        dialog = QFileDialog(self, self.tr("Save downloads to"), str(self.folder or Path.home()))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if await aio.exec_dialog(dialog) != QFileDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        if not chosen:
            return None
        folder = Path(chosen[0])
        self.set_folder(folder)
        return folder

    def _choose_folder_clicked(self) -> None:
        self.tasks.spawn(self.choose_folder(), name="choose-folder")

    def _update_folder_button(self) -> None:
        folder = self.folder
        if folder is None:
            self.folder_button.setText(self.tr("Choose…"))
            return
        text = str(folder)
        home = str(Path.home())
        if text.startswith(home):
            text = "~" + text[len(home) :]
        metrics = self.folder_button.fontMetrics()
        self.folder_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, 320))
        self.folder_button.setToolTip(
            self.tr("New downloads are saved into %1. Click to choose another folder.").replace(
                "%1", str(folder)
            )
        )

    def _concurrency_changed(self, value: int) -> None:
        self.ctx.settings.set("downloads/concurrency", int(value))
        if self.queue is not None:
            self.queue.set_concurrency(value)

    def _save_headers(self) -> None:
        headers = dict(self.ctx.settings.get("ui/headers"))
        for key, view in (
            ("exports.jobs", self.jobs_view),
            ("exports.downloads", self.downloads_view),
        ):
            headers[key] = bytes(view.horizontalHeader().saveState().toBase64().data()).decode()
        try:
            self.ctx.settings.set("ui/headers", headers)
        except OSError:
            log.warning("Could not save the table layout")

    def restore_headers(self) -> None:
        headers = self.ctx.settings.get("ui/headers")
        for key, view in (
            ("exports.jobs", self.jobs_view),
            ("exports.downloads", self.downloads_view),
        ):
            state = headers.get(key)
            if isinstance(state, str) and state:
                view.horizontalHeader().restoreState(QByteArray.fromBase64(state.encode()))

    # --- live updates -------------------------------------------------------------------

    def _tick(self) -> None:
        self.downloads_model.tick()
        self._update_refresh_status()
        self._update_summary()

    def _on_downloads_data(self, *_args: Any) -> None:
        # Progress arrives up to 10 times a second: touch the actions only when a selected
        # item changed state.
        items = self.selected_items() if self.queue is not None else []
        key = tuple((i.id, i.state, i.file_missing) for i in items)
        if key != self._action_key:
            self._update_actions()
        states = tuple(i.state for i in self.queue.items) if self.queue is not None else ()
        if states != self._summary_key:
            self._update_summary()
        if not self.is_loaded():
            self._maybe_loaded()

    def _on_download_finished(self, item: DownloadItem) -> None:
        self._update_actions()
        self._update_summary()

    def _update_summary(self) -> None:
        queue = self.queue
        if queue is None or not queue.items:
            self.summary.setText(self.tr("No downloads yet: select done jobs and press Download."))
            return
        counts = queue.counts()
        self._summary_key = tuple(i.state for i in queue.items)
        parts = []
        labels = (
            (
                DownloadState.DOWNLOADING,
                self.tr("%n downloading", "", counts[DownloadState.DOWNLOADING]),
            ),
            (
                DownloadState.WAITING_RETRY,
                self.tr("%n waiting to retry", "", counts[DownloadState.WAITING_RETRY]),
            ),
            (DownloadState.QUEUED, self.tr("%n queued", "", counts[DownloadState.QUEUED])),
            (DownloadState.PAUSED, self.tr("%n paused", "", counts[DownloadState.PAUSED])),
            (DownloadState.FAILED, self.tr("%n failed", "", counts[DownloadState.FAILED])),
            (DownloadState.DONE, self.tr("%n done", "", counts[DownloadState.DONE])),
        )
        for state, label in labels:
            if counts[state]:
                parts.append(label)
        text = " · ".join(parts)
        speed = queue.total_speed()
        if speed > 0:
            text += " — " + format_speed(speed)
        remaining = sum(
            (i.total or 0) - i.received
            for i in queue.items
            if i.state.is_unfinished and i.total is not None
        )
        if remaining > 0 and speed > 0:
            text += " · " + self.tr("%1 to go").replace("%1", format_bytes(remaining))
        self.summary.setText(text)

    def _update_actions(self, *_args: Any) -> None:
        items = self.selected_items() if self.queue is not None else []
        self._action_key = tuple((i.id, i.state, i.file_missing) for i in items)
        states = {i.state for i in items}
        self.pause_action.setEnabled(bool(states & PAUSABLE))
        self.resume_action.setEnabled(bool(states & RESUMABLE))
        self.retry_action.setEnabled(bool(states & RETRYABLE))
        self.cancel_action.setEnabled(bool(states & CANCELLABLE))
        done = DownloadState.DONE in states
        present = any(i.state is DownloadState.DONE and not i.file_missing for i in items)
        self.open_action.setEnabled(present)
        self.preview_action.setEnabled(present)
        self.folder_action.setEnabled(bool(items))
        self.remove_action.setEnabled(bool(states & REMOVABLE))
        self.delete_action.setEnabled(done)
        self._update_job_actions()
        self._show_selected_problem(items)

    def _show_selected_problem(self, items: list[DownloadItem]) -> None:
        problems = [problem_text(i) for i in items if i.problem is not None]
        if problems:
            self._show_message(problems[0])
        else:
            self.message.hide()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


PAUSABLE = {DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.WAITING_RETRY}
RESUMABLE = {DownloadState.PAUSED, DownloadState.FAILED}
RETRYABLE = {DownloadState.FAILED, DownloadState.CANCELLED, DownloadState.WAITING_RETRY}
CANCELLABLE = {
    DownloadState.QUEUED,
    DownloadState.DOWNLOADING,
    DownloadState.WAITING_RETRY,
    DownloadState.PAUSED,
    DownloadState.FAILED,
}
REMOVABLE = {DownloadState.DONE, DownloadState.FAILED, DownloadState.CANCELLED}
