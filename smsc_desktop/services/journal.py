"""The journal of money: every rent, renewal change and test SMS, appended to one file per
profile.

The file (``journal.jsonl`` in the profile's folder) is JSON Lines and only ever appended
to: a line is written *before* a paid request is sent (outcome ``requested``) and another
when its outcome is known, so even a crash in between leaves a trace. Nothing rewrites or
truncates it. Reading is tolerant: a damaged line (a crash mid-write, a hand edit) is
skipped and counted, never fatal.
"""

from __future__ import annotations

import enum
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from smsc_desktop.services.ids import new_id
from smsc_desktop.services.storage import append_line, decimal_or_none

__all__ = ["Journal", "JournalAction", "JournalEntry", "JournalOutcome", "new_op_id"]

log = logging.getLogger("smsc_desktop.services.journal")

JOURNAL_FILE = "journal.jsonl"


class JournalAction(enum.StrEnum):
    RENT = "rent"
    RENEWAL_ON = "renewal_on"
    RENEWAL_OFF = "renewal_off"
    CHECK = "check"
    """Reconciling a rent (against the free-number list) or a send (against the balance)
    whose result was unknown."""
    SEND = "send"
    """A test SMS (the Verification tab's site captcha page)."""


class JournalOutcome(enum.StrEnum):
    REQUESTED = "requested"
    """Written just before the request is sent; a later line gives the outcome."""
    OK = "ok"
    REFUSED = "refused"
    """SMSC answered with an error: nothing was done."""
    NOT_SENT = "not_sent"
    """The request never left this computer (rate limit, connection failed)."""
    UNKNOWN = "unknown"
    """The request left and no readable answer came back."""
    PROBABLY_RENTED = "probably_rented"
    NOT_RENTED = "not_rented"
    CHECK_FAILED = "check_failed"
    PROBABLY_SENT = "probably_sent"
    """A send whose result was unknown: the balance went down by its price."""
    PROBABLY_NOT_SENT = "probably_not_sent"
    """A send whose result was unknown: the balance did not change."""


FINAL_OUTCOMES = frozenset(JournalOutcome) - {JournalOutcome.REQUESTED}


def new_op_id() -> str:
    return new_id()


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One line of the journal.

    ``amount`` is the money charged (or at stake, on a ``requested`` line); ``monthly`` the
    price per month and ``renew`` the renewal choice; ``error_code``/``error`` what SMSC
    answered (code and text) or the kind of failure (``OutcomeUnknownError``);
    ``balance_before``/``balance_after`` the evidence of a check; ``message_id`` the id SMSC
    gave a sent SMS; ``detail`` anything else. Lines of one operation share ``op``.
    """

    time: datetime
    profile: str
    action: JournalAction
    phone: str
    outcome: JournalOutcome
    amount: Decimal | None = None
    currency: str = ""
    monthly: Decimal | None = None
    renew: bool | None = None
    error_code: int | None = None
    error: str = ""
    balance_before: Decimal | None = None
    balance_after: Decimal | None = None
    detail: str = ""
    op: str = field(default_factory=new_op_id)
    message_id: int | None = None

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "time": self.time.astimezone(UTC).isoformat(timespec="seconds"),
            "profile": self.profile,
            "action": self.action.value,
            "phone": self.phone,
            "amount": _money(self.amount),
            "currency": self.currency,
            "outcome": self.outcome.value,
            "op": self.op,
        }
        optional = {
            "monthly": _money(self.monthly),
            "renew": self.renew,
            "error_code": self.error_code,
            "error": self.error,
            "balance_before": _money(self.balance_before),
            "balance_after": _money(self.balance_after),
            "detail": self.detail,
            "message_id": self.message_id,
        }
        data.update((k, v) for k, v in optional.items() if v not in (None, ""))
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> JournalEntry:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        time = datetime.fromisoformat(str(data["time"]))
        if time.tzinfo is None:
            time = time.replace(tzinfo=UTC)
        renew = data.get("renew")
        code = data.get("error_code")
        message_id = data.get("message_id")
        return cls(
            time=time,
            profile=str(data.get("profile", "")),
            action=JournalAction(data["action"]),
            phone=str(data.get("phone", "")),
            outcome=JournalOutcome(data["outcome"]),
            amount=decimal_or_none(data.get("amount")),
            currency=str(data.get("currency", "")),
            monthly=decimal_or_none(data.get("monthly")),
            renew=None if renew is None else bool(renew),
            error_code=None if code is None else int(code),
            error=str(data.get("error", "")),
            balance_before=decimal_or_none(data.get("balance_before")),
            balance_after=decimal_or_none(data.get("balance_after")),
            detail=str(data.get("detail", "")),
            op=str(data.get("op", "")),
            message_id=None if message_id is None else int(message_id),
        )

    @property
    def is_final(self) -> bool:
        return self.outcome in FINAL_OUTCOMES


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class Journal:
    """The append-only journal file of one profile."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / JOURNAL_FILE
        self.skipped_lines = 0

    def append(self, entry: JournalEntry) -> None:
        """Append one line and flush it to disk. Raises ``OSError`` (e.g. disk full).

        Safe to call from a worker thread (it emits nothing)."""
        append_line(self.path, entry.to_json())

    def read(self) -> list[JournalEntry]:
        """Every readable line, oldest first; unreadable lines are skipped and counted."""
        entries: list[JournalEntry] = []
        skipped = 0
        try:
            with self.path.open("r", encoding="utf-8", errors="replace") as fh:
                for number, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        entries.append(JournalEntry.from_json(line))
                    except (ValueError, KeyError, TypeError) as exc:
                        skipped += 1
                        log.warning("Journal %s line %d unreadable: %s", self.path, number, exc)
        except FileNotFoundError:
            pass
        self.skipped_lines = skipped
        return entries


def operations(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    """One entry per operation, newest first: its last line, timed at its first line.

    A ``requested`` line without a later outcome stays as it is: the app stopped before the
    answer came (the request may or may not have been carried out).
    """
    first_time: dict[str, datetime] = {}
    last: dict[str, JournalEntry] = {}
    for entry in entries:
        key = entry.op or f"line-{id(entry)}"
        first_time.setdefault(key, entry.time)
        last[key] = entry
    merged = [replace(e, time=first_time[k]) for k, e in last.items()]
    merged.sort(key=lambda e: e.time, reverse=True)
    return merged
