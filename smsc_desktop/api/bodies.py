"""Reading raw answers: SMSC errors in every ``fmt``, web pages, and JSON (also big arrays).

Nothing here does I/O and nothing converts field values (that is :mod:`.parsing`); every
function is safe to run in a worker thread. Error codes have at most 18 digits and SMSC's
own texts are cut at :data:`MAX_SERVER_TEXT` characters and made safe to show.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from smsc_desktop.api._sanitize import safe_text

__all__ = [
    "MAX_SERVER_TEXT",
    "BodyError",
    "ErrorBody",
    "decode_json",
    "decode_json_array",
    "find_error",
    "looks_like_html",
]


class BodyError(ValueError):
    """The body is not readable at all (not JSON, cut off, a web page)."""

    def __init__(self, message: str, *, html: bool = False) -> None:
        super().__init__(message)
        self.html = html


# --- error bodies -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErrorBody:
    """An SMSC error found in a body, in any of the four ``fmt`` shapes."""

    code: int | None
    message: str | None
    fmt: int
    unreadable: bool = False
    """An error code was sent but is not a number: the answer cannot be trusted."""


_BOM = b"\xef\xbb\xbf"
# Codes have at most 18 digits: a longer "code" is not an SMSC error body.
_FMT0 = re.compile(rb"^ERROR\s*=\s*(-?\d{1,18})\s*(?:\((.*)\))?\s*$", re.IGNORECASE | re.DOTALL)
_FMT1 = re.compile(rb"^(-?\d{1,18})\s*,\s*-(\d{1,18})\s*$")
_XML_CODE = re.compile(rb"<error_code>\s*(-?\d{1,18})\s*</error_code>", re.IGNORECASE)
_XML_TEXT = re.compile(rb"<error>(.*?)</error>", re.IGNORECASE | re.DOTALL)
_HTML_START = re.compile(rb"^<(?:!doctype\s+html|html|head|body|title|!--)", re.IGNORECASE)
_XML_ENTITIES = {b"&lt;": b"<", b"&gt;": b">", b"&quot;": b'"', b"&apos;": b"'", b"&amp;": b"&"}


def _head(body: bytes) -> bytes:
    if body.startswith(_BOM):
        body = body[len(_BOM) :]
    return body.lstrip()


def _text(raw: bytes) -> str:
    for old, new in _XML_ENTITIES.items():
        raw = raw.replace(old, new)
    return safe_text(raw[: MAX_SERVER_TEXT * 4].decode("utf-8", errors="replace"))[
        :MAX_SERVER_TEXT
    ].strip()


def looks_like_html(body: bytes) -> bool:
    """True when *body* starts like a web page."""
    return bool(_HTML_START.match(_head(body)[:512]))


def _to_code(value: object) -> int | None:
    """An error code: a whole number of at most 18 digits, else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) < 10**18 else None
    if isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value() and abs(value) < 10**18:
            return int(value)
        return None
    if isinstance(value, str) and len(value) <= 24:
        try:
            return _to_code(Decimal(value.strip()))
        except ArithmeticError:
            return None
    return None


def find_error(body: bytes, *, json_value: object = None) -> ErrorBody | None:
    """Return the SMSC error in *body*, or ``None`` when it is not an error body.

    Recognises ``{"error": …, "error_code": N}`` (fmt=3), ``<result><error>…</error>
    <error_code>N</error_code></result>`` (fmt=2), ``ERROR = N (text)`` (fmt=0) and
    ``0,-N`` (fmt=1). *json_value* may pass an already decoded JSON body.
    """
    if isinstance(json_value, Mapping):
        return _json_error(json_value)
    head = _head(body)
    if not head:
        return None
    first = head[:1]
    if first == b"{":
        if len(head) > 65536:
            return None  # an error body is tiny; a big object is a payload
        try:
            value = json.loads(head, parse_float=Decimal)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
        return _json_error(value) if isinstance(value, Mapping) else None
    if first == b"<":
        if looks_like_html(head):
            return None
        code_match = _XML_CODE.search(head[:8192])
        text_match = _XML_TEXT.search(head[:8192])
        if code_match or text_match:
            code = int(code_match.group(1)) if code_match else None
            message = _text(text_match.group(1)) if text_match else None
            if code is None and message:
                code = _code_from_text(message)
            return ErrorBody(abs(code) if code is not None else None, message or None, 2)
        return None
    if head[:5].upper() == b"ERROR":
        match = _FMT0.match(head[:4096].rstrip())
        if match:
            message = _text(match.group(2)) if match.group(2) is not None else None
            return ErrorBody(abs(int(match.group(1))), message or None, 0)
        return None
    if len(head) <= 64:
        match = _FMT1.match(head.rstrip())
        if match:
            return ErrorBody(int(match.group(2)), None, 1)
    return None


def _code_from_text(text: str) -> int | None:
    match = re.match(r"^\s*(\d{1,18})\b", text)
    return int(match.group(1)) if match else None


MAX_SERVER_TEXT = 300
"""SMSC's own error texts are a line; longer ones are cut."""


def _json_error(value: Mapping[Any, Any]) -> ErrorBody | None:
    has_error = "error" in value
    raw_code = value.get("error_code")
    code = _to_code(raw_code) if raw_code is not None else None
    if raw_code is not None and code is None and not has_error:
        return ErrorBody(None, None, 3, unreadable=True)
    if not has_error and (code is None or code == 0):
        return None
    message_value = value.get("error")
    message = None
    if isinstance(message_value, str | int | Decimal) and not isinstance(message_value, bool):
        message = safe_text(str(message_value))[:MAX_SERVER_TEXT].strip() or None
    if code is None and message is not None:
        # Some answers carry the code in "error" itself.
        digits = message.lstrip("-")
        code = _to_code(message) if digits.isdigit() and len(digits) <= 18 else None
        code = code if code is not None else _code_from_text(message)
    return ErrorBody(abs(code) if code is not None else None, message, 3)


# --- JSON -----------------------------------------------------------------------------


def decode_json(body: bytes, charset: str | None = None) -> Any:
    """Decode a JSON body (numbers with a fraction become ``Decimal``).

    Raises :class:`BodyError` for an empty, cut off or non-JSON body.
    """
    head = _head(body)
    if not head:
        raise BodyError("SMSC sent an empty answer.")
    if looks_like_html(head):
        raise BodyError("SMSC sent a web page instead of data.", html=True)
    try:
        return json.loads(head, parse_float=Decimal)
    except UnicodeDecodeError:
        pass
    except ValueError as exc:
        raise BodyError(_json_problem(head, exc)) from None
    except RecursionError:
        raise BodyError(_TOO_DEEP) from None
    # Not UTF-8 although charset=utf-8 was asked for: use the declared charset.
    encoding = charset or "windows-1251"
    try:
        return json.loads(head.decode(encoding, errors="strict"), parse_float=Decimal)
    except (LookupError, UnicodeDecodeError):
        raise BodyError("SMSC's answer is not valid text in any known encoding.") from None
    except ValueError as exc:
        raise BodyError(_json_problem(head, exc)) from None
    except RecursionError:
        raise BodyError(_TOO_DEEP) from None


_TOO_DEEP = "SMSC's answer is nested too deeply to be data."


_WS = re.compile(r"[ \t\n\r]*")
_WS_CHARS = frozenset(" \t\n\r")
_BETWEEN_OBJECTS = re.compile(r"\}[ \t\n\r]*,[ \t\n\r]*\{")
SLICE_CHARS = 128 * 1024
"""Size of the slices a big array is decoded in (about 1 ms of holding the GIL each)."""


def decode_json_array(body: bytes, charset: str | None = None) -> Any:
    """Decode a big JSON array of objects in slices.

    Same result as :func:`decode_json`, but ``json.loads`` on a 10 MB body holds the GIL
    for its whole run (~50-100 ms), stalling the event loop even from a worker thread.
    Here the array is cut between two objects (at ``}, {``) into ~128 KB slices decoded
    one by one, so the interpreter can switch threads in between. A cut that falls inside
    a string leaves that slice with an unterminated string, which fails to decode; then
    the body is decoded element by element instead. Anything that is not a top-level
    array goes to :func:`decode_json`.
    """
    head = _head(body)
    if head[:1] != b"[":
        return decode_json(body, charset)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return decode_json(body, charset)
    last = len(text.rstrip()) - 1
    if last < 1 or text[last] != "]":
        raise BodyError("SMSC's answer was cut off before the end.")
    loads = json.JSONDecoder(parse_float=Decimal).decode
    out: list[Any] = []
    position = 1
    try:
        while position < last:
            cut = _BETWEEN_OBJECTS.search(text, position + SLICE_CHARS, last)
            if cut is None:
                piece, position = text[position:last], last
            else:
                piece, position = text[position : cut.start() + 1], cut.end() - 1
            out.extend(loads(f"[{piece}]"))
    except ValueError:
        return _decode_elements(text, head)
    except RecursionError:
        raise BodyError(_TOO_DEEP) from None
    return out


def _skip_ws(skip: Callable[[str, int], re.Match[str] | None], text: str, index: int) -> int:
    match = skip(text, index)
    return match.end() if match is not None else index


def _decode_elements(text: str, head: bytes) -> list[Any]:
    """Decode a JSON array one element at a time (slower, exact error reporting)."""
    raw_decode = json.JSONDecoder(parse_float=Decimal).raw_decode
    skip = _WS.match
    out: list[Any] = []
    append = out.append
    try:
        index = _skip_ws(skip, text, 1)
        if text[index] == "]":
            return out
        while True:
            value, index = raw_decode(text, index)
            append(value)
            char = text[index]
            if char in _WS_CHARS:
                index = _skip_ws(skip, text, index)
                char = text[index]
            if char == ",":
                index += 1
                if text[index] in _WS_CHARS:
                    index = _skip_ws(skip, text, index)
                continue
            if char == "]":
                break
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)
    except IndexError:
        raise BodyError("SMSC's answer was cut off before the end.") from None
    except ValueError as exc:
        raise BodyError(_json_problem(head, exc)) from None
    except RecursionError:
        raise BodyError(_TOO_DEEP) from None
    if text[index + 1 :].strip():
        raise BodyError("SMSC's answer is damaged JSON.")
    return out


def _json_problem(head: bytes, exc: ValueError) -> str:
    if head[:1] in (b"{", b"["):
        if head.rstrip()[-1:] not in (b"}", b"]") or "Unterminated string" in str(exc):
            return "SMSC's answer was cut off before the end."
        return "SMSC's answer is damaged JSON."
    return "SMSC's answer is not JSON data."
