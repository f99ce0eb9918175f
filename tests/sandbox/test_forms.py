"""Unit checks of body reading (forms.py, protocol.parse_params): any bytes, no exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsc_desktop.sandbox import forms
from smsc_desktop.sandbox import protocol as p

FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_urlencoded_pairs_keep_bytes_until_the_charset_is_known() -> None:
    assert forms.urlencoded_pairs(b"a=1&b=%D0%AF+x&c&&=skipped&d=\xff") == [
        (b"a", b"1"),
        (b"b", b"\xd0\xaf x"),
        (b"c", b""),
        (b"d", b"\xff"),
    ]


def test_multipart_pairs_tolerate_lf_and_quoted_names() -> None:
    body = (
        b'preamble\n--b\nContent-Disposition: form-data; name="a\\"q"\n\nv1\n'
        b"--b\r\ncontent-disposition: form-data; name=plain\r\n\r\nv2\r\n--b--\r\nepilogue"
    )
    pairs, problem = forms.multipart_pairs(body, 'multipart/form-data; boundary="b"')
    assert pairs == [(b'a"q', b"v1"), (b"plain", b"v2")]
    assert problem is None


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r", "utf-8"])
def test_multipart_values_follow_the_charset_parameter(charset: str) -> None:
    codec = p.CHARSETS[charset]
    body = (
        b'--b\r\nContent-Disposition: form-data; name="mes"\r\n\r\n'
        + "Привет, мир".encode(codec)
        + b'\r\n--b\r\nContent-Disposition: form-data; name="charset"\r\n\r\n'
        + charset.encode()
        + b"\r\n--b--\r\n"
    )
    params = p.parse_params("fmt=3", body, "multipart/form-data; boundary=b")
    assert params.get("mes") == "Привет, мир"
    assert params.charset == charset
    assert params.body_kind == "multipart"
    assert params.problem is None
    assert params.fmt == 3


@FUZZ
@given(
    query=st.text(max_size=80),
    body=st.binary(max_size=400),
    content_type=st.sampled_from(
        [
            "",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=b",
            'multipart/form-data; boundary="--b"',
            "multipart/mixed; boundary=",
            "text/plain; charset=koi8-r",
            "application/json",
        ]
    ),
)
def test_parse_params_never_raises(query: str, body: bytes, content_type: str) -> None:
    params = p.parse_params(query, body, content_type)
    assert params.fmt in {0, 1, 2, 3}
    assert params.codec in set(p.CHARSETS.values())
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.values.items())


@FUZZ
@given(
    fields=st.lists(
        st.tuples(st.sampled_from(["login", "psw", "mes", "phones", "x"]), st.binary(max_size=30)),
        max_size=6,
    ),
    cut=st.integers(min_value=0, max_value=400),
    charset=st.sampled_from(["windows-1251", "koi8-r", "utf-8", "latin-1"]),
)
def test_multipart_fields_survive_and_truncation_is_reported(
    fields: list[tuple[str, bytes]], cut: int, charset: str
) -> None:
    boundary = b"XyZ0123456789"
    body = b""
    for name, value in [*fields, ("charset", charset.encode())]:
        if boundary in value:
            continue
        body += b"--" + boundary + b"\r\n"
        body += b'Content-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n'
        body += value + b"\r\n"
    body += b"--" + boundary + b"--\r\n"
    pairs, problem = forms.multipart_pairs(body, "multipart/form-data; boundary=XyZ0123456789")
    assert problem is None
    assert pairs[-1] == (b"charset", charset.encode())
    truncated = body[: min(cut, len(body) - 3)]  # at least into the closing "--"
    params = p.parse_params("", truncated, "multipart/form-data; boundary=XyZ0123456789")
    assert params.problem is not None
