"""My numbers in the Numbers tab against the sandbox over real HTTP: adding numbers, the
auto-renewal switches, their limit and the totals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from smsc_desktop.ui.formatting import format_money
from smsc_desktop.ui.models.my_numbers import MyColumn
from tests.helpers.numbers import TabHarness, add_number

pytestmark = pytest.mark.usefixtures("qloop")


# --- renewal ----------------------------------------------------------------------------


def renewal_cell(h: TabHarness, phone: str) -> Any:
    return h.tab.mine.model.index(h.tab.mine.model.row_of(phone), MyColumn.RENEWAL)


def test_renewal_switch_success_and_refusal(
    open_tab: Any, sandbox: Any, qtmodeltester: Any
) -> None:
    h = open_tab()
    my = h.tab.mine.model
    add_number(h, "+7 916 555-01-01", 500, renew=True)  # rented on the sandbox
    add_number(h, "+7 999 000-11-22", 700, renew=True)  # not this account's
    assert format_money(Decimal("1200"), "RUR") in h.tab.mine.totals_label.text()
    qtmodeltester.check(my)

    cell = renewal_cell(h, "79165550101")
    assert my.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert my.flags(cell) & Qt.ItemFlag.ItemIsUserCheckable
    shown: list[tuple[str, Any]] = []

    def record() -> None:
        index = renewal_cell(h, "79165550101")
        shown.append((my.data(index), my.data(index, Qt.ItemDataRole.CheckStateRole)))

    my.modelReset.connect(record)
    my.setData(cell, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    h.wait_message("Auto-renewal of", "is now off")
    my.modelReset.disconnect(record)
    assert ("Switching off…", Qt.CheckState.PartiallyChecked) in shown  # the pending state
    cell = renewal_cell(h, "79165550101")
    assert my.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert sandbox_renewal(sandbox, "79165550101") == 1

    cell = renewal_cell(h, "79990001122")
    my.setData(cell, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    text = h.wait_message("SMSC refused")
    assert "back as it was" in text
    cell = renewal_cell(h, "79990001122")
    assert my.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert my.data(cell).startswith("On")
    journal = [(e.action.value, e.outcome.value) for e in h.tab.journal.model.entries()]
    assert journal == [("renewal_off", "refused"), ("renewal_off", "ok")]
    qtmodeltester.check(h.tab.journal.model)


def sandbox_renewal(sandbox: Any, phone: str) -> int:
    rented = {r["phone"]: r for r in sandbox.account_state()["rented"]}
    return int(rented[phone]["noprolong"])


def test_renewal_switch_shows_its_limit(open_tab: Any) -> None:
    h = open_tab()
    add_number(h, "79165550101", 500, renew=True)
    my = h.tab.mine.model
    for sent, state in enumerate((Qt.CheckState.Unchecked, Qt.CheckState.Checked), 1):
        h.tab.message.dismiss()
        my.setData(renewal_cell(h, "79165550101"), state, Qt.ItemDataRole.CheckStateRole)
        h.wait(lambda: "is now o" in h.message())
        assert h.requests("receive_phones.chg") == sent
    cell = renewal_cell(h, "79165550101")
    assert "wait" in my.data(cell)
    assert not my.flags(cell) & Qt.ItemFlag.ItemIsUserCheckable
    assert "Available again in" in my.data(cell, Qt.ItemDataRole.ToolTipRole)
    my.setData(cell, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert h.requests("receive_phones.chg") == 2
