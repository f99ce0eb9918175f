"""Removing secrets from text before it reaches a log, an exception or a record.

Two layers: the form fields that carry secrets (``psw``, ``apikey``) are dropped or masked
by name, and any text that could echo them back (a response body, an httpx message) has
the secret values themselves replaced, in plain and URL-encoded spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, quote_plus

MASK = "***"
SECRET_FIELDS = frozenset({"psw", "apikey", "password", "passwd", "pwd", "key"})
"""Form or query field names whose values are always secret."""
CREDENTIAL_FIELDS = frozenset({"login", *SECRET_FIELDS})
"""Fields that identify the account; records and logs leave these out entirely."""
EXCERPT_LIMIT = 200

# psw=..., "apikey": "...", <psw>...</psw>: the value is replaced whatever it is.
_FIELD_PATTERNS = (
    re.compile(r"(?i)\b(psw|apikey|password)(\s*=\s*)([^&\s\"'<>;,]+)"),
    re.compile(r"(?i)([\"'](?:psw|apikey|password)[\"']\s*:\s*)(\"[^\"]*\"|'[^']*'|[^,}\s]+)"),
    re.compile(r"(?i)(<(psw|apikey|password)>)([^<]*)(</\2>)"),
)


def _variants(secret: str) -> set[str]:
    """The secret as written, and as different URL/form encoders may spell it."""
    out = {secret, secret.replace(" ", "+")}
    for safe in ("", "/", "$-_.!~*'()", "$-_.!~*'(),:@/;="):
        out.add(quote(secret, safe=safe))
        out.add(quote_plus(secret, safe=safe))
    return {v for v in out if v}


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Return *text* with every secret value and every ``psw=``/``apikey=`` value masked."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        for variant in sorted(_variants(secret), key=len, reverse=True):
            text = text.replace(variant, MASK)
    text = _FIELD_PATTERNS[0].sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    text = _FIELD_PATTERNS[1].sub(lambda m: f"{m.group(1)}{MASK!r}".replace("'", '"'), text)
    text = _FIELD_PATTERNS[2].sub(lambda m: f"{m.group(1)}{MASK}{m.group(4)}", text)
    return text


def excerpt(body: bytes | str, secrets: Iterable[str] = (), limit: int = EXCERPT_LIMIT) -> str:
    """A short, printable, secret-free excerpt of a response body (at most *limit* chars)."""
    if isinstance(body, bytes):
        # Only the head is needed; decode a little more than the limit so that a secret
        # straddling the cut is still recognised before the cut is made.
        text = body[: limit * 4 + 256].decode("utf-8", errors="replace")
    else:
        text = body[: limit * 4 + 256]
    text = redact_text(text, secrets)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def public_params(params: Mapping[str, object]) -> dict[str, str]:
    """The request parameters without any credential field, values as strings."""
    return {str(k): str(v) for k, v in params.items() if str(k).lower() not in CREDENTIAL_FIELDS}
