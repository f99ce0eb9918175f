"""The Numbers tab's table models (free numbers, My numbers, journal) on ColumnsTableModel,
each through pytest-qt's model tester: empty, filled, and after their own kind of change."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from smsc_desktop.api import FreeNumber
from smsc_desktop.services.free_numbers import FreeNumbersTable, NumberFilter
from smsc_desktop.services.journal import JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.services.ledger import OwnedNumber, RentalSource, RentalStatus
from smsc_desktop.ui.models.base import ColumnsTableModel
from smsc_desktop.ui.models.free_numbers import Column, FreeNumbersModel
from smsc_desktop.ui.models.journal import JournalColumn, JournalModel
from smsc_desktop.ui.models.my_numbers import MyColumn, MyNumbersModel

D = Decimal
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WHEN = datetime(2026, 3, 5, 12, 30, tzinfo=UTC)


def header(model: ColumnsTableModel, section: int, role: int = 0) -> Any:
    return model.headerData(section, Qt.Orientation.Horizontal, role)


def test_free_numbers_model(qtmodeltester: Any) -> None:
    model = FreeNumbersModel()
    assert isinstance(model, ColumnsTableModel)
    qtmodeltester.check(model)
    numbers = [
        FreeNumber("79161234567", 1, D("500.00"), D("250.00"), "MTS; SMS"),
        FreeNumber("79035550777", 2, D("1200.00"), D("600.00"), "Beeline; SMS, calls"),
        FreeNumber("77011112777", 9, D("300.00"), D("150.00"), "Kcell"),
    ]
    model.set_table(FreeNumbersTable(numbers))
    model.set_currency("RUR")
    assert (model.rowCount(), model.columnCount()) == (3, len(Column))
    assert header(model, Column.PHONE) == "Number"
    assert header(model, Column.COST) == "Per month, ₽"
    assert header(model, Column.COST, Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    qtmodeltester.check(model)
    model.sort(Column.COST, Qt.SortOrder.DescendingOrder)
    model.set_filter(NumberFilter(text="sms"))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    model.remove_phone("79035550777")
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def owned(phone: str, status: RentalStatus = RentalStatus.ACTIVE, **fields: Any) -> OwnedNumber:
    values: dict[str, Any] = {
        "phone": phone,
        "renew": True,
        "status": status,
        "source": RentalSource.APP,
        "monthly_cost": D("500.00"),
        "paid": D("250.00"),
        "currency": "RUR",
        "type": 1,
        "info": "MTS; SMS",
        "rented_at": WHEN,
    }
    values.update(fields)
    return OwnedNumber(**values)


def test_my_numbers_model(qtmodeltester: Any) -> None:
    model = MyNumbersModel()
    assert isinstance(model, ColumnsTableModel)
    qtmodeltester.check(model)
    model.set_numbers(
        [
            owned("79161234567"),
            owned("79035550777", RentalStatus.UNKNOWN, paid=None),
            owned("77011112777", source=RentalSource.EXTERNAL, monthly_cost=None, rented_at=None),
        ],
        pending={"79161234567": False},
        checking=["79035550777"],
    )
    assert (model.rowCount(), model.columnCount()) == (3, len(MyColumn))
    assert header(model, MyColumn.RENEWAL) == "Auto-renewal"
    assert header(model, MyColumn.PAID, Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    # the date after the right-aligned amount does not start where the amount ends
    since = header(model, MyColumn.SINCE, Qt.ItemDataRole.TextAlignmentRole)
    assert since == int(Qt.AlignmentFlag.AlignCenter)
    # the type in the same words as the free list
    details = model.data(model.index(0, MyColumn.DETAILS))
    assert details == "MTS · SMS · Virtual number"
    qtmodeltester.check(model)
    model.set_retry_source(lambda _phone, _renew: 30.0)
    model.set_numbers([owned("79161234567", RentalStatus.PROBABLY_RENTED)])
    assert model.any_limited()
    model.refresh_limits()
    qtmodeltester.check(model)


def entry(outcome: JournalOutcome, op: str, **fields: Any) -> JournalEntry:
    values: dict[str, Any] = {
        "time": WHEN,
        "profile": "Sandbox demo",
        "action": JournalAction.RENT,
        "phone": "79161234567",
        "outcome": outcome,
        "currency": "RUR",
        "amount": D("250.00"),
        "monthly": D("500.00"),
        "renew": True,
        "op": op,
    }
    values.update(fields)
    return JournalEntry(**values)


def test_journal_model(qtmodeltester: Any) -> None:
    model = JournalModel()
    assert isinstance(model, ColumnsTableModel)
    qtmodeltester.check(model)
    model.set_entries([entry(JournalOutcome.REQUESTED, "a"), entry(JournalOutcome.OK, "a")])
    assert (model.rowCount(), model.columnCount()) == (1, len(JournalColumn))
    assert header(model, JournalColumn.OUTCOME) == "Outcome"
    assert header(model, JournalColumn.AMOUNT, Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    qtmodeltester.check(model)
    model.add_entry(entry(JournalOutcome.UNKNOWN, "b", error="OutcomeUnknownError"))
    model.add_entry(
        entry(
            JournalOutcome.REFUSED,
            "c",
            action=JournalAction.RENEWAL_OFF,
            amount=None,
            error_code=3,
            error="not found",
        )
    )
    assert model.rowCount() == 3
    qtmodeltester.check(model)
