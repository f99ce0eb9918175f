"""Checking the signatures of received callbacks: matching and tampered callbacks in every
format and charset, accepted spellings, hints and where a handler's string differs."""

from __future__ import annotations

import json

import pytest

from smsc_desktop.services.callbacks import (
    INCOMING_CANDIDATES,
    Algorithm,
    BodyFormat,
    CallbackKind,
    Charset,
    HintKind,
    SampleValues,
    Verdict,
    check_callback,
    compare_strings,
    prepare_callback,
    sign,
)
from tests.helpers.callback_vectors import (
    INCOMING_VECTORS,
    STATUS_SECRET,
    STATUS_VECTORS,
)

FORMAT_QUERY = {BodyFormat.FORM: "", BodyFormat.XML: "&fmt=2", BodyFormat.JSON: "&fmt=3"}


def _pasted(body: bytes, body_format: BodyFormat, charset: Charset) -> str:
    """What a person pastes: a form body as it is (ASCII), XML/JSON as decoded text."""
    if body_format is BodyFormat.FORM:
        return body.decode("ascii")
    return body.decode(charset.codec)


CASES = [
    (kind, body_format, charset, algorithm)
    for kind in CallbackKind
    for body_format in BodyFormat
    for charset in Charset
    for algorithm in Algorithm
    if not (charset is Charset.KOI8_R and body_format is not BodyFormat.FORM)
]


@pytest.mark.parametrize(("kind", "body_format", "charset", "algorithm"), CASES)
def test_checker_matches_signed_and_catches_tampered(
    kind: CallbackKind, body_format: BodyFormat, charset: Charset, algorithm: Algorithm
) -> None:
    url = f"https://h.ru/cb.php?charset={charset}{FORMAT_QUERY[body_format]}&{algorithm}=Key-1"
    prepared = prepare_callback(url, kind, SampleValues(id="7001", ts="1718190190"))
    text = _pasted(prepared.body, body_format, charset)
    report = check_callback(text, "Key-1")
    assert report.kind is kind
    assert report.charset is charset
    assert report.charset_source == "field"
    assert report.verdict is Verdict.MATCH
    (check,) = report.signatures
    assert check.algorithm is algorithm
    assert check.matched is not None
    assert check.matched.scheme.kind is kind
    assert check.matched.data == prepared.signatures[0].data

    # Tampered: a value that goes into the string changed after signing.
    field = {
        CallbackKind.STATUS: "status",
        CallbackKind.INCOMING: "mes",
        CallbackKind.WAITCALL: "ts",
    }[kind]
    original = dict(prepared.fields)[field]
    changed = "3" if field == "status" else ("Другой текст" if field == "mes" else "1718190999")
    tampered_fields = [(n, changed if n == field else v) for n, v in prepared.fields]
    from smsc_desktop.services.callbacks import encode_body

    body, _ = encode_body(tampered_fields, body_format, charset)
    report = check_callback(_pasted(body, body_format, charset), "Key-1")
    assert report.verdict is Verdict.MISMATCH
    assert report.signatures[0].matched is None
    parts = dict(report.signatures[0].primary.parts)
    assert parts[field] == changed.encode(charset.codec) != original.encode(charset.codec)

    # A wrong secret never matches either.
    assert check_callback(text, "Key-2").verdict is Verdict.MISMATCH


def test_checker_uses_the_chosen_charset_when_the_callback_has_none() -> None:
    values = {"id": "42", "phone": "79161234567", "mes": "Привет"}
    for charset in Charset:
        digest = INCOMING_VECTORS[charset][Algorithm.MD5]
        text = json.dumps({**values, "to": "7", "md5": digest}, ensure_ascii=False)
        assert check_callback(text, "abc", charset).verdict is Verdict.MATCH
        report = check_callback(text, "abc")  # windows-1251 by default
        expected = Verdict.MATCH if charset is Charset.WINDOWS_1251 else Verdict.MISMATCH
        assert report.verdict is expected
        if expected is Verdict.MISMATCH:
            assert report.signatures[0].hints[0].kind is HintKind.OTHER_CHARSET
            assert report.signatures[0].hints[0].detail == charset.value


def test_checker_names_the_incoming_candidate_that_matched() -> None:
    for scheme in INCOMING_CANDIDATES:
        values = {"id": "42", "phone": "79161234567", "mes": "Привет", "to": "74993801001"}
        _, digest = sign(Algorithm.SHA1, scheme, values, "abc", Charset.UTF_8)
        text = "&".join(f"{k}={v}" for k, v in values.items()) + f"&sha1={digest}"
        report = check_callback(text, "abc", Charset.UTF_8)
        assert report.verdict is Verdict.MATCH
        matched = report.signatures[0].matched
        assert matched is not None
        assert matched.scheme is scheme
        assert not matched.scheme.confirmed


@pytest.mark.parametrize(
    ("value", "spelling"),
    [
        ("3724246406", ""),
        ("DDFB7D86", "hex"),
        ("ddfb7d86", "hex"),
        ("-570720890", "signed"),
    ],
)
def test_crc32_spellings_are_accepted_and_reported(value: str, spelling: str) -> None:
    text = "id=42&phone=79161234567&mes=%F0%D2%C9%D7%C5%D4&to=7&crc32=" + value  # koi8-r bytes
    report = check_callback(text, "abc", Charset.KOI8_R)
    assert report.verdict is Verdict.MATCH
    assert report.signatures[0].matched is not None
    assert report.signatures[0].matched.spelling == spelling


def test_uppercase_hex_is_accepted_and_reported() -> None:
    text = "id=12345&phone=79161234567&status=1&md5=" + STATUS_VECTORS[Algorithm.MD5].upper()
    matched = check_callback(text, STATUS_SECRET).signatures[0].matched
    assert matched is not None
    assert matched.spelling == "uppercase"


def test_hints_explain_common_mistakes() -> None:
    base = "id=12345&phone=79161234567&status=1"
    # The handler URL itself was pasted: the secret was never replaced by a hash.
    report = check_callback(base + "&md5=" + STATUS_SECRET, STATUS_SECRET)
    assert report.signatures[0].hints[0].kind is HintKind.SECRET_NOT_REPLACED
    # A SHA-1 hash in the md5 field.
    report = check_callback(base + "&md5=" + STATUS_VECTORS[Algorithm.SHA1], STATUS_SECRET)
    assert report.signatures[0].hints[0].kind is HintKind.OTHER_ALGORITHM
    assert report.signatures[0].hints[0].detail == "sha1"
    # The phone with a + in the callback, signed without it.
    plus = "id=12345&phone=%2B79161234567&status=1&md5=" + STATUS_VECTORS[Algorithm.MD5]
    report = check_callback(plus, STATUS_SECRET)
    assert report.signatures[0].hints[0].kind is HintKind.PHONE_PLUS
    # Not a hash at all.
    report = check_callback(base + "&md5=12345", STATUS_SECRET)
    assert report.signatures[0].hints[0].kind is HintKind.WRONG_LENGTH


def test_report_without_signature_or_with_bad_secret() -> None:
    assert check_callback("id=1&phone=7&status=1", "abc").verdict is Verdict.NO_SIGNATURE
    report = check_callback("id=1&phone=7&status=1&md5=x", "bad secret")
    assert report.verdict is Verdict.BAD_SECRET
    report = check_callback("id=1&status=1&md5=x", "abc")
    assert report.verdict is Verdict.INCOMPLETE
    assert report.signatures[0].results[0].missing == ("phone",)


def test_where_the_handler_string_differs() -> None:
    text = "id=12345&phone=79161234567&status=1&md5=" + STATUS_VECTORS[Algorithm.MD5]
    report = check_callback(text, STATUS_SECRET, handler_string="12345:79161234567:1:Secr3t-key_01")
    assert report.verdict is Verdict.MATCH
    assert report.difference is None
    report = check_callback(
        text, STATUS_SECRET, handler_string="12345:+79161234567:1:Secr3t-key_01"
    )
    diff = report.difference
    assert diff is not None
    assert (diff.position, diff.part, diff.part_name) == (6, 1, "phone")
    assert (diff.expected, diff.actual) == (b"79161234567", b"+79161234567")
    report = check_callback(text, STATUS_SECRET, handler_string="12345:79161234567:1:secret")
    assert report.difference is not None
    assert report.difference.part_name == "secret"


def test_compare_strings_with_colons_inside_values() -> None:
    parts = (("id", b"1"), ("phone", b"7"), ("mes", b"a:b"), ("secret", b"s"))
    assert compare_strings(parts, b"1:7:a:b:s") is None
    diff = compare_strings(parts, b"1:7:a:c:s")
    assert diff is not None
    assert diff.part_name == "mes"
    diff = compare_strings(parts, b"1:7:a:b:t")
    assert diff is not None
    assert diff.part_name == "secret"
