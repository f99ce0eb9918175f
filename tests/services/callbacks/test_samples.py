"""Prepared test callbacks: the request SMSC would send to a handler URL."""

from __future__ import annotations

import json

from smsc_desktop.services.callbacks import (
    Algorithm,
    CallbackKind,
    SampleValues,
    hash_hex,
    prepare_callback,
)


def test_prepared_callback_honours_the_handler_url() -> None:
    url = "https://mysite.ru/cb.php!site=1&flag?charset=utf-8&fmt=3&sha1=Key&source=smsc"
    prepared = prepare_callback(url, CallbackKind.STATUS, SampleValues(id="1", ts="100"))
    assert prepared.url == "https://mysite.ru/cb.php?site=1&flag"
    assert prepared.content_type == "application/json; charset=utf-8"
    body = json.loads(prepared.body.decode("utf-8"))
    assert body["charset"] == "utf-8"
    assert body["fmt"] == "3"
    assert body["source"] == "smsc"
    assert body["sha1"] == hash_hex(Algorithm.SHA1, b"1:79161234567:1:Key")
    assert "site" not in body
    assert "flag" not in body


def test_prepared_form_body_is_in_the_charset() -> None:
    prepared = prepare_callback(
        "http://127.0.0.1/cb?md5=k", CallbackKind.INCOMING, SampleValues(mes="Привет")
    )
    assert b"mes=%CF%F0%E8%E2%E5%F2" in prepared.body  # windows-1251 by default
    prepared = prepare_callback(
        "http://127.0.0.1/cb?charset=koi8-r&md5=k",
        CallbackKind.INCOMING,
        SampleValues(mes="Привет"),
    )
    assert b"mes=%F0%D2%C9%D7%C5%D4" in prepared.body
    assert prepared.content_type == "application/x-www-form-urlencoded; charset=koi8-r"


def test_prepared_xml_body() -> None:
    prepared = prepare_callback(
        "http://127.0.0.1/cb?fmt=2&crc32=k", CallbackKind.WAITCALL, SampleValues(ts="5")
    )
    text = prepared.body.decode("cp1251")
    assert text.startswith('<?xml version="1.0" encoding="windows-1251"?>')
    assert "<waitcall>1</waitcall><phone>79161234567</phone><ts>5</ts>" in text
    assert f"<crc32>{hash_hex(Algorithm.CRC32, b'79161234567:5:k')}</crc32>" in text
