"""What the user can do with the selected downloads: the download manager's toolbar and menu.

Pause, resume, retry and cancel go to the queue; open, show in folder and preview look at a
finished file; remove takes items off the list and delete removes a file from disk (after
asking). Each action is enabled only when it applies to something selected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from smsc_desktop.services.downloads import DownloadItem, DownloadState
from smsc_desktop.ui import aio
from smsc_desktop.ui.desktop import open_file, show_in_folder
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts import exports as texts

if TYPE_CHECKING:
    from smsc_desktop.ui.dialogs.csv_preview import CsvPreviewDialog
    from smsc_desktop.ui.dialogs.insights import InsightsDialog
    from smsc_desktop.ui.panels.exports.downloads import DownloadsPanel
    from smsc_desktop.ui.widgets.table import DataTable

PAUSABLE = {DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.WAITING_RETRY}
RESUMABLE = {DownloadState.PAUSED, DownloadState.FAILED}
RETRYABLE = {DownloadState.FAILED, DownloadState.CANCELLED, DownloadState.WAITING_RETRY}
CANCELLABLE = PAUSABLE | RESUMABLE
REMOVABLE = {DownloadState.DONE, DownloadState.FAILED, DownloadState.CANCELLED}
GROUPS = (
    ("pause", "resume", "retry", "cancel"),
    ("open", "folder", "preview", "insights"),
    ("remove", "delete"),
)
"""The actions in toolbar order; a separator between groups."""
SHORTCUTS: dict[str, QKeySequence.StandardKey | str] = {
    "pause": "Ctrl+P",
    "resume": "Ctrl+S",
    "open": "Ctrl+O",
    "remove": QKeySequence.StandardKey.Delete,
    "delete": "Shift+Del",
}
"""Keys of the commands while the downloads table has the focus (as download managers such as
qBittorrent: Ctrl+P pauses, Ctrl+S starts again; Delete takes an item off the list). The
others are in the context menu (the Menu key or Shift+F10)."""


class DownloadCommands(QObject):
    """The actions of *panel*'s toolbar and context menu, acting on its selection."""

    def __init__(self, panel: DownloadsPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.preview_dialog: CsvPreviewDialog | None = None
        self.insights_dialog: InsightsDialog | None = None
        self.confirm_box: QMessageBox | None = None
        slots: dict[str, Callable[[], Any]] = {
            "pause": self.pause_selected,
            "resume": self.resume_selected,
            "retry": self.retry_selected,
            "cancel": self.cancel_selected,
            "open": self.open_selected,
            "folder": self.show_selected_in_folder,
            "preview": self.preview_selected,
            "insights": self.insights_selected,
            "remove": self.remove_selected,
            "delete": self.delete_selected,
        }
        self.actions: dict[str, QAction] = {}
        for name, (text, tip) in texts.download_actions().items():
            action = QAction(icon(f"download-{name}"), text, panel)
            action.setToolTip(tip)
            action.triggered.connect(slots[name])
            self.actions[name] = action
        self.pause, self.resume = self.actions["pause"], self.actions["resume"]
        self.retry, self.cancel = self.actions["retry"], self.actions["cancel"]
        self.open, self.folder = self.actions["open"], self.actions["folder"]
        self.preview, self.remove = self.actions["preview"], self.actions["remove"]
        self.insights = self.actions["insights"]
        self.delete = self.actions["delete"]

    def fill_toolbar(self, toolbar: QToolBar) -> None:
        for number, group in enumerate(GROUPS):
            if number:
                toolbar.addSeparator()
            for name in group:
                toolbar.addAction(self.actions[name])

    def bind_keys(self, view: DataTable) -> None:
        """The commands' keys while the downloads table has the focus."""
        for name, keys in SHORTCUTS.items():
            action = self.actions[name]
            sequence = QKeySequence(keys)
            action.setShortcut(sequence)
            # The toolbar's tooltip names the key, as menus do (Qt's own names, translated).
            shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.toolTip()} ({shown})")
            view.bind(action)

    def update(self, items: list[DownloadItem]) -> None:
        """Enable what applies to *items* (the selection)."""
        states = {i.state for i in items}
        present = any(i.state is DownloadState.DONE and not i.file_missing for i in items)
        self.pause.setEnabled(bool(states & PAUSABLE))
        self.resume.setEnabled(bool(states & RESUMABLE))
        self.retry.setEnabled(bool(states & RETRYABLE))
        self.cancel.setEnabled(bool(states & CANCELLABLE))
        self.open.setEnabled(present)
        self.preview.setEnabled(present)
        self.insights.setEnabled(present)
        self.folder.setEnabled(bool(items))
        self.remove.setEnabled(bool(states & REMOVABLE))
        self.delete.setEnabled(DownloadState.DONE in states)

    def menu(self, pos: QPoint) -> None:
        """The context menu: the enabled actions, grouped as in the toolbar."""
        menu = QMenu(self.panel)
        for number, group in enumerate(GROUPS):
            if number:
                menu.addSeparator()
            for name in group:
                if self.actions[name].isEnabled():
                    menu.addAction(self.actions[name])
        menu.popup(self.panel.downloads_view.viewport().mapToGlobal(pos))

    def double_clicked(self, index: QModelIndex) -> None:
        item = self.panel.downloads_model.item(index.row())
        queue = self.panel.queue
        if item.state is DownloadState.DONE:
            self.open_selected()
        elif item.state in RESUMABLE and queue is not None:
            queue.resume(item)

    # --- the queue's commands -----------------------------------------------------------------

    def _each(self, states: set[DownloadState], command: Callable[[DownloadItem], Any]) -> None:
        for item in self.panel.selected_items():
            if item.state in states:
                command(item)
        self.panel.update_actions()

    def pause_selected(self) -> None:
        if self.panel.queue is not None:
            self._each(PAUSABLE, self.panel.queue.pause)

    def resume_selected(self) -> None:
        if self.panel.queue is not None:
            self._each(RESUMABLE, self.panel.queue.resume)

    def retry_selected(self) -> None:
        if self.panel.queue is not None:
            self._each(RETRYABLE, self.panel.queue.retry)

    def cancel_selected(self) -> None:
        if self.panel.queue is not None:
            self._each(CANCELLABLE, self.panel.queue.cancel)

    # --- finished files -----------------------------------------------------------------------

    def open_selected(self) -> None:
        for item in self.panel.selected_items():
            if item.state is DownloadState.DONE:
                if not open_file(item.target):
                    self.panel.show_message(texts.cannot_open(item.target))
                break

    def show_selected_in_folder(self) -> None:
        items = self.panel.selected_items()
        if items:
            item = items[0]
            show_in_folder(item.target if item.state is DownloadState.DONE else item.folder)

    def preview_selected(self) -> None:
        from smsc_desktop.ui.dialogs.csv_preview import CsvPreviewDialog

        for item in self.panel.selected_items():
            if item.state is DownloadState.DONE:
                dialog = CsvPreviewDialog(item.target, self.panel)
                dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dialog.open()
                self.preview_dialog = dialog
                break

    def insights_selected(self) -> None:
        for item in self.panel.selected_items():
            if item.state is DownloadState.DONE:
                self.show_insights(item.target)
                break

    def show_insights(self, path: Path) -> InsightsDialog:
        """A window of charts over the export at *path* (imported only now: the charts are
        not needed before)."""
        from smsc_desktop.ui.dialogs.insights import InsightsDialog

        dialog = InsightsDialog(path, self.panel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.insights_dialog = dialog
        return dialog

    def remove_selected(self) -> None:
        items = [i for i in self.panel.selected_items() if i.state in REMOVABLE]
        if items:
            self.panel.session_tasks.spawn(self.remove_items(items), name="downloads-remove")

    def delete_selected(self) -> None:
        items = [i for i in self.panel.selected_items() if i.state is DownloadState.DONE]
        if items:
            self.panel.session_tasks.spawn(self.confirm_and_delete(items), name="downloads-delete")

    async def remove_items(self, items: list[DownloadItem], delete: bool = False) -> None:
        queue = self.panel.queue
        if queue is None:
            return
        for item in items:
            try:
                await queue.remove(item, delete_file=delete)
            except OSError as exc:
                self.panel.show_message(texts.cannot_delete(item.target, exc))

    async def confirm_and_delete(self, items: list[DownloadItem]) -> bool:
        box = QMessageBox(self.panel)
        box.setObjectName("confirmDelete")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(texts.delete_title())
        box.setText(texts.delete_question([i.file_name for i in items]))
        box.setInformativeText(texts.delete_warning())
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box
        if await aio.exec_dialog(box) != QMessageBox.StandardButton.Yes:
            return False
        await self.remove_items(items, delete=True)
        return True
