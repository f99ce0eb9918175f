"""Wire conventions shared by every ``/sys/*.php`` script: parameters, charset, fmt, errors.

Parameters come from the query string and from a POST body, urlencoded or
``multipart/form-data`` (``forms.py``), the body winning on a clash. Every value (escaped,
raw 8-bit or a multipart part) is decoded in the request's ``charset`` (``windows-1251`` by
default, ``utf-8``, ``koi8-r``); the response is encoded in the same charset. ``fmt`` picks the body shape (0 text, 1 bare values, 2 XML, 3 JSON).

Errors always come back with HTTP 200:

- fmt=0  ``ERROR = N (description)``
- fmt=1  ``0,-N``
- fmt=2  ``<result><error>description</error><error_code>N</error_code></result>``
- fmt=3  ``{"error": "description", "error_code": N}``

JSON is written with ``ensure_ascii=False`` (Cyrillic travels in the response charset);
only characters the charset cannot hold become ``\\uXXXX`` escapes. XML uses ``&#N;``
references for them, fmt=0/1 a ``?``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from smsc_desktop.sandbox import forms

DEFAULT_CHARSET = "windows-1251"

#: Accepted ``charset`` values (lower-cased) and their Python codecs.
CHARSETS: Mapping[str, str] = {
    "windows-1251": "cp1251",
    "cp1251": "cp1251",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "koi8-r": "koi8_r",
}

#: Parameters that do not make two requests different for the identical-request limits.
NEUTRAL_PARAMS = frozenset({"login", "psw", "apikey", "fmt", "charset"})
SECRET_PARAMS = frozenset({"psw", "apikey"})

# The descriptions the sandbox sends. 2, 3 and 9 are SMSC's own texts as seen in the wild.
ERR_PARAMS = "parameters error"
ERR_AUTH = "authorise error"
ERR_NO_MONEY = "no money"
ERR_IP_BLOCKED = "IP is temporarily blocked"
ERR_DUPLICATE = "duplicate request, wait a minute"
ERR_CONCURRENCY = "too many concurrent requests"
ERR_INVALID_PHONE = "invalid phone"
ERR_PHONE_NOT_AVAILABLE = "phone is not available"
ERR_PHONE_NOT_YOURS = "phone is not rented by this client"
ERR_JOB_NOT_FOUND = "job not found"
ERR_JOB_NOT_READY = "job file is not ready"

DEFAULT_ERROR_TEXTS: Mapping[int, str] = {
    1: ERR_PARAMS,
    2: ERR_AUTH,
    3: ERR_NO_MONEY,
    4: ERR_IP_BLOCKED,
    5: "wrong date format",
    6: "message is denied",
    7: "invalid number",
    8: "can't to deliver",
    9: ERR_DUPLICATE,
}


class SmscError(Exception):
    """An SMSC error to be answered in the request's fmt (always HTTP 200)."""

    def __init__(self, code: int, message: str | None = None) -> None:
        self.code = int(code)
        self.message = message or DEFAULT_ERROR_TEXTS.get(self.code, "error")
        super().__init__(f"{self.code}: {self.message}")


@dataclass(frozen=True)
class Params:
    """Decoded request parameters plus the negotiated charset and fmt."""

    values: Mapping[str, str]
    charset: str
    codec: str
    fmt: int
    body_kind: str = ""
    """``""`` (no body), ``"urlencoded"`` or ``"multipart"``."""
    problem: str | None = None
    """Why the body could not be read completely (answered with error 1)."""

    def get(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def flag(self, name: str) -> bool:
        return self.values.get(name, "").strip() == "1"

    def has(self, name: str) -> bool:
        return name in self.values

    def identity(self) -> tuple[tuple[str, str], ...]:
        """The parameters that make a request "identical" (auth, fmt, charset excluded)."""
        return tuple(sorted((k, v) for k, v in self.values.items() if k not in NEUTRAL_PARAMS))

    def redacted(self) -> dict[str, str]:
        return {k: ("***" if k in SECRET_PARAMS else v) for k, v in self.values.items()}


def _charset_of(pairs: Iterable[tuple[bytes, bytes]]) -> str:
    label = DEFAULT_CHARSET
    for key, value in pairs:
        if key == b"charset":
            label = value.decode("latin-1").strip().lower()
    return label if label in CHARSETS else DEFAULT_CHARSET


def parse_params(raw_query: str, body: bytes = b"", content_type: str = "") -> Params:
    """Decode the query string and the body in the charset the request names.

    The body is read as ``multipart/form-data`` when ``content_type`` says so, otherwise as
    a urlencoded form (as PHP does); body fields win over query fields. ``charset`` may sit
    in either. Never raises: undecodable bytes become U+FFFD and a malformed body is
    reported in :attr:`Params.problem`.
    """
    pairs = forms.urlencoded_pairs(raw_query.encode("utf-8", "surrogateescape"))
    body_kind = ""
    problem: str | None = None
    if body or content_type.lower().startswith("multipart/"):
        if content_type.lower().startswith("multipart/"):
            body_kind = "multipart"
            body_pairs, problem = forms.multipart_pairs(body, content_type)
        else:
            body_kind = "urlencoded"
            body_pairs = forms.urlencoded_pairs(body)
        pairs += body_pairs
    charset = _charset_of(pairs)
    codec = CHARSETS[charset]
    values = {key.decode(codec, "replace"): value.decode(codec, "replace") for key, value in pairs}
    fmt_raw = values.get("fmt", "0").strip()
    fmt = int(fmt_raw) if fmt_raw in {"0", "1", "2", "3"} else 0
    return Params(
        values=values,
        charset=charset,
        codec=codec,
        fmt=fmt,
        body_kind=body_kind,
        problem=problem,
    )


CONTENT_TYPES: Mapping[int, str] = {
    0: "text/plain",
    1: "text/plain",
    2: "text/xml",
    3: "application/json",
}


def content_type(fmt: int, charset: str) -> str:
    return f"{CONTENT_TYPES.get(fmt, 'text/plain')}; charset={charset}"


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    # Only strings hold non-ASCII characters in JSON text, so an escape is always valid.
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


codecs.register_error("smsc-sandbox-json", _json_escape)


def encode_json(obj: Any, codec: str) -> bytes:
    """JSON in the charset; characters it cannot hold become ``\\uXXXX`` escapes."""
    text = json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
    return text.encode(codec, "smsc-sandbox-json")


def encode_text(text: str, fmt: int, codec: str) -> bytes:
    if fmt == 2:
        return text.encode(codec, "xmlcharrefreplace")
    return text.encode(codec, "replace")


def xml_text(tag: str, value: object) -> str:
    return f"<{tag}>{escape(str(value))}</{tag}>"


def xml_empty(tag: str, attrs: Mapping[str, object]) -> str:
    inner = " ".join(f"{k}={quoteattr(str(v))}" for k, v in attrs.items())
    return f"<{tag} {inner}/>"


def error_body(code: int, message: str, fmt: int, codec: str) -> bytes:
    """The body of an SMSC error in the given fmt."""
    if fmt == 3:
        return encode_json({"error": message, "error_code": code}, codec)
    if fmt == 2:
        text = f"<result>{xml_text('error', message)}{xml_text('error_code', code)}</result>"
        return encode_text(text, 2, codec)
    if fmt == 1:
        return encode_text(f"0,-{code}", 1, codec)
    return encode_text(f"ERROR = {code} ({message})", 0, codec)


@dataclass(frozen=True)
class Reply:
    """A small success answer given in all four shapes."""

    json: Any = None
    xml: str = ""
    text: str = ""
    values: str = ""

    def render(self, fmt: int, codec: str) -> bytes:
        if fmt == 3:
            return encode_json(self.json, codec)
        if fmt == 2:
            return encode_text(self.xml, 2, codec)
        if fmt == 1:
            return encode_text(self.values, 1, codec)
        return encode_text(self.text, 0, codec)
