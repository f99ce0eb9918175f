"""CSV files that Excel opens correctly in a Russian locale.

Excel reads a CSV as UTF-8 only when it starts with a byte-order mark, and in Russian
settings it splits columns on ``;`` and reads ``1234,50`` as a number. So: UTF-8 with BOM,
``;`` between fields, CRLF line ends, fields quoted when they contain ``;``, quotes or line
breaks, and amounts with a decimal comma and no grouping.

Text that Excel would run as a formula reaching outside its cell (starting with ``=``,
``+``, ``-`` or ``@`` and naming a function, a reference or DDE, e.g. an SMS text
``=HYPERLINK(...)``) gets a leading apostrophe, so opening an export never runs anything.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from smsc_desktop.services.storage import atomic_write_text

__all__ = ["DELIMITER", "csv_text", "excel_row", "excel_safe", "money_cell", "write_csv"]

DELIMITER = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_REACH = ("|", "!", ":", '"', "[")


def excel_safe(cell: object) -> object:
    """``cell``, with an apostrophe in front when Excel would run it as a formula that can
    reach outside the cell (a function call, a reference, DDE). Arithmetic of digits such as
    ``-5,00`` or a phone ``+7 916 123-45-67`` stays as it is."""
    if (
        isinstance(cell, str)
        and cell.startswith(_FORMULA_START)
        and any(c.isalpha() or c in _FORMULA_REACH for c in cell)
    ):
        return "'" + cell
    return cell


def excel_row(row: Sequence[object]) -> list[object]:
    return [excel_safe(cell) for cell in row]


def money_cell(amount: Decimal | None) -> str:
    """``Decimal("1234.5")`` → ``"1234,50"`` (empty for ``None``)."""
    if amount is None:
        return ""
    return f"{amount.quantize(Decimal('0.01')):f}".replace(".", ",")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The file's text (without the BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(excel_row(header))
    writer.writerows(excel_row(row) for row in rows)
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write the CSV atomically (a failure leaves any old file as it was). Raises OSError."""
    atomic_write_text(path, csv_text(header, rows), encoding="utf-8-sig")
