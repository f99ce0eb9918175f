"""Signing: the hash of a signing string, and the secret written in the handler URL."""

from __future__ import annotations

import enum
import hashlib
import re
import secrets
import zlib
from collections.abc import Mapping
from typing import Final

from smsc_desktop.services.callbacks.vocabulary import (
    DEFAULT_CHARSET,
    Algorithm,
    Charset,
    SigningScheme,
)

MAX_SECRET_LENGTH: Final = 64
"""Not documented; long enough for any sensible secret (open question 11)."""
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]+")


def hash_hex(algorithm: Algorithm, data: bytes) -> str:
    """md5/sha1 as lowercase hex; crc32 as an unsigned decimal number (see the package doc)."""
    if algorithm is Algorithm.MD5:
        return hashlib.md5(data, usedforsecurity=False).hexdigest()
    if algorithm is Algorithm.SHA1:
        return hashlib.sha1(data, usedforsecurity=False).hexdigest()
    return str(zlib.crc32(data) & 0xFFFFFFFF)


def encode_text(value: str | bytes, charset: Charset) -> bytes:
    """*value* as the bytes SMSC hashes: text in *charset*, bytes as they are."""
    if isinstance(value, bytes):
        return value
    return value.encode(charset.codec, errors="replace")


def sign(
    algorithm: Algorithm,
    scheme: SigningScheme,
    values: Mapping[str, str | bytes],
    secret: str,
    charset: Charset = DEFAULT_CHARSET,
) -> tuple[bytes, str]:
    """The string SMSC hashes for *values* and its hash: ``(data, hash)``.

    >>> sign(Algorithm.MD5, STATUS_SCHEME, {"id": "1", "phone": "79161234567", "status": "1"},
    ...      "secret")[0]
    b'1:79161234567:1:secret'
    """
    encoded = {name: encode_text(values[name], charset) for name in scheme.fields}
    data = scheme.data(encoded, encode_text(secret, charset))
    return data, hash_hex(algorithm, data)


class SecretProblem(enum.Enum):
    EMPTY = "empty"
    BAD_CHARACTERS = "bad_characters"
    TOO_LONG = "too_long"


def generate_secret(length: int = 24) -> str:
    """A random secret of allowed characters (letters, digits, ``-``, ``_``)."""
    return secrets.token_urlsafe(length)[:length]


def check_secret(secret: str) -> tuple[SecretProblem, str] | None:
    """``None`` when *secret* is allowed, else the problem and the offending characters."""
    if not secret:
        return SecretProblem.EMPTY, ""
    bad = "".join(dict.fromkeys(c for c in secret if not _SECRET_RE.fullmatch(c)))
    if bad:
        return SecretProblem.BAD_CHARACTERS, bad
    if len(secret) > MAX_SECRET_LENGTH:
        return SecretProblem.TOO_LONG, ""
    return None
