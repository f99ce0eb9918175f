"""Callback signing, handler URLs, parsing pasted callbacks and checking their signatures.

The hash vectors were computed outside Python, with coreutils and gzip:

    printf %s '12345:79161234567:1:Secr3t-key_01' | md5sum
    printf %s '12345:79161234567:1:Secr3t-key_01' | sha1sum
    printf %s '12345:79161234567:1:Secr3t-key_01' | gzip -c | tail -c8 | head -c4 | od -An -tu4
    printf %s '42:79161234567:Привет:abc' | iconv -t CP1251 | md5sum   (and KOI8-R, UTF-8)
"""

from __future__ import annotations

import json

import pytest

from smsc_desktop.services.callbacks import (
    INCOMING_CANDIDATES,
    STATUS_SCHEME,
    WAITCALL_SCHEME,
    Algorithm,
    BodyFormat,
    CallbackKind,
    CallbackParseError,
    Charset,
    HandlerSpec,
    HintKind,
    IssueKind,
    Param,
    ParseProblem,
    PayloadFormat,
    SampleValues,
    SecretProblem,
    Verdict,
    build_handler_url,
    check_callback,
    check_secret,
    compare_strings,
    hash_hex,
    parse_callback,
    parse_handler_url,
    prepare_callback,
    sign,
)

STATUS_VALUES = {"id": "12345", "phone": "79161234567", "status": "1"}
STATUS_SECRET = "Secr3t-key_01"
STATUS_VECTORS = {
    Algorithm.MD5: "769bbe1a2bf90ea14180460937030c1b",
    Algorithm.SHA1: "c0bbea43e179f4348dcf4527a2be91dea97284fb",
    Algorithm.CRC32: "1687037080",
}
INCOMING_VALUES = {"id": "42", "phone": "79161234567", "mes": "Привет"}
INCOMING_VECTORS = {
    Charset.WINDOWS_1251: {
        Algorithm.MD5: "1f0427e1b137741653b4e27e67c0dbb7",
        Algorithm.SHA1: "c56fb81253f81d32dd79a2319b1104f44e508ee4",
        Algorithm.CRC32: "1856911801",
    },
    Charset.KOI8_R: {
        Algorithm.MD5: "27fef6e2373202441c176097f435c83f",
        Algorithm.SHA1: "ae2dcee3fc0acda178090337a8600c31d81b71f7",
        Algorithm.CRC32: "3724246406",
    },
    Charset.UTF_8: {
        Algorithm.MD5: "3312e7de5173d9f0c9228bfa8402a144",
        Algorithm.SHA1: "86c9a6e1ca4cdb02d305ee3d4f918884b1be5dd1",
        Algorithm.CRC32: "1959727421",
    },
}
WAITCALL_VECTORS = {
    Algorithm.MD5: "ebbdbf5106bd53fe5243c022e27b4654",
    Algorithm.SHA1: "17aa04404de1a0210cb1beced8d30a8e1fc22b48",
    Algorithm.CRC32: "4244262527",
}


# --- signing ----------------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", list(Algorithm))
def test_status_signature_matches_known_vectors(algorithm: Algorithm) -> None:
    data, digest = sign(algorithm, STATUS_SCHEME, STATUS_VALUES, STATUS_SECRET)
    assert data == b"12345:79161234567:1:Secr3t-key_01"
    assert digest == STATUS_VECTORS[algorithm]


@pytest.mark.parametrize("charset", list(Charset))
@pytest.mark.parametrize("algorithm", list(Algorithm))
def test_incoming_signature_hashes_the_bytes_of_the_charset(
    charset: Charset, algorithm: Algorithm
) -> None:
    data, digest = sign(algorithm, INCOMING_CANDIDATES[0], INCOMING_VALUES, "abc", charset)
    assert data == "42:79161234567:Привет:abc".encode(charset.codec)
    assert digest == INCOMING_VECTORS[charset][algorithm]


@pytest.mark.parametrize("algorithm", list(Algorithm))
def test_waitcall_signature_is_phone_ts_secret(algorithm: Algorithm) -> None:
    values = {"phone": "79161234567", "ts": "1718190190"}
    data, digest = sign(algorithm, WAITCALL_SCHEME, values, "abc")
    assert data == b"79161234567:1718190190:abc"
    assert digest == WAITCALL_VECTORS[algorithm]
    assert not WAITCALL_SCHEME.confirmed
    assert STATUS_SCHEME.confirmed


def test_crc32_is_unsigned_decimal() -> None:
    assert hash_hex(Algorithm.CRC32, b"") == "0"
    assert hash_hex(Algorithm.CRC32, b"a") == str(0xE8B7BE43)  # gzip: 43beb7e8 little-endian
    assert int(INCOMING_VECTORS[Charset.KOI8_R][Algorithm.CRC32]) > 2**31


def test_scheme_templates() -> None:
    assert STATUS_SCHEME.template == "id:phone:status:<secret>"
    assert WAITCALL_SCHEME.template == "phone:ts:<secret>"
    assert [s.template for s in INCOMING_CANDIDATES] == [
        "id:phone:mes:<secret>",
        "phone:mes:to:<secret>",
        "id:phone:<secret>",
    ]


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("abc-DEF_123", None),
        ("", (SecretProblem.EMPTY, "")),
        ("my secret!", (SecretProblem.BAD_CHARACTERS, " !")),
        ("пароль-1", (SecretProblem.BAD_CHARACTERS, "пароль")),
        ("a" * 65, (SecretProblem.TOO_LONG, "")),
    ],
)
def test_secret_validation(secret: str, problem: tuple[SecretProblem, str] | None) -> None:
    assert check_secret(secret) == problem


# --- the handler URL builder ----------------------------------------------------------

SCRIPT = "https://mysite.ru/sms/handler.php"


@pytest.mark.parametrize(
    ("spec", "url"),
    [
        (HandlerSpec(SCRIPT), SCRIPT),
        (HandlerSpec(SCRIPT, charset=Charset.UTF_8), SCRIPT + "?charset=utf-8"),
        (HandlerSpec(SCRIPT, charset=Charset.KOI8_R), SCRIPT + "?charset=koi8-r"),
        (HandlerSpec(SCRIPT, body_format=BodyFormat.XML), SCRIPT + "?fmt=2"),
        (HandlerSpec(SCRIPT, body_format=BodyFormat.JSON), SCRIPT + "?fmt=3"),
        (
            HandlerSpec(SCRIPT, charset=Charset.UTF_8, body_format=BodyFormat.JSON),
            SCRIPT + "?charset=utf-8&fmt=3",
        ),
        (
            HandlerSpec(SCRIPT, Charset.WINDOWS_1251, BodyFormat.XML, Algorithm.SHA1, "k-1"),
            SCRIPT + "?fmt=2&sha1=k-1",
        ),
        (HandlerSpec(SCRIPT, algorithm=Algorithm.MD5, secret="Abc_9"), SCRIPT + "?md5=Abc_9"),
        (HandlerSpec(SCRIPT, algorithm=Algorithm.SHA1, secret="x"), SCRIPT + "?sha1=x"),
        (HandlerSpec(SCRIPT, algorithm=Algorithm.CRC32, secret="x"), SCRIPT + "?crc32=x"),
        (
            HandlerSpec(SCRIPT, get_params=(Param("param1"), Param("param2"))),
            SCRIPT + "!param1&param2",
        ),
        (
            HandlerSpec(SCRIPT, post_params=(Param("param3"), Param("param4", "v"))),
            SCRIPT + "?param3&param4=v",
        ),
        (
            HandlerSpec(
                "https://mysite.ru/",
                get_params=(Param("param1"), Param("param2")),
                post_params=(Param("param3"), Param("param4")),
            ),
            "https://mysite.ru/!param1&param2?param3&param4",  # the seed's own example
        ),
        (
            HandlerSpec(
                SCRIPT,
                Charset.UTF_8,
                BodyFormat.JSON,
                Algorithm.MD5,
                "s3cret",
                (Param("site", "shop 1"), Param("token", "a&b=c")),
                (Param("source", "Привет?!"),),
            ),
            SCRIPT
            + "!site=shop%201&token=a%26b%3Dc"
            + "?charset=utf-8&fmt=3&md5=s3cret&source=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82%3F%21",
        ),
        (HandlerSpec("http://10.0.0.5:8080/cb"), "http://10.0.0.5:8080/cb"),
    ],
)
def test_url_builder_outputs(spec: HandlerSpec, url: str) -> None:
    built = build_handler_url(spec)
    assert built.ok, built.issues
    assert built.url == url
    # The URL reads back into the same form.
    again = parse_handler_url(built.url).to_spec()
    assert again.charset == spec.charset
    assert again.body_format == spec.body_format
    assert again.algorithm == spec.algorithm
    assert again.secret == spec.secret
    assert again.get_params == spec.get_params
    assert again.post_params == spec.post_params


@pytest.mark.parametrize(
    ("spec", "kind", "where"),
    [
        (HandlerSpec(""), IssueKind.SCRIPT_EMPTY, "script"),
        (HandlerSpec("ftp://mysite.ru/x"), IssueKind.SCRIPT_NOT_HTTP, "script"),
        (HandlerSpec("mysite.ru/handler.php"), IssueKind.SCRIPT_NOT_HTTP, "script"),
        (HandlerSpec("https:///x"), IssueKind.SCRIPT_NO_HOST, "script"),
        (HandlerSpec(SCRIPT + "?a=1"), IssueKind.SCRIPT_HAS_PARAMETERS, "script"),
        (HandlerSpec(SCRIPT + "!a"), IssueKind.SCRIPT_HAS_PARAMETERS, "script"),
        (HandlerSpec(SCRIPT, algorithm=Algorithm.MD5), IssueKind.SECRET_EMPTY, "secret"),
        (
            HandlerSpec(SCRIPT, algorithm=Algorithm.MD5, secret="a b"),
            IssueKind.SECRET_BAD_CHARACTERS,
            "secret",
        ),
        (
            HandlerSpec(SCRIPT, algorithm=Algorithm.CRC32, secret="x" * 65),
            IssueKind.SECRET_TOO_LONG,
            "secret",
        ),
        (
            HandlerSpec(SCRIPT, charset=Charset.KOI8_R, body_format=BodyFormat.JSON),
            IssueKind.KOI8_WITH_FMT,
            "charset",
        ),
        (HandlerSpec(SCRIPT, get_params=(Param(" "),)), IssueKind.PARAM_NAME_EMPTY, "get"),
        (HandlerSpec(SCRIPT, post_params=(Param("a b"),)), IssueKind.PARAM_NAME_BAD, "post"),
    ],
)
def test_url_builder_refuses_bad_input(spec: HandlerSpec, kind: IssueKind, where: str) -> None:
    built = build_handler_url(spec)
    assert not built.ok
    assert built.url == ""
    assert [(i.kind, i.where) for i in built.errors] == [(kind, where)]


def test_secret_is_not_checked_without_an_algorithm() -> None:
    assert build_handler_url(HandlerSpec(SCRIPT, secret="not valid!")).ok


def test_url_builder_warns_about_clashing_names() -> None:
    built = build_handler_url(
        HandlerSpec(
            SCRIPT, get_params=(Param("site", "1"),), post_params=(Param("phone"), Param("site"))
        )
    )
    assert built.ok
    assert [(w.kind, w.detail) for w in built.warnings] == [
        (IssueKind.PARAM_RESERVED, "phone"),
        (IssueKind.PARAM_DUPLICATE, "site"),
    ]


def test_parse_handler_url_splits_get_and_post() -> None:
    url = parse_handler_url("https://mysite.ru/!param1&param2?param3&param4&md5=abc&crc32=def")
    assert url.script_url == "https://mysite.ru/"
    assert url.request_url == "https://mysite.ru/?param1&param2"
    assert url.get_params == (Param("param1"), Param("param2"))
    assert url.signatures == ((Algorithm.MD5, "abc"), (Algorithm.CRC32, "def"))
    assert url.extra_post_params == (Param("param3"), Param("param4"))
    assert url.charset is Charset.WINDOWS_1251
    assert url.body_format is BodyFormat.FORM


def test_koi8_is_not_used_with_fmt() -> None:
    assert parse_handler_url("https://a.ru/?charset=koi8-r").charset is Charset.KOI8_R
    assert parse_handler_url("https://a.ru/?charset=koi8-r&fmt=3").charset is Charset.WINDOWS_1251


@pytest.mark.parametrize("url", ["", "mysite.ru/x", "ftp://mysite.ru/x"])
def test_parse_handler_url_needs_http(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        parse_handler_url(url)


# --- parsing pasted callbacks -----------------------------------------------------------


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


# --- checking: matching and tampered callbacks in every format and charset -------------

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


# --- prepared test callbacks ---------------------------------------------------------


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
