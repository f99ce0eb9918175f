"""The journal pane of the Numbers tab: its CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers.numbers import add_number

pytestmark = pytest.mark.usefixtures("qloop")


def test_journal_export(open_tab: Any, tmp_path: Path) -> None:
    h = open_tab()
    add_number(h, "79165550101", 500, renew=True)
    h.tab.mine.set_renewal("79165550101", False)
    h.wait(lambda: h.tab.journal.model.rowCount() == 1 and "now off" in h.message())
    path = tmp_path / "journal.csv"
    assert h.run(h.tab.journal.export_csv(path)) == 1
    text = path.read_bytes().decode("utf-8-sig")
    header, row, _end = text.split("\r\n")
    assert header == "Time;Account;Action;Number;Amount;Per month;Currency;Outcome;Details"
    cells = row.split(";")
    assert cells[1] == "Sandbox demo"
    assert cells[2] == "Auto-renewal off"
    assert cells[3] == "+7 916 555-01-01"
    assert cells[4] == ""  # nothing charged now
    assert cells[5] == "500,00"  # the monthly price at stake
    assert cells[6] == "RUR"
    assert cells[7] == "Done"
