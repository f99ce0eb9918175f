"""The CSV preview dialog (``ui/dialogs/csv_preview.py``): both encodings, save for Excel."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from smsc_desktop.ui.dialogs.csv_preview import CsvPreviewDialog
from tests.helpers.exports_tab import WAIT
from tests.helpers.qt import run

HEADER = ["Дата отправки", "Телефон", "Статус", "Текст сообщения"]
ROWS = [
    ["01.05.2024 10:00:01", "79161234567", "Доставлено", "Ваш код: 1234"],
    ["01.05.2024 10:00:05", "79035550011", "Не доставлено", "Заказ №4821; спасибо"],
]


@pytest.mark.parametrize(
    ("encoding", "separator"), [("windows-1251", ";"), ("utf-8", ",")], ids=["cp1251", "utf8"]
)
def test_preview_in_both_encodings_and_save_for_excel(
    qtbot: Any, qloop: Any, tmp_path: Path, encoding: str, separator: str
) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=separator, lineterminator="\r\n").writerows([HEADER, *ROWS * 400])
    dialog = CsvPreviewDialog(path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.open()
    assert dialog.encoding.currentData() == encoding
    assert dialog.separator.currentData() == separator
    assert dialog.model.rowCount() == 300
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == HEADER
    assert dialog.model.index(1, 3).data() == "Заказ №4821; спасибо"
    assert "First 300 rows" in dialog.info.text()

    # Reading it with the wrong encoding shows mojibake; switching back fixes it.
    wrong = "utf-8" if encoding == "windows-1251" else "windows-1251"
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(wrong))
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) != "Телефон"
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(encoding))
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    assert dialog.model.headerData(1, Qt.Orientation.Horizontal) == "Телефон"

    dest = tmp_path / "excel.csv"
    assert run(qloop, qtbot, dialog.save_for_excel(dest))
    raw = dest.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ";".join(HEADER)
    assert lines[2] == '01.05.2024 10:00:05;79035550011;Не доставлено;"Заказ №4821; спасибо"'
    assert "Saved 801 rows" in dialog.status.text()
    dialog.close()
