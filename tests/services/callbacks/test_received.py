"""Parsing pasted callbacks in every shape a handler may log them, and telling their kind."""

from __future__ import annotations

import pytest

from smsc_desktop.services.callbacks import (
    CallbackKind,
    CallbackParseError,
    Charset,
    ParseProblem,
    PayloadFormat,
    check_callback,
    parse_callback,
)


def test_parse_form_body_keeps_raw_bytes() -> None:
    cb = parse_callback("id=1&phone=79161234567&mes=%CF%F0%E8%E2%E5%F2+%21&md5=x")
    assert cb.format is PayloadFormat.FORM
    assert cb.names() == ["id", "phone", "mes", "md5"]
    assert cb.get("mes") == "Привет !".encode("cp1251")
    assert cb.text("mes", Charset.WINDOWS_1251) == "Привет !"
    assert cb.get("id") == "1"


@pytest.mark.parametrize(
    "text",
    [
        "https://mysite.ru/handler.php?id=1&phone=79161234567&status=1&md5=x",
        "/handler.php?id=1&phone=79161234567&status=1&md5=x",
        "?id=1&phone=79161234567&status=1&md5=x",
    ],
)
def test_parse_query_string(text: str) -> None:
    cb = parse_callback(text)
    assert cb.format is PayloadFormat.QUERY
    assert cb.names() == ["id", "phone", "status", "md5"]


def test_parse_json_keeps_number_spelling() -> None:
    cb = parse_callback('{"id": 12, "phone": "79161234567", "status": 1, "cost": 2.50, "x": null}')
    assert cb.format is PayloadFormat.JSON
    assert dict(cb.fields) == {
        "id": "12",
        "phone": "79161234567",
        "status": "1",
        "cost": "2.50",
        "x": "",
    }
    assert dict(parse_callback('[{"id": "1"}]').fields) == {"id": "1"}


def test_parse_xml_elements_and_attributes() -> None:
    cb = parse_callback(
        '<?xml version="1.0" encoding="windows-1251"?>\n<data>\n  <id>12</id>\n'
        "  <phone>79161234567</phone>\n  <status>1</status>\n</data>"
    )
    assert cb.format is PayloadFormat.XML
    assert dict(cb.fields) == {"id": "12", "phone": "79161234567", "status": "1"}
    cb = parse_callback('<result><sms id="12" phone="79161234567" status="1"/></result>')
    assert dict(cb.fields) == {"id": "12", "phone": "79161234567", "status": "1"}
    cb = parse_callback('<status id="12" phone="79161234567" status="1"/>')
    assert dict(cb.fields) == {"id": "12", "phone": "79161234567", "status": "1"}


def test_parse_php_print_r_and_lines() -> None:
    text = "Array\n(\n    [id] => 12\n    [phone] => 79161234567\n    [status] => 1\n)\n"
    cb = parse_callback(text)
    assert cb.format is PayloadFormat.LINES
    assert dict(cb.fields) == {"id": "12", "phone": "79161234567", "status": "1"}
    cb = parse_callback("id = 12\nphone: 79161234567\nstatus=1")
    assert dict(cb.fields) == {"id": "12", "phone": "79161234567", "status": "1"}


def test_parse_whole_http_request() -> None:
    text = (
        "POST /handler.php?site=1 HTTP/1.1\r\nHost: mysite.ru\r\n"
        "Content-Type: application/json; charset=utf-8\r\n\r\n"
        '{"id": "12", "phone": "79161234567", "status": "1", "md5": "x"}'
    )
    cb = parse_callback(text)
    assert cb.format is PayloadFormat.HTTP
    assert cb.inner_format is PayloadFormat.JSON
    assert cb.header_charset is Charset.UTF_8
    assert cb.names() == ["id", "phone", "status", "md5", "site"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ParseProblem.EMPTY),
        ("{not json", ParseProblem.BAD_JSON),
        ("[1, 2]", ParseProblem.JSON_NOT_OBJECT),
        ("<data><id>1</data>", ParseProblem.BAD_XML),
        ('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', ParseProblem.BAD_XML),
        ("just some words", ParseProblem.NO_FIELDS),
    ],
)
def test_parse_errors(text: str, problem: ParseProblem) -> None:
    if problem is ParseProblem.NO_FIELDS:
        # A lone word is a form field without a value; two lines of prose are not fields.
        text = "just some words\nand more words"
    with pytest.raises(CallbackParseError) as info:
        parse_callback(text)
    assert info.value.problem is problem


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("id=1&phone=7&status=1", CallbackKind.STATUS),
        ("id=1&phone=7&mes=hi&to=7", CallbackKind.INCOMING),
        ("waitcall=1&phone=7&ts=1", CallbackKind.WAITCALL),
    ],
)
def test_kind_detection(text: str, kind: CallbackKind) -> None:
    assert check_callback(text, "abc").kind is kind
