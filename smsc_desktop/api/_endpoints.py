"""Every SMSC request the client makes, declared once.

An :class:`Endpoint` names a request; its :class:`Spec` says where it goes (script and
command), how SMSC limits it (the guard key and the count per minute), whether it may be
retried, how big its answer may be and how long it may take; the builders below turn the
arguments of one call into a :class:`Call` (the form fields, the guard key and the parser).
``SmscClient``'s methods, ``SmscClient.wait_time`` and the download transport all read from
here, so a request's limit and key cannot differ between the call and the question "may I
send it now?".
"""

from __future__ import annotations

import enum
import hashlib
import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any, Final, Generic, TypeVar

from smsc_desktop.api import parsing
from smsc_desktop.api.models import (
    Balance,
    CallVerification,
    CaptchaImage,
    ExportJob,
    FreeNumber,
    IncomingMessage,
    RecordList,
    SendResult,
)
from smsc_desktop.api.ratelimit import GuardKey, RateGuard

__all__ = ["SPECS", "Call", "Endpoint", "Spec", "guard_key", "wait_time"]

T = TypeVar("T")

MAX_HOURS: Final = 168
MAX_MESSAGES: Final = 10000

# SMSC's documented limits of identical requests per minute.
LIMIT_RECEIVE_PHONES: Final = 2
LIMIT_WAIT_CALL: Final = 50
LIMIT_DOWNLOADS: Final = 3
LIMIT_BALANCE: Final = 10
# send.php: 1 identical send, 5 identical cost requests a minute (smsc-api.md 0.5, recalled).
LIMIT_SEND: Final = 1
LIMIT_SEND_COST: Final = 5

MAX_MESSAGE: Final = 1000
"""Characters of a message this client sends (a test message is short)."""
MAX_PHONES: Final = 100
MAX_IMAGE: Final = 1024 * 1024
"""A captcha picture is a few hundred bytes."""

MAX_BODY: Final = 4 * 1024 * 1024
"""Answers that are not files are never bigger than this (a few KB in practice)."""
MAX_LIST_BODY: Final = 64 * 1024 * 1024
"""The free-number list is ~10 MB; leave room for it to grow."""


class Endpoint(enum.Enum):
    """The SMSC requests of this client (``SmscClient.wait_time(Endpoint.RENT, phone=…)``)."""

    BALANCE = "balance"
    FREE_NUMBERS = "free_numbers"
    RENT = "rent"
    RENEWAL = "renewal"
    WAIT_CALL = "wait_call"
    INCOMING = "incoming"
    JOBS = "jobs"
    DOWNLOAD = "download"
    SEND = "send"
    SEND_COST = "send_cost"
    CAPTCHA = "captcha"

    @property
    def limit(self) -> int | None:
        """SMSC's count of identical requests per minute (``None``: no documented limit)."""
        return SPECS[self].limit


@dataclass(frozen=True, slots=True)
class Spec:
    """How one endpoint is sent, limited, retried and read."""

    script: str
    command: str
    limit: int | None
    """SMSC's count of identical requests per minute (``None``: no documented limit)."""
    mutating: bool = False
    """It changes the account: never retried; an unreadable answer is an unknown outcome."""
    retry_connect: bool = False
    """A connection refused before anything left is tried once more."""
    max_body: int = MAX_BODY
    deadline: float = 2.0
    """The whole request (connect, send, every read) in client timeouts."""
    signed: bool = True
    """A POST carrying ``fmt``, ``charset`` and the credentials. False: a plain GET, as a
    site visitor's browser makes it (the captcha picture), with no credentials at all."""


SPECS: Final[Mapping[Endpoint, Spec]] = {
    Endpoint.BALANCE: Spec("balance", "balance", LIMIT_BALANCE, retry_connect=True),
    Endpoint.FREE_NUMBERS: Spec(
        "receive_phones",
        "get",
        LIMIT_RECEIVE_PHONES,
        retry_connect=True,
        max_body=MAX_LIST_BODY,
        deadline=6.0,
    ),
    Endpoint.RENT: Spec("receive_phones", "buy", LIMIT_RECEIVE_PHONES, mutating=True),
    Endpoint.RENEWAL: Spec("receive_phones", "chg", LIMIT_RECEIVE_PHONES, mutating=True),
    Endpoint.WAIT_CALL: Spec("wait_call", "wait_call", LIMIT_WAIT_CALL, mutating=True),
    # SMSC documents no limit for get_answers; the key only carries a server error 9.
    Endpoint.INCOMING: Spec(
        "get", "get_answers", None, retry_connect=True, max_body=MAX_LIST_BODY, deadline=4.0
    ),
    Endpoint.JOBS: Spec("downloads", "get_list", LIMIT_DOWNLOADS, retry_connect=True),
    Endpoint.DOWNLOAD: Spec("downloads", "get_file", LIMIT_DOWNLOADS, retry_connect=True),
    Endpoint.SEND: Spec("send", "send", LIMIT_SEND, mutating=True),
    Endpoint.SEND_COST: Spec("send", "cost", LIMIT_SEND_COST, retry_connect=True),
    Endpoint.CAPTCHA: Spec(
        "imgcode", "imgcode", None, retry_connect=True, max_body=MAX_IMAGE, signed=False
    ),
}


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One request: the endpoint, its form fields (without ``fmt``, ``charset`` and the
    credentials), its guard key and the parser of a successful answer."""

    endpoint: Endpoint
    params: Mapping[str, str]
    guard_key: GuardKey
    parse: Callable[[Any], T] | None = None

    @property
    def spec(self) -> Spec:
        return SPECS[self.endpoint]

    @property
    def script(self) -> str:
        return SPECS[self.endpoint].script

    @property
    def command(self) -> str:
        return SPECS[self.endpoint].command

    @property
    def limit(self) -> int | None:
        return SPECS[self.endpoint].limit


# --- arguments ---------------------------------------------------------------------------


def clean_phone(phone: object) -> str:
    if not isinstance(phone, str | int) or isinstance(phone, bool):
        raise ValueError("The phone number must be text, for example 79991234567.")
    text = re.sub(r"[\s()\-.]", "", str(phone))
    text = text.removeprefix("+")
    if not text.isdigit() or not 3 <= len(text) <= 20:
        raise ValueError(
            f"{str(phone)[:30]!r} is not a phone number. "
            "Enter it in international format with digits only, for example 79991234567."
        )
    return text


def clean_phones(phones: object) -> list[str]:
    """One phone, several comma/semicolon-separated in a string, or a sequence of them."""
    if isinstance(phones, str):
        items: Sequence[object] = [p for p in re.split(r"[,;]", phones) if p.strip()]
    elif isinstance(phones, Sequence):
        items = phones
    else:
        raise ValueError("Give the phone numbers as text or a list of numbers.")
    if not items:
        raise ValueError("No phone number was given.")
    if len(items) > MAX_PHONES:
        raise ValueError(f"At most {MAX_PHONES} phone numbers can be sent at once.")
    return [clean_phone(item) for item in items]


def check_count(name: str, value: object, maximum: int | None, minimum: int = 1) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number.")
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" and {maximum}" if maximum is not None else ""
        raise ValueError(f"{name} must be between {minimum}{upper}; got {value}.")


def _file_ref(job_id: int | None, name: str | None) -> tuple[str, str]:
    if (job_id is None) == (name is None):
        raise ValueError("Give either the job id or the job file name to download.")
    if job_id is not None:
        check_count("job_id", job_id, None, minimum=0)
        return "id", str(job_id)
    if not isinstance(name, str) or not name.strip():
        raise ValueError("The job file name is empty.")
    return "name", name


def guard_key(
    endpoint: Endpoint,
    *,
    phone: str | None = None,
    job_id: int | None = None,
    name: str | None = None,
    limit: int | None = None,
    after_id: int | None = None,
    message: str | None = None,
    sender: str | None = None,
    imgcode: str | None = None,
    userip: str | None = None,
) -> GuardKey:
    """What makes two requests "identical" for SMSC's count.

    A send (``SEND``, ``SEND_COST``) is identified by its phones (``phone``, comma-separated
    for several) and a digest of its ``message`` and ``sender``, so the text itself is never
    kept with the guard's counts. The captcha pair (``imgcode``, ``userip``) is left out:
    whether SMSC counts a send with another code as identical is not documented, and
    counting it (the stricter reading) keeps the account under the limit either way (the
    sandbox plays both, ``send_identity``). The arguments stay for callers' convenience.
    """
    spec = SPECS[endpoint]
    if endpoint in (Endpoint.SEND, Endpoint.SEND_COST):
        del imgcode, userip  # see above: not part of what makes two sends identical
        phones = ",".join(clean_phones(phone))
        parts = (message or "", sender or "")
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
        return (spec.script, spec.command, phones, digest.hexdigest()[:20])
    if endpoint in (Endpoint.RENT, Endpoint.RENEWAL):
        return (spec.script, spec.command, clean_phone(phone))
    if endpoint is Endpoint.WAIT_CALL:
        return (spec.script, clean_phone(phone))
    if endpoint is Endpoint.JOBS:
        return (spec.script, spec.command, limit, after_id)
    if endpoint is Endpoint.DOWNLOAD:
        return (spec.script, spec.command, *_file_ref(job_id, name))
    if endpoint is Endpoint.BALANCE:
        return (spec.script,)
    return (spec.script, spec.command)


def wait_time(
    guard: RateGuard,
    endpoint: Endpoint,
    *,
    phone: str | None = None,
    job_id: int | None = None,
    name: str | None = None,
    limit: int | None = None,
    after_id: int | None = None,
    message: str | None = None,
    sender: str | None = None,
    imgcode: str | None = None,
    userip: str | None = None,
) -> float:
    """Seconds until *guard* lets this request go (0.0 = now); see ``SmscClient.wait_time``."""
    key = guard_key(
        endpoint,
        phone=phone,
        job_id=job_id,
        name=name,
        limit=limit,
        after_id=after_id,
        message=message,
        sender=sender,
        imgcode=imgcode,
        userip=userip,
    )
    return guard.wait_time(key, SPECS[endpoint].limit)


# --- the calls -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reading:
    """How answers are read: the server's time zone and the secrets to keep out of text."""

    tz: tzinfo
    secrets: tuple[str, ...]


def balance() -> Call[Balance]:
    return Call(Endpoint.BALANCE, {"cur": "1"}, guard_key(Endpoint.BALANCE), parsing.parse_balance)


def free_numbers(reading: Reading) -> Call[RecordList[FreeNumber]]:
    secrets = reading.secrets
    return Call(
        Endpoint.FREE_NUMBERS,
        {"get": "1"},
        guard_key(Endpoint.FREE_NUMBERS),
        lambda data: parsing.parse_free_numbers(data, secrets),
    )


def rent(phone: str, renew: bool) -> Call[Decimal]:
    phone = clean_phone(phone)
    params = {"buy": "1", "phone": phone, "noprolong": "0" if renew else "1"}
    return Call(Endpoint.RENT, params, guard_key(Endpoint.RENT, phone=phone), parsing.parse_rent)


def renewal(phone: str, renew: bool) -> Call[None]:
    phone = clean_phone(phone)
    params = {"chg": "1", "phone": phone, "noprolong": "0" if renew else "1"}
    return Call(Endpoint.RENEWAL, params, guard_key(Endpoint.RENEWAL, phone=phone), _nothing)


def _nothing(_data: object) -> None:
    return None


def wait_call(phone: str, requested_at: datetime) -> Call[CallVerification]:
    phone = clean_phone(phone)
    return Call(
        Endpoint.WAIT_CALL,
        {"phone": phone},
        guard_key(Endpoint.WAIT_CALL, phone=phone),
        lambda data: parsing.parse_call_verification(data, phone, requested_at),
    )


def incoming(
    reading: Reading,
    after_id: int | None,
    hours: int | None,
    to_phone: str | None,
    limit: int | None,
) -> Call[RecordList[IncomingMessage]]:
    check_count("after_id", after_id, None, minimum=0)
    check_count("hours", hours, MAX_HOURS)
    check_count("limit", limit, MAX_MESSAGES)
    params = {"get_answers": "1"}
    if after_id is not None:
        params["after_id"] = str(after_id)
    if hours is not None:
        params["hour"] = str(hours)
    if to_phone is not None:
        params["to_phone"] = clean_phone(to_phone)
    if limit is not None:
        params["cnt"] = str(limit)
    tz, secrets = reading.tz, reading.secrets
    return Call(
        Endpoint.INCOMING,
        params,
        guard_key(Endpoint.INCOMING),
        lambda data: parsing.parse_incoming(data, tz, secrets),
    )


def jobs(reading: Reading, limit: int | None, after_id: int | None) -> Call[RecordList[ExportJob]]:
    check_count("limit", limit, None)
    check_count("after_id", after_id, None, minimum=0)
    params = {"get_list": "1"}
    if limit is not None:
        params["cnt"] = str(limit)
    if after_id is not None:
        params["after_id"] = str(after_id)
    tz, secrets = reading.tz, reading.secrets
    return Call(
        Endpoint.JOBS,
        params,
        guard_key(Endpoint.JOBS, limit=limit, after_id=after_id),
        lambda data: parsing.parse_jobs(data, tz, secrets),
    )


def download(job_id: int | None, name: str | None) -> Call[None]:
    field, value = _file_ref(job_id, name)
    return Call(
        Endpoint.DOWNLOAD,
        {"get_file": "1", field: value},
        guard_key(Endpoint.DOWNLOAD, job_id=job_id, name=name),
    )


# --- sending ----------------------------------------------------------------------------


def _plain_field(name: str, value: object, maximum: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"The {name} is empty.")
    text = value.strip()
    if len(text) > maximum or not text.isprintable():
        raise ValueError(f"The {name} must be at most {maximum} printable characters.")
    return text


def send(
    phones: str | Sequence[str],
    message: str,
    *,
    sender: str | None,
    imgcode: str | None,
    userip: str | None,
    cost_only: bool,
) -> Call[SendResult]:
    """``send.php``: ``cost=1`` asks the price only; a send asks ``cost=3`` (the charge and
    the balance after it come back with the id)."""
    numbers = ",".join(clean_phones(phones))
    if not isinstance(message, str) or not message.strip():
        raise ValueError("The message text is empty.")
    if len(message) > MAX_MESSAGE:
        raise ValueError(f"The message is longer than {MAX_MESSAGE} characters.")
    params = {"phones": numbers, "mes": message, "cost": "1" if cost_only else "3"}
    if sender is not None and sender.strip():
        params["sender"] = _plain_field("sender name", sender, 15)
    if (imgcode is None) != (userip is None):
        raise ValueError("The code from the picture and the visitor's IP address go together.")
    if imgcode is not None and userip is not None:
        params["imgcode"] = _plain_field("code from the picture", imgcode, 16)
        try:
            params["userip"] = str(ipaddress.ip_address(userip.strip()))
        except ValueError:
            raise ValueError(f"{userip[:45]!r} is not an IP address.") from None
    endpoint = Endpoint.SEND_COST if cost_only else Endpoint.SEND
    key = guard_key(
        endpoint,
        phone=numbers,
        message=params["mes"],
        sender=params.get("sender"),
        imgcode=params.get("imgcode"),
        userip=params.get("userip"),
    )
    return Call(endpoint, params, key, lambda data: parsing.parse_send(data, cost_only))


def captcha() -> Call[CaptchaImage]:
    """``imgcode.php``: the picture itself, fetched without credentials (see the client)."""
    return Call(Endpoint.CAPTCHA, {}, guard_key(Endpoint.CAPTCHA))
