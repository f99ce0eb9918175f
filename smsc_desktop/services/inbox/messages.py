"""The incoming messages an account has received, as the inbox watch keeps them.

``InboxMessages`` holds every message the watch has read, once (by SMSC's id), in id order,
which is the order SMSC received them in. :func:`search` picks the ones to show: on one
number or all, whose sender or text contains a query; ``Haystack`` keeps the lowered text
of each message so that filtering 10,000 of them stays well inside a frame.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from smsc_desktop.api import IncomingMessage

MAX_KEPT: Final = 50_000
"""The most messages kept in memory per account (the oldest go first)."""


def digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


class InboxMessages:
    """Messages by id, oldest first; adding one that is already there does nothing."""

    def __init__(self, limit: int = MAX_KEPT) -> None:
        self._limit = limit
        self._ids: list[int] = []
        self._items: list[IncomingMessage] = []
        self._known: set[int] = set()

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
        overflow = len(self._items) - self._limit
        if overflow > 0:
            self._known.difference_update(self._ids[:overflow])
            del self._ids[:overflow]
            del self._items[:overflow]
        return fresh

    def all(self) -> list[IncomingMessage]:
        """Every message kept, oldest first."""
        return list(self._items)

    def numbers(self) -> set[str]:
        """The account's numbers that messages arrived on (``to_phone``, digits)."""
        return {digits(m.to_phone) for m in self._items}

    @property
    def newest_id(self) -> int | None:
        return self._ids[-1] if self._ids else None

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._known


@dataclass(frozen=True, slots=True)
class Haystack:
    """One message made searchable: its number, and its sender and text lowered."""

    to_phone: str
    text: str

    @classmethod
    def of(cls, message: IncomingMessage) -> Haystack:
        sender = message.phone
        return cls(digits(message.to_phone), f"{sender} {digits(sender)} {message.text}".casefold())


def search(haystacks: Sequence[Haystack], number: str | None = None, query: str = "") -> list[int]:
    """Rows of ``haystacks`` on ``number`` (digits; None: every number) whose sender or text
    contains every word of ``query`` (case-insensitive; digits of a phone match however it
    is written)."""
    words = [_word(w) for w in query.casefold().split()]
    if number:
        rows = [r for r, h in enumerate(haystacks) if h.to_phone == number]
    else:
        rows = list(range(len(haystacks)))
    if not words:
        return rows
    return [r for r in rows if all(w in haystacks[r].text for w in words)]


def _word(word: str) -> str:
    """A word of a query; a phone-like one (``+7``, ``916-555``) as its digits."""
    phone_like = word.lstrip("+").replace("-", "").isdigit()
    return digits(word) if phone_like else word
