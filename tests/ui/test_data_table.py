"""DataTable: its note over an empty table stays whole in a short pane; its viewport is
wrapped without PySide's walk over every widget class."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from PySide6.QtGui import QStandardItemModel

from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.widgets.table import DataTable, adopt_viewport


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


def test_its_viewport_is_the_one_qt_names(qtbot: Any) -> None:
    """``adopt_viewport`` finds the viewport by the name Qt gives it; if Qt renamed it, the
    table would pay PySide's walk over every widget class again (see the next test)."""
    table = DataTable(None, "named")
    qtbot.addWidget(table)
    assert adopt_viewport(table) is table.viewport()


WALK_PROBE = """
import enum, sys
made = []
create = enum.EnumType._create_
def counted(cls, name, *args, **kwargs):
    made.append(name)
    return create(cls, name, *args, **kwargs)
enum.EnumType._create_ = counted
from PySide6.QtWidgets import QApplication
from smsc_desktop.ui.widgets.table import DataTable
app = QApplication([])
table = DataTable(None, "t")
before = len(made)
table.viewport().update()
table.fit_columns({0: 1.0})
print(len(made) - before, " ".join(made[before:]))
"""


def test_a_table_s_viewport_costs_no_walk_over_the_widget_classes() -> None:
    """In a fresh process (the walk happens once per run): asking a table's viewport creates
    no enums. Without ``adopt_viewport`` PySide6 6.11 creates ~70 (QWizard's,
    QCalendarWidget's...), 10 ms."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", WALK_PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[0] == "0", done.stdout
