"""The CSV files of export jobs, made on demand and served by offset.

A file is ``header + block * k + tail``: the header row, ``k`` copies of one pre-rendered
block of about 1 MiB of sent-message rows, and a tail of whole rows whose last row is padded
so that the file has exactly the requested size and ends with ``\\r\\n``. Nothing but the
shared block and a small tail is held in memory, so a 1 GiB file costs about 1 MiB, and any
byte range can be served as memoryviews of those pieces.

Encoding windows-1251 (or utf-8 / koi8-r: ``ExportFile(size, charset)``; koi8-r has no
``№`` and writes ``?``), separator ``;``, CRLF line ends, fields with ``;`` or ``"`` quoted.
The rows are the same in every encoding; only their byte lengths differ. Sizes smaller than
the header plus one row give a file cut short at that size.
"""

from __future__ import annotations

import functools
import hashlib
import random
import threading
import time
from collections.abc import Iterator

FILE_ENCODING = "windows-1251"
#: Charsets an export file can be written in, and their Python codecs.
FILE_CODECS = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}
_CODEC = FILE_CODECS[FILE_ENCODING]
BLOCK_TARGET = 1024 * 1024

HEADER_FIELDS = (
    "Дата отправки",
    "Телефон",
    "Отправитель",
    "Статус",
    "Код ошибки",
    "Стоимость",
    "Частей",
    "Текст сообщения",
)

_SENDERS = ("SMSC.RU", "MyShop", "Taxi24", "KLINIKA", "Dostavka", "INFO")
_STATUSES = (
    ("Доставлено", 0),
    ("Доставлено", 0),
    ("Доставлено", 0),
    ("Передано оператору", 0),
    ("Не доставлено", 1),
    ("Просрочено", 0),
    ("Запрещено", 6),
)
_TEXTS = (
    "Ваш код подтверждения: {code}",
    "Заказ №{order} принят. Спасибо за покупку!",
    'Курьер будет у вас с 10:00 до 14:00; заказ "{order}"',
    "Такси подано: белая Kia Rio, номер А{code}ВС",
    "Напоминаем о записи к врачу завтра в {hour}:00",
    "Скидка 15% на всё до конца недели; подробности на сайте",
    "Баланс пополнен на {amount} руб.",
    "Пароль для входа: {code}. Никому не сообщайте его.",
)


def _field(value: str) -> str:
    if ";" in value or '"' in value or "\n" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def _row(fields: tuple[str, ...], codec: str = _CODEC) -> bytes:
    return (";".join(_field(f) for f in fields) + "\r\n").encode(codec, "replace")


_PAD_BASE = ("01.01.2024 00:00:00", "79000000000", "SMSC.RU", "Доставлено", "0", "0.00", "1")
HEADER: bytes = _row(HEADER_FIELDS)
MIN_ROW = len(_row((*_PAD_BASE, "")))


def _padded_row(length: int, codec: str = _CODEC) -> bytes:
    """A row of exactly ``length`` bytes (``length >= min_row(codec)``)."""
    row = _row((*_PAD_BASE, "." * (length - _min_row(codec))), codec)
    assert len(row) == length
    return row


@functools.cache
def _header(codec: str) -> bytes:
    return _row(HEADER_FIELDS, codec)


@functools.cache
def _min_row(codec: str) -> int:
    return len(_row((*_PAD_BASE, ""), codec))


@functools.cache
def _block(codec: str = _CODEC) -> tuple[bytes, tuple[int, ...]]:
    """The shared block and the offsets where its rows end."""
    rng = random.Random(1251)
    parts: list[bytes] = []
    ends: list[int] = []
    total = 0
    unix = 1714546800  # 01.05.2024 10:00 MSK
    while total < BLOCK_TARGET:
        unix += rng.randrange(1, 40)
        stamp = time.strftime("%d.%m.%Y %H:%M:%S", time.gmtime(unix + 3 * 3600))
        status, err = _STATUSES[rng.randrange(len(_STATUSES))]
        text = _TEXTS[rng.randrange(len(_TEXTS))].format(
            code=rng.randrange(1000, 9999),
            order=rng.randrange(10000, 99999),
            hour=rng.randrange(9, 19),
            amount=rng.randrange(100, 5000),
        )
        parts_count = 1 if len(text) <= 70 else 2
        row = _row(
            (
                stamp,
                f"79{rng.randrange(10**9):09d}",
                _SENDERS[rng.randrange(len(_SENDERS))],
                status,
                str(err),
                f"{3.5 * parts_count:.2f}",
                str(parts_count),
                text,
            ),
            codec,
        )
        parts.append(row)
        total += len(row)
        ends.append(total)
    return b"".join(parts), tuple(ends)


class ExportFile:
    """A virtual CSV file of exactly ``size`` bytes in ``charset`` (see ``FILE_CODECS``)."""

    def __init__(self, size: int, charset: str = FILE_ENCODING) -> None:
        if size < 0:
            raise ValueError("size must be >= 0")
        if charset not in FILE_CODECS:
            raise ValueError(f"charset must be one of {sorted(FILE_CODECS)}")
        self.size = size
        self.charset = charset
        codec = FILE_CODECS[charset]
        block, ends = _block(codec)
        header = _header(codec)
        self._block = block
        self._header = header[:size]
        self._copies = 0
        self._tail = b""
        if size > len(header):
            min_row = _min_row(codec)
            copies, rem = divmod(size - len(header), len(block))
            if 0 < rem < min_row and copies:
                copies -= 1
                rem += len(block)
            self._copies = copies
            self._tail = self._make_tail(rem, block, ends, codec)
        assert len(self._header) + self._copies * len(block) + len(self._tail) == size

    @staticmethod
    def _make_tail(rem: int, block: bytes, ends: tuple[int, ...], codec: str) -> bytes:
        if rem == 0:
            return b""
        min_row = _min_row(codec)
        if rem < min_row:
            return block[:rem]
        taken = 0
        for end in ends:
            if end + min_row > rem:
                break
            taken = end
        if taken >= len(block):  # the tail is longer than a block: cannot happen, be safe
            taken = ends[-2]
        return block[:taken] + _padded_row(rem - taken, codec)

    def pieces(self) -> Iterator[bytes]:
        if self._header:
            yield self._header
        for _ in range(self._copies):
            yield self._block
        if self._tail:
            yield self._tail

    def iter_range(self, start: int, end: int, chunk: int) -> Iterator[memoryview]:
        """Memoryviews covering ``[start, end)``, none longer than ``chunk``."""
        end = min(end, self.size)
        pos = 0
        for piece in self.pieces():
            piece_end = pos + len(piece)
            if piece_end <= start:
                pos = piece_end
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
            pos = piece_end

    def read(self, start: int = 0, end: int | None = None) -> bytes:
        """Bytes of ``[start, end)``; for tests and small files."""
        stop = self.size if end is None else end
        return b"".join(bytes(v) for v in self.iter_range(start, stop, 1 << 20))


_sha_cache: dict[tuple[int, str], str] = {}
_sha_lock = threading.Lock()


def sha256_of_size(size: int, charset: str = FILE_ENCODING) -> str:
    """SHA-256 of the file of that size and charset, computed by streaming once and cached."""
    key = (size, charset)
    with _sha_lock:
        cached = _sha_cache.get(key)
    if cached is not None:
        return cached
    digest = hashlib.sha256()
    for piece in ExportFile(size, charset).pieces():
        digest.update(piece)
    value = digest.hexdigest()
    with _sha_lock:
        _sha_cache[key] = value
    return value
