"""Finding columns by header, and reading one value (statuses, dates, amounts, parts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from smsc_desktop.services.insights import Field, Outcome, find_columns, parts_for
from smsc_desktop.services.insights.values import amount_of, hour_of, outcome_of


def test_russian_header_of_an_smsc_export() -> None:
    header = ["Дата отправки", "Телефон", "Отправитель", "Статус", "Код ошибки", "Стоимость"]
    header += ["Частей", "Оператор", "Страна", "Текст сообщения"]
    columns = find_columns(header)
    assert columns.index == {
        Field.DATE: 0,
        Field.PHONE: 1,
        Field.SENDER: 2,
        Field.STATUS: 3,
        Field.ERROR: 4,
        Field.COST: 5,
        Field.PARTS: 6,
        Field.MESSAGE: 9,
        Field.OPERATOR: 7,
        Field.COUNTRY: 8,
    }
    assert columns.missing == []


def test_english_header_in_another_order_with_extra_columns() -> None:
    header = ["ID", "Message", "Cost, RUB", "Status", "Send date", "Phone", "Sender ID", "Foo"]
    columns = find_columns(header)
    assert columns.index[Field.MESSAGE] == 1
    assert columns.index[Field.COST] == 2
    assert columns.index[Field.STATUS] == 3
    assert columns.index[Field.DATE] == 4
    assert columns.index[Field.PHONE] == 5
    assert columns.index[Field.SENDER] == 6
    assert set(columns.missing) == {Field.PARTS, Field.OPERATOR, Field.COUNTRY, Field.ERROR}


def test_a_delivery_date_is_not_the_send_date_and_an_error_code_not_the_status() -> None:
    columns = find_columns(["Дата доставки", "Код статуса ошибки", "Статус", "Дата отправки"])
    assert columns.index[Field.DATE] == 3
    assert columns.index[Field.STATUS] == 2


def test_nothing_known_is_nothing_found() -> None:
    assert find_columns(["a", "b", "c"]).index == {}
    assert find_columns([]).index == {}


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        ("Доставлено", Outcome.DELIVERED),
        ("доставлено ", Outcome.DELIVERED),
        ("Не доставлено", Outcome.FAILED),
        ("Невозможно доставить", Outcome.FAILED),
        ("Просрочено", Outcome.FAILED),
        ("Запрещено", Outcome.FAILED),
        ("Недостаточно средств", Outcome.FAILED),
        ("Передано оператору", Outcome.PENDING),
        ("Ожидает отправки", Outcome.PENDING),
        ("Delivered", Outcome.DELIVERED),
        ("Expired", Outcome.FAILED),
        ("1", Outcome.DELIVERED),
        ("0", Outcome.PENDING),
        ("20", Outcome.FAILED),
        ("", Outcome.UNKNOWN),
        ("что-то", Outcome.UNKNOWN),
    ],
)
def test_what_a_status_means(status: str, outcome: Outcome) -> None:
    assert outcome_of(status) is outcome


@pytest.mark.parametrize(
    ("value", "hour"),
    [
        ("01.03.2024 09", dt.datetime(2024, 3, 1, 9)),
        ("1.3.2024 9:05", dt.datetime(2024, 3, 1, 9)),
        ("2024-03-01 23", dt.datetime(2024, 3, 1, 23)),
        ("2024-03-01T07", dt.datetime(2024, 3, 1, 7)),
        ("01/03/2024", dt.datetime(2024, 3, 1, 0)),
        ("01.03.24 10", dt.datetime(2024, 3, 1, 10)),
        ('"01.03.2024 09', dt.datetime(2024, 3, 1, 9)),
        ("31.02.2024 10", None),
        ("вчера", None),
        ("", None),
    ],
)
def test_reading_dates(value: str, hour: dt.datetime | None) -> None:
    assert hour_of(value) == hour


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("3.50", Decimal("3.50")),
        ("3,50", Decimal("3.50")),
        ("1 234,50 руб.", Decimal("1234.50")),
        ("", Decimal(0)),
        ("бесплатно", None),
    ],
)
def test_reading_amounts(value: str, amount: Decimal | None) -> None:
    assert amount_of(value) == amount


@pytest.mark.parametrize(
    ("length", "latin", "parts"),
    [
        (0, True, 0),
        (160, True, 1),
        (161, True, 2),
        (306, True, 2),
        (307, True, 3),
        (70, False, 1),
        (71, False, 2),
        (134, False, 2),
        (135, False, 3),
    ],
)
def test_sms_parts(length: int, latin: bool, parts: int) -> None:
    assert parts_for(length, latin) == parts
