"""The free numbers pane of the Numbers tab, driven with qtbot against the sandbox over real
HTTP: the list, sorting, filters, the refresh limit, errors and the CSV export."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from smsc_desktop.api import NumberKind
from smsc_desktop.services.free_numbers import DigitsMode, split_info
from smsc_desktop.ui.formatting import format_money, format_phone
from smsc_desktop.ui.models.free_numbers import AMOUNT_ROLE, PHONE_ROLE, Column
from tests.helpers.numbers import TabHarness

pytestmark = pytest.mark.usefixtures("qloop")


def shown_phones(h: TabHarness) -> list[str]:
    model = h.tab.free.model
    return [model.data(model.index(r, 0), PHONE_ROLE) for r in range(model.rowCount())]


def column_values(h: TabHarness, column: int, role: int = 0) -> list[Any]:
    model = h.tab.free.model
    return [model.data(model.index(r, column), role) for r in range(model.rowCount())]


# --- list ------------------------------------------------------------------------------


def test_list_is_shown_with_counts(open_tab: Any, qtmodeltester: Any) -> None:
    h = open_tab()
    tab = h.tab
    assert tab.free.model.rowCount() == 300
    assert tab.free.count_label.text() == "300 of 300 shown"
    assert "On offer: 300" in tab.free.status_label.text()
    assert h.requests("receive_phones.get") == 1
    assert not tab.free.view.placeholder()
    first = tab.free.model.number_at(0)
    assert first is not None
    assert tab.free.model.data(tab.free.model.index(0, Column.PHONE)) == format_phone(first.phone)
    assert tab.free.model.data(tab.free.model.index(0, Column.PHONE), PHONE_ROLE) == first.phone
    operator, notices = split_info(first.info)
    assert tab.free.model.data(tab.free.model.index(0, Column.OPERATOR)) == operator
    assert tab.free.model.data(tab.free.model.index(0, Column.NOTICES)) == notices
    cost = tab.free.model.data(tab.free.model.index(0, Column.COST))
    assert cost == format_money(first.cost, "RUR")
    assert cost.endswith("₽")
    align = tab.free.model.data(
        tab.free.model.index(0, Column.COST), Qt.ItemDataRole.TextAlignmentRole
    )
    assert align & Qt.AlignmentFlag.AlignRight
    assert "Per month, ₽" in tab.free.model.headerData(Column.COST, Qt.Orientation.Horizontal)
    # copied as digits
    h.select_row(0)
    tab.free.copy_selected()
    assert QApplication.clipboard().text() == first.phone
    qtmodeltester.check(tab.free.model)


def test_while_the_first_list_loads_the_table_is_busy_and_filters_wait(
    open_tab: Any, sandbox: Any
) -> None:
    # The list is held until the fault is cleared: the loading state lasts as long as the test
    # looks at it, however slow the machine (a fixed latency could pass unseen under load).
    sandbox.set_fault("receive_phones", latency=60.0, hold=True, count=1)
    h = open_tab(load=False)
    free = h.tab.free
    h.qtbot.waitUntil(free.view.is_busy)
    assert "Loading" in free.view.placeholder()
    assert free.count_label.text() == ""  # not "0 of 0 shown"
    assert not free.filter_bar.isEnabled()
    assert not free.export_button.isEnabled()
    sandbox.clear_faults("receive_phones")
    h.qtbot.waitUntil(h.tab.is_loaded, timeout=10_000)
    assert free.count_label.text() == "300 of 300 shown"
    assert free.filter_bar.isEnabled()
    assert not free.view.is_busy()


def test_first_load_failure_is_explained(open_tab: Any, sandbox: Any) -> None:
    sandbox.set_fault("receive_phones", error_code=2, count=1)
    h = open_tab()
    assert "Wrong login or password" in h.message()
    assert h.tab.free.model.rowCount() == 0
    assert "Refresh" in h.tab.free.view.placeholder()


# --- sort -------------------------------------------------------------------------------


def click_header(h: TabHarness, column: int) -> None:
    header = h.tab.free.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    h.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_header_clicks_sort(open_tab: Any) -> None:
    h = open_tab()
    assert shown_phones(h) == sorted(shown_phones(h))
    click_header(h, Column.COST)
    costs = column_values(h, Column.COST, AMOUNT_ROLE)
    assert costs == sorted(costs)
    assert costs[0] < costs[-1]
    click_header(h, Column.COST)
    assert column_values(h, Column.COST, AMOUNT_ROLE) == sorted(costs, reverse=True)
    click_header(h, Column.OPERATOR)
    operators = column_values(h, Column.OPERATOR)
    assert operators == sorted(operators, key=lambda s: (s.casefold(), s))
    click_header(h, Column.CURRENT_COST)
    now = column_values(h, Column.CURRENT_COST, AMOUNT_ROLE)
    assert now == sorted(now)
    click_header(h, Column.KIND)
    kinds = column_values(h, Column.KIND)
    assert kinds.index("SIM hosting") > kinds.index("Virtual number")
    click_header(h, Column.PHONE)
    assert shown_phones(h) == sorted(shown_phones(h))


# --- filter -----------------------------------------------------------------------------


def test_filters_narrow_the_list(open_tab: Any) -> None:
    h = open_tab()
    bar = h.tab.free.filter_bar
    table = h.tab.free.model.table
    assert table is not None

    bar.kind.setCurrentIndex(bar.kind.findData(NumberKind.SIM_HOSTING))
    assert set(column_values(h, Column.KIND)) == {"SIM hosting"}
    sim = h.tab.free.model.rowCount()
    assert 0 < sim < 300
    assert h.tab.free.count_label.text() == f"{sim} of 300 shown"

    bar.kind.setCurrentIndex(0)
    bar.operator.setCurrentIndex(bar.operator.findData("MTS"))
    assert set(column_values(h, Column.OPERATOR)) == {"MTS"}

    bar.operator.setCurrentIndex(0)
    bar.max_cost.setValue(500)
    assert max(column_values(h, Column.COST, AMOUNT_ROLE)) <= Decimal("500")

    bar.max_cost.setValue(0)
    h.qtbot.keyClicks(bar.digits, "77")
    assert all("77" in p for p in shown_phones(h))
    assert h.tab.free.model.rowCount() > 0
    bar.digits_mode.setCurrentIndex(bar.digits_mode.findData(DigitsMode.ENDS_WITH))
    assert all(p.endswith("77") for p in shown_phones(h))

    bar.reset()
    h.click(bar.calls)
    infos = [table.info(table.row_of(p)) for p in shown_phones(h)]  # type: ignore[arg-type]
    assert 0 < len(infos) < 300
    assert all("calls" in i for i in infos)
    assert bar.clear.isEnabled()
    bar.reset()
    assert not bar.calls.isChecked()
    assert h.tab.free.model.rowCount() == 300

    h.qtbot.keyClicks(bar.search, "beeline calls")
    infos = [table.info(table.row_of(p)) for p in shown_phones(h)]  # type: ignore[arg-type]
    assert infos
    assert all("Beeline" in i and "calls" in i for i in infos)

    bar.search.clear()
    h.qtbot.keyClicks(bar.search, "no such operator")
    assert h.tab.free.model.rowCount() == 0
    assert h.tab.free.view.placeholder()
    assert "No numbers match" in h.tab.free.view.placeholder()
    assert h.tab.free.count_label.text() == "0 of 300 shown"

    h.click(bar.clear)
    assert h.tab.free.model.rowCount() == 300
    assert not bar.clear.isEnabled()


def test_the_selected_number_stays_selected_through_filter_and_sort(open_tab: Any) -> None:
    h = open_tab()
    number = h.tab.free.model.number_at(10)
    assert number is not None
    h.select_row(10)
    h.qtbot.keyClicks(h.tab.free.filter_bar.digits, number.phone[-4:])
    click_header(h, Column.COST)
    assert h.tab.free.selected_phone() == number.phone


# --- limits -----------------------------------------------------------------------------


def test_refresh_shows_when_it_is_available_again(open_tab: Any) -> None:
    h = open_tab()
    button = h.tab.free.refresh_button
    assert button.isEnabled()
    assert button.text() == "Refresh"
    h.click(button)
    h.wait(lambda: h.requests("receive_phones.get") == 2 and not h.tab.service.loading)
    h.wait(lambda: not button.isEnabled())
    # SMSC's minute and the rate guard's 1.5 s margin
    assert re.fullmatch(r"Refresh \((0:[0-5]\d|1:0[0-2])\)", button.text()), button.text()
    assert "Available again in" in button.toolTip()
    for _ in range(5):  # a rapid series of clicks (and F5) sends nothing more
        h.click(button)
        h.tab.refresh()
    assert h.requests("receive_phones.get") == 2
    assert "duplicate" not in h.message()
    assert "too many" not in h.message()


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"error_code": 1}, "rejected the request as invalid"),
        ({"error_code": 2}, "Wrong login or password"),
        ({"error_code": 3}, "not found (a guess"),
        ({"error_code": 4}, "temporarily blocked"),
        ({"error_code": 9}, "too many identical or simultaneous requests"),
        ({"html": 200}, "something unexpected"),
        ({"truncate": True}, "something unexpected"),
    ],
    ids=["error-1", "error-2", "error-3", "error-4", "error-9", "html", "truncated"],
)
def test_errors_keep_the_last_good_list(
    open_tab: Any, sandbox: Any, fault: dict[str, Any], expected: str
) -> None:
    h = open_tab()
    before = shown_phones(h)
    sandbox.set_fault("receive_phones", count=1, **fault)
    h.tab.refresh()
    text = h.wait_message("could not be loaded")
    assert expected in text
    assert "still shows the list loaded at" in text
    assert shown_phones(h) == before
    assert h.tab.free.model.rowCount() == 300
    assert h.tab.free.refresh_button.text().startswith("Refresh")


# --- export -----------------------------------------------------------------------------


def test_csv_export_of_the_rows_shown(open_tab: Any, tmp_path: Path) -> None:
    h = open_tab()
    h.qtbot.keyClicks(h.tab.free.filter_bar.search, "calls")
    click_header(h, Column.COST)
    click_header(h, Column.COST)  # descending
    phones = shown_phones(h)
    path = tmp_path / "out" / "free.csv"
    assert h.run(h.tab.free.export_csv(path)) == len(phones)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == ""
    assert len(lines) == len(phones) + 2
    assert lines[0] == (
        "Number;Type;Operator;Notifications;Per month (RUR);Now (rest of month) (RUR)"
    )
    table = h.tab.free.model.table
    assert table is not None
    row = table.row_of(phones[0])
    assert row is not None
    first = lines[1].split(";")
    assert first[0] == format_phone(phones[0])
    assert first[2] == table.operator(row)
    assert first[3] == table.notices(row)
    assert first[4] == f"{table.cost(row):.2f}".replace(".", ",")
    assert first[5] == f"{table.current_cost(row):.2f}".replace(".", ",")
    costs = [Decimal(line.split(";")[4].replace(",", ".")) for line in lines[1:-1]]
    assert costs == sorted(costs, reverse=True)
    assert "Saved" in h.message()
