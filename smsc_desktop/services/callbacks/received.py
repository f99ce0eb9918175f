"""Received callbacks: a pasted body, query string, JSON, XML, ``name=value`` lines or whole
HTTP request taken apart, values kept as received."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from urllib.parse import unquote
from xml.etree import ElementTree

from smsc_desktop.services.callbacks.hashing import encode_text
from smsc_desktop.services.callbacks.vocabulary import DEFAULT_CHARSET, CallbackKind, Charset


class PayloadFormat(enum.StrEnum):
    FORM = "form"
    """``id=1&phone=…`` (a POST body)."""
    QUERY = "query"
    """A URL or ``?…`` query string."""
    JSON = "json"
    XML = "xml"
    LINES = "lines"
    """``name = value`` per line, or PHP ``print_r`` output."""
    HTTP = "http"
    """A whole HTTP request: request line, headers, body."""


class ParseProblem(enum.Enum):
    EMPTY = "empty"
    BAD_JSON = "bad_json"
    JSON_NOT_OBJECT = "json_not_object"
    BAD_XML = "bad_xml"
    NO_FIELDS = "no_fields"


class CallbackParseError(ValueError):
    def __init__(self, problem: ParseProblem, detail: str = "") -> None:
        self.problem = problem
        self.detail = detail
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)


RawValue = str | bytes
"""``bytes`` when the text carried percent-encoded bytes, ``str`` when it carried text."""


@dataclass(frozen=True, slots=True)
class ReceivedCallback:
    """A pasted callback, taken apart. Values are kept as received (see :data:`RawValue`)."""

    format: PayloadFormat
    fields: tuple[tuple[str, RawValue], ...]
    header_charset: Charset | None = None
    inner_format: PayloadFormat | None = None
    """For ``HTTP`` dumps: the format of the body."""
    user_agent: str = ""
    """For ``HTTP`` dumps: the ``User-Agent`` header (the app's test sender names itself)."""

    @property
    def from_test_sender(self) -> bool:
        """The request names SMSC Desktop's test sender as its agent (not SMSC)."""
        return "smsc-desktop" in self.user_agent.lower()

    def names(self) -> list[str]:
        return [name for name, _ in self.fields]

    def get(self, name: str) -> RawValue | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def text(self, name: str, charset: Charset) -> str | None:
        value = self.get(name)
        if value is None:
            return None
        if isinstance(value, bytes):
            return value.decode(charset.codec, errors="replace")
        return value

    def raw(self, name: str, charset: Charset) -> bytes | None:
        value = self.get(name)
        if value is None:
            return None
        return encode_text(value, charset)

    @property
    def declared_charset(self) -> Charset | None:
        """The charset SMSC used, from the callback's own ``charset`` field (SMSC posts the
        handler URL's parameters too). koi8-r is not used when ``fmt`` is given (any value,
        or an XML/JSON body, which only ``fmt`` asks for): windows-1251 then."""
        value = self.get("charset")
        if isinstance(value, bytes):
            value = value.decode("ascii", errors="replace")
        charset = Charset.parse(value) if value is not None else None
        if charset is Charset.KOI8_R and self.fmt_given:
            return DEFAULT_CHARSET
        return charset

    @property
    def fmt_given(self) -> bool:
        """The handler URL had an ``fmt`` parameter (the callback carries it, or its body is
        XML or JSON)."""
        body = self.inner_format or self.format
        return self.get("fmt") is not None or body in (PayloadFormat.JSON, PayloadFormat.XML)


def _decode_form(text: str) -> tuple[tuple[str, RawValue], ...]:
    fields: list[tuple[str, RawValue]] = []
    for piece in re.split(r"[&\n]", text):
        piece = piece.strip()
        if not piece:
            continue
        name, _, value = piece.partition("=")
        fields.append((_percent_text(name), _percent_bytes(value)))
    return tuple(fields)


def _percent_bytes(text: str) -> RawValue:
    """Percent-decode to bytes (``+`` is a space); text without escapes stays text.

    A value that mixes escapes with non-ASCII characters comes from a log that already shows
    decoded text: its escapes are read as UTF-8 and it stays text.
    """
    if "%" not in text and "+" not in text:
        return text
    if not text.isascii():
        return unquote(text.replace("+", " "))
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "%" and _HEX2.fullmatch(text[i + 1 : i + 3]):
            out.append(int(text[i + 1 : i + 3], 16))
            i += 3
            continue
        out += b" " if c == "+" else c.encode("ascii")
        i += 1
    return bytes(out)


_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")


def _percent_text(text: str) -> str:
    value = _percent_bytes(text)
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


_JSON_SCALARS = (str, int, float, bool)


def _parse_json(text: str) -> tuple[tuple[str, RawValue], ...]:
    try:
        data = json.loads(text, parse_int=str, parse_float=str)
    except ValueError as exc:
        raise CallbackParseError(ParseProblem.BAD_JSON, str(exc)) from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise CallbackParseError(ParseProblem.JSON_NOT_OBJECT)
    fields: list[tuple[str, RawValue]] = []
    for name, value in data.items():
        if value is None:
            fields.append((str(name), ""))
        elif isinstance(value, bool):
            fields.append((str(name), "1" if value else "0"))
        elif isinstance(value, _JSON_SCALARS):
            fields.append((str(name), str(value)))
        else:
            fields.append((str(name), json.dumps(value, ensure_ascii=False)))
    return tuple(fields)


def _parse_xml(text: str) -> tuple[tuple[str, RawValue], ...]:
    body = text.strip()
    if "<!DOCTYPE" in body.upper() or "<!ENTITY" in body.upper():
        raise CallbackParseError(ParseProblem.BAD_XML, "DOCTYPE and entities are not accepted")
    # ElementTree refuses str input with an encoding declaration other than utf-8 only when
    # given bytes; a str is already decoded, so drop the declaration.
    body = re.sub(r"^<\?xml[^>]*\?>", "", body).strip()
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise CallbackParseError(ParseProblem.BAD_XML, str(exc)) from None
    node = root
    # <result><item>…</item></result>: descend to the first element that holds leaves.
    while len(node) == 1 and not node.attrib and (len(node[0]) > 0 or node[0].attrib):
        node = node[0]
    fields: list[tuple[str, RawValue]] = [(k, v) for k, v in node.attrib.items()]
    for child in node:
        if len(child) == 0:
            fields.append((child.tag, child.text or ""))
    return tuple(fields)


_LINE_RE = re.compile(r"^\s*\[?([A-Za-z_][\w\-.]*)\]?\s*(=>|=|:)\s?(.*?)\s*$")


def _parse_lines(text: str) -> tuple[tuple[str, RawValue], ...]:
    fields: list[tuple[str, RawValue]] = []
    for line in text.splitlines():
        match = _LINE_RE.match(line)
        if match:
            fields.append((match.group(1), match.group(3)))
    return tuple(fields)


_REQUEST_LINE = re.compile(r"^(GET|POST|PUT)\s+(\S+)\s+HTTP/\d(\.\d)?\s*$", re.IGNORECASE)


def _sniff(text: str) -> PayloadFormat:
    head = text.lstrip()
    if head.startswith(("{", "[")):
        return PayloadFormat.JSON
    if head.startswith("<"):
        return PayloadFormat.XML
    first_line = head.splitlines()[0] if head else ""
    if _REQUEST_LINE.match(first_line):
        return PayloadFormat.HTTP
    if "?" in head and ("://" in head or head.startswith(("/", "?"))):
        return PayloadFormat.QUERY
    lines = [line for line in head.splitlines() if line.strip()]
    if len(lines) > 1 and "&" not in head:
        return PayloadFormat.LINES
    return PayloadFormat.FORM


def parse_callback(text: str) -> ReceivedCallback:
    """Take a pasted callback apart: form body, query string or URL, JSON, XML, ``name=value``
    lines or a whole HTTP request. Raises :class:`CallbackParseError`."""
    if not text or not text.strip():
        raise CallbackParseError(ParseProblem.EMPTY)
    fmt = _sniff(text)
    header_charset = None
    inner = None
    agent = ""
    if fmt is PayloadFormat.HTTP:
        fields, header_charset, inner, agent = _parse_http(text)
    elif fmt is PayloadFormat.JSON:
        fields = _parse_json(text)
    elif fmt is PayloadFormat.XML:
        fields = _parse_xml(text)
    elif fmt is PayloadFormat.QUERY:
        query = text.strip().split("?", 1)[1].split("#", 1)[0]
        fields = _decode_form(query)
    elif fmt is PayloadFormat.LINES:
        fields = _parse_lines(text)
    else:
        fields = _decode_form(text.strip())
    if not fields:
        raise CallbackParseError(ParseProblem.NO_FIELDS)
    return ReceivedCallback(fmt, fields, header_charset, inner, agent)


def _parse_http(
    text: str,
) -> tuple[tuple[tuple[str, RawValue], ...], Charset | None, PayloadFormat, str]:
    normalized = text.lstrip().replace("\r\n", "\n")
    head, _, body = normalized.partition("\n\n")
    lines = head.split("\n")
    match = _REQUEST_LINE.match(lines[0])
    assert match is not None
    target = match.group(2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    content_type = headers.get("content-type", "")
    charset_match = re.search(r"charset=([\w\-]+)", content_type, re.IGNORECASE)
    header_charset = Charset.parse(charset_match.group(1)) if charset_match else None
    get_fields = _decode_form(target.split("?", 1)[1]) if "?" in target else ()
    body = body.strip()
    body_fields: tuple[tuple[str, RawValue], ...] = ()
    inner = PayloadFormat.FORM
    if body:
        if "json" in content_type.lower():
            inner = PayloadFormat.JSON
        elif "xml" in content_type.lower():
            inner = PayloadFormat.XML
        else:
            inner = _sniff(body)
            if inner not in (PayloadFormat.JSON, PayloadFormat.XML, PayloadFormat.LINES):
                inner = PayloadFormat.FORM
        parser = {
            PayloadFormat.JSON: _parse_json,
            PayloadFormat.XML: _parse_xml,
            PayloadFormat.LINES: _parse_lines,
        }.get(inner, _decode_form)
        body_fields = parser(body)
    names = {name for name, _ in body_fields}
    merged = (*body_fields, *((n, v) for n, v in get_fields if n not in names))
    return merged, header_charset, inner, headers.get("user-agent", "")


def detect_kind(callback: ReceivedCallback) -> CallbackKind:
    """``waitcall`` → call verification, ``mes`` → incoming SMS, else a delivery status.

    ``waitcall`` is looked for first: SMSC records the call as an incoming message
    ``[waitcall]``, so a call-verification callback may carry ``mes`` as well (the seed
    does not say it does not), and it is still a call verification.
    """
    names = set(callback.names())
    if "waitcall" in names:
        return CallbackKind.WAITCALL
    if "mes" in names:
        return CallbackKind.INCOMING
    return CallbackKind.STATUS
