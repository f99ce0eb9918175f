"""Unit checks of the wire helpers: parameter decoding, error shapes, ranges, files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from urllib.parse import quote

import pytest

from smsc_desktop.sandbox import protocol as p
from smsc_desktop.sandbox.config import SandboxConfig
from smsc_desktop.sandbox.endpoints import Unsatisfiable, parse_range
from smsc_desktop.sandbox.exportfile import HEADER, MIN_ROW, ExportFile, sha256_of_size
from smsc_desktop.sandbox.numbers import generate_pool, prorate


@pytest.mark.parametrize(
    ("charset", "codec"),
    [("windows-1251", "cp1251"), ("utf-8", "utf-8"), ("koi8-r", "koi8_r"), ("KOI8-R", "koi8_r")],
)
def test_params_are_decoded_in_the_named_charset(charset: str, codec: str) -> None:
    name = quote("Выгрузка за неделю".encode(codec))
    params = p.parse_params(f"charset={charset}&name={name}")
    assert params.get("name") == "Выгрузка за неделю"
    assert params.codec == codec


def test_default_charset_is_windows_1251_and_body_wins_over_query() -> None:
    body = b"name=" + quote("Привет".encode("cp1251")).encode() + b"&fmt=3"
    params = p.parse_params("fmt=1&x=1", body)
    assert params.get("name") == "Привет"
    assert params.fmt == 3
    assert params.charset == "windows-1251"
    assert params.get("x") == "1"


def test_raw_unescaped_bytes_in_body_are_decoded_in_the_charset() -> None:
    params = p.parse_params("", "name=Тест&charset=koi8-r".encode("koi8_r"))
    assert params.get("name") == "Тест"


def test_unknown_fmt_and_charset_fall_back_to_defaults() -> None:
    params = p.parse_params("fmt=7&charset=latin-9")
    assert params.fmt == 0
    assert params.charset == p.DEFAULT_CHARSET


def test_identity_ignores_auth_fmt_and_charset() -> None:
    a = p.parse_params("login=a&psw=b&fmt=3&charset=utf-8&get=1")
    b = p.parse_params("apikey=k&fmt=0&get=1")
    assert a.identity() == b.identity() == (("get", "1"),)
    assert a.redacted()["psw"] == "***"


def test_error_body_shapes() -> None:
    assert p.error_body(2, "authorise error", 0, "utf-8") == b"ERROR = 2 (authorise error)"
    assert p.error_body(2, "authorise error", 1, "utf-8") == b"0,-2"
    assert (
        p.error_body(9, "a & b", 2, "utf-8")
        == b"<result><error>a &amp; b</error><error_code>9</error_code></result>"
    )
    assert json.loads(p.error_body(3, "no money", 3, "utf-8")) == {
        "error": "no money",
        "error_code": 3,
    }


def test_json_falls_back_to_escapes_when_the_charset_cannot_hold_a_character() -> None:
    body = p.encode_json({"message": "hi 🙂 привет"}, "cp1251")
    assert json.loads(body.decode("cp1251")) == {"message": "hi 🙂 привет"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-99", (0, 100)),
        ("bytes=100-", (100, 1000)),
        ("bytes=-10", (990, 1000)),
        ("bytes=-5000", (0, 1000)),
        ("bytes=900-5000", (900, 1000)),
        ("bytes=5-1", None),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
        ("bytes=abc", None),
    ],
)
def test_parse_range(header: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=2000-3000", "bytes=-0"])
def test_parse_range_unsatisfiable(header: str) -> None:
    with pytest.raises(Unsatisfiable):
        parse_range(header, 1000)


@pytest.mark.parametrize(
    "size",
    [0, 10, len(HEADER), len(HEADER) + 1, len(HEADER) + MIN_ROW, 4096, 49152, 3 * 2**20 + 17],
)
def test_export_file_has_exact_size_and_consistent_ranges(size: int) -> None:
    file = ExportFile(size)
    data = file.read()
    assert len(data) == size
    assert file.read(size // 3, size // 2) == data[size // 3 : size // 2]
    assert b"".join(bytes(v) for v in file.iter_range(0, size, 1000)) == data
    assert all(len(v) <= 1000 for v in file.iter_range(0, size, 1000))
    assert sha256_of_size(size) == hashlib.sha256(data).hexdigest()
    if size >= len(HEADER) + MIN_ROW:
        assert data.endswith(b"\r\n")
        text = data.decode("cp1251")
        assert text.startswith("Дата отправки;Телефон;Отправитель;Статус")


def test_pool_is_deterministic_unique_and_realistic() -> None:
    pool = generate_pool(2000, 5)
    assert pool == generate_pool(2000, 5)
    phones = [o.phone for o in pool]
    assert len(set(phones)) == 2000
    assert all(ph.isdigit() for ph in phones)
    assert all(len(ph) == 11 for ph in phones)
    assert all(ph.startswith("7") for ph in phones)
    assert {o.type for o in pool} == {1, 2, 4}
    assert {o.country for o in pool} == {"RU", "KZ"}
    assert any(o.info.startswith("Kcell") for o in pool)
    assert any(o.info.endswith("SMS, calls") for o in pool)


def test_prorate_counts_today() -> None:
    import datetime as dt
    from decimal import Decimal

    assert prorate(Decimal("500.00"), dt.date(2024, 7, 16)) == Decimal("258.06")
    assert prorate(Decimal("1200.00"), dt.date(2024, 7, 16)) == Decimal("619.35")
    assert prorate(Decimal("300.00"), dt.date(2024, 2, 29)) == Decimal("10.34")
    assert prorate(Decimal("300.00"), dt.date(2024, 2, 1)) == Decimal("300.00")


def test_config_overrides() -> None:
    config = SandboxConfig().with_overrides(
        {"numbers": 5, "balances": {"demo": "1.5"}, "today": "2024-02-29", "limits": {"get": 4}}
    )
    assert config.numbers == 5
    assert str(config.account("demo").balance) == "1.50"  # type: ignore[union-attr]
    assert config.limits["get"] == 4
    assert config.limits["balance"] == 10
    with pytest.raises(ValueError, match="unknown config key"):
        SandboxConfig().with_overrides({"nope": 1})
    with pytest.raises(ValueError, match="unknown accounts"):
        SandboxConfig().with_overrides({"balances": {"ghost": "1"}})


def test_export_files_have_the_variety_of_a_real_export() -> None:
    """Days of messages from 1 March 2024 with several senders, operators of two countries,
    every status, prices, multi-part texts and three unreadable lines on the first day."""
    from smsc_desktop.sandbox.exportrows import HEADER_FIELDS, STATUSES

    data = ExportFile(8 * 2**20).read()
    assert data == ExportFile(8 * 2**20).read()  # the same file every time
    rows = list(csv.reader(io.StringIO(data.decode("cp1251"), newline=""), delimiter=";"))
    assert tuple(rows[0]) == HEADER_FIELDS
    good = [r for r in rows[1:] if len(r) == len(HEADER_FIELDS)]
    assert len(rows) - 1 - len(good) == 3
    column = {name: i for i, name in enumerate(HEADER_FIELDS)}
    days = Counter(r[column["Дата отправки"]][:10] for r in good)
    assert list(days)[:3] == ["01.03.2024", "02.03.2024", "03.03.2024"]
    assert days["02.03.2024"] < days["01.03.2024"]  # a Saturday: fewer messages
    assert {r[column["Статус"]] for r in good} == {s[0] for s in STATUSES}
    assert len({r[column["Отправитель"]] for r in good}) >= 6
    assert len({r[column["Оператор"]] for r in good}) >= 6
    assert {r[column["Страна"]] for r in good} == {"Россия", "Казахстан"}
    assert {r[column["Частей"]] for r in good} >= {"1", "2", "3"}
    assert len({r[column["Стоимость"]] for r in good}) > 10
    assert any(";" in r[column["Текст сообщения"]] for r in good)
