"""Insights into an export file: how many messages, what they cost, how many were delivered.

``read_insights(path)`` reads a whole CSV export (SMSC's or any of the same kind) in the
calling thread — run it in a worker thread — and returns an :class:`Insights`; progress and
cancel as in ``csv_preview.export_for_excel``. Columns are found by their header
(``columns.py``), the file is counted by one pattern per record (``scan.py``), and the counts
are read and summed up (``report.py``). The file is only ever read. No Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from smsc_desktop.services.gcpause import gc_paused
from smsc_desktop.services.insights.columns import Columns, Field, find_columns
from smsc_desktop.services.insights.report import Bucket, Insights, Share, Step, build
from smsc_desktop.services.insights.scan import FileFormat, ScanCancelled, Scanner, read_format
from smsc_desktop.services.insights.values import Outcome, parts_for

__all__ = [
    "Bucket",
    "Columns",
    "Field",
    "FileFormat",
    "Insights",
    "Outcome",
    "ScanCancelled",
    "Share",
    "Step",
    "find_columns",
    "parts_for",
    "read_format",
    "read_insights",
]


def read_insights(
    path: Path,
    *,
    encoding: str | None = None,
    separator: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> Insights:
    """Read the whole file at *path*. Raises OSError, :class:`ScanCancelled`."""
    fmt = read_format(path, encoding, separator)
    # Millions of short-lived tuples: reference counting frees them all; the cyclic collector
    # would only scan the heap over and over while holding the GIL (services/gcpause.py).
    with gc_paused():
        tally = Scanner(path, fmt).scan(progress, cancel)
    return build(path, fmt, tally)
