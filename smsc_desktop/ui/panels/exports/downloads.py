"""The download manager pane of the Exports tab.

Shows the account's download queue (``session.downloads``): bytes, percent, speed and time
left per file, a summary line, and the commands (pause, resume, retry, cancel; open, show in
folder, preview; remove, delete). New downloads go into a chosen, remembered folder; which
jobs are queued and under which names is the queue's rule (``DownloadQueue.add_jobs``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import ExportJob
from smsc_desktop.services.downloads import (
    MAX_CONCURRENCY,
    DownloadItem,
    DownloadQueue,
    DownloadState,
    QueueingError,
)
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui import a11y, aio
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.models.downloads import DownloadColumn, DownloadsModel, problem_text
from smsc_desktop.ui.panels.exports.download_commands import DownloadCommands
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts import exports as texts
from smsc_desktop.ui.texts import insights as insights_texts
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.elided_label import ElidedLabel
from smsc_desktop.ui.widgets.progress_delegate import ProgressDelegate
from smsc_desktop.ui.widgets.table import DataTable

log = logging.getLogger("smsc_desktop.ui.exports")

COLUMN_WEIGHTS: dict[int, float] = {
    DownloadColumn.FILE: 24,
    DownloadColumn.STATUS: 13,
    DownloadColumn.PROGRESS: 11,
    DownloadColumn.SIZE: 14,
    DownloadColumn.SPEED: 11,
    DownloadColumn.TIME_LEFT: 13,
    DownloadColumn.JOB: 11,
}
"""The file's name gets the most room, the job's name (also in the tooltip) less."""


class DownloadsPanel(QWidget):
    """The download queue of the account (``set_session``) and the folder files go into."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.queue: DownloadQueue | None = None
        self.folder: Path | None = None
        self._remember_folder = False
        self._action_key: tuple[Any, ...] = ()
        self._summary_key: tuple[Any, ...] = ()
        self.bindings = Bindings(self)
        self.session_tasks = TaskGroup(self, "exports-downloads")
        """The account's work (queueing, removing); cancelled when the account changes."""
        self.tasks = TaskGroup(self, "exports-folder")
        """Work that outlives the account (choosing a folder)."""
        self._build()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._update_folder_button()
        self.update_actions()
        self.update_summary()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)

        header = QHBoxLayout()
        header.addWidget(QLabel(texts.downloads_heading(), self))
        self.summary = ElidedLabel(parent=self)
        self.summary.setObjectName("downloadsSummary")
        set_tone(self.summary, Tone.MUTED)
        header.addWidget(self.summary, 1)
        self.open_file_button = QToolButton(self)
        self.open_file_button.setObjectName("insightsOfFile")
        self.open_file_button.setIcon(icon("download-insights"))
        self.open_file_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.open_file_button.setText(insights_texts.open_file_label())
        self.open_file_button.setToolTip(insights_texts.open_file_tooltip())
        self.open_file_button.clicked.connect(self._open_file_clicked)
        header.addWidget(self.open_file_button)
        header.addSpacing(12)
        header.addWidget(QLabel(texts.save_to_label(), self))
        self.folder_button = QToolButton(self)
        self.folder_button.setObjectName("folderButton")
        self.folder_button.setIcon(icon("download-folder"))
        self.folder_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.folder_button.clicked.connect(self._choose_folder_clicked)
        header.addWidget(self.folder_button)
        header.addSpacing(12)
        header.addWidget(QLabel(texts.concurrency_label(), self))
        self.concurrency = QSpinBox(self)
        self.concurrency.setObjectName("concurrency")
        self.concurrency.setRange(1, MAX_CONCURRENCY)
        self.concurrency.setValue(int(self.settings.get("downloads/concurrency")))
        self.concurrency.setToolTip(texts.concurrency_tooltip())
        a11y.name(self.concurrency, texts.concurrency_label())
        self.concurrency.valueChanged.connect(self._concurrency_changed)
        self.settings.changed.connect(self._on_setting, owner=self)  # File → Settings…
        header.addWidget(self.concurrency)
        layout.addLayout(header)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.75)
        self.commands = DownloadCommands(self)
        self.commands.fill_toolbar(self.toolbar)
        layout.addWidget(self.toolbar)

        self.downloads_model = DownloadsModel(self)
        view = self.downloads_view = DataTable(
            self,
            "downloadsView",
            accessible_name=texts.downloads_accessible_name(),
            multi_select=True,
        )
        view.setModel(self.downloads_model)
        view.set_placeholder(texts.no_downloads())
        view.setItemDelegateForColumn(DownloadColumn.PROGRESS, ProgressDelegate(view))
        view.fit_columns(COLUMN_WEIGHTS)
        view.verticalHeader().setDefaultSectionSize(28)
        view.doubleClicked.connect(self.commands.double_clicked)
        self.commands.bind_keys(view)
        view.selectionModel().selectionChanged.connect(self.update_actions)
        view.customContextMenuRequested.connect(self.commands.menu)
        self.downloads_model.dataChanged.connect(self._on_data)
        for signal in (
            self.downloads_model.modelReset,
            self.downloads_model.rowsInserted,
            self.downloads_model.rowsRemoved,
        ):
            signal.connect(self.update_actions)
            signal.connect(self.update_summary)
        layout.addWidget(view, 1)

        self.message = QLabel(self)
        self.message.setObjectName("downloadMessage")
        self.message.setWordWrap(True)
        set_tone(self.message, Tone.BAD)
        self.message.hide()
        layout.addWidget(self.message)

    # --- the account --------------------------------------------------------------------------

    def set_session(self, session: AccountSession | None) -> None:
        """Show *session*'s queue and save into its folder (None: no account)."""
        self.bindings.clear()
        self.session_tasks.cancel()
        self.message.hide()
        self.queue = None
        self._remember_folder = False
        if session is None:
            self._ticker.stop()
        else:
            self.queue = session.downloads
            self.queue.set_concurrency(self.concurrency.value())
            self.bindings.connect(self.queue.item_finished, self._on_finished)
            self.folder = self._initial_folder(session)
            self._remember_folder = session.own_downloads_folder is None
            self._ticker.start()
        self.downloads_model.set_queue(self.queue)
        self._update_folder_button()

    def _initial_folder(self, session: AccountSession) -> Path:
        own = session.own_downloads_folder
        if own is not None:
            return own
        saved = str(self.settings.get("downloads/folder") or "")
        if saved:
            return Path(saved)
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        return Path(location or Path.home())

    # --- queueing -----------------------------------------------------------------------------

    def request(self, jobs: list[ExportJob]) -> None:
        """Download the files of *jobs* (the done ones), as the job list asks."""
        self.session_tasks.spawn(self.download_jobs(jobs), name="download-jobs")

    async def download_jobs(self, jobs: list[ExportJob]) -> list[DownloadItem]:
        """Queue the files of *jobs* into the chosen folder and select them."""
        queue = self.queue
        if queue is None:
            return []
        folder = self.folder if self.folder is not None else await self.choose_folder()
        if folder is None:
            return []
        try:
            added = await queue.add_jobs(jobs, folder)
        except QueueingError as exc:
            self.show_message(texts.queueing_failed(exc))
            added = exc.added
        if added:
            self._select(added)
        self.update_summary()
        return added

    def selected_items(self) -> list[DownloadItem]:
        rows = sorted(self.downloads_view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.downloads_model.item(i.row()) for i in rows]

    def _select(self, items: list[DownloadItem]) -> None:
        if self.queue is None:
            return
        selection = self.downloads_view.selectionModel()
        selection.clearSelection()
        for item in items:
            if item in self.queue.items:
                selection.select(
                    self.downloads_model.index(self.queue.row_of(item), 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

    # --- the folder and the settings ----------------------------------------------------------

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        if self._remember_folder:
            self.settings.set("downloads/folder", str(folder))
        self._update_folder_button()

    async def choose_folder(self) -> Path | None:
        start = str(self.folder or Path.home())
        dialog = QFileDialog(self, texts.choose_folder_title(), start)
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

    def _open_file_clicked(self) -> None:
        self.tasks.spawn(self.open_file(), name="insights-open")

    async def open_file(self) -> Path | None:
        """Insights of any export CSV the user picks (not only downloaded ones)."""
        start = str(self.folder or Path.home())
        dialog = QFileDialog(self, insights_texts.open_file_title(), start)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(insights_texts.csv_files_filter())
        if await aio.exec_dialog(dialog) != QFileDialog.DialogCode.Accepted:
            return None
        chosen = dialog.selectedFiles()
        if not chosen:
            return None
        path = Path(chosen[0])
        self.commands.show_insights(path)
        return path

    def _choose_folder_clicked(self) -> None:
        self.tasks.spawn(self.choose_folder(), name="choose-folder")

    def _update_folder_button(self) -> None:
        folder = self.folder
        self.folder_button.setToolTip(texts.folder_tooltip(folder))
        if folder is None:
            self.folder_button.setText(texts.choose_folder_label())
            return
        text = str(folder)
        home = str(Path.home())
        if text.startswith(home):
            text = "~" + text[len(home) :]
        metrics = self.folder_button.fontMetrics()
        self.folder_button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, 240))

    def _on_setting(self, name: str, value: Any) -> None:
        if name == "downloads/concurrency" and self.concurrency.value() != int(value):
            self.concurrency.setValue(int(value))
        elif name == "downloads/folder" and value and Path(str(value)) != self.folder:
            self.set_folder(Path(str(value)))

    def _concurrency_changed(self, value: int) -> None:
        self.settings.set("downloads/concurrency", int(value))
        if self.queue is not None:
            self.queue.set_concurrency(value)

    # --- live updates -------------------------------------------------------------------------

    def _tick(self) -> None:
        self.downloads_model.tick()
        self.update_summary()

    def _on_data(self, *_args: object) -> None:
        # Progress arrives up to 10 times a second: touch the actions only when a selected
        # item changed state.
        key = tuple((i.id, i.state, i.file_missing) for i in self.selected_items())
        if key != self._action_key:
            self.update_actions()
        states = tuple(i.state for i in self.queue.items) if self.queue is not None else ()
        if states != self._summary_key:
            self.update_summary()

    def _on_finished(self, item: DownloadItem) -> None:
        self.update_actions()
        self.update_summary()
        if item.state is DownloadState.FAILED:
            a11y.announce(self, item.file_name + ": " + problem_text(item), urgent=True)
        elif item.state is DownloadState.DONE:
            a11y.announce(self, texts.download_done(item.file_name))

    def update_summary(self, *_args: object) -> None:
        queue = self.queue
        if queue is None or not queue.items:
            self._summary_key = ()
            self.summary.clear()
            return
        self._summary_key = tuple(i.state for i in queue.items)
        remaining = sum(
            (i.total or 0) - i.received
            for i in queue.items
            if i.state.is_unfinished and i.total is not None
        )
        self.summary.setText(
            texts.downloads_summary(queue.counts(), queue.total_speed(), remaining)
        )

    def update_actions(self, *_args: object) -> None:
        """Enable the commands that apply to the selection; say what went wrong with it."""
        items = self.selected_items() if self.queue is not None else []
        self._action_key = tuple((i.id, i.state, i.file_missing) for i in items)
        self.commands.update(items)
        problems = [problem_text(i) for i in items if i.problem is not None]
        if problems:
            self.show_message(problems[0])
        else:
            self.message.hide()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
