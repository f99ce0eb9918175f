"""The Numbers tab driven with qtbot against the sandbox over real HTTP."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu

from smsc_desktop.api import NumberKind
from smsc_desktop.services.free_numbers import DigitsMode, split_info
from smsc_desktop.services.ledger import RentalStatus
from smsc_desktop.ui.dialogs.add_number import AddNumberDialog
from smsc_desktop.ui.dialogs.rent import RentDialog
from smsc_desktop.ui.formatting import format_money, format_phone
from smsc_desktop.ui.models.free_numbers import AMOUNT_ROLE, PHONE_ROLE, Column
from smsc_desktop.ui.models.my_numbers import MyColumn
from tests.ui.numbers_helpers import TabHarness

pytestmark = pytest.mark.usefixtures("qloop")


def shown_phones(h: TabHarness) -> list[str]:
    model = h.tab.model
    return [model.data(model.index(r, 0), PHONE_ROLE) for r in range(model.rowCount())]


def column_values(h: TabHarness, column: int, role: int = 0) -> list[Any]:
    model = h.tab.model
    return [model.data(model.index(r, column), role) for r in range(model.rowCount())]


# --- list ------------------------------------------------------------------------------


def test_list_is_shown_with_counts(open_tab: Any, qtmodeltester: Any) -> None:
    h = open_tab()
    tab = h.tab
    assert tab.model.rowCount() == 300
    assert tab.count_label.text() == "300 of 300 shown"
    assert "On offer: 300" in tab.status_label.text()
    assert h.requests("receive_phones.get") == 1
    assert not tab.free_placeholder.isVisible()
    first = tab.model.number_at(0)
    assert first is not None
    assert tab.model.data(tab.model.index(0, Column.PHONE)) == format_phone(first.phone)
    assert tab.model.data(tab.model.index(0, Column.PHONE), PHONE_ROLE) == first.phone
    operator, notices = split_info(first.info)
    assert tab.model.data(tab.model.index(0, Column.OPERATOR)) == operator
    assert tab.model.data(tab.model.index(0, Column.NOTICES)) == notices
    cost = tab.model.data(tab.model.index(0, Column.COST))
    assert cost == format_money(first.cost, "RUR")
    assert cost.endswith("₽")
    align = tab.model.data(tab.model.index(0, Column.COST), Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    assert "Per month, ₽" in tab.model.headerData(Column.COST, Qt.Orientation.Horizontal)
    # copied as digits
    h.select_row(0)
    tab.copy_selected()
    assert QApplication.clipboard().text() == first.phone
    qtmodeltester.check(tab.model)


def test_first_load_failure_is_explained(open_tab: Any, sandbox: Any) -> None:
    sandbox.set_fault("receive_phones", error_code=2, count=1)
    h = open_tab()
    assert "Wrong login or password" in h.message()
    assert h.tab.model.rowCount() == 0
    assert "Refresh" in h.tab.free_placeholder.text()


# --- sort -------------------------------------------------------------------------------


def click_header(h: TabHarness, column: int) -> None:
    header = h.tab.view.horizontalHeader()
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
    bar = h.tab.filter_bar
    table = h.tab.model.table
    assert table is not None

    bar.kind.setCurrentIndex(bar.kind.findData(NumberKind.SIM_HOSTING))
    assert set(column_values(h, Column.KIND)) == {"SIM hosting"}
    sim = h.tab.model.rowCount()
    assert 0 < sim < 300
    assert h.tab.count_label.text() == f"{sim} of 300 shown"

    bar.kind.setCurrentIndex(0)
    bar.operator.setCurrentIndex(bar.operator.findData("MTS"))
    assert set(column_values(h, Column.OPERATOR)) == {"MTS"}

    bar.operator.setCurrentIndex(0)
    bar.max_cost.setValue(500)
    assert max(column_values(h, Column.COST, AMOUNT_ROLE)) <= Decimal("500")

    bar.max_cost.setValue(0)
    h.qtbot.keyClicks(bar.digits, "77")
    assert all("77" in p for p in shown_phones(h))
    assert h.tab.model.rowCount() > 0
    bar.digits_mode.setCurrentIndex(bar.digits_mode.findData(DigitsMode.ENDS_WITH))
    assert all(p.endswith("77") for p in shown_phones(h))

    bar.reset()
    h.qtbot.keyClicks(bar.search, "beeline calls")
    infos = [table.info(table.row_of(p)) for p in shown_phones(h)]  # type: ignore[arg-type]
    assert infos
    assert all("Beeline" in i and "calls" in i for i in infos)

    bar.search.clear()
    h.qtbot.keyClicks(bar.search, "no such operator")
    assert h.tab.model.rowCount() == 0
    assert h.tab.free_placeholder.isVisible()
    assert "No numbers match" in h.tab.free_placeholder.text()
    assert h.tab.count_label.text() == "0 of 300 shown"

    h.click(bar.clear)
    assert h.tab.model.rowCount() == 300
    assert not bar.clear.isEnabled()


def test_the_selected_number_stays_selected_through_filter_and_sort(open_tab: Any) -> None:
    h = open_tab()
    number = h.tab.model.number_at(10)
    assert number is not None
    h.select_row(10)
    h.qtbot.keyClicks(h.tab.filter_bar.digits, number.phone[-4:])
    click_header(h, Column.COST)
    assert h.tab._selected_phone() == number.phone


# --- renting ----------------------------------------------------------------------------


def test_rent_with_enough_money(open_tab: Any) -> None:
    h = open_tab()
    tab = h.tab
    h.select_row(3)
    number = tab.model.number_at(3)
    assert number is not None
    h.click(tab.rent_button)
    dialog: RentDialog = h.modal(RentDialog)
    assert dialog.renew_box.isChecked()  # default: renew
    assert format_money(number.current_cost, "RUR") in dialog.charge_label.text()
    assert format_money(number.cost, "RUR") in dialog.monthly_label.text()
    assert dialog.balance_label.text() == format_money(Decimal("5000.00"), "RUR")
    after = Decimal("5000.00") - number.current_cost
    assert dialog.after_label.text() == format_money(after, "RUR")
    assert dialog.rent_button.isEnabled()
    assert not dialog.warning.isVisible()
    assert h.requests("receive_phones.buy") == 0  # nothing sent before confirming
    h.click(dialog.rent_button)
    text = h.wait_message("Rented", format_phone(number.phone))
    assert "Auto-renewal is on" in text
    assert h.requests("receive_phones.buy") == 1
    # moved to My numbers, off the free list, journaled, balance refreshed
    assert tab.model.rowCount() == 299
    assert tab.model.view_row_of(number.phone) == -1
    assert tab.count_label.text() == "299 of 299 shown"
    assert tab.my_model.rowCount() == 1
    assert tab.my_model.data(tab.my_model.index(0, MyColumn.STATUS)) == "Rented"
    assert tab.bottom.tabText(0) == "My numbers (1)"
    h.wait(lambda: tab.journal_model.rowCount() == 1)
    assert tab.journal_model.data(tab.journal_model.index(0, 5)) == "Done"
    h.wait(lambda: h.session.balance is not None and h.session.balance.amount == after)
    assert h.sandbox.account_state()["balance"] == str(after)
    assert "Monthly commitment" in tab.totals_label.text()


def test_not_enough_money_is_said_before_sending(open_tab: Any, sandbox: Any) -> None:
    h = open_tab(account=sandbox.poor)
    h.select_row(0)
    h.tab.rent_selected()
    dialog: RentDialog = h.modal(RentDialog)
    assert dialog.warning.isVisible()
    assert "Not enough money" in dialog.warning.text()
    assert not dialog.rent_button.isEnabled()
    h.click(dialog.rent_button)  # disabled: does nothing
    dialog.reject()
    h.wait(lambda: not h.tab._rent_slot.running)
    assert h.requests("receive_phones.buy") == 0
    assert h.tab.journal_model.rowCount() == 0


def test_double_clicks_send_one_rent(open_tab: Any) -> None:
    h = open_tab()
    viewport = h.tab.view.viewport()
    point = h.row_point(2)
    number = h.tab.model.number_at(2)
    assert number is not None
    for _ in range(3):
        h.qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    h.tab.rent_selected()  # and the button, and Enter
    dialog: RentDialog = h.modal(RentDialog)
    assert len(h.open_dialogs(RentDialog)) == 1
    for _ in range(3):
        dialog._confirm()  # what every extra click on "Rent" ends in
    h.click(dialog.rent_button)
    h.wait_message("Rented")
    h.wait(lambda: not h.tab._rent_slot.running)
    assert h.requests("receive_phones.buy") == 1
    assert h.open_dialogs(RentDialog) == []
    # The number has left the list, so nothing can select it again.
    assert h.tab.model.view_row_of(number.phone) == -1
    selected = h.tab._selected_number()
    assert selected is None or selected.phone != number.phone


def test_rent_from_the_context_menu(open_tab: Any) -> None:
    h = open_tab()
    number = h.tab.model.number_at(6)
    assert number is not None
    h.tab.view.customContextMenuRequested.emit(h.row_point(6))
    menu = h.modal(QMenu)
    actions = [a for a in menu.actions() if a.text().startswith("Rent ")]
    assert actions
    assert format_phone(number.phone) in actions[0].text()
    actions[0].trigger()
    menu.close()
    dialog: RentDialog = h.modal(RentDialog)
    assert format_phone(number.phone) in dialog.windowTitle()
    h.click(dialog.rent_button)
    h.wait_message("Rented", format_phone(number.phone))
    assert h.requests("receive_phones.buy") == 1


def test_enter_opens_the_confirmation_and_cancel_sends_nothing(open_tab: Any) -> None:
    h = open_tab()
    h.select_row(1)
    h.qtbot.keyClick(h.tab.view, Qt.Key.Key_Return)
    dialog: RentDialog = h.modal(RentDialog)
    assert dialog.cancel_button.isDefault()  # Enter in the dialog cancels; renting takes a click
    h.qtbot.keyClick(dialog, Qt.Key.Key_Return)
    h.wait(lambda: not h.tab._rent_slot.running)
    assert h.requests("receive_phones.buy") == 0
    assert h.tab.model.rowCount() == 300


def test_unclear_outcome_is_reconciled_never_repeated(open_tab: Any, sandbox: Any) -> None:
    h = open_tab()
    h.select_row(4)
    number = h.tab.model.number_at(4)
    assert number is not None
    h.tab.rent_selected()
    dialog: RentDialog = h.modal(RentDialog)
    sandbox.set_fault("receive_phones", drop_after=0, count=1)  # processed; answer lost
    h.click(dialog.rent_button)
    text = h.wait_message("most likely rented")
    assert format_phone(number.phone) in text
    assert "SMSC cabinet" in text
    assert h.requests("receive_phones.buy") == 1
    assert h.requests("receive_phones.get") == 2  # the check is a fresh list
    my = h.tab.my_model
    assert my.rowCount() == 1
    assert my.data(my.index(0, MyColumn.STATUS)).startswith("Probably rented")
    assert h.tab.model.view_row_of(number.phone) == -1
    outcomes = [e.outcome.value for e in h.tab.journal_model.entries()]
    assert outcomes == ["probably_rented", "unknown"]
    journal = h.tab.journal_model
    assert journal.data(journal.index(0, 5)) == "Probably rented"
    assert "no longer on SMSC's free list" in journal.data(journal.index(0, 6))
    assert "balance" in journal.data(journal.index(0, 6))
    assert journal.data(journal.index(1, 5)) == "Result unknown"
    assert "no answer came back" in journal.data(journal.index(1, 6))
    # The user checks the cabinet and confirms.
    h.tab.my_view.selectRow(0)
    assert h.tab.confirm_button.isVisible()
    h.click(h.tab.confirm_button)
    h.wait(lambda: h.tab.my_model.number_at(0).status is RentalStatus.ACTIVE)
    # Renting it again is refused locally.
    h.tab.model.set_filter(h.tab.model.filter)  # unchanged list
    assert h.requests("receive_phones.buy") == 1


def test_timeout_after_sending_says_result_unknown(open_tab: Any, sandbox: Any) -> None:
    h = open_tab(timeout=0.4)
    h.select_row(5)
    h.tab.rent_selected()
    dialog: RentDialog = h.modal(RentDialog)
    sandbox.set_fault("receive_phones", latency=1.0, count=1)  # processed, answer too late
    h.click(dialog.rent_button)
    h.wait_message("Result unknown")
    h.wait_message("most likely rented")
    assert h.requests("receive_phones.buy") == 1


# --- renewal ----------------------------------------------------------------------------


def add_number(h: TabHarness, phone: str, price: float, renew: bool) -> None:
    h.click(h.tab.add_button)
    dialog: AddNumberDialog = h.modal(AddNumberDialog)
    assert not dialog.ok_button.isEnabled()
    h.qtbot.keyClicks(dialog.phone, phone)
    dialog.monthly.setValue(price)
    dialog.renewal.setCurrentIndex(0 if renew else 1)
    assert dialog.ok_button.isEnabled()
    h.click(dialog.ok_button)
    h.wait(lambda: h.tab.my_model.row_of("".join(c for c in phone if c.isdigit())) >= 0)


def renewal_cell(h: TabHarness, phone: str) -> Any:
    return h.tab.my_model.index(h.tab.my_model.row_of(phone), MyColumn.RENEWAL)


def test_renewal_switch_success_and_refusal(
    open_tab: Any, sandbox: Any, qtmodeltester: Any
) -> None:
    h = open_tab()
    my = h.tab.my_model
    add_number(h, "+7 916 555-01-01", 500, renew=True)  # rented on the sandbox
    add_number(h, "+7 999 000-11-22", 700, renew=True)  # not this account's
    assert format_money(Decimal("1200"), "RUR") in h.tab.totals_label.text()
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
    journal = [(e.action.value, e.outcome.value) for e in h.tab.journal_model.entries()]
    assert journal == [("renewal_off", "refused"), ("renewal_off", "ok")]
    qtmodeltester.check(h.tab.journal_model)


def sandbox_renewal(sandbox: Any, phone: str) -> int:
    rented = {r["phone"]: r for r in sandbox.account_state()["rented"]}
    return int(rented[phone]["noprolong"])


# --- limits -----------------------------------------------------------------------------


def test_refresh_shows_when_it_is_available_again(open_tab: Any) -> None:
    h = open_tab()
    button = h.tab.refresh_button
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
        h.tab.refresh_list()
    assert h.requests("receive_phones.get") == 2
    assert "duplicate" not in h.message()
    assert "too many" not in h.message()


def test_renewal_switch_shows_its_limit(open_tab: Any) -> None:
    h = open_tab()
    add_number(h, "79165550101", 500, renew=True)
    my = h.tab.my_model
    for sent, state in enumerate((Qt.CheckState.Unchecked, Qt.CheckState.Checked), 1):
        h.tab.message.dismiss()
        my.setData(renewal_cell(h, "79165550101"), state, Qt.ItemDataRole.CheckStateRole)
        h.wait(lambda: "is now o" in h.message())
        assert h.requests("receive_phones.chg") == sent
    cell = renewal_cell(h, "79165550101")
    assert "change in" in my.data(cell)
    assert not my.flags(cell) & Qt.ItemFlag.ItemIsUserCheckable
    assert "Available again in" in my.data(cell, Qt.ItemDataRole.ToolTipRole)
    my.setData(cell, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert h.requests("receive_phones.chg") == 2


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"error_code": 1}, "rejected the request as invalid"),
        ({"error_code": 2}, "Wrong login or password"),
        ({"error_code": 3}, "did not find"),
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
    h.tab.refresh_list()
    text = h.wait_message("could not be loaded")
    assert expected in text
    assert "still shows the list loaded at" in text
    assert shown_phones(h) == before
    assert h.tab.model.rowCount() == 300
    assert h.tab.refresh_button.text().startswith("Refresh")


# --- export -----------------------------------------------------------------------------


def test_csv_export_of_the_rows_shown(open_tab: Any, tmp_path: Path) -> None:
    h = open_tab()
    h.qtbot.keyClicks(h.tab.filter_bar.search, "calls")
    click_header(h, Column.COST)
    click_header(h, Column.COST)  # descending
    phones = shown_phones(h)
    path = tmp_path / "out" / "free.csv"
    assert h.run(h.tab.export_free_numbers(path)) == len(phones)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == ""
    assert len(lines) == len(phones) + 2
    assert lines[0] == (
        "Number;Type;Operator;Notifications;Per month (RUR);Now (rest of month) (RUR)"
    )
    table = h.tab.model.table
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


def test_journal_export(open_tab: Any, tmp_path: Path) -> None:
    h = open_tab()
    add_number(h, "79165550101", 500, renew=True)
    h.tab.set_renewal("79165550101", False)
    h.wait(lambda: h.tab.journal_model.rowCount() == 1 and "now off" in h.message())
    path = tmp_path / "journal.csv"
    assert h.run(h.tab.export_journal(path)) == 1
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
