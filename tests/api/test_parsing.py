"""Tolerant reading of SMSC answers: error shapes, values, lists, records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from smsc_desktop.api import JobStatus, NumberKind
from smsc_desktop.api.parsing import (
    MSK,
    BodyError,
    ErrorBody,
    ShapeError,
    decode_json,
    extract_records,
    find_error,
    looks_like_html,
    parse_balance,
    parse_call_verification,
    parse_free_numbers,
    parse_incoming,
    parse_jobs,
    parse_rent,
    to_decimal,
    to_int,
    to_phones,
    to_time,
)

# --- error bodies in every fmt --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"error": "invalid login", "error_code": 2}', ErrorBody(2, "invalid login", 3)),
        (b'{"error_code": "9", "error": "too many"}', ErrorBody(9, "too many", 3)),
        (b'{"id": 15, "error": "no money", "error_code": 3}', ErrorBody(3, "no money", 3)),
        (b'\xef\xbb\xbf  {"error": "x", "error_code": 4}\n', ErrorBody(4, "x", 3)),
        (b'{"error": "5"}', ErrorBody(5, "5", 3)),
        (b'{"error_code": 7}', ErrorBody(7, None, 3)),
        (b"ERROR = 2 (invalid login)", ErrorBody(2, "invalid login", 0)),
        (b"ERROR = 1 (parameters error)\r\n", ErrorBody(1, "parameters error", 0)),
        (b"ERROR=9", ErrorBody(9, None, 0)),
        ("ERROR = 3 (Недостаточно средств)".encode(), ErrorBody(3, "Недостаточно средств", 0)),
        (b"0,-2", ErrorBody(2, None, 1)),
        (b"12345,-7\n", ErrorBody(7, None, 1)),
        (
            b"<result><error>invalid login</error><error_code>2</error_code></result>",
            ErrorBody(2, "invalid login", 2),
        ),
        (
            b'<?xml version="1.0" encoding="utf-8"?>\n<result>\n<error>a &amp; b</error>\n'
            b"<error_code>4</error_code>\n</result>",
            ErrorBody(4, "a & b", 2),
        ),
        (b"<result><error_code>9</error_code></result>", ErrorBody(9, None, 2)),
    ],
)
def test_error_in_every_format(body: bytes, expected: ErrorBody) -> None:
    assert find_error(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        b'{"balance": "250.80", "currency": "RUR"}',
        b'{"phone": "79990000000", "all_phones": ["1", "2"]}',
        b'{"error_code": 0}',
        b"[]",
        b'[{"error": "x"}]',
        b"250.80",
        b"250.80,RUR",
        b"id;phone;text\n1;79990000000;ERROR = 2\n",
        b"<html><body>ERROR = 2</body></html>",
        b"<!DOCTYPE html><html><title>502</title></html>",
        b"",
        b"   ",
        b"0,-2" + b" " * 100,
    ],
)
def test_not_an_error(body: bytes) -> None:
    assert find_error(body) is None


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html>",
        b"  \n<html lang='ru'>",
        b"\xef\xbb\xbf<HTML>",
        b"<head><title>x</title>",
        b"<!-- proxy --><html>",
    ],
)
def test_html_detected(body: bytes) -> None:
    assert looks_like_html(body)


def test_xml_error_is_not_html() -> None:
    assert not looks_like_html(b"<result><error>x</error></result>")


# --- JSON ----------------------------------------------------------------------------


def test_decode_json_keeps_money_exact() -> None:
    assert decode_json(b'{"a": 0.1, "b": 250.80, "c": 3}') == {
        "a": Decimal("0.1"),
        "b": Decimal("250.80"),
        "c": 3,
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b'[{"phone": "7999", "cost": "1', "cut off"),
        (b'{"balance": ', "cut off"),
        (b'{"a": 1,, }', "damaged"),
        (b"OK", "not JSON"),
        (b"<!DOCTYPE html><html></html>", "web page"),
    ],
)
def test_decode_json_problems(body: bytes, message: str) -> None:
    with pytest.raises(BodyError, match=message):
        decode_json(body)


def test_decode_json_windows_1251_fallback() -> None:
    body = '{"info": "Мегафон"}'.encode("cp1251")
    assert decode_json(body, "windows-1251") == {"info": "Мегафон"}


# --- values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("250.80"), Decimal("250.80")),
        ("250.80", Decimal("250.80")),
        (" 1 250,80 ", Decimal("1250.80")),
        ("1\u00a0250.5", Decimal("1250.5")),
        (12, Decimal(12)),
        (0.1, Decimal("0.1")),
    ],
)
def test_to_decimal(value: object, expected: Decimal) -> None:
    assert to_decimal(value) == expected


@pytest.mark.parametrize("value", ["", "abc", "NaN", "Infinity", None, True, [1]])
def test_to_decimal_rejects(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        to_decimal(value)


@pytest.mark.parametrize(
    ("value", "expected"), [(5, 5), ("5", 5), (" 17 ", 17), (Decimal("3.0"), 3), ("4.00", 4)]
)
def test_to_int(value: object, expected: int) -> None:
    assert to_int(value) == expected


@pytest.mark.parametrize("value", ["3.5", "x", None, True, Decimal("2.5")])
def test_to_int_rejects(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        to_int(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["74950000001", "74950000002"], ("74950000001", "74950000002")),
        ([74950000001, "74950000002 "], ("74950000001", "74950000002")),
        ("74950000001,74950000002", ("74950000001", "74950000002")),
        ("74950000001, 74950000002;74950000003", ("74950000001", "74950000002", "74950000003")),
        ("74950000001", ("74950000001",)),
        (74950000001, ("74950000001",)),
        ("", ()),
        (None, ()),
    ],
)
def test_to_phones(value: object, expected: tuple[str, ...]) -> None:
    assert to_phones(value) == expected


def test_to_time_formats() -> None:
    msk = datetime(2024, 6, 12, 14, 3, 11, tzinfo=MSK)
    assert to_time("12.06.2024 14:03:11") == msk
    assert to_time("12.06.2024 14:03") == msk.replace(second=0)
    assert to_time("2024-06-12 14:03:11") == msk
    assert to_time(1718190190) == datetime.fromtimestamp(1718190190, UTC)
    assert to_time("1718190190") == datetime.fromtimestamp(1718190190, UTC)
    assert to_time(Decimal("1718190190.5")).timestamp() == 1718190190.5
    assert to_time("2024-06-12T14:03:11+00:00") == datetime(2024, 6, 12, 14, 3, 11, tzinfo=UTC)
    utc = timezone(timedelta(0))
    assert to_time("12.06.2024 14:03:11", utc) == datetime(2024, 6, 12, 14, 3, 11, tzinfo=UTC)
    for empty in (None, "", "0", 0, "00.00.0000 00:00:00"):
        assert to_time(empty) is None
    assert to_time("12.06.2024 14:03:11").tzinfo is not None


def test_to_time_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="not a date"):
        to_time("yesterday")


# --- lists --------------------------------------------------------------------------

REC = {"id": 1, "phone": "7"}


@pytest.mark.parametrize(
    "data",
    [
        [REC],
        {"list": [REC]},
        {"data": [REC]},
        {"messages": [REC]},
        {"0": REC},
        {"1843": REC},
        REC,
        {"count": 1, "whatever": [REC]},
    ],
)
def test_extract_records_shapes(data: object) -> None:
    assert extract_records(data, ("id", "phone")) == [REC]


@pytest.mark.parametrize("data", [[], {}, {"list": []}])
def test_extract_records_empty(data: object) -> None:
    assert extract_records(data, ("id",)) == []


@pytest.mark.parametrize("data", ["text", 5, None, {"a": 1, "b": 2}])
def test_extract_records_wrong_shape(data: object) -> None:
    with pytest.raises(ShapeError):
        extract_records(data, ("id",))


# --- endpoint answers --------------------------------------------------------------


def test_balance_shapes() -> None:
    assert parse_balance({"balance": "250.80", "currency": "RUR"}).amount == Decimal("250.80")
    assert parse_balance({"balance": Decimal("12.5"), "currency": "KZT"}).currency == "KZT"
    assert parse_balance({"balance": "-3.10"}).currency == ""
    assert parse_balance({"balance": 7, "cur": "UAH", "extra": 1}).currency == "UAH"
    with pytest.raises(ShapeError):
        parse_balance({"money": 1})
    with pytest.raises(ValueError, match="not a number"):
        parse_balance({"balance": "lots"})


def test_free_numbers_tolerant_and_skipping() -> None:
    data = [
        {
            "phone": "79990000001",
            "type": 1,
            "cost": "300.00",
            "current_cost": "120.50",
            "info": "MTS: sms",
        },
        {
            "phone": 79990000002,
            "type": "2",
            "cost": Decimal("500"),
            "current_cost": 200,
            "info": None,
            "extra": "ignored",
        },
        {"phone": "79990000003", "type": "4", "cost": "1,5", "current_cost": "1"},
        {"phone": "79990000004", "type": 1, "cost": "free", "current_cost": "1"},
        {"type": 1, "cost": "1", "current_cost": "1"},
        "garbage",
        {"phone": "79990000007", "type": 9, "cost": "1", "current_cost": "1", "info": "?"},
    ]
    result = parse_free_numbers(data)
    assert [n.phone for n in result] == ["79990000001", "79990000002", "79990000003", "79990000007"]
    first, second, third, odd = result
    assert first.kind is NumberKind.VIRTUAL
    assert first.type == 1
    assert first.cost == Decimal("300.00")
    assert first.current_cost == Decimal("120.50")
    assert second.kind is NumberKind.SIM_HOSTING
    assert second.info == ""
    assert third.kind is NumberKind.VIRTUAL
    assert third.cost == Decimal("1.5")
    assert odd.kind is NumberKind.UNKNOWN
    assert result.skipped_count == 3
    assert [s.index for s in result.skipped] == [3, 4, 5]
    assert "not a number" in result.skipped[0].reason
    assert "phone" in result.skipped[1].reason


def test_free_numbers_all_bad_is_a_shape_error() -> None:
    with pytest.raises(ShapeError, match="none of the 2 records"):
        parse_free_numbers([{"x": 1}, {"y": 2}])


def test_skipped_excerpt_hides_secrets() -> None:
    result = parse_free_numbers(
        [{"phone": "1", "type": 1, "cost": "1", "current_cost": "1"}, {"psw": "hunter2"}],
        secrets=("hunter2",),
    )
    assert "hunter2" not in result.skipped[0].excerpt


def test_rent_answer() -> None:
    assert parse_rent({"cost": "96.77"}) == Decimal("96.77")
    assert parse_rent({"cost": 96.77, "balance": "3.00"}) == Decimal("96.77")
    assert parse_rent({"sum": "5"}) == Decimal("5")
    with pytest.raises(ShapeError):
        parse_rent({"ok": 1})


def test_call_verification_answer() -> None:
    at = datetime(2024, 1, 1, tzinfo=UTC)
    cv = parse_call_verification(
        {"phone": "74950000001", "all_phones": "74950000001,74950000002"}, "79161234567", at
    )
    assert cv.call_to == "74950000001"
    assert cv.all_phones == ("74950000001", "74950000002")
    assert cv.subscriber_phone == "79161234567"
    assert cv.expires_at == at + timedelta(minutes=15)
    cv = parse_call_verification({"phone": 74950000001, "all_phones": [74950000001]}, "1", at)
    assert cv.all_phones == ("74950000001",)
    assert parse_call_verification({"phone": "7"}, "1", at).all_phones == ("7",)
    with pytest.raises(ShapeError):
        parse_call_verification({"all_phones": []}, "1", at)


def test_incoming_messages() -> None:
    data = [
        {
            "id": 90210,
            "received": "12.06.2024 14:03:11",
            "phone": "79161234567",
            "to_phone": "74950000001",
            "sent": 1718190190,
            "message": "[waitcall]",
        },
        {
            "id": "90211",
            "received": 1718190200,
            "phone": 79161234568,
            "to_phone": 74950000001,
            "sent": "12.06.2024 14:03:00",
            "message": "hello",
            "sms_id": "0",
        },
        {"id": "x", "phone": "1"},
    ]
    result = parse_incoming(data)
    assert [m.id for m in result] == [90210, 90211]
    assert result[0].is_waitcall
    assert not result[1].is_waitcall
    assert result[0].received == datetime(2024, 6, 12, 11, 3, 11, tzinfo=UTC)
    assert result[0].sent == datetime.fromtimestamp(1718190190, UTC)
    assert result[1].to_phone == "74950000001"
    assert result[1].sms_id is None
    assert result.skipped_count == 1


def test_incoming_alternative_field_names() -> None:
    (msg,) = parse_incoming(
        {
            "messages": [
                {"id": 1, "phone": "7", "to": "8", "mes": "hi", "time": "01.01.2024 00:00:00"}
            ]
        }
    )
    assert (msg.to_phone, msg.text) == ("8", "hi")
    assert msg.received is not None


def test_jobs() -> None:
    data = [
        {
            "id": 1843,
            "name": "sms_may.csv",
            "status": 2,
            "created": "01.06.2024 10:15:02",
            "time": "01.06.2024 10:17:40",
            "file": "sms_may.zip",
        },
        {"id": "1844", "name": "june", "status": "0", "created": "", "time": "", "file": ""},
        {"id": 1845, "status": 7},
        {"id": 1846, "status": None},
    ]
    result = parse_jobs(data)
    assert [j.status for j in result] == [JobStatus.DONE, JobStatus.WAITING, JobStatus.UNKNOWN]
    assert result[0].is_downloadable
    assert not result[1].is_downloadable
    assert result[0].created == datetime(2024, 6, 1, 10, 15, 2, tzinfo=MSK)
    assert result[1].created is None
    assert result[1].time is None
    assert result[2].status_code == 7
    assert result[2].name == ""
    assert result.skipped_count == 1
    assert [JobStatus(c) for c in range(5)] == [
        JobStatus.WAITING,
        JobStatus.RUNNING,
        JobStatus.DONE,
        JobStatus.CANCELLED,
        JobStatus.FAILED,
    ]


# --- big arrays decoded in slices ----------------------------------------------------


def _tricky_rows(count: int) -> list[dict[str, object]]:
    return [
        {
            "id": i,
            "info": ["plain", "a}, {b", 'q"}, {"x": 1', "}\n,\n{", "ё}, {ж"][i % 5],
            "cost": i + 0.25,
            "nested": [{"k": i}, {"k": -i}] if i % 7 == 0 else [],
        }
        for i in range(count)
    ]


@pytest.mark.parametrize("slice_chars", [1, 50, 1000, 128 * 1024])
@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": "), (" ,\n ", " : ")])
def test_decode_json_array_matches_json_loads(
    monkeypatch: pytest.MonkeyPatch, slice_chars: int, separators: tuple[str, str]
) -> None:
    import json

    from smsc_desktop.api import bodies, parsing

    monkeypatch.setattr(bodies, "SLICE_CHARS", slice_chars)
    rows = _tricky_rows(300)
    body = b" \n" + json.dumps(rows, separators=separators, ensure_ascii=False).encode() + b"\n"
    expected = json.loads(body, parse_float=Decimal)
    assert parsing.decode_json_array(body) == expected
    assert parsing.decode_json_array(b"[]") == []
    assert parsing.decode_json_array(b"[ ]") == []
    assert parsing.decode_json_array(b'[1, "a", {"b": 2.5}]') == [1, "a", {"b": Decimal("2.5")}]
    assert parsing.decode_json_array(b'{"phones": []}') == {"phones": []}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'[{"a": 1}, {"a": 2', "cut off"),
        (b'[{"a": 1}, {"a": "2}, {', "cut off"),
        (b'[{"a": 1}, {"a": 2}', "cut off"),
        (b'[{"a": 1}, {"a": 2}]]', "damaged"),
        (b'[{"a": 1}} {"a": 2}]', "damaged"),
        (b'[{"a": 1}, , {"a": 2}]', "damaged"),
    ],
)
def test_decode_json_array_problems(
    monkeypatch: pytest.MonkeyPatch, body: bytes, message: str
) -> None:
    from smsc_desktop.api import bodies, parsing

    monkeypatch.setattr(bodies, "SLICE_CHARS", 1)
    with pytest.raises(BodyError, match=message):
        parsing.decode_json_array(body)
