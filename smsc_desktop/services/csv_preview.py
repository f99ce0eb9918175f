"""A look into a downloaded CSV, and a copy of it that Excel opens correctly.

SMSC's export files are CSV in ``windows-1251`` (or UTF-8 when asked), separated by ``;``
(other exports use ``,`` or tabs). :func:`read_preview` detects the encoding and the
separator from the start of the file and returns the first rows; :func:`export_for_excel`
rewrites the whole file as UTF-8 with a BOM and ``;`` separators, which is what Excel
expects on Russian and most European systems. Both read the file in a streaming way (call
them in a worker thread); nothing here imports Qt.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from smsc_desktop.services.csv_export import excel_row

PREVIEW_ROWS: Final = 300
SAMPLE_BYTES: Final = 256 * 1024
SEPARATORS: Final = (";", ",", "\t", "|")
ENCODINGS: Final = ("utf-8", "windows-1251")
EXCEL_SEPARATOR: Final = ";"

csv.field_size_limit(16 * 1024 * 1024)


class ExportCancelled(Exception):
    """The user stopped :func:`export_for_excel`; nothing was written."""


@dataclass(frozen=True, slots=True)
class CsvPreview:
    path: Path
    encoding: str
    """``utf-8`` or ``windows-1251`` (``utf-8-sig`` when the file starts with a BOM)."""
    separator: str
    header: list[str]
    rows: list[list[str]]
    truncated: bool
    """More rows follow in the file than are shown."""
    file_size: int
    replaced_chars: bool = False
    """Some bytes were not valid in the encoding and show as �."""

    @property
    def column_count(self) -> int:
        return max([len(self.header), *(len(r) for r in self.rows)], default=0)


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` (valid UTF-8, also plain ASCII) or ``windows-1251``."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A character cut in half at the end of the sample is still UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
        return "windows-1251"
    return "utf-8"


def detect_separator(text: str) -> str:
    """The separator that splits the first lines into the same number (>1) of fields."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line of a sample may be cut off
    best, best_score = SEPARATORS[0], (-1.0, 0)
    for separator in SEPARATORS:
        counts = [len(row) for row in csv.reader(lines, delimiter=separator)]
        if not counts:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (hits / len(counts), mode)
        if score > best_score:
            best, best_score = separator, score
    return best


def read_preview(
    path: Path,
    *,
    max_rows: int = PREVIEW_ROWS,
    encoding: str | None = None,
    separator: str | None = None,
) -> CsvPreview:
    """The header and first *max_rows* rows; encoding and separator detected unless given."""
    size = path.stat().st_size
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
    chosen = encoding or detect_encoding(sample)
    if chosen == "utf-8" and sample.startswith(codecs.BOM_UTF8):
        chosen = "utf-8-sig"
    text = sample.decode(chosen, errors="replace")
    sep = separator or detect_separator(text)
    rows: list[list[str]] = []
    truncated = False
    with path.open("rb") as raw:
        stream = io.TextIOWrapper(raw, encoding=chosen, errors="replace", newline="")
        reader = csv.reader(stream, delimiter=sep)
        for row in reader:
            if len(rows) > max_rows:
                truncated = True
                break
            rows.append(row)
    header = rows.pop(0) if rows else []
    replaced = any("\ufffd" in cell for row in [header, *rows] for cell in row)
    return CsvPreview(path, chosen, sep, header, rows, truncated, size, replaced)


def export_for_excel(
    source: Path,
    dest: Path,
    *,
    encoding: str,
    separator: str,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Rewrite *source* as UTF-8 with BOM and ``;`` into *dest*; returns the rows written.

    Written to a temporary file next to *dest* and moved into place at the end, so *dest*
    is never left half-written. *progress(bytes_read, total)* is called now and then.
    """
    total = source.stat().st_size
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    tmp = Path(tmp_name)
    rows = 0
    try:
        with (
            source.open("rb") as raw,
            os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out,
        ):
            stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
            reader = csv.reader(stream, delimiter=separator)
            writer = csv.writer(out, delimiter=EXCEL_SEPARATOR, lineterminator="\r\n")
            for row in reader:
                writer.writerow(excel_row(row))
                rows += 1
                if rows % 5000 == 0:
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled
                    if progress is not None:
                        progress(raw.tell(), total)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(total, total)
    return rows
