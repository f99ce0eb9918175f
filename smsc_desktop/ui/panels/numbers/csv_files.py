"""Saving the Numbers tab's tables as CSV: the file dialog, the rows, the write (in a worker
thread) and the note that says how it went."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from smsc_desktop.services.csv_export import money_cell, write_csv
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.aio import exec_dialog
from smsc_desktop.ui.formatting import format_phone
from smsc_desktop.ui.models.free_numbers import Column, FreeNumbersModel
from smsc_desktop.ui.models.inbox import InboxModel, full_time, when
from smsc_desktop.ui.models.journal import JournalModel
from smsc_desktop.ui.texts import inbox as inbox_texts
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


async def export_free_numbers(
    message: MessageBar, path: Path, model: FreeNumbersModel, currency: str
) -> int:
    """The free numbers shown (filtered, in view order); returns the count written."""
    table = model.table
    if table is None:
        return 0
    rows = model.visible_rows()
    labels = model.kind_labels()
    titles = model.column_titles()
    header = texts.free_csv_header(
        [titles[c] for c in (Column.PHONE, Column.KIND, Column.OPERATOR, Column.NOTICES)],
        currency,
    )

    def cells() -> Iterable[list[str]]:
        for row in rows:
            yield [
                format_phone(table.phones[row]),
                labels[table.kind(row)],
                table.operator(row),
                table.notices(row),
                money_cell(table.cost(row)),
                money_cell(table.current_cost(row)),
            ]

    return await write_rows(message, path, header, cells, len(rows), texts.numbers_noun())


async def export_journal(message: MessageBar, path: Path, model: JournalModel) -> int:
    """The journal as shown (one row per operation, newest first), amounts as numbers."""
    rows = []
    for entry in model.entries():
        cells = model.cells(entry)
        rows.append(
            [
                *cells[:4],
                money_cell(entry.amount),
                money_cell(entry.monthly),
                entry.currency,
                cells[5],
                cells[6],
            ]
        )
    header = texts.journal_csv_header()
    return await write_rows(message, path, header, lambda: rows, len(rows), texts.entries_noun())


async def export_inbox(message: MessageBar, path: Path, model: InboxModel) -> int:
    """The SMS shown (filtered, newest first): local time to the second, the number, the
    sender and the whole text (line breaks kept, quoted)."""
    messages = model.shown_messages()

    def cells() -> Iterable[list[str]]:
        for sms in messages:
            yield [
                full_time(when(sms)),
                format_phone(sms.to_phone),
                format_phone(sms.phone),
                sms.text,
            ]

    header = inbox_texts.csv_header()
    noun = inbox_texts.messages_noun()
    return await write_rows(message, path, header, cells, len(messages), noun)


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
