"""The incoming messages an account has received, as the inbox watch keeps them.

``InboxMessages`` holds every message the watch has read, once (by SMSC's id), in id order,
which is the order SMSC received them in. :func:`search` picks the ones to show: on one
number or all, whose sender or text contains a query; ``Haystack`` keeps the lowered text
of each message so that filtering 10,000 of them stays well inside a frame.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from smsc_desktop.api import IncomingMessage

MAX_KEPT: Final = 50_000
"""The most messages kept in memory per account (the oldest go first)."""


_NOT_DIGITS = re.compile(r"\D+")


@lru_cache(maxsize=4096)
def digits(phone: str) -> str:
    """The digits of a phone as written (``+7 916 555-01-01`` → ``79165550101``)."""
    return phone if phone.isdigit() else _NOT_DIGITS.sub("", phone)


class InboxMessages:
    """Messages by id, oldest first; adding one that is already there does nothing."""

    def __init__(self, limit: int = MAX_KEPT) -> None:
        self._limit = limit
        self._ids: list[int] = []
        self._items: list[IncomingMessage] = []
        self._known: set[int] = set()
        self._sms_numbers: set[str] = set()

    def add(self, messages: Iterable[IncomingMessage]) -> list[IncomingMessage]:
        """Keep the messages not seen before; returns those, oldest first."""
        fresh = sorted(
            {m.id: m for m in messages if m.id not in self._known}.values(), key=lambda m: m.id
        )
        if not fresh:
            return []
        if not self._ids or fresh[0].id > self._ids[-1]:
            self._ids.extend(m.id for m in fresh)
            self._items.extend(fresh)
        else:  # an id lower than the newest (SMSC's order is not promised): insert in place
            for message in fresh:
                at = bisect.bisect_left(self._ids, message.id)
                self._ids.insert(at, message.id)
                self._items.insert(at, message)
        self._known.update(m.id for m in fresh)
        self._sms_numbers.update(digits(m.to_phone) for m in fresh if not m.is_waitcall)
        overflow = len(self._items) - self._limit
        if overflow > 0:
            self._known.difference_update(self._ids[:overflow])
            del self._ids[:overflow]
            del self._items[:overflow]
            self._sms_numbers = {digits(m.to_phone) for m in self._items if not m.is_waitcall}
        return fresh

    def all(self) -> list[IncomingMessage]:
        """Every message kept, oldest first."""
        return list(self._items)

    def sms_numbers(self) -> set[str]:
        """The account's numbers that SMS arrived on (``to_phone``, digits; the numbers of
        SMSC's that verification calls went to are not the account's)."""
        return set(self._sms_numbers)

    @property
    def newest_id(self) -> int | None:
        return self._ids[-1] if self._ids else None

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._known


class Haystacks:
    """The messages made searchable, row by row: the number each came to (digits), and its
    sender (as written and as digits) and text, lowered. The texts are made when a search
    first needs them, so a load that shows everything does not pay for them."""

    __slots__ = ("_texts", "_waiting", "numbers")

    def __init__(self, messages: Iterable[IncomingMessage] = ()) -> None:
        self.numbers: list[str] = []
        self._texts: list[str] = []
        self._waiting: list[IncomingMessage] = []
        self.extend(messages)

    def extend(self, messages: Iterable[IncomingMessage]) -> None:
        added = list(messages)
        self.numbers.extend(digits(m.to_phone) for m in added)
        self._waiting.extend(added)

    @property
    def texts(self) -> list[str]:
        if self._waiting:
            self._texts.extend(
                f"{m.phone} {digits(m.phone)} {m.text}".casefold() for m in self._waiting
            )
            self._waiting = []
        return self._texts

    def __len__(self) -> int:
        return len(self.numbers)


def search(
    haystacks: Haystacks, number: str | None = None, query: str = "", start: int = 0
) -> list[int]:
    """Rows (from ``start`` on) on ``number`` (digits; None: every number) whose sender or
    text contains every word of ``query`` (case-insensitive; digits of a phone match however
    it is written)."""
    words = [_word(w) for w in query.casefold().split()]
    end = len(haystacks.numbers)
    if number:
        numbers = haystacks.numbers
        rows = [r for r in range(start, end) if numbers[r] == number]
    else:
        rows = list(range(start, end))
    if not words:
        return rows
    texts = haystacks.texts
    if len(words) == 1:
        word = words[0]
        return [r for r in rows if word in texts[r]]
    return [r for r in rows if all(w in texts[r] for w in words)]


def _word(word: str) -> str:
    """A word of a query; a phone-like one (``+7``, ``916-555``) as its digits."""
    phone_like = word.lstrip("+").replace("-", "").isdigit()
    return digits(word) if phone_like else word
