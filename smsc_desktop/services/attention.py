"""What needs a manager's attention in an account: one pure function, and a change detector.

``attention_items(facts, now)`` looks at one account's last known figures and files
(:class:`~smsc_desktop.services.overview.facts.AccountFacts`) and returns what needs a look,
as data: an :class:`AttentionItem` per thing (its kind, what it is about, the amounts), most
serious first. It reads nothing, writes nothing and keeps no state, so the overview, a
desktop notification and a test get the same answer from the same facts.

``AttentionWatch`` remembers which items it has seen per account and, given the items of a
new computation, returns the ones that are new (an item is identified by its account, kind
and subject, so a balance that stays low is reported once, and again only after it was fine
in between). ``OverviewService.attention_appeared`` emits them.

The kinds:

- ``LOW_BALANCE``: the balance is under the account's low-balance warning level;
- ``RENEWALS_NOT_COVERED``: the balance is under what next month's renewals of My numbers
  cost (they are charged on the 1st);
- ``RENEWAL_REFUSED``: SMSC refused the last change of a number's auto-renewal, so it renews
  (or is released) against the user's wish;
- ``PROBABLY_RENTED``: a rent got no answer and the number left the free list: confirm it in
  the SMSC cabinet;
- ``DOWNLOAD_FAILED``: an export file's download failed (retry it in the Exports tab);
- ``VERIFICATION_EXPIRED``: a call verification of the last 7 days ran out uncalled (one
  still "waiting" when its 15 minutes have passed counts, too);
- ``SIGN_IN_REFUSED``: the last refresh was refused for the account itself (wrong password
  or API key, IP not allowed, IP blocked).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the overview package imports this module: no import cycle at run time
    from smsc_desktop.services.overview.facts import AccountFacts

__all__ = [
    "RENEWALS_SOON",
    "AttentionItem",
    "AttentionKind",
    "AttentionWatch",
    "Severity",
    "attention_items",
    "next_renewal_date",
    "renewals_due_soon",
]

RENEWALS_SOON: Final = timedelta(days=7)
"""Renewals "due soon" are charged within this time."""


class AttentionKind(enum.StrEnum):
    LOW_BALANCE = "low_balance"
    RENEWALS_NOT_COVERED = "renewals_not_covered"
    RENEWAL_REFUSED = "renewal_refused"
    PROBABLY_RENTED = "probably_rented"
    DOWNLOAD_FAILED = "download_failed"
    VERIFICATION_EXPIRED = "verification_expired"
    SIGN_IN_REFUSED = "sign_in_refused"


class Severity(enum.IntEnum):
    WARNING = 1
    """Needs a look."""
    BAD = 2
    """Something failed, or money will run short."""


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One thing that needs attention in an account.

    ``subject`` says what it is about within the account: the phone number
    (``RENEWAL_REFUSED``, ``PROBABLY_RENTED``, ``VERIFICATION_EXPIRED``), the download's id
    (``DOWNLOAD_FAILED``), or ``""`` (the account as a whole). ``amount`` and ``limit`` are
    the balance and the level it is under (``LOW_BALANCE``: the warning level;
    ``RENEWALS_NOT_COVERED``: next month's renewals), in ``currency``. ``detail`` is the file
    name of a download, or the error kind of a refused sign-in. ``since`` is when it
    happened, when known.
    """

    profile_id: str
    kind: AttentionKind
    severity: Severity
    subject: str = ""
    amount: Decimal | None = None
    limit: Decimal | None = None
    currency: str = ""
    detail: str = ""
    since: datetime | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two computations' items the same item."""
        return (self.profile_id, self.kind.value, self.subject)


_ORDER: Final = {kind: n for n, kind in enumerate(AttentionKind)}


def next_renewal_date(now: datetime) -> date:
    """The 1st of next month (local date), when SMSC renews rented numbers."""
    today = now.astimezone().date()
    return (today.replace(day=28) + timedelta(days=4)).replace(day=1)


def renewals_due_soon(now: datetime, within: timedelta = RENEWALS_SOON) -> bool:
    """Whether the next renewal day is at most ``within`` away."""
    return (next_renewal_date(now) - now.astimezone().date()) <= within


def attention_items(facts: AccountFacts, now: datetime) -> tuple[AttentionItem, ...]:
    """What needs attention in the account of ``facts`` at ``now``, most serious first."""
    pid = facts.profile.id
    figures = facts.figures
    items: list[AttentionItem] = []
    balance, currency = figures.balance, figures.currency
    level = facts.profile.low_balance
    if balance is not None and level is not None and balance < level:
        items.append(
            AttentionItem(
                pid,
                AttentionKind.LOW_BALANCE,
                Severity.WARNING,
                amount=balance,
                limit=level,
                currency=currency,
                since=figures.balance_at,
            )
        )
    if figures.error is not None and figures.error.is_sign_in:
        items.append(
            AttentionItem(
                pid,
                AttentionKind.SIGN_IN_REFUSED,
                Severity.BAD,
                detail=figures.error.kind,
                since=figures.error.at,
            )
        )
    files = facts.files
    if files is not None:
        numbers = files.numbers
        same_money = not numbers.currency or not currency or numbers.currency == currency
        if balance is not None and numbers.renewing and same_money and numbers.monthly > balance:
            items.append(
                AttentionItem(
                    pid,
                    AttentionKind.RENEWALS_NOT_COVERED,
                    Severity.BAD,
                    amount=balance,
                    limit=numbers.monthly,
                    currency=currency or numbers.currency,
                    since=figures.balance_at,
                )
            )
        for refusal in numbers.refused:
            items.append(
                AttentionItem(
                    pid,
                    AttentionKind.RENEWAL_REFUSED,
                    Severity.BAD,
                    subject=refusal.phone,
                    detail="on" if refusal.wanted else "off",
                    since=refusal.at,
                )
            )
        for phone in numbers.probably_rented:
            items.append(
                AttentionItem(pid, AttentionKind.PROBABLY_RENTED, Severity.WARNING, subject=phone)
            )
        for download in files.downloads.failed:
            items.append(
                AttentionItem(
                    pid,
                    AttentionKind.DOWNLOAD_FAILED,
                    Severity.WARNING,
                    subject=download.id,
                    detail=download.file_name,
                )
            )
        verifications = files.verifications
        ran_out = [v for v in verifications.waiting if v.at is not None and v.at <= now]
        for ref in (*verifications.expired, *ran_out):
            if ref.at is not None and now - ref.at > timedelta(days=7):
                continue
            items.append(
                AttentionItem(
                    pid,
                    AttentionKind.VERIFICATION_EXPIRED,
                    Severity.WARNING,
                    subject=ref.id,
                    detail=ref.phone,
                    since=ref.at,
                )
            )
    items.sort(key=lambda i: (-i.severity, _ORDER[i.kind]))
    return tuple(items)


class AttentionWatch:
    """Which attention items are new since the last look, per account."""

    def __init__(self) -> None:
        self._known: dict[str, frozenset[tuple[str, str, str]]] = {}

    def seed(self, items: Mapping[str, Iterable[AttentionItem]]) -> None:
        """Take these items as seen (at start: what was known before is not news)."""
        for profile_id, found in items.items():
            self._known[profile_id] = frozenset(i.key for i in found)

    def update(self, profile_id: str, items: Iterable[AttentionItem]) -> list[AttentionItem]:
        """The items of ``profile_id`` not in its previous update; they become known."""
        current = list(items)
        before = self._known.get(profile_id, frozenset())
        self._known[profile_id] = frozenset(i.key for i in current)
        return [i for i in current if i.key not in before]

    def forget(self, profile_id: str) -> None:
        """The account is gone (deleted)."""
        self._known.pop(profile_id, None)
