"""Signing: the hash of each signing string, against vectors computed outside Python
(``tests/helpers/callback_vectors.py``), and the secret's rules."""

from __future__ import annotations

import pytest

from smsc_desktop.services.callbacks import (
    INCOMING_CANDIDATES,
    STATUS_SCHEME,
    WAITCALL_SCHEME,
    Algorithm,
    Charset,
    SecretProblem,
    check_secret,
    hash_hex,
    sign,
)
from tests.helpers.callback_vectors import (
    INCOMING_VALUES,
    INCOMING_VECTORS,
    STATUS_SECRET,
    STATUS_VALUES,
    STATUS_VECTORS,
    WAITCALL_VECTORS,
)


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
