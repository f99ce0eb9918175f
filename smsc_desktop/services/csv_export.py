"""CSV files that Excel opens correctly in a Russian locale.

Excel reads a CSV as UTF-8 only when it starts with a byte-order mark, and in Russian
settings it splits columns on ``;`` and reads ``1234,50`` as a number. So: UTF-8 with BOM,
``;`` between fields, CRLF line ends, fields quoted when they contain ``;``, quotes or line
breaks, and amounts with a decimal comma and no grouping.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from smsc_desktop.services.storage import atomic_write_text

__all__ = ["DELIMITER", "csv_text", "money_cell", "write_csv"]

DELIMITER = ";"


def money_cell(amount: Decimal | None) -> str:
    """``Decimal("1234.5")`` → ``"1234,50"`` (empty for ``None``)."""
    if amount is None:
        return ""
    return f"{amount.quantize(Decimal('0.01')):f}".replace(".", ",")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The file's text (without the BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write the CSV atomically (a failure leaves any old file as it was). Raises OSError."""
    atomic_write_text(path, csv_text(header, rows), encoding="utf-8-sig")
