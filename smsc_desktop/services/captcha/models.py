"""What the site-captcha service takes and reports: the test message as typed and checked,
the price SMSC quoted, and the outcome of a send, as data (the UI words them)."""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass
from decimal import Decimal

from smsc_desktop.api import SendResult, SmscError
from smsc_desktop.services.phones import PhoneCheck, check_phone

__all__ = [
    "MAX_TEXT",
    "DraftCheck",
    "DraftProblem",
    "NotSentReason",
    "SendCheck",
    "SendOutcome",
    "SendQuote",
    "SendStatus",
    "SmsDraft",
    "check_draft",
]

MAX_TEXT = 1000
"""Characters of a test message (SMSC takes longer ones; a test needs no more)."""
MAX_SENDER = 11
MAX_CODE = 16


class DraftProblem(enum.Enum):
    """Why the typed test message cannot be sent as it is."""

    PHONE = "phone"
    """See ``DraftCheck.phone.problem``."""
    NO_TEXT = "no_text"
    TEXT_TOO_LONG = "text_too_long"
    SENDER = "sender"
    """A sender name has 1-11 letters, digits, spaces or ``.-_``, or up to 15 digits."""
    NO_CODE = "no_code"
    CODE = "code"
    """The code from the picture has unprintable characters or is too long."""
    NO_USERIP = "no_userip"
    USERIP = "userip"
    """The visitor's IP address is not an IP address."""


@dataclass(frozen=True, slots=True)
class SmsDraft:
    """A test message, checked and normalised: what ``send_sms`` is given."""

    phone: str
    """International digits."""
    text: str
    sender: str | None
    imgcode: str
    userip: str
    """As ``ipaddress`` writes it."""


@dataclass(frozen=True, slots=True)
class DraftCheck:
    draft: SmsDraft | None
    problems: tuple[DraftProblem, ...]
    phone: PhoneCheck

    @property
    def ok(self) -> bool:
        return self.draft is not None


def _sender_ok(sender: str) -> bool:
    if sender.isdigit():
        return len(sender) <= 15
    return len(sender) <= MAX_SENDER and all(ch.isalnum() or ch in " .-_" for ch in sender)


def check_draft(phone: str, text: str, sender: str, imgcode: str, userip: str) -> DraftCheck:
    """Check what was typed; every problem is listed (not only the first)."""
    problems: list[DraftProblem] = []
    phone_check = check_phone(phone)
    if not phone_check.ok:
        problems.append(DraftProblem.PHONE)
    if not text.strip():
        problems.append(DraftProblem.NO_TEXT)
    elif len(text) > MAX_TEXT:
        problems.append(DraftProblem.TEXT_TOO_LONG)
    sender = sender.strip()
    if sender and not (sender.isascii() and _sender_ok(sender)):
        problems.append(DraftProblem.SENDER)
    code = imgcode.strip()
    if not code:
        problems.append(DraftProblem.NO_CODE)
    elif len(code) > MAX_CODE or not code.isprintable():
        problems.append(DraftProblem.CODE)
    address = ""
    if not userip.strip():
        problems.append(DraftProblem.NO_USERIP)
    else:
        try:
            address = str(ipaddress.ip_address(userip.strip()))
        except ValueError:
            problems.append(DraftProblem.USERIP)
    if problems:
        return DraftCheck(None, tuple(problems), phone_check)
    draft = SmsDraft(phone_check.digits, text, sender or None, code, address)
    return DraftCheck(draft, (), phone_check)


@dataclass(frozen=True, slots=True)
class SendQuote:
    """SMSC's price for the draft (``cost=1``) and the balance it was asked against."""

    draft: SmsDraft
    cost: Decimal
    count: int
    balance: Decimal | None
    currency: str

    @property
    def balance_after(self) -> Decimal | None:
        return None if self.balance is None else self.balance - self.cost

    @property
    def enough_money(self) -> bool | None:
        """``False`` when the balance is known and too low; ``None`` when unknown."""
        return None if self.balance is None else self.balance >= self.cost


class SendStatus(enum.StrEnum):
    SENT = "sent"
    REFUSED = "refused"
    """SMSC answered with an error: nothing was sent or charged."""
    NOT_SENT = "not_sent"
    """Nothing left this computer (see ``NotSentReason``)."""
    UNKNOWN = "unknown"
    """The request left and no readable answer came back (see ``SendCheck``)."""


class NotSentReason(enum.StrEnum):
    BUSY = "busy"
    """A test message is being sent already."""
    RATE_LIMITED = "rate_limited"
    """SMSC's limit of identical sends: the same message went out less than a minute ago."""
    NETWORK = "network"
    JOURNAL = "journal"
    """The journal could not be written, so the paid request was not sent."""


class SendCheck(enum.StrEnum):
    """What the balance said after a send whose answer was lost."""

    PROBABLY_SENT = "probably_sent"
    PROBABLY_NOT_SENT = "probably_not_sent"
    CHECK_FAILED = "check_failed"
    """The balance could not be read, or changed by another amount than the price."""


@dataclass(frozen=True, slots=True)
class SendOutcome:
    quote: SendQuote
    status: SendStatus
    result: SendResult | None = None
    error: SmscError | OSError | None = None
    reason: NotSentReason | None = None
    check: SendCheck | None = None
    balance_before: Decimal | None = None
    balance_after: Decimal | None = None
    picture_age: float | None = None
    """Seconds between loading the picture here and sending its code (None: no picture)."""

    @property
    def draft(self) -> SmsDraft:
        return self.quote.draft

    @property
    def reached_smsc(self) -> bool:
        """The request left: SMSC has seen (and, on its side, used up) the code."""
        return self.status is not SendStatus.NOT_SENT
