"""Reading SMSC answers: error bodies in every ``fmt``, JSON, and tolerant field values.

Nothing here does I/O; every function is safe to run in a worker thread. Numbers are
bounded before they are converted and text is made safe (:mod:`._sanitize`), so a hostile
body gives a ``ValueError``/``TypeError``/:class:`ShapeError` (a ``ProtocolError`` to the
caller), never another exception, a hang or a value that fails later.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from smsc_desktop.api._sanitize import (
    bounded_int,
    check_decimal,
    safe_text,
    short_number_text,
)
from smsc_desktop.api.models import (
    Balance,
    CallVerification,
    ExportJob,
    FreeNumber,
    IncomingMessage,
    JobStatus,
    RecordList,
    SkippedRecord,
)
from smsc_desktop.api.redact import excerpt

T = TypeVar("T")

MSK = timezone(timedelta(hours=3), "MSK")
"""SMSC's server time (Moscow, UTC+3 all year): how date strings without a zone are read."""
MAX_TIMESTAMP = 32503680000
"""Unix seconds of the year 3000: a later "time" is not one."""


class ShapeError(ValueError):
    """The body is valid but not shaped like this endpoint's answer."""


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
    try:
        return to_int(value)
    except (TypeError, ValueError):
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


# --- tolerant values -------------------------------------------------------------------


def to_int(value: object) -> int:
    """An integer from a JSON number or a numeric string."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return bounded_int(value)
    if isinstance(value, str):
        text = short_number_text(value)
        try:
            return bounded_int(int(text))
        except ValueError:
            value = to_decimal(text)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a finite number")
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        check_decimal(value)
        if value != value.to_integral_value():
            raise ValueError(f"{value} is not a whole number")
        return bounded_int(int(value))
    raise TypeError(f"expected a number, got {type(value).__name__}")


def to_decimal(value: object) -> Decimal:
    """A ``Decimal`` from a JSON number or a string like ``"250.80"`` or ``"1 250,80"``."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(bounded_int(value))
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = short_number_text(value)
        try:
            result = Decimal(text)
        except InvalidOperation:
            text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
            try:
                result = Decimal(text)
            except InvalidOperation:
                raise ValueError(f"{value[:40]!r} is not a number") from None
    else:
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return check_decimal(result)


def to_str(value: object) -> str:
    """Text from a string, a number or nothing (``""``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(bounded_int(value))
    if isinstance(value, Decimal | float):
        return str(to_decimal(value))
    raise TypeError(f"expected text, got {type(value).__name__}")


def to_phone(value: object) -> str:
    """A phone number as text (JSON numbers are accepted); must not be empty."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a phone number")
    if isinstance(value, int):
        value = str(bounded_int(value))
    if not isinstance(value, str):
        raise TypeError(f"expected a phone number, got {type(value).__name__}")
    text = value.strip()
    if not text:
        raise ValueError("empty phone number")
    if len(text) > 64:
        raise ValueError("the phone number is too long")
    return text


_PHONE_SPLIT = re.compile(r"[,;\s]+")


def to_phones(value: object) -> tuple[str, ...]:
    """A list of phone numbers from a JSON list or a comma-separated string."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(to_phone(v) for v in value if not (isinstance(v, str) and not v.strip()))
    if isinstance(value, int) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, str):
        return tuple(p for p in _PHONE_SPLIT.split(value.strip()) if p)
    raise TypeError(f"expected a list of phone numbers, got {type(value).__name__}")


_TIME_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%y %H:%M:%S",
    "%d.%m.%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)


def to_time(value: object, tz: tzinfo = MSK) -> datetime | None:
    """A timezone-aware time from Unix seconds or a date string.

    Accepts ``"dd.mm.yyyy hh:mm:ss"`` (and shorter forms), ISO strings, and Unix time as a
    number or numeric string. Strings without a zone are read in *tz* (SMSC server time).
    ``None``, ``""`` and ``0`` mean no time.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        seconds = float(to_decimal(value))
        if seconds <= 0:
            return None
        if seconds >= MAX_TIMESTAMP:
            raise ValueError("the time is out of range")
        return datetime.fromtimestamp(seconds, UTC)
    if not isinstance(value, str):
        raise TypeError(f"expected a time, got {type(value).__name__}")
    text = value.strip()
    if not text or text in ("0", "00.00.0000 00:00:00", "0000-00-00 00:00:00"):
        return None
    if len(text) > 64:
        raise ValueError("the time is too long to be a date")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return to_time(to_decimal(text), tz)
    for fmt in _TIME_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.replace(tzinfo=tz)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text[:40]!r} is not a date and time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


# --- lists -----------------------------------------------------------------------------

_WRAPPER_KEYS = (
    "list",
    "data",
    "items",
    "result",
    "results",
    "phones",
    "numbers",
    "messages",
    "answers",
    "jobs",
    "downloads",
    "tasks",
)


def extract_records(data: object, record_keys: Iterable[str]) -> list[Any]:
    """The list of records in *data*: a bare list, or a list wrapped in an object.

    Also accepts an object of records keyed by id, and a single record object.
    """
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping):
        if not data:
            return []
        for key in _WRAPPER_KEYS:
            inner = data.get(key)
            if isinstance(inner, list | Mapping):
                return extract_records(inner, record_keys)
        keys = set(record_keys)
        if keys & set(data):
            return [data]
        values = list(data.values())
        if all(isinstance(v, Mapping) for v in values):
            return values
        lists = [v for v in values if isinstance(v, list)]
        if len(lists) == 1:
            return lists[0]
    raise ShapeError("expected a list of records")


def parse_records(
    data: object,
    convert: Callable[[Mapping[str, Any]], T],
    record_keys: Iterable[str],
    secrets: Iterable[str] = (),
) -> RecordList[T]:
    """Convert every record; a record that cannot be read is skipped and reported.

    Raises :class:`ShapeError` when the answer holds records but none of them can be read
    (the answer as a whole is not understood).
    """
    records = extract_records(data, record_keys)
    out: list[T] = []
    skipped: list[SkippedRecord] = []
    append = out.append
    for index, record in enumerate(records):
        try:
            if type(record) is not dict and not isinstance(record, Mapping):
                raise TypeError(f"expected an object, got {type(record).__name__}")
            append(convert(record))
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            skipped.append(SkippedRecord(index, reason, _record_excerpt(record, secrets)))
    if records and not out:
        first = skipped[0] if skipped else None
        raise ShapeError(
            f"none of the {len(records)} records could be read"
            + (f" (first: {first.reason})" if first else "")
        )
    return RecordList(out, skipped)


def _record_excerpt(record: object, secrets: Iterable[str]) -> str:
    try:
        text = json.dumps(record, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = f"<{type(record).__name__}>"
    return excerpt(text, secrets, limit=120)


def _first(record: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        if name in record:
            return record[name]
    raise KeyError(names[0])


def _optional(record: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        value = record.get(name)
        if value is not None:
            return value
    return None


# --- endpoint answers -----------------------------------------------------------------


def parse_balance(data: object) -> Balance:
    if isinstance(data, Mapping):
        if "balance" not in data:
            raise ShapeError("no 'balance' field")
        currency = _optional(data, "currency", "cur")
        return Balance(to_decimal(data["balance"]), to_str(currency).strip())
    if isinstance(data, int | Decimal | str) and not isinstance(data, bool):
        return Balance(to_decimal(data), "")
    raise ShapeError("expected an object with 'balance'")


def _money(value: object) -> Decimal:
    # Fast path for the common cases (a Decimal from the JSON decoder, a plain string).
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, str) and len(value) <= 40:
        try:
            result = Decimal(value)
        except ArithmeticError:
            return to_decimal(value)
    else:
        return to_decimal(value)
    return check_decimal(result)


_TYPE_LIMIT = 2**31


def free_number(record: Mapping[str, Any]) -> FreeNumber:
    """One free number; written for speed, as lists hold up to ~100,000 of them."""
    get = record.get
    phone = get("phone")
    if phone is None:
        phone = get("number")
        if phone is None:
            raise KeyError("phone")
    type_value = record["type"]
    current = get("current_cost")
    if current is None:
        current = get("cur_cost")
        if current is None:
            raise KeyError("current_cost")
    info = get("info")
    return FreeNumber(
        phone if type(phone) is str and 0 < len(phone) <= 64 else to_phone(phone),
        type_value
        if type(type_value) is int and -_TYPE_LIMIT < type_value < _TYPE_LIMIT
        else to_int(type_value),
        _money(record["cost"]),
        _money(current),
        info if type(info) is str else to_str(info),
    )


def parse_free_numbers(data: object, secrets: Iterable[str] = ()) -> RecordList[FreeNumber]:
    return parse_records(data, free_number, ("phone", "cost"), secrets)


def parse_rent(data: object) -> Decimal:
    if isinstance(data, Mapping):
        value = _optional(data, "cost", "sum", "price", "amount")
        if value is None:
            raise ShapeError("no 'cost' field")
        return to_decimal(value)
    if isinstance(data, int | Decimal | str) and not isinstance(data, bool):
        return to_decimal(data)
    raise ShapeError("expected an object with 'cost'")


def parse_call_verification(
    data: object, subscriber_phone: str, requested_at: datetime
) -> CallVerification:
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, Mapping):
        raise ShapeError("expected an object with 'phone'")
    if "phone" not in data:
        raise ShapeError("no 'phone' field")
    call_to = to_phone(data["phone"])
    all_phones = to_phones(data.get("all_phones"))
    if not all_phones:
        all_phones = (call_to,)
    return CallVerification(subscriber_phone, call_to, all_phones, requested_at)


def incoming_message(record: Mapping[str, Any], tz: tzinfo = MSK) -> IncomingMessage:
    sms_id = record.get("sms_id")
    return IncomingMessage(
        id=to_int(record["id"]),
        phone=to_phone(_first(record, "phone", "from")),
        to_phone=to_str(_optional(record, "to_phone", "to")).strip(),
        text=to_str(_optional(record, "message", "mes", "text")),
        received=to_time(_optional(record, "received", "time"), tz),
        sent=to_time(record.get("sent"), tz),
        sms_id=to_int(sms_id) if sms_id not in (None, "", 0, "0") else None,
    )


def parse_incoming(
    data: object, tz: tzinfo = MSK, secrets: Iterable[str] = ()
) -> RecordList[IncomingMessage]:
    return parse_records(
        data, lambda r: incoming_message(r, tz), ("id", "phone", "message"), secrets
    )


def export_job(record: Mapping[str, Any], tz: tzinfo = MSK) -> ExportJob:
    code = to_int(record["status"])
    return ExportJob(
        id=to_int(record["id"]),
        name=to_str(record.get("name")),
        status=JobStatus.from_code(code),
        created=to_time(record.get("created"), tz),
        time=to_time(record.get("time"), tz),
        file=to_str(record.get("file")),
        status_code=code,
    )


def parse_jobs(
    data: object, tz: tzinfo = MSK, secrets: Iterable[str] = ()
) -> RecordList[ExportJob]:
    return parse_records(data, lambda r: export_job(r, tz), ("id", "status"), secrets)
