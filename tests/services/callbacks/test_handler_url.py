"""Handler URLs: building the address for the SMSC settings and taking one apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from smsc_desktop.services.callbacks import (
    Algorithm,
    BodyFormat,
    Charset,
    HandlerSpec,
    IssueKind,
    Param,
    build_handler_url,
    parse_handler_url,
)

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


def test_koi8_is_not_used_with_any_fmt_and_an_undocumented_fmt_is_kept() -> None:
    url = parse_handler_url("https://a.ru/?charset=koi8-r&fmt=1&md5=k")
    assert url.charset is Charset.WINDOWS_1251
    assert url.body_format is BodyFormat.FORM
    spec = url.to_spec()
    assert spec.other_fmt == "1"
    built = build_handler_url(spec)
    assert [i.kind for i in built.issues] == [IssueKind.KOI8_WITH_FMT, IssueKind.FMT_UNDOCUMENTED]
    assert built.url == ""
    fixed = build_handler_url(replace(spec, charset=Charset.UTF_8))
    assert fixed.url == "https://a.ru/?charset=utf-8&fmt=1&md5=k"
    assert parse_handler_url(fixed.url).to_spec() == replace(spec, charset=Charset.UTF_8)
