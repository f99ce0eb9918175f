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
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from smsc_desktop.api._sanitize import bounded_int, check_decimal, safe_text, short_number_text
from smsc_desktop.api.bodies import (
    BodyError,
    ErrorBody,
    decode_json,
    decode_json_array,
    find_error,
    looks_like_html,
)
from smsc_desktop.api.models import (
    Balance,
    CallVerification,
    ExportJob,
    FreeNumber,
    IncomingMessage,
    JobStatus,
    RecordList,
    SendResult,
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


# Re-exported: the raw-body readers live in .bodies.
__all__ = [
    "MSK",
    "BodyError",
    "ErrorBody",
    "ShapeError",
    "decode_json",
    "decode_json_array",
    "extract_records",
    "find_error",
    "looks_like_html",
    "parse_balance",
    "parse_call_verification",
    "parse_free_numbers",
    "parse_incoming",
    "parse_jobs",
    "parse_records",
    "parse_rent",
    "parse_send",
    "to_decimal",
    "to_int",
    "to_phone",
    "to_phones",
    "to_str",
    "to_time",
]


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
    """Text from a string, a number or nothing (``""``); made safe to keep and show."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
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
    text = safe_text(value).strip()
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
        return (to_phone(value),)
    if isinstance(value, str):
        return tuple(to_phone(p) for p in _PHONE_SPLIT.split(value.strip()) if p)
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
        phone
        if type(phone) is str and 0 < len(phone) <= 64 and phone.isprintable()
        else to_phone(phone),
        type_value
        if type(type_value) is int and -_TYPE_LIMIT < type_value < _TYPE_LIMIT
        else to_int(type_value),
        _money(record["cost"]),
        _money(current),
        info if type(info) is str and info.isprintable() else to_str(info),
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


def parse_send(data: object, cost_only: bool) -> SendResult:
    """``send.php``'s answer: ``{"id", "cnt"[, "cost", "balance"]}``; a cost request
    (``cost=1``) gives ``{"cost", "cnt"}``. Numbers may come as strings."""
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, Mapping):
        raise ShapeError("expected an object with 'cnt'")
    message_id = _optional(data, "id")
    count = _optional(data, "cnt", "count")
    cost = _optional(data, "cost")
    balance = _optional(data, "balance")
    if cost_only and cost is None:
        raise ShapeError("no 'cost' field")
    if not cost_only and message_id is None and count is None:
        raise ShapeError("no 'id' or 'cnt' field")
    result = SendResult(
        id=None if message_id in (None, "") else to_int(message_id),
        count=None if count in (None, "") else to_int(count),
        cost=None if cost in (None, "") else to_decimal(cost),
        balance=None if balance in (None, "") else to_decimal(balance),
        cost_only=cost_only,
    )
    if (result.count is not None and result.count < 0) or (result.cost or 0) < 0:
        raise ShapeError("a negative count or cost")
    return result


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
