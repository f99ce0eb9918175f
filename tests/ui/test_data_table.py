"""DataTable's note over an empty table stays whole in a short pane."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QStandardItemModel

from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.widgets.table import DataTable


def test_the_empty_note_fits_a_short_table(qtbot: Any) -> None:
    table = DataTable(None, "short")
    qtbot.addWidget(table)
    model = QStandardItemModel(0, 3, table)
    table.setModel(model)
    text = texts.mine_placeholder()
    table.set_placeholder(text)
    table.resize(900, 96)  # My numbers in a 600-pixel-high window
    table.show()
    qtbot.waitExposed(table)
    rect, flags = table.placeholder_rect(table.placeholder())
    needed = table.fontMetrics().boundingRect(rect, flags, text)
    assert needed.height() <= rect.height()
    assert table.viewport().rect().contains(rect)
    table.resize(900, 400)  # room enough: centred with its margin
    rect, _flags = table.placeholder_rect(text)
    assert rect.top() == 16
