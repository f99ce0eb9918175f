"""The Insights view's summary table: totals, delivered %, cost; and its Excel-safe CSV."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt

from smsc_desktop.services.csv_export import money_cell
from smsc_desktop.services.insights import Field, Insights, Outcome
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.texts import insights as texts


class SummaryColumn(enum.IntEnum):
    FIGURE = 0
    VALUE = 1
    SHARE = 2


@dataclass(frozen=True, slots=True)
class SummaryRow:
    figure: str
    value: str
    """As shown (``1 089 756``, ``4 973 433,80``)."""
    share: str = ""
    value_cell: str | int = ""
    """As written to the CSV: a number Excel reads as a number (``4973433,80``)."""
    share_cell: str = ""


def _share_cell(share: float) -> str:
    return f"{share * 100:.1f}%".replace(".", ",")


def summary_rows(insights: Insights) -> list[SummaryRow]:
    names = texts.summary_figures()
    rows = [SummaryRow(names["file"], insights.path.name, value_cell=insights.path.name)]
    if insights.first is not None and insights.last is not None:
        period = f"{insights.first:%d.%m.%Y %H}:00 – {insights.last:%d.%m.%Y %H}:59"
        rows.append(SummaryRow(names["period"], period, value_cell=period))
    total = insights.rows
    rows.append(SummaryRow(names["messages"], texts.number(total), value_cell=total))
    if insights.has(Field.STATUS):
        for key, count in (
            ("delivered", insights.delivered),
            ("failed", insights.failed),
            ("pending", insights.pending),
        ):
            share = count / total if total else 0.0
            rows.append(
                SummaryRow(
                    names[key],
                    texts.number(count),
                    texts.percent(share),
                    count,
                    _share_cell(share),
                )
            )
    if insights.has(Field.COST):
        cost = insights.total_cost
        rows.append(SummaryRow(names["cost"], texts.money(cost), value_cell=money_cell(cost)))
        if total:
            average = cost / total
            rows.append(
                SummaryRow(names["average"], texts.money(average), value_cell=money_cell(average))
            )
        if insights.has(Field.STATUS):
            failed = sum(
                (s.cost for s in insights.statuses if s.outcome is Outcome.FAILED),
                Decimal(0),
            )
            share = float(failed / cost) if cost else 0.0
            rows.append(
                SummaryRow(
                    names["failed_cost"],
                    texts.money(failed),
                    texts.percent(share),
                    money_cell(failed),
                    _share_cell(share),
                )
            )
    if insights.parts:
        parts = insights.total_parts
        rows.append(SummaryRow(names["parts"], texts.number(parts), value_cell=parts))
    if insights.has(Field.SENDER):
        count = len(insights.senders)
        rows.append(SummaryRow(names["senders"], texts.number(count), value_cell=count))
    rows.append(
        SummaryRow(
            names["unreadable"], texts.number(insights.bad_lines), value_cell=insights.bad_lines
        )
    )
    return rows


def summary_csv_rows(rows: list[SummaryRow]) -> list[list[object]]:
    return [[r.figure, r.value_cell, r.share_cell] for r in rows]


class SummaryModel(ColumnsTableModel):
    columns = SummaryColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SummaryRow] = []

    def set_insights(self, insights: Insights | None) -> None:
        self.beginResetModel()
        self.rows = summary_rows(insights) if insights is not None else []
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def column_titles(self) -> dict[int, str]:
        figure, value, share = texts.summary_columns()
        return {
            SummaryColumn.FIGURE: figure,
            SummaryColumn.VALUE: value,
            SummaryColumn.SHARE: share,
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.figure, row.value, row.share)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != SummaryColumn.FIGURE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
