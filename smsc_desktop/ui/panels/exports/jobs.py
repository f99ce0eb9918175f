"""The job list pane of the Exports tab: SMSC's deferred export jobs.

The list refreshes itself while any job is waiting or running, within SMSC's limit of 3
identical list requests a minute (the header says when the next refresh comes; the service,
``session.exports``, keeps the schedule). A failed refresh shows in a message bar with a
Retry action; the list keeps what SMSC sent last. The pane asks for downloads with
``downloadRequested`` (the Download button, a double click, or a job that becomes done while
"download automatically" is on); the download pane does them.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import ExportJob, JobStatus, SmscError
from smsc_desktop.services.exports import ExportsService
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.models.jobs import JobColumn, JobRole, JobsModel
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts import exports as texts
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.elided_label import ElidedLabel
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar
from smsc_desktop.ui.widgets.table import DataTable

log = logging.getLogger("smsc_desktop.ui.exports")

ACTIVE = (JobStatus.WAITING, JobStatus.RUNNING)


class JobsPanel(QWidget):
    """The account's export jobs (``set_service``), with refresh, paging and auto-download."""

    downloadRequested = Signal(list)
    """(list[ExportJob]) done jobs whose files the user wants."""
    listShown = Signal()
    """The list (or a refresh error) is on screen for the current account."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.service: ExportsService | None = None
        self.bindings = Bindings(self)
        self.session_tasks = TaskGroup(self, "exports-jobs")
        """The account's work (refresh, paging); cancelled when the account changes."""
        self._build()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._update_refresh_status)
        self._update_refresh_status()
        self._update_actions()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        header = QHBoxLayout()
        header.addWidget(QLabel(texts.jobs_heading(), self))
        self.jobs_count = QLabel(self)
        set_tone(self.jobs_count, Tone.MUTED)
        header.addWidget(self.jobs_count)
        self.refresh_status = ElidedLabel(parent=self, mode=Qt.TextElideMode.ElideLeft)
        self.refresh_status.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.refresh_status.setObjectName("refreshStatus")
        set_tone(self.refresh_status, Tone.MUTED)
        header.addWidget(self.refresh_status, 1)
        self.refresh_button = QPushButton(icon("jobs-refresh"), texts.refresh_label(), self)
        self.refresh_button.setObjectName("refreshJobs")
        self.refresh_button.clicked.connect(self._refresh_clicked)
        header.addWidget(self.refresh_button)
        self.download_button = QPushButton(icon("download-start"), texts.download_label(), self)
        self.download_button.setObjectName("downloadJobs")
        self.download_button.setToolTip(texts.download_tooltip())
        self.download_button.clicked.connect(self._download_selected)
        header.addWidget(self.download_button)
        layout.addLayout(header)

        self.error_bar = MessageBar(self)
        self.error_bar.setObjectName("jobsError")
        self.error_bar.actionTriggered.connect(self._retry)
        layout.addWidget(self.error_bar)

        self.jobs_model = JobsModel(self)
        self.jobs_proxy = QSortFilterProxyModel(self)
        self.jobs_proxy.setSourceModel(self.jobs_model)
        self.jobs_proxy.setSortRole(JobRole.SORT)
        view = self.jobs_view = DataTable(
            self, "jobsView", accessible_name=texts.jobs_accessible_name(), multi_select=True
        )
        view.setModel(self.jobs_proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(JobColumn.ID, Qt.SortOrder.DescendingOrder)
        columns = view.horizontalHeader()
        columns.setSectionResizeMode(JobColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (JobColumn.ID, JobColumn.STATUS, JobColumn.CREATED, JobColumn.TIME):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(JobColumn.FILE, QHeaderView.ResizeMode.Interactive)
        columns.resizeSection(JobColumn.FILE, 260)
        view.doubleClicked.connect(self._double_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # as a double click
            view.shortcut(key, self._download_selected)
        view.selectionModel().selectionChanged.connect(self._update_actions)
        view.customContextMenuRequested.connect(self._menu)
        layout.addWidget(view, 1)

        footer = QHBoxLayout()
        self.auto_download = QCheckBox(texts.auto_download_label(), self)
        self.auto_download.setObjectName("autoDownload")
        self.auto_download.setChecked(bool(self.settings.get("downloads/auto")))
        self.auto_download.toggled.connect(self._auto_download_toggled)
        footer.addWidget(self.auto_download)
        footer.addStretch(1)
        self.load_more_button = QPushButton(texts.load_more_label(), self)
        self.load_more_button.setObjectName("loadMore")
        self.load_more_button.clicked.connect(self._load_more)
        self.load_more_button.hide()
        footer.addWidget(self.load_more_button)
        layout.addLayout(footer)

    # --- the account --------------------------------------------------------------------------

    def set_service(self, service: ExportsService | None) -> None:
        """Show *service*'s jobs (None: no account); the previous one's are dropped."""
        self.bindings.clear()
        self.session_tasks.cancel()
        self.service = service
        self.jobs_model.set_jobs([])
        self.jobs_count.clear()
        self.error_bar.hide()
        self.load_more_button.hide()
        self.jobs_view.set_placeholder("")
        self.jobs_view.set_busy(texts.jobs_loading() if service is not None else "")
        if service is None:
            self._ticker.stop()
        else:
            self.bindings.connect(service.jobs_changed, self._on_jobs)
            self.bindings.connect(service.refresh_failed, self._on_failed)
            self.bindings.connect(service.busy_changed, self._update_refresh_status)
            self.bindings.connect(service.schedule_changed, self._update_refresh_status)
            self.bindings.connect(service.job_finished, self._on_job_finished)
            self._ticker.start()
            if service.loaded:  # another view of this account loaded it already
                self._on_jobs(service.jobs)
        self._update_refresh_status()
        self._update_actions()

    def refresh(self) -> asyncio.Task[Any] | None:
        """Reload the job list now, unless a load runs or SMSC's limit says wait."""
        service = self.service
        if service is None or service.loading or service.retry_after() > 0:
            return None
        return self.session_tasks.spawn(service.refresh(), name="jobs-refresh")

    # --- what the service says ----------------------------------------------------------------

    def _on_jobs(self, jobs: list[ExportJob]) -> None:
        selected = {j.id for j in self.selected_jobs()}
        self.jobs_model.set_jobs(jobs)
        self._select(selected)
        self.error_bar.hide()
        self.jobs_view.set_busy("")
        self.jobs_view.set_placeholder(texts.no_jobs())
        self.load_more_button.setVisible(self.service is not None and self.service.has_more)
        active = sum(1 for j in jobs if j.status in ACTIVE)
        self.jobs_count.setText(texts.jobs_count(len(jobs), active))
        self._update_refresh_status()
        self._update_actions()
        self.listShown.emit()

    def _on_failed(self, error: SmscError) -> None:
        text = describe_error(error)
        service = self.service
        if service is not None and service.loaded and service.updated_at is not None:
            text += " " + texts.list_kept_since(service.updated_at)
        self.error_bar.show_message(
            Level.ERROR, text, action=texts.retry_label(), action_id="retry"
        )
        self.jobs_view.set_busy("")
        self._update_refresh_status()
        self.listShown.emit()

    def _on_job_finished(self, job: ExportJob) -> None:
        if job.status is JobStatus.DONE and self.auto_download.isChecked():
            log.info("Job %s is done: downloading it automatically", job.id)
            self.downloadRequested.emit([job])

    def _update_refresh_status(self, *_args: object) -> None:
        service = self.service
        if service is None:
            self.refresh_status.clear()
            self.refresh_button.setEnabled(False)
            self.error_bar.action.setEnabled(False)
            return
        wait = service.retry_after()
        can_refresh = wait <= 0 and not service.loading
        self.refresh_button.setEnabled(can_refresh)
        self.error_bar.action.setEnabled(can_refresh)
        self.refresh_button.setToolTip(texts.refresh_tooltip(wait))
        due = service.next_refresh_at
        loaded = not service.loading and service.loaded
        self.refresh_status.setText(
            texts.refresh_status(
                loading=service.loading,
                updated_at=service.updated_at,
                due_in=due - service.clock() if loaded and due is not None else None,
                auto_paused=loaded and not service.has_active_jobs,
            )
        )

    # --- the user's commands ------------------------------------------------------------------

    def selected_jobs(self) -> list[ExportJob]:
        rows = self.jobs_view.selectionModel().selectedRows()
        jobs = [self.jobs_proxy.mapToSource(index).data(JobRole.JOB) for index in rows]
        return [j for j in jobs if j is not None]

    def _select(self, job_ids: set[int]) -> None:
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

    def _update_actions(self, *_args: object) -> None:
        done = [j for j in self.selected_jobs() if j.status is JobStatus.DONE]
        self.download_button.setEnabled(bool(done) and self.service is not None)

    def _download_selected(self) -> None:
        jobs = [j for j in self.selected_jobs() if j.status is JobStatus.DONE]
        if jobs and self.service is not None:
            self.downloadRequested.emit(jobs)

    def _double_clicked(self, index: QModelIndex) -> None:
        job = self.jobs_proxy.mapToSource(index).data(JobRole.JOB)
        if job is not None and job.status is JobStatus.DONE and self.service is not None:
            self.downloadRequested.emit([job])

    def _refresh_clicked(self) -> None:
        self.refresh()

    def _retry(self, _action: str) -> None:
        self.refresh()

    def _load_more(self) -> None:
        if self.service is not None:
            self.session_tasks.spawn(self.service.load_more(), name="jobs-more")

    def _auto_download_toggled(self, on: bool) -> None:
        self.settings.set("downloads/auto", bool(on))

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        download = menu.addAction(icon("download-start"), texts.download_label())
        download.setEnabled(self.download_button.isEnabled())
        download.triggered.connect(self._download_selected)
        refresh = menu.addAction(icon("jobs-refresh"), texts.refresh_label())
        refresh.setEnabled(self.refresh_button.isEnabled())
        refresh.triggered.connect(self._refresh_clicked)
        menu.popup(self.jobs_view.viewport().mapToGlobal(pos))
