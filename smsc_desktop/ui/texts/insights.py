"""Plain, translated wording of the Insights view (``ui/dialogs/insights.py``).

Counted phrases are methods of :class:`InsightsCounted` (a QObject, so lupdate marks their
plural forms); the rest are ``translate("insights", ...)`` calls. Numbers and money follow
the interface language (``QLocale()``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from smsc_desktop.services.insights import Field, Outcome, Step
from smsc_desktop.ui.formatting import format_amount, format_percent

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


class InsightsCounted(QObject):
    """Phrases with a number in them, in the plural form the language needs."""

    def unreadable_lines(self, n: int) -> str:
        return self.tr("%Ln line(s) could not be read:", "", n)

    def messages(self, n: int) -> str:
        return self.tr("%Ln message(s)", "", n)

    def parts(self, n: int) -> str:
        return self.tr("%n part(s)", "", n)

    def rows_read(self, n: int) -> str:
        return self.tr("%Ln record(s)", "", n)

    def others(self, n: int) -> str:
        return self.tr("%n others", "", n)


@cache
def counted() -> InsightsCounted:
    return InsightsCounted()


def number(value: int) -> str:
    """``1 089 756`` / ``1,089,756``."""
    return QLocale().toString(value)


def percent(share: float) -> str:
    """``82.2 %`` in the interface language."""
    return format_percent(share * 100)


def money(amount: Decimal) -> str:
    return format_amount(amount)


# --- the window --------------------------------------------------------------------------


def window_title(name: str) -> str:
    return translate("insights", "Insights: %1").replace("%1", name)


def reading(name: str) -> str:
    return translate("insights", "Reading %1…").replace("%1", name)


def progress_name() -> str:
    return translate("insights", "Reading the file")


def stop_label() -> str:
    return translate("insights", "Stop")


def stopped() -> str:
    return translate("insights", "Reading was stopped; nothing is shown.")


def read_again() -> str:
    return translate("insights", "Read again")


def cannot_read(reason: str) -> str:
    return translate("insights", "The file cannot be read: %1").replace("%1", reason)


def heading(
    name: str, size: str, rows: int, first: dt.datetime | None, last: dt.datetime | None
) -> str:
    """``report.csv · 150.0 MB · 1 089 756 records · 01.03.2024 – 10.09.2024``."""
    parts = [name, size, counted().rows_read(rows)]
    if first is not None and last is not None:
        parts.append(f"{first:%d.%m.%Y} – {last:%d.%m.%Y}")
    return " · ".join(parts)


def field_name(what: Field) -> str:
    names = {
        Field.DATE: translate("insights", "date"),
        Field.PHONE: translate("insights", "phone"),
        Field.SENDER: translate("insights", "sender"),
        Field.STATUS: translate("insights", "status"),
        Field.ERROR: translate("insights", "error code"),
        Field.COST: translate("insights", "cost"),
        Field.PARTS: translate("insights", "SMS parts"),
        Field.MESSAGE: translate("insights", "message text"),
        Field.OPERATOR: translate("insights", "operator"),
        Field.COUNTRY: translate("insights", "country"),
    }
    return names[what]


def not_found(fields: list[Field]) -> str:
    """Said plainly: which columns are not in the file, and that the rest still works."""
    names = ", ".join(field_name(f) for f in fields)
    return translate(
        "insights", "Not found in this file: %1. The charts that need them are left empty."
    ).replace("%1", names)


def unreadable(count: int, lines: tuple[int, ...]) -> str:
    """``3 lines could not be read: line 59, 207, 315. The rest of the file was read.``"""
    shown = ", ".join(number(n) for n in lines[:8])
    listed = translate("insights", "line %1").replace("%1", shown)
    listed += " …" if count > len(lines[:8]) else "."
    return f"{counted().unreadable_lines(count)} {listed} " + translate(
        "insights", "The rest of the file was read."
    )


def undated(count: int) -> str:
    return translate(
        "insights", "Records without a readable date (left out of the chart over time): %1."
    ).replace("%1", number(count))


# --- charts --------------------------------------------------------------------------------


def time_title(step: Step) -> str:
    titles = {
        Step.HOUR: translate("insights", "Messages and cost per hour"),
        Step.DAY: translate("insights", "Messages and cost per day"),
        Step.MONTH: translate("insights", "Messages and cost per month"),
    }
    return titles[step]


def time_title_accessible() -> str:
    return translate("insights", "Messages and cost over time")


def messages_label() -> str:
    return translate("insights", "Messages")


def cost_label() -> str:
    return translate("insights", "Cost")


def status_title() -> str:
    return translate("insights", "Delivery status")


def senders_title() -> str:
    return translate("insights", "Top senders")


def operators_title() -> str:
    return translate("insights", "Operators")


def countries_title() -> str:
    return translate("insights", "Countries")


def parts_title() -> str:
    return translate("insights", "Message length in SMS parts")


def summary_title() -> str:
    return translate("insights", "Summary")


def no_column(what: Field) -> str:
    return translate("insights", "This file has no %1 column.").replace("%1", field_name(what))


def no_data() -> str:
    return translate("insights", "Nothing to show.")


def parts_from_text() -> str:
    return translate(
        "insights",
        "Counted from the text: 160 characters per SMS in Latin (153 per part of a longer"
        " one), 70 in Cyrillic (67).",
    )


def outcome_name(outcome: Outcome) -> str:
    names = {
        Outcome.DELIVERED: translate("insights", "Delivered"),
        Outcome.PENDING: translate("insights", "Not final yet"),
        Outcome.FAILED: translate("insights", "Not delivered"),
        Outcome.UNKNOWN: translate("insights", "Unknown status"),
    }
    return names[outcome]


def empty_label() -> str:
    return translate("insights", "(empty)")


def point_title(moment: dt.datetime, step: Step) -> str:
    if step is Step.HOUR:
        return f"{moment:%d.%m.%Y %H}:00–{moment:%H}:59"
    if step is Step.MONTH:
        return f"{moment:%m.%Y}"
    return f"{moment:%d.%m.%Y}"


def point_label(moment: dt.datetime, step: Step) -> str:
    if step is Step.HOUR:
        return f"{moment:%H}:00"
    if step is Step.MONTH:
        return f"{moment:%m.%Y}"
    return f"{moment:%d.%m}"


def point_tooltip(title: str, messages: int, cost: Decimal | None) -> str:
    text = f"{title}: {counted().messages(messages)}"
    if cost is not None:
        text += " · " + translate("insights", "cost %1").replace("%1", money(cost))
    return text


def share_tooltip(label: str, messages: int, total: int, delivered: int | None) -> str:
    """``MyShop: 243 651 messages (22.4 %), 82.2 % delivered``."""
    text = f"{label}: {counted().messages(messages)} ({percent(messages / total if total else 0)})"
    if delivered is not None and messages:
        text += ", " + translate("insights", "%1 delivered").replace(
            "%1", percent(delivered / messages)
        )
    return text


def status_tooltip(
    label: str, outcome: Outcome, messages: int, total: int, cost: Decimal | None
) -> str:
    text = f"{label} ({outcome_name(outcome).lower()}): {counted().messages(messages)}"
    text += f", {percent(messages / total if total else 0)}"
    if cost is not None:
        text += " · " + translate("insights", "cost %1").replace("%1", money(cost))
    return text


def parts_label(parts: int) -> str:
    return counted().parts(parts)


def copy_chart() -> str:
    return translate("insights", "Copy")


def copy_chart_tooltip() -> str:
    return translate("insights", "Copy the chart as a picture")


def save_chart() -> str:
    return translate("insights", "Save PNG…")


def save_chart_tooltip() -> str:
    return translate("insights", "Save the chart as a PNG picture")


def save_chart_title() -> str:
    return translate("insights", "Save the chart")


def png_filter() -> str:
    return translate("insights", "PNG pictures (*.png)")


def copied() -> str:
    return translate("insights", "The chart was copied as a picture.")


def saved(path: str) -> str:
    return translate("insights", "Saved %1.").replace("%1", path)


def would_overwrite() -> str:
    return translate("insights", "that is the export itself, which is never written to")


def not_written() -> str:
    return translate("insights", "the picture could not be written")


def cannot_save(path: str, reason: str) -> str:
    return translate("insights", "Could not save %1: %2").replace("%1", path).replace("%2", reason)


# --- the summary ---------------------------------------------------------------------------


def summary_columns() -> tuple[str, str, str]:
    return (
        translate("insights", "Figure"),
        translate("insights", "Value"),
        translate("insights", "Share"),
    )


def summary_figures() -> dict[str, str]:
    return {
        "file": translate("insights", "File"),
        "period": translate("insights", "Period"),
        "messages": translate("insights", "Messages"),
        "delivered": translate("insights", "Delivered"),
        "failed": translate("insights", "Not delivered"),
        "pending": translate("insights", "Not final yet"),
        "cost": translate("insights", "Cost"),
        "average": translate("insights", "Average cost of a message"),
        "failed_cost": translate("insights", "Cost of messages not delivered"),
        "parts": translate("insights", "SMS parts in all"),
        "senders": translate("insights", "Senders"),
        "unreadable": translate("insights", "Lines that could not be read"),
    }


def save_summary() -> str:
    return translate("insights", "Save summary for Excel…")


def save_summary_tooltip() -> str:
    return translate("insights", "Save the summary table as a CSV file that Excel opens correctly")


def save_summary_title() -> str:
    return translate("insights", "Save the summary")


def csv_filter() -> str:
    return translate("insights", "CSV files (*.csv)")


def summary_name(stem: str) -> str:
    return translate("insights", "%1 (summary).csv").replace("%1", stem)


def summary_accessible_name() -> str:
    return translate("insights", "Summary of the export")


def open_file_title() -> str:
    return translate("insights", "Open an export file")


def open_file_label() -> str:
    return translate("insights", "Insights of a file…")


def open_file_tooltip() -> str:
    return translate(
        "insights", "Charts of volume, cost and delivery from any export CSV on this computer"
    )


def csv_files_filter() -> str:
    return translate("insights", "CSV files (*.csv *.txt);;All files (*)")
