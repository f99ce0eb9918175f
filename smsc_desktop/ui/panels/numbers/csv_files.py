"""Saving a table of the Numbers tab as CSV: the file dialog, the write, the outcome note."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from smsc_desktop.services.csv_export import write_csv
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.aio import exec_dialog
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar


async def choose_file(parent: QWidget, settings: Settings, name: str) -> Path | None:
    """Ask where to save ``name`` (in the downloads folder by default); None if cancelled."""
    folder = settings.get("downloads/folder") or str(Path.home())
    dialog = QFileDialog(parent, texts.export_title(), str(Path(folder) / name))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("csv")
    dialog.setNameFilter(texts.csv_filter())
    try:
        if await exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
    finally:
        dispose(dialog)
    return Path(files[0]) if files else None


async def write_rows(
    message: MessageBar,
    path: Path,
    header: list[str],
    rows: Callable[[], Iterable[list[str]]],
    count: int,
    noun: str,
) -> int:
    """Write the rows (made in a worker thread) and say how it went; returns the count."""
    try:
        await asyncio.to_thread(lambda: write_csv(path, header, rows()))
    except OSError as exc:
        message.show_message(Level.ERROR, texts.export_failed(path, exc))
        return 0
    message.show_message(
        Level.SUCCESS,
        texts.exported(count, noun, path),
        action=texts.open_folder(),
        action_id=f"open:{path.parent}",
    )
    return count


def dispose(dialog: QWidget) -> None:
    """Delete a dialog later, unless it went with its parent already (a cancelled flow)."""
    if shiboken6.isValid(dialog):
        dialog.deleteLater()
