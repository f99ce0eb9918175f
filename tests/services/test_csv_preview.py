"""CSV preview: encoding and separator detection, the first rows, the Excel copy."""

from __future__ import annotations

import codecs
import csv
import threading
from pathlib import Path

import pytest

from smsc_desktop.services.csv_preview import (
    ExportCancelled,
    detect_encoding,
    detect_separator,
    export_for_excel,
    read_preview,
)

HEADER = ["Дата отправки", "Телефон", "Отправитель", "Статус", "Текст сообщения"]
ROWS = [
    ["01.05.2024 10:00:01", "79161234567", "SMSC.RU", "Доставлено", "Ваш код: 1234"],
    ["01.05.2024 10:00:05", "79035550011", "MyShop", "Не доставлено", 'Заказ "№4821"; спасибо'],
    ["01.05.2024 10:00:09", "77012345678", "Taxi24", "Доставлено", "Сәлеметсіз бе!"],
]


def write_csv(path: Path, encoding: str, separator: str, rows: list[list[str]]) -> Path:
    with path.open("w", encoding=encoding, errors="replace", newline="") as fh:
        csv.writer(fh, delimiter=separator, lineterminator="\r\n").writerows([HEADER, *rows])
    return path


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("windows-1251", ";"), ("utf-8", ";"), ("utf-8", ","), ("windows-1251", "\t")],
    ids=["cp1251-semicolon", "utf8-semicolon", "utf8-comma", "cp1251-tab"],
)
def test_preview_detects_encoding_and_separator(
    tmp_path: Path, encoding: str, separator: str
) -> None:
    rows = ROWS[:2] if encoding == "windows-1251" else ROWS  # Kazakh letters need UTF-8
    path = write_csv(tmp_path / "export.csv", encoding, separator, rows)
    preview = read_preview(path)
    assert preview.encoding == encoding
    assert preview.separator == separator
    assert preview.header == HEADER
    assert preview.rows == rows
    assert not preview.truncated
    assert not preview.replaced_chars
    assert preview.file_size == path.stat().st_size


def test_preview_with_bom_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    write_csv(path, "utf-8-sig", ";", ROWS * 200)
    preview = read_preview(path, max_rows=300)
    assert preview.encoding == "utf-8-sig"
    assert preview.header == HEADER  # no BOM glued to the first title
    assert len(preview.rows) == 300
    assert preview.truncated


def test_detection_helpers() -> None:
    text = "Привет;мир\r\n".encode()
    assert detect_encoding(text) == "utf-8"
    assert detect_encoding(text[:-3]) == "utf-8"  # "р" cut in half at the end of a sample
    assert detect_encoding("Привет;мир".encode("cp1251")) == "windows-1251"
    assert detect_encoding(b"plain;ascii\r\n") == "utf-8"
    assert detect_encoding(codecs.BOM_UTF8 + b"a") == "utf-8-sig"
    assert detect_separator("a,b;c\r\n1,2;3\r\n4,5;6\r\n") in (",", ";")
    assert detect_separator('a;"b, c"\r\n1;"2, 3"\r\n') == ";"
    assert detect_separator("a\tb\tc\r\n1\t2\t3\r\n") == "\t"


def test_excel_copy_is_utf8_with_bom_and_semicolons(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "export.csv", "windows-1251", ",", ROWS[:2] * 3000)
    dest = tmp_path / "excel.csv"
    seen: list[tuple[int, int]] = []
    rows = export_for_excel(
        source,
        dest,
        encoding="windows-1251",
        separator=",",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert rows == 6001
    raw = dest.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == ";".join(HEADER)
    assert (
        lines[2]
        == '01.05.2024 10:00:05;79035550011;MyShop;Не доставлено;"Заказ ""№4821""; спасибо"'
    )
    back = list(csv.reader(text.splitlines(), delimiter=";"))
    assert back[1:3] == ROWS[:2]
    assert seen[-1] == (source.stat().st_size, source.stat().st_size)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cancelled_excel_copy_leaves_nothing(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "export.csv", "utf-8", ";", ROWS * 5000)
    dest = tmp_path / "excel.csv"
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelled):
        export_for_excel(source, dest, encoding="utf-8", separator=";", cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv", "home"]
