"""Typed, immutable results of the SMSC client."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Generic, Literal, TypeVar

__all__ = [
    "Balance",
    "CallVerification",
    "CaptchaImage",
    "DownloadResult",
    "ExportJob",
    "FreeNumber",
    "IncomingMessage",
    "JobStatus",
    "NumberKind",
    "RecordList",
    "RequestRecord",
    "SendResult",
    "SkippedRecord",
]

T = TypeVar("T")

CALL_VERIFICATION_WINDOW = timedelta(minutes=15)
"""The subscriber must call within this time of the request (SMSC docs)."""
WAITCALL_TEXT = "[waitcall]"


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A record of a list answer that could not be read, and why."""

    index: int
    reason: str
    excerpt: str


class RecordList(list[T], Generic[T]):
    """A list of parsed records that also tells which records were skipped.

    It is a plain ``list`` for every other purpose. ``skipped`` holds one
    :class:`SkippedRecord` for every element of the answer that could not be parsed.
    """

    skipped: tuple[SkippedRecord, ...]

    def __init__(self, items: Iterable[T] = (), skipped: Iterable[SkippedRecord] = ()) -> None:
        super().__init__(items)
        self.skipped = tuple(skipped)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


@dataclass(frozen=True, slots=True)
class Balance:
    """The account balance; ``currency`` is SMSC's code (``RUR``, ``KZT``, …) or ``""``."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}".strip()


@dataclass(frozen=True, slots=True)
class SendResult:
    """SMSC's answer to ``send.php``: what it sent (or, for ``cost_only``, would send).

    Every field is ``None`` when SMSC's answer leaves it out: ``id`` is the message id
    (not given to a cost request), ``count`` the number of SMS (parts × phones), ``cost`` the
    charge in the account's currency, ``balance`` the balance after the charge.
    """

    id: int | None
    count: int | None
    cost: Decimal | None
    balance: Decimal | None
    cost_only: bool = False
    """A price inquiry (``cost=1``): nothing was sent or charged."""


@dataclass(frozen=True, slots=True)
class CaptchaImage:
    """A captcha picture from ``imgcode.php``, as a site visitor's browser would load it."""

    data: bytes
    content_type: str
    """``image/png``, ``image/gif`` or ``image/jpeg``, read from the bytes themselves."""
    url: str


class NumberKind(enum.Enum):
    """What a free number is, from its SMSC type code."""

    VIRTUAL = "virtual"
    """Dedicated virtual number (type 1 or 4)."""
    SIM_HOSTING = "sim_hosting"
    """Number on the SIM hosting service (type 2)."""
    UNKNOWN = "unknown"

    @classmethod
    def from_code(cls, code: int) -> NumberKind:
        if code in (1, 4):
            return cls.VIRTUAL
        if code == 2:
            return cls.SIM_HOSTING
        return cls.UNKNOWN


@dataclass(frozen=True, slots=True)
class FreeNumber:
    """A dedicated receiving number available for rent.

    ``cost`` is the price for a full month; ``current_cost`` the price for the days left
    in the current month (what renting it now charges). ``info`` names the operator and
    the supported notification types.
    """

    phone: str
    type: int
    cost: Decimal
    current_cost: Decimal
    info: str

    @property
    def kind(self) -> NumberKind:
        return NumberKind.from_code(self.type)


@dataclass(frozen=True, slots=True)
class CallVerification:
    """A pending "confirm the number with a call" request.

    The subscriber ``subscriber_phone`` must call ``call_to`` within 15 minutes of
    ``requested_at``. ``all_phones`` lists every number the service may assign.
    """

    subscriber_phone: str
    call_to: str
    all_phones: tuple[str, ...]
    requested_at: datetime

    @property
    def expires_at(self) -> datetime:
        return self.requested_at + CALL_VERIFICATION_WINDOW


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """An SMS received on one of the account's numbers (``get.php?get_answers=1``).

    ``phone`` is the sender, ``to_phone`` the account number it arrived on. Times are
    timezone-aware; ``None`` when the server gave none. A call for number verification
    shows up as a message with the text ``[waitcall]`` (see :attr:`is_waitcall`).
    """

    id: int
    phone: str
    to_phone: str
    text: str
    received: datetime | None
    sent: datetime | None
    sms_id: int | None = None

    @property
    def is_waitcall(self) -> bool:
        return self.text.strip() == WAITCALL_TEXT


class JobStatus(enum.IntEnum):
    """State of a deferred export job (``downloads.php``)."""

    UNKNOWN = -1
    """A code this client does not know; see :attr:`ExportJob.status_code`."""
    WAITING = 0
    RUNNING = 1
    DONE = 2
    CANCELLED = 3
    FAILED = 4

    @classmethod
    def from_code(cls, code: int) -> JobStatus:
        try:
            return cls(code)
        except ValueError:
            return cls.UNKNOWN

    @property
    def is_final(self) -> bool:
        return self in (JobStatus.DONE, JobStatus.CANCELLED, JobStatus.FAILED)


@dataclass(frozen=True, slots=True)
class ExportJob:
    """A deferred export of sent messages. Its file can be downloaded once ``DONE``.

    ``created`` is when the job was made, ``time`` when it was started; ``file`` the name
    of its file ("" until there is one). ``status_code`` is the raw code from the server.
    """

    id: int
    name: str
    status: JobStatus
    created: datetime | None
    time: datetime | None
    file: str
    status_code: int = -1

    @property
    def is_downloadable(self) -> bool:
        return self.status is JobStatus.DONE


@dataclass(frozen=True, slots=True)
class DownloadResult:
    """What :meth:`SmscClient.download_job` did.

    ``total_bytes`` is the size of the finished file; ``received_bytes`` what arrived in
    this call; ``resumed_from`` the size of the partial file that was continued (0 when the
    download started from the beginning); ``restarted`` is true when a partial file existed
    but the server sent the whole file again.
    """

    path: Path
    total_bytes: int
    received_bytes: int
    resumed_from: int
    restarted: bool = False
    already_complete: bool = False
    http_status: int | None = None
    content_type: str | None = None
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One HTTP attempt, for the request log. Holds no credentials.

    ``host`` is the server host (with the port when it is not the default); ``endpoint``
    the script (``"receive_phones"``) and ``command`` the action (``"get"``, ``"buy"``,
    ``"get_file"``...). ``params`` are the form fields sent, without ``login``, ``psw`` and
    ``apikey``. ``error`` is the SMSC error code as text (``"2"``) or the error class name
    (``"ConnectFailedError"``, ``"CancelledError"``), ``None`` on success. ``message`` is
    the error's English sentence, secret-free.
    """

    started_at: datetime
    host: str
    endpoint: str
    command: str
    params: Mapping[str, str]
    duration: float
    http_status: int | None
    outcome: Literal["ok", "error"]
    error: str | None = None
    error_code: int | None = None
    bytes_received: int = 0
    attempt: int = 1
    message: str | None = field(default=None, compare=False)
