"""The overview as a CSV file for Excel (the manager's weekly report): the accounts as shown
(filtered, in the table's order), amounts as numbers with their currency in a column of its
own, written by ``services/csv_export.py`` (UTF-8 with BOM, ``;``, formulas neutralised)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from smsc_desktop.services.attention import AttentionKind, next_renewal_date
from smsc_desktop.services.csv_export import money_cell, write_csv
from smsc_desktop.ui.models.overview import OverviewColumn, RowView
from smsc_desktop.ui.texts import overview as texts
from smsc_desktop.ui.widgets.account_badge import server_text
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar


def csv_rows(views: Sequence[RowView], now: datetime) -> list[list[object]]:
    rows: list[list[object]] = []
    renewal_day = next_renewal_date(now).strftime("%d.%m.%Y")
    for view in views:
        state = view.state
        profile, figures, files = state.profile, state.figures, state.files
        numbers = files.numbers if files is not None else None
        kinds = {item.kind for item in state.attention}
        currency = figures.currency or (numbers.currency if numbers else "")
        covers: object = ""
        short = None
        if numbers is not None and numbers.renewing and figures.balance is not None:
            if AttentionKind.RENEWALS_NOT_COVERED in kinds:
                covers, short = texts.no(), numbers.monthly - figures.balance
            else:
                covers = texts.yes()
        rows.append(
            [
                profile.name,
                view.texts[OverviewColumn.SERVER],
                server_text(profile),
                profile.login,
                money_cell(figures.balance),
                currency,
                money_cell(profile.low_balance),
                numbers.rented if numbers else "",
                numbers.renewing if numbers else "",
                money_cell(numbers.monthly) if numbers else "",
                renewal_day if numbers and numbers.renewing else "",
                covers,
                money_cell(short),
                files.verifications.in_progress(now) if files else "",
                files.downloads.unfinished if files else "",
                len(files.downloads.failed) if files else "",
                len(state.attention),
                texts.attention_summary(state.attention),
                figures.balance_at.astimezone().strftime("%d.%m.%Y %H:%M")
                if figures.balance_at
                else "",
                view.texts[OverviewColumn.ERROR],
            ]
        )
    return rows


async def export_csv(
    message: MessageBar, path: Path, views: Sequence[RowView], now: datetime
) -> int:
    """Write ``views`` to ``path`` (in a worker thread) and say how it went; the count."""
    rows = csv_rows(views, now)
    try:
        await asyncio.to_thread(write_csv, path, texts.csv_header(), rows)
    except OSError as exc:
        message.show_message(Level.ERROR, texts.export_failed(path, exc))
        return 0
    message.show_message(
        Level.SUCCESS,
        texts.exported(len(rows), path),
        action=texts.open_folder(),
        action_id=f"open:{path.parent}",
    )
    return len(rows)
