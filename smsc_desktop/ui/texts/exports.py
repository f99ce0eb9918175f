"""Plain, translated wording of the Exports tab: the job list and the download manager.

The panels (``ui/panels/exports/``) lay out widgets; what they say comes from here. Counted
phrases are methods of :class:`ExportsCounted` (a QObject, because lupdate marks a plural
form only for ``self.tr`` in a class); the rest are ``translate("exports", ...)`` calls. The
sentences that explain one download's state live with its table (``ui/models/downloads.py``).
"""

from __future__ import annotations

import math
from datetime import datetime
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from smsc_desktop.services.downloads import DownloadState, QueueingError, QueueingStage
from smsc_desktop.ui.formatting import format_bytes, format_speed

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


class ExportsCounted(QObject):
    """Phrases with a number in them, in the plural form the language needs."""

    def jobs(self, n: int) -> str:
        return self.tr("%n job(s)", "", n)

    def jobs_in_progress(self, n: int) -> str:
        return self.tr("%n in progress", "", n)

    def refresh_available_in(self, seconds: int) -> str:
        return self.tr(
            "SMSC accepts 3 identical list requests a minute: available in %n s", "", seconds
        )

    def next_refresh_in(self, seconds: int) -> str:
        return self.tr("next refresh in %n s", "", seconds)

    def delete_files(self, n: int) -> str:
        return self.tr("Delete %n files from disk?", "", n)

    def downloads_in(self, state: DownloadState, n: int) -> str:
        texts = {
            DownloadState.DOWNLOADING: self.tr("%n downloading", "", n),
            DownloadState.WAITING_RETRY: self.tr("%n waiting to retry", "", n),
            DownloadState.QUEUED: self.tr("%n queued", "", n),
            DownloadState.PAUSED: self.tr("%n paused", "", n),
            DownloadState.FAILED: self.tr("%n failed", "", n),
            DownloadState.DONE: self.tr("%n done", "", n),
        }
        return texts.get(state, "")


@cache
def counted() -> ExportsCounted:
    return ExportsCounted()


SUMMARY_STATES = (
    DownloadState.DOWNLOADING,
    DownloadState.WAITING_RETRY,
    DownloadState.QUEUED,
    DownloadState.PAUSED,
    DownloadState.FAILED,
    DownloadState.DONE,
)
"""The states the download summary counts, in the order it names them."""


# --- the job list -----------------------------------------------------------------------------


def tab_title() -> str:
    return translate("exports", "Exports")


def jobs_heading() -> str:
    return translate("exports", "<b>Export jobs</b>")


def jobs_accessible_name() -> str:
    return translate("exports", "Export jobs")


def jobs_count(total: int, active: int) -> str:
    """``6 jobs · 2 in progress``."""
    text = counted().jobs(total)
    if active:
        text += " · " + counted().jobs_in_progress(active)
    return text


def refresh_label() -> str:
    return translate("exports", "Refresh")


def refresh_tooltip(wait: float) -> str:
    """The Refresh button's tooltip: when SMSC's limit allows the next list request."""
    if wait > 0:
        return counted().refresh_available_in(math.ceil(wait))
    return translate("exports", "Ask SMSC for the job list now")


def refresh_status(
    *,
    loading: bool,
    updated_at: datetime | None,
    due_in: float | None,
    auto_paused: bool,
) -> str:
    """``Updated 14:05:09 · next refresh in 30 s``."""
    parts = []
    if loading:
        parts.append(translate("exports", "Updating…"))
    elif updated_at is not None:
        parts.append(translate("exports", "Updated %1").replace("%1", clock_time(updated_at)))
    if not loading:
        if due_in is not None:
            parts.append(counted().next_refresh_in(max(0, math.ceil(due_in))))
        elif auto_paused:
            parts.append(translate("exports", "no job in progress, auto-refresh paused"))
    return " · ".join(parts)


def clock_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


def list_kept_since(updated_at: datetime) -> str:
    """Added to a refresh error when the list still shows an earlier answer."""
    return translate("exports", "The list shows what SMSC sent at %1.").replace(
        "%1", clock_time(updated_at)
    )


def retry_label() -> str:
    return translate("exports", "Retry")


def download_label() -> str:
    return translate("exports", "Download")


def download_tooltip() -> str:
    return translate("exports", "Download the files of the selected done jobs")


def auto_download_label() -> str:
    return translate("exports", "Download each job's file automatically when the job is done")


def load_more_label() -> str:
    return translate("exports", "Load more jobs")


def jobs_loading() -> str:
    return translate("exports", "Loading the export jobs")


def no_jobs() -> str:
    return translate(
        "exports", "No export jobs yet. Exports started in your SMSC account appear here."
    )


# --- the download manager ---------------------------------------------------------------------


def downloads_heading() -> str:
    return translate("exports", "<b>Downloads</b>")


def downloads_accessible_name() -> str:
    return translate("exports", "Downloads")


def save_to_label() -> str:
    return translate("exports", "Save to:")


def folder_tooltip(folder: Path | None) -> str:
    if folder is None:
        return translate("exports", "Choose the folder new downloads are saved into")
    return translate(
        "exports", "New downloads are saved into %1. Click to choose another folder."
    ).replace("%1", str(folder))


def choose_folder_label() -> str:
    return translate("exports", "Choose…")


def choose_folder_title() -> str:
    return translate("exports", "Save downloads to")


def concurrency_label() -> str:
    return translate("exports", "At once:")


def concurrency_tooltip() -> str:
    return translate(
        "exports", "How many files download at the same time; the others wait in the queue"
    )


def download_actions() -> dict[str, tuple[str, str]]:
    """The download manager's commands: name → (label, tooltip)."""
    return {
        "pause": (translate("exports", "Pause"), translate("exports", "Pause; the part kept")),
        "resume": (
            translate("exports", "Resume"),
            translate("exports", "Continue from where the download stopped"),
        ),
        "retry": (
            translate("exports", "Retry"),
            translate("exports", "Try a failed or cancelled download again, or retry now"),
        ),
        "cancel": (
            translate("exports", "Cancel"),
            translate("exports", "Stop and delete the partial file"),
        ),
        "open": (translate("exports", "Open"), translate("exports", "Open the file")),
        "folder": (
            translate("exports", "Show in folder"),
            translate("exports", "Show the file in its folder"),
        ),
        "preview": (
            translate("exports", "Preview"),
            translate("exports", "Look at the first rows, save a copy for Excel"),
        ),
        "insights": (
            translate("exports", "Insights"),
            translate("exports", "Charts of volume, cost and delivery from the file"),
        ),
        "remove": (
            translate("exports", "Remove from list"),
            translate("exports", "Take finished downloads off the list; the files stay on disk"),
        ),
        "delete": (
            translate("exports", "Delete file…"),
            translate("exports", "Delete the downloaded file from disk (asks first)"),
        ),
    }


def no_downloads() -> str:
    return translate("exports", "No downloads yet: select done jobs and press Download.")


def downloads_summary(counts: dict[DownloadState, int], speed: float, remaining: int) -> str:
    """``2 downloading · 1 queued — 4.8 MB/s · 120 MB to go``."""
    text = " · ".join(
        counted().downloads_in(state, counts[state]) for state in SUMMARY_STATES if counts[state]
    )
    if speed > 0:
        text += " — " + format_speed(speed)
        if remaining > 0:
            text += " · " + translate("exports", "%1 to go").replace("%1", format_bytes(remaining))
    return text


def queueing_failed(error: QueueingError) -> str:
    """Why the chosen jobs could not be queued into their folder."""
    reason = error.error.strerror or str(error.error)
    if error.stage is QueueingStage.FOLDER:
        text = translate("exports", "The folder %1 cannot be used: %2")
    else:
        text = translate("exports", "Could not start the download into %1: %2")
    return text.replace("%1", str(error.folder)).replace("%2", reason)


def cannot_open(path: Path) -> str:
    return translate("exports", "No program could open %1.").replace("%1", str(path))


def cannot_delete(path: Path, error: OSError) -> str:
    return (
        translate("exports", "Could not delete %1: %2")
        .replace("%1", str(path))
        .replace("%2", error.strerror or str(error))
    )


def delete_title() -> str:
    return translate("exports", "Delete files")


def delete_question(names: list[str]) -> str:
    if len(names) == 1:
        return translate("exports", "Delete %1 from disk?").replace("%1", names[0])
    return counted().delete_files(len(names))


def delete_warning() -> str:
    return translate("exports", "The files cannot be restored from this program.")


def download_done(name: str) -> str:
    """Said to screen readers when a download has finished."""
    return translate("exports", "%1: downloaded").replace("%1", name)
