"""The CSV files of export jobs, made on demand and served by offset.

A file is ``header + day 0 + day 1 + … + tail``: the header row, whole days of sent messages
from 1 March 2024 on (``exportrows``: each day rendered from its weekday's template with its
own date), and a tail of whole rows of the next day whose last row is padded so that the file
has exactly the requested size and ends with ``\\r\\n``. Only the templates (a few MiB) are
held in memory, so a 1 GiB file costs no more than a small one, and any byte range is served
from the days it covers.

Encoding windows-1251 (or utf-8 / koi8-r: ``ExportFile(size, charset)``; koi8-r has no
``№`` and writes ``?``), separator ``;``, CRLF line ends, fields with ``;`` or ``"`` quoted.
The rows are the same in every encoding; only their byte lengths differ. Sizes smaller than
the header plus one row give a file cut short at that size. The same size and charset always
give the same bytes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import re
import threading
from collections.abc import Iterator

from smsc_desktop.sandbox.exportrows import (
    FIRST_DAY,
    HEADER_FIELDS,
    date_of,
    line,
    min_row,
    padded_row,
    template_of,
)

FILE_ENCODING = "windows-1251"
#: Charsets an export file can be written in, and their Python codecs.
FILE_CODECS = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}
_CODEC = FILE_CODECS[FILE_ENCODING]

__all__ = ["FILE_CODECS", "FILE_ENCODING", "HEADER", "MIN_ROW", "ExportFile", "sha256_of_size"]


@functools.cache
def _header(codec: str) -> bytes:
    return line(HEADER_FIELDS).encode(codec, "replace")


HEADER: bytes = _header(_CODEC)
MIN_ROW = min_row(_CODEC)


class ExportFile:
    """A virtual CSV file of exactly ``size`` bytes in ``charset`` (see ``FILE_CODECS``)."""

    def __init__(
        self, size: int, charset: str = FILE_ENCODING, first_day: dt.date = FIRST_DAY
    ) -> None:
        if size < 0:
            raise ValueError("size must be >= 0")
        if charset not in FILE_CODECS:
            raise ValueError(f"charset must be one of {sorted(FILE_CODECS)}")
        self.size = size
        self.charset = charset
        self.first_day = first_day
        """The date of the file's first rows (a job's file covers the period it names)."""
        codec = self._codec = FILE_CODECS[charset]
        header = _header(codec)
        self._header = header[:size]
        self._starts: list[int] = []
        """Where each whole day starts; day ``i`` is ``template_of(codec, i)``."""
        self._tail = b""
        pos = len(header)
        if size <= pos:
            return
        least = min_row(codec)
        day = 0
        while True:
            length = template_of(codec, day, first_day).size
            if not (pos + length == size or pos + length + least <= size):
                break
            self._starts.append(pos)
            pos += length
            day += 1
        self._tail = self._make_tail(size - pos, day)
        assert pos + len(self._tail) == size

    def _make_tail(self, rem: int, day: int) -> bytes:
        """``rem`` bytes of day ``day``'s first rows, the last one padded."""
        if rem == 0:
            return b""
        template = template_of(self._codec, day, self.first_day)
        rendered = template.render(date_of(day, self.first_day))
        least = min_row(self._codec)
        if rem < least:
            return rendered[:rem]  # a file cut short
        taken = 0
        for end in template.row_ends:
            if end + least > rem:
                break
            taken = end
        return rendered[:taken] + padded_row(self._codec, date_of(day, self.first_day), rem - taken)

    @property
    def days(self) -> int:
        """Whole days in the file (the tail's day not counted)."""
        return len(self._starts)

    def _day(self, index: int) -> bytes:
        first = self.first_day
        return template_of(self._codec, index, first).render(date_of(index, first))

    def pieces(self, start: int = 0) -> Iterator[tuple[int, bytes]]:
        """``(offset, bytes)`` of the header, the days and the tail, from the piece holding
        ``start`` on (each day rendered when reached)."""
        if self._header and start < len(self._header):
            yield 0, self._header
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        for index in range(first, len(self._starts)):
            yield self._starts[index], self._day(index)
        if self._tail:
            yield self.size - len(self._tail), self._tail

    def iter_range(self, start: int, end: int, chunk: int) -> Iterator[memoryview]:
        """Memoryviews covering ``[start, end)``, none longer than ``chunk``."""
        end = min(end, self.size)
        for pos, piece in self.pieces(start):
            piece_end = pos + len(piece)
            if piece_end <= start:
                continue
            if pos >= end:
                return
            view = memoryview(piece)
            lo = max(start, pos) - pos
            hi = min(end, piece_end) - pos
            while lo < hi:
                step = min(chunk, hi - lo)
                yield view[lo : lo + step]
                lo += step

    def read(self, start: int = 0, end: int | None = None) -> bytes:
        """Bytes of ``[start, end)``; for tests and small files."""
        stop = self.size if end is None else end
        return b"".join(bytes(v) for v in self.iter_range(start, stop, 1 << 20))


_sha_cache: dict[tuple[int, str, dt.date], str] = {}
_sha_lock = threading.Lock()


def sha256_of_size(size: int, charset: str = FILE_ENCODING, first_day: dt.date = FIRST_DAY) -> str:
    """SHA-256 of the file of that size, charset and first day, computed by streaming once
    and cached."""
    key = (size, charset, first_day)
    with _sha_lock:
        cached = _sha_cache.get(key)
    if cached is not None:
        return cached
    digest = hashlib.sha256()
    for _, piece in ExportFile(size, charset, first_day).pieces():
        digest.update(piece)
    value = digest.hexdigest()
    with _sha_lock:
        _sha_cache[key] = value
    return value


_NAMED_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@functools.lru_cache(maxsize=256)
def export_first_day(name: str, size: int, created_unix: float, charset: str) -> dt.date:
    """The first day of a job's file: the first date its name gives
    (``messages_2026-11-01_2026-11-30``), else so that the file ends the day before the job
    was made; never so late that the file would run past that day."""
    created = dt.datetime.fromtimestamp(created_unix).date()
    days = ExportFile(size, charset).days + 1
    latest = created - dt.timedelta(days=days)
    match = _NAMED_DAY.search(name)
    if match is not None:
        try:
            named = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return latest
        return min(named, latest)
    return latest
