"""Counting a whole export file fast: one regular expression per line, counters in C.

A million-row export is about 150 MB; going through Python's ``csv`` module row by row and
then through Python code per row takes several times longer than reading the file. Here the
file is read in blocks of bytes (never decoded as a whole), and one compiled pattern built
from the header matches each record and captures only the fields the insights need, with the
date already cut to its hour. ``re.findall`` gives a list of tuples per block, and
``collections.Counter.update`` counts projections of them, both in C; Python code then runs
once per *distinct* value (``report.py``), not per row.

The pattern follows CSV's rules (RFC 4180): a field is quoted (``"…"`` with ``""`` for a
quote, line breaks allowed) or plain without quotes; a record has exactly the header's number of fields (a trailing
separator is tolerated). A line that is not such a record is counted as unreadable with its
line number, and the rest is read on. Blocks end at a line break outside quotes, so no
record is split; each block is small enough (128 KiB) that no single C call holds Python's
lock for long, which keeps a GUI thread responsive while this runs in a worker thread.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any, Final

from smsc_desktop.services.csv_preview import SAMPLE_BYTES, detect_encoding, detect_separator
from smsc_desktop.services.insights.columns import Columns, Field, find_columns

CHUNK: Final = 128 * 1024
MAX_CARRY: Final = 16 * CHUNK
"""A quote left open for longer than this is taken as a broken line, not a long field."""
BAD_EXAMPLES: Final = 20
MAX_COLUMNS: Final = 500
HOUR_CHARS: Final = 13
"""``dd.mm.yyyy hh`` and ``yyyy-mm-dd hh``: a date-time cut to its hour."""

KIND: Final = frozenset(
    {
        Field.SENDER,
        Field.STATUS,
        Field.ERROR,
        Field.COST,
        Field.PARTS,
        Field.OPERATOR,
        Field.COUNTRY,
    }
)
"""Fields with few distinct values: counted together, as runs of adjacent columns."""


class ScanCancelled(Exception):
    """The user stopped reading the file."""


@dataclass
class Tally:
    """Raw counts of an export (values as the file's bytes; ``b""`` where no column)."""

    by_time: Counter[tuple[bytes, bytes]] = field(default_factory=Counter)
    """(date cut to the hour, cost) → messages."""
    by_kind: Counter[Any] = field(default_factory=Counter)
    """The raw text of each run of adjacent ``KIND`` columns (a tuple when there are
    several runs) → messages. Few distinct values each, so few combinations."""
    kind_runs: tuple[tuple[int, ...], ...] = ()
    """The columns of each run, as in ``by_kind``'s keys."""
    by_length: Counter[tuple[int, bool, bool, int]] = field(default_factory=Counter)
    """(length of the text field, ASCII only, quoted, doubled quotes) → messages, when the
    parts must be worked out from the text."""
    rows: int = 0
    bad_lines: int = 0
    bad_examples: list[int] = field(default_factory=list)
    """Line numbers (1-based, as an editor shows them) of the first unreadable lines."""
    bytes_read: int = 0


@dataclass(frozen=True, slots=True)
class FileFormat:
    encoding: str
    """As ``csv_preview.detect_encoding`` says (``utf-8-sig`` with a BOM)."""
    separator: str
    columns: Columns
    data_start: int
    """Byte offset of the first record after the header."""
    size: int

    @property
    def codec(self) -> str:
        return "utf-8" if self.encoding == "utf-8-sig" else self.encoding


def read_format(
    path: Path, encoding: str | None = None, separator: str | None = None
) -> FileFormat:
    """The encoding, separator and columns of an export (detected unless given)."""
    size = path.stat().st_size
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
    chosen = encoding or detect_encoding(sample)
    if chosen == "utf-8" and sample.startswith(codecs.BOM_UTF8):
        chosen = "utf-8-sig"
    text = sample.decode(chosen, errors="replace")
    sep = separator or detect_separator(text)
    end = sample.find(b"\n")
    first = sample if end < 0 else sample[: end + 1]
    cells = split_fields(first.decode(chosen, errors="replace").rstrip("\r\n"), sep)
    del cells[MAX_COLUMNS:]  # not an export's header (a binary file, one endless line)
    while cells and not cells[-1].strip():
        cells.pop()
    data_start = len(first) if end >= 0 else len(sample)
    return FileFormat(chosen, sep, find_columns(cells), data_start, size)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where ``findall`` puts what, in its tuple (0 is always an empty string)."""

    date: int = 0
    cost: int = 0
    text: int | None = None
    runs: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """(slot, columns) of each run of adjacent ``KIND`` columns."""
    bad: int = 0


def build_pattern(fmt: FileFormat, with_text: bool) -> tuple[re.Pattern[bytes], Layout]:
    """``^(?:()FIELD;FIELD;…;?\\r?$|(.+))``: a record or an unreadable line (the last group).

    The date is captured cut to its hour; each run of adjacent ``KIND`` columns as one group
    (fewer groups: a third faster than a group per field), with the cost also on its own
    inside it; the text only when the parts must be counted from it. Fields are atomic: a
    field that matched is never re-split, which keeps the engine linear."""
    sep = re.escape(fmt.separator.encode("ascii"))
    # Plain (no quote inside, as RFC 4180 wants: a stray quote makes the line unreadable, and
    # the engine a quarter faster than allowing one), or quoted, or empty.
    plain = rb'(?>[^%s"\r\n]++|"(?:[^"]++|"")*+"|)' % sep
    index = fmt.columns.index
    kind = {index[f] for f in KIND if f in index}
    date = index.get(Field.DATE)
    cost = index.get(Field.COST)
    text = index.get(Field.MESSAGE) if with_text else None
    slots = {"date": 0, "cost": 0}
    text_slot: int | None = None
    runs: list[tuple[int, tuple[int, ...]]] = []
    group = 1  # the empty group first
    parts: list[bytes] = [b"()"]
    columns = max(1, len(fmt.columns.header))
    column = 0
    while column < columns:
        if column:
            parts.append(sep)
        if column == date:
            group += 1
            slots["date"] = group
            parts.append(rb'"?([^%s"\r\n]{0,%d})[^%s"\r\n]*+"?' % (sep, HOUR_CHARS, sep))
        elif column == text:
            group += 1
            text_slot = group
            parts.append(b"(" + plain + b")")
        elif column in kind:
            end = column
            while end + 1 < columns and end + 1 in kind:
                end += 1
            group += 1
            runs.append((group, tuple(range(column, end + 1))))
            inner: list[bytes] = []
            for member in range(column, end + 1):
                if member == cost:
                    group += 1
                    slots["cost"] = group
                    inner.append(b"(" + plain + b")")
                else:
                    inner.append(plain)
            parts.append(b"(" + sep.join(inner) + b")")
            column = end
        else:
            parts.append(plain)
        column += 1
    good = b"".join(parts) + sep + rb"?\r?$"
    pattern = re.compile(rb"^(?:" + good + rb"|(?!\r?$)(.+))", re.MULTILINE)  # blank: skipped
    # findall's tuple has one item per group; group n is item n - 1.
    layout = Layout(
        date=slots["date"] - 1 if slots["date"] else 0,
        cost=slots["cost"] - 1 if slots["cost"] else 0,
        text=None if text_slot is None else text_slot - 1,
        runs=tuple((slot - 1, cols) for slot, cols in runs),
        bad=group,
    )
    return pattern, layout


class Scanner:
    """Counts one export file; ``scan()`` runs in a worker thread."""

    def __init__(self, path: Path, fmt: FileFormat) -> None:
        self.path = path
        self.format = fmt
        columns = fmt.columns
        with_text = columns.has(Field.MESSAGE) and not columns.has(Field.PARTS)
        self.pattern, self.layout = build_pattern(fmt, with_text)
        layout = self.layout
        self.bad_slot = layout.bad
        self._time = itemgetter(layout.date, layout.cost)
        run_slots = [slot for slot, _ in layout.runs] or [0]
        self._kind = itemgetter(*run_slots)
        self._text = itemgetter(layout.text) if layout.text is not None else None
        self._bad = itemgetter(self.bad_slot)
        self._decode = (
            partial(codecs.decode, encoding=fmt.codec, errors="replace")
            if fmt.codec.replace("_", "-").lower() in ("utf-8", "utf8")
            else None
        )

    def scan(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Tally:
        tally = Tally(kind_runs=tuple(cols for _, cols in self.layout.runs))
        total = self.format.size
        line = 1  # the header's lines come first
        carry = b""
        with self.path.open("rb") as raw:
            raw.seek(self.format.data_start)
            line += 0 if self.format.data_start == 0 else 1
            while True:
                if cancel is not None and cancel.is_set():
                    raise ScanCancelled
                block = raw.read(CHUNK)
                data = carry + block if carry else block
                if block:
                    cut = _cut(data)
                    if cut == 0 and len(data) < MAX_CARRY:
                        carry = data  # a record longer than a block: read on
                        continue
                    if cut == 0:
                        cut = data.rfind(b"\n") + 1 or len(data)
                    piece, carry = data[:cut], data[cut:]
                else:
                    piece, carry = data, b""
                if piece:
                    self._count(piece, line, tally)
                    line += piece.count(b"\n")
                tally.bytes_read = raw.tell() - len(carry)
                if progress is not None:
                    progress(tally.bytes_read, total)
                if not block:
                    break
        return tally

    def _count(self, piece: bytes, first_line: int, tally: Tally) -> None:
        found: list[tuple[bytes, ...]] = self.pattern.findall(piece)
        if any(map(self._bad, found)):
            self._note_bad(piece, first_line, tally)
            found = [t for t in found if not t[self.bad_slot]]
        tally.rows += len(found)
        tally.by_time.update(map(self._time, found))
        tally.by_kind.update(map(self._kind, found))
        if self._text is not None:
            texts: list[Any] = list(map(self._text, found))
            if self._decode is not None:
                texts = list(map(self._decode, texts))
                quote: Any = '"'
                ascii_only: Any = str.isascii
            else:
                quote, ascii_only = b'"', bytes.isascii
            tally.by_length.update(
                zip(
                    map(len, texts),
                    map(ascii_only, texts),
                    map(methodcaller("startswith", quote), texts),
                    map(methodcaller("count", quote * 2), texts),
                    strict=True,
                )
            )

    def _note_bad(self, piece: bytes, first_line: int, tally: Tally) -> None:
        position, line = 0, first_line
        for match in self.pattern.finditer(piece):
            if match.group(self.bad_slot + 1) is None:
                continue
            tally.bad_lines += 1
            if len(tally.bad_examples) < BAD_EXAMPLES:
                line += piece.count(b"\n", position, match.start())
                position = match.start()
                tally.bad_examples.append(line)


def split_fields(text: str, separator: str) -> list[str]:
    """One record's fields by CSV's rules; a line the csv module refuses (a lone line break or
    NUL in a plain field: not a CSV at all) is split at the separators."""
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=separator), [])
    except csv.Error:
        return text.split(separator)


def _cut(data: bytes, tries: int = 8) -> int:
    """Where a block can end: after a line break outside quotes (0: none found nearby)."""
    cut = data.rfind(b"\n") + 1
    quotes = data.count(b'"', 0, cut)
    for _ in range(tries):
        if cut == 0 or quotes % 2 == 0:
            return cut
        previous = data.rfind(b"\n", 0, cut - 1) + 1
        quotes -= data.count(b'"', previous, cut)
        cut = previous
    return 0
