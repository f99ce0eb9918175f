"""The indexed free-number table: filters, sorting, removal, odd input."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from smsc_desktop.api import FreeNumber, NumberKind
from smsc_desktop.services.free_numbers import (
    DigitsMode,
    FreeNumbersTable,
    NumberFilter,
    SortKey,
    digits_of,
    mask_flags,
    split_info,
    takes_calls,
)

D = Decimal


def number(phone: str, type_: int = 1, cost: str = "500.00", info: str = "MTS; SMS") -> FreeNumber:
    return FreeNumber(phone, type_, D(cost), (D(cost) / 2).quantize(D("0.01")), info)


SAMPLE = [
    number("79161234567", 1, "500.00", "MTS; SMS"),
    number("79035550777", 2, "1200.00", "Beeline; SMS, calls"),
    number("79267770001", 4, "2500.00", "MegaFon; SMS, calls"),
    number("77011112777", 1, "300.00", "Kcell; SMS"),
    number("380441234567", 1, "450.00", "Kyivstar"),
    number("79009990000", 9, "700.00", "Tele2; SMS"),
]


@pytest.fixture
def table() -> FreeNumbersTable:
    return FreeNumbersTable(SAMPLE)


def phones(table: FreeNumbersTable, flt: NumberFilter, key=SortKey.PHONE, desc=False):  # type: ignore[no-untyped-def]
    return [table.phones[r] for r in table.rows(table.select(flt), key, desc)]


def test_split_info_and_digits() -> None:
    assert split_info("MTS; SMS, calls") == ("MTS", "SMS, calls")
    assert split_info("Kyivstar") == ("Kyivstar", "")
    assert split_info(" A ; B;C ") == ("A", "B, C")  # every separator read alike (issue 17)
    assert digits_of("+7 (916) 123-45-67") == "79161234567"


def test_notification_types_that_include_calls() -> None:
    assert takes_calls("SMS, calls")
    assert takes_calls("SMS, звонки")
    assert not takes_calls("SMS")
    assert not takes_calls("")


def test_rows_are_in_phone_order_with_columns(table: FreeNumbersTable) -> None:
    assert table.phones == sorted(p.phone for p in SAMPLE)
    row = table.row_of("79035550777")
    assert row is not None
    assert table.operator(row) == "Beeline"
    assert table.notices(row) == "SMS, calls"
    assert table.kind(row) is NumberKind.SIM_HOSTING
    assert table.type_code(row) == 2
    assert table.cost(row) == D("1200.00")
    assert table.current_cost(row) == D("600.00")
    assert table.operator_names == ["Beeline", "Kcell", "Kyivstar", "MegaFon", "MTS", "Tele2"]
    assert table.kinds_present == [NumberKind.VIRTUAL, NumberKind.SIM_HOSTING, NumberKind.UNKNOWN]
    assert table.row_of("70000000000") is None


def test_empty_filter_shows_everything(table: FreeNumbersTable) -> None:
    assert NumberFilter().is_empty
    assert phones(table, NumberFilter()) == table.phones


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (
            NumberFilter(kind=NumberKind.VIRTUAL),
            {"79161234567", "79267770001", "77011112777", "380441234567"},
        ),
        (NumberFilter(kind=NumberKind.SIM_HOSTING), {"79035550777"}),
        (NumberFilter(kind=NumberKind.UNKNOWN), {"79009990000"}),
        (NumberFilter(operator="MTS"), {"79161234567"}),
        (NumberFilter(operator="Nobody"), set()),
        (NumberFilter(max_cost=D("500")), {"79161234567", "77011112777", "380441234567"}),
        (NumberFilter(max_cost=D("299.99")), set()),
        (NumberFilter(digits="777"), {"79035550777", "79267770001", "77011112777"}),
        (
            NumberFilter(digits="777", digits_mode=DigitsMode.ENDS_WITH),
            {"79035550777", "77011112777"},
        ),
        (NumberFilter(digits="+7 916"), {"79161234567"}),
        (
            NumberFilter(digits="4567", digits_mode=DigitsMode.ENDS_WITH),
            {"79161234567", "380441234567"},
        ),
        (NumberFilter(digits="3804412345678"), set()),
        (NumberFilter(text="calls"), {"79035550777", "79267770001"}),
        (NumberFilter(text="CALLS megafon"), {"79267770001"}),
        (NumberFilter(text="mts 916"), {"79161234567"}),
        (NumberFilter(text="+7 903 555"), {"79035550777"}),
        (NumberFilter(text="kyiv"), {"380441234567"}),
        (NumberFilter(text="hosting"), {"79035550777"}),
        (NumberFilter(text="nothing-like-this"), set()),
        (NumberFilter(calls=True), {"79035550777", "79267770001"}),
        (NumberFilter(calls=True, operator="MTS"), set()),
        (
            NumberFilter(kind=NumberKind.VIRTUAL, max_cost=D("450"), digits="7"),
            {"77011112777", "380441234567"},
        ),
    ],
)
def test_filters(table: FreeNumbersTable, flt: NumberFilter, expected: set[str]) -> None:
    labels = {NumberKind.SIM_HOSTING: "SIM hosting", NumberKind.VIRTUAL: "Virtual number"}
    mask = table.select(flt, labels)
    assert {table.phones[r] for r in table.rows(mask)} == expected
    assert not flt.is_empty


def test_sorting_keeps_ties_in_phone_order(table: FreeNumbersTable) -> None:
    by_cost = phones(table, NumberFilter(), SortKey.COST)
    assert by_cost[0] == "77011112777"
    assert by_cost[-1] == "79267770001"
    assert phones(table, NumberFilter(), SortKey.COST, desc=True) == by_cost[::-1]
    by_kind = phones(table, NumberFilter(), SortKey.KIND)
    assert by_kind[-1] == "79009990000"
    assert by_kind[-2] == "79035550777"
    virtual = by_kind[:4]
    assert virtual == sorted(virtual)  # ties in phone order
    by_operator = phones(table, NumberFilter(), SortKey.OPERATOR)
    assert [table.operator(table.row_of(p)) for p in by_operator] == table.operator_names  # type: ignore[arg-type]
    by_current = phones(table, NumberFilter(), SortKey.CURRENT_COST)
    assert by_current == by_cost
    assert phones(table, NumberFilter(text="calls"), SortKey.COST, desc=True) == [
        "79267770001",
        "79035550777",
    ]
    notices = phones(table, NumberFilter(), SortKey.NOTICES)
    assert notices[0] == "380441234567"  # empty notices first


def test_removed_numbers_leave_every_view(table: FreeNumbersTable) -> None:
    assert table.remove("79161234567") is not None
    assert table.remove("79161234567") is None
    assert table.row_of("79161234567") is None
    assert "79161234567" not in phones(table, NumberFilter())
    assert phones(table, NumberFilter(operator="MTS")) == []
    assert table.shown_total == len(SAMPLE) - 1


def test_unsorted_duplicated_and_odd_phones() -> None:
    items = [number("79990000002"), number("+7 999 000-00-01"), number("79990000002", cost="1.00")]
    table = FreeNumbersTable(items)
    assert table.phones == ["+7 999 000-00-01", "79990000002"]
    assert table.cost(1) == D("500.00")  # the first of duplicates wins
    assert phones(table, NumberFilter(digits="0001")) == ["+7 999 000-00-01"]


def test_empty_table() -> None:
    table = FreeNumbersTable([])
    assert table.n == 0
    assert table.rows(table.select(NumberFilter(digits="7"))) == []
    assert table.rows(table.select(NumberFilter()), SortKey.COST) == []
    assert mask_flags(0, 0) == b""


def test_matches_a_plain_python_filter_on_many_rows() -> None:
    rng = random.Random(7)
    operators = ["MTS", "Beeline", "MegaFon", "Tele2"]
    items = []
    for i in range(5000):
        phone = f"79{rng.randrange(10**9):09d}"
        if i % 97 == 0:
            phone = "3" + phone  # a longer number
        items.append(
            number(
                phone,
                rng.choice([1, 2, 4]),
                rng.choice(["300", "500", "1200"]),
                f"{rng.choice(operators)}; SMS",
            )
        )
    table = FreeNumbersTable(items)
    by_phone = {n.phone: n for n in items}
    for digits in ("7", "77", "123", "0000", "99999"):
        for mode in DigitsMode:
            flt = NumberFilter(digits=digits, digits_mode=mode, max_cost=D("500"))
            got = phones(table, flt, SortKey.COST, desc=True)
            want = [
                p
                for p in table.phones
                if (p.endswith(digits) if mode is DigitsMode.ENDS_WITH else digits in p)
                and by_phone[p].cost <= 500
            ]
            assert sorted(got) == sorted(want)
            costs = [by_phone[p].cost for p in got]
            assert costs == sorted(costs, reverse=True)


def test_equal_prices_and_infos_are_one_object_each() -> None:
    """100,000 parsed rows hold a few hundred distinct prices and texts: kept once each."""
    numbers = [
        FreeNumber(f"7900000000{i}", 1, Decimal("300.00"), Decimal("290.00"), "MTS; SMS" + "")
        for i in range(3)
    ]
    numbers.append(FreeNumber("79000000009", 1, Decimal("300.0"), Decimal("290.00"), "MTS; SMS"))
    for number in numbers:  # as the JSON decoder makes them: objects of their own
        object.__setattr__(number, "cost", Decimal(str(number.cost)))
        object.__setattr__(number, "info", "".join(number.info))
    table = FreeNumbersTable.build(numbers)
    assert table.costs[0] is table.costs[1] is table.costs[2]
    assert str(table.costs[3]) == "300.0"  # equal, but written otherwise: not merged
    assert table.current_costs[0] is table.current_costs[3]
    assert table.infos[0] is table.infos[3]
