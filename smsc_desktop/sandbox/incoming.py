"""Incoming SMS that land later: simulated ones with a delay, and the demo's trickle.

A message gets its id when it lands in an inbox, as on SMSC (a reader polling with
``after_id`` never misses one that was scheduled earlier but lands later). Both kinds are
driven by the sandbox clock and delivered when the sandbox next looks at its inboxes, so an
advanced clock delivers them at once and a test never waits for real time.

The trickle (``SandboxConfig.trickle_seconds`` > 0, on in ``--demo``): every that many
seconds one SMS on a rented number of each account with seeded data, the senders, numbers
and texts taken in turn from fixed lists, so two runs show the same messages.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from smsc_desktop.sandbox.errors import ControlError

if TYPE_CHECKING:
    from smsc_desktop.sandbox.clock import SandboxClock
    from smsc_desktop.sandbox.config import SandboxConfig
    from smsc_desktop.sandbox.state import Account

MAX_INBOX: Final = 20000
"""Messages an inbox keeps beyond the ones seeded (``--messages``); the oldest go first. A
demo left open lands a call every few seconds; ``get_answers`` reads at most 10,000."""
INBOX_SLACK: Final = 500
"""How far past its cap an inbox grows before the oldest are dropped (in one step)."""
TRICKLE_CATCH_UP: Final = 12
"""After a long pause (a clock jump), at most this many trickle messages land at once."""

TRICKLE_SENDERS: Final = (
    "79161234567",
    "79035550011",
    "79261112233",
    "77012345678",
    "79857654321",
    "79990001122",
    "SMSC.RU",
)
TRICKLE_TEXTS: Final = (
    "Здравствуйте! Подскажите, заказ №4821 уже отправлен?",
    "Код подтверждения: 318204. Никому его не сообщайте.",
    "Спасибо, получили. Оплату проведём сегодня до 18:00.",
    "Сәлеметсіз бе! Жеткізу қашан болады?",
    "Please call me back about the invoice, thanks",
    "Добрый день. Прошу перезвонить по поводу договора поставки на следующий квартал: "
    "нам нужно обсудить объёмы, сроки и порядок оплаты, а также подписать дополнительное "
    "соглашение до конца месяца. Удобно в любое время после 14:00.",
    "Ок 👍",
    "STOP",
)


@dataclass
class Message:
    """An SMS in an account's inbox."""

    id: int
    phone: str
    to_phone: str
    sent: float  # unix, when the subscriber's phone sent it
    received: float  # unix
    message: str


@dataclass(frozen=True, slots=True)
class Scheduled:
    """An SMS to land at ``due`` (sandbox unix time) on ``to_phone`` of ``login``."""

    due: float
    login: str
    phone: str
    to_phone: str
    text: str


@dataclass
class Deliveries:
    """The SMS still to land: scheduled ones (by due time) and the trickle's next one."""

    trickle_seconds: float = 0.0
    started: float = 0.0
    _scheduled: list[Scheduled] = field(default_factory=list)
    _trickle_turn: int = 0

    def schedule(self, item: Scheduled) -> None:
        at = bisect.bisect_right([s.due for s in self._scheduled], item.due)
        self._scheduled.insert(at, item)

    def pending(self) -> list[Scheduled]:
        return list(self._scheduled)

    def due(self, now: float, targets: Iterable[tuple[str, list[str]]]) -> list[Scheduled]:
        """Take every SMS due by ``now``, in the order they land. ``targets``: the accounts
        the trickle writes to, as (login, its rented numbers)."""
        ready: list[Scheduled] = []
        while self._scheduled and self._scheduled[0].due <= now:
            ready.append(self._scheduled.pop(0))
        ready.extend(self._trickle(now, [(login, nums) for login, nums in targets if nums]))
        ready.sort(key=lambda s: s.due)
        return ready

    def _trickle(self, now: float, targets: list[tuple[str, list[str]]]) -> list[Scheduled]:
        period = self.trickle_seconds
        if period <= 0 or not targets:
            return []
        turns = int((now - self.started) // period)
        if turns <= self._trickle_turn:
            return []
        first = max(self._trickle_turn + 1, turns - TRICKLE_CATCH_UP + 1)
        self._trickle_turn = turns
        made = []
        for turn in range(first, turns + 1):
            due = self.started + turn * period
            for login, numbers in targets:
                made.append(
                    Scheduled(
                        due,
                        login,
                        TRICKLE_SENDERS[turn % len(TRICKLE_SENDERS)],
                        numbers[turn % len(numbers)],
                        TRICKLE_TEXTS[turn % len(TRICKLE_TEXTS)],
                    )
                )
        return made


def _phone(raw: str) -> str:
    phone = raw.strip()
    return phone[1:] if phone.startswith("+") else phone


class InboxMixin:
    """The inboxes' part of :class:`~smsc_desktop.sandbox.state.SandboxState`: messages
    land here (now, scheduled, trickled) and are shown as ``get_answers`` shows them."""

    accounts: dict[str, Account]
    config: SandboxConfig
    clock: SandboxClock
    deliveries: Deliveries
    _message_ids: Iterator[int]

    def add_message(
        self,
        account: Account,
        phone: str,
        to_phone: str,
        text: str,
        *,
        received: float | None = None,
    ) -> Message:
        self.deliver_due()  # what was due lands first, with the lower ids
        return self._append_message(account, phone, to_phone, text, received)

    def _append_message(
        self, account: Account, phone: str, to_phone: str, text: str, received: float | None
    ) -> Message:
        when = self.clock.time() if received is None else received
        message = Message(
            next(self._message_ids),
            _phone(phone),
            _phone(to_phone),
            float(int(when) - 2),
            when,
            text,
        )
        inbox = account.inbox
        inbox.append(message)
        cap = MAX_INBOX + self.config.inbox_messages
        if len(inbox) > cap + INBOX_SLACK:
            del inbox[: len(inbox) - cap]
        return message

    def deliver_due(self) -> None:
        """Land the scheduled and trickled SMS whose time has come (``incoming.py``)."""
        targets = [
            (cfg.login, sorted(self.accounts[cfg.login].rented))
            for cfg in self.config.accounts
            if cfg.seed_data and cfg.login in self.accounts
        ]
        for item in self.deliveries.due(self.clock.time(), targets):
            account = self.accounts.get(item.login)
            if account is not None:
                message = self._append_message(
                    account, item.phone, item.to_phone, item.text, item.due
                )
                self.landed(account, message)

    def landed(self, account: Account, message: Message) -> None:
        """An SMS from a subscriber has landed (not seeded history): the state POSTs its
        callback when a handler URL is set."""

    def message_view(self, message: Message) -> dict[str, Any]:
        """An inbox message as ``get_answers`` shows it: the live reply's key order, and both
        times as ``dd.mm.yyyy hh:mm:ss`` (Moscow time)."""
        return {
            "id": message.id,
            "received": self.clock.format(message.received),
            "phone": message.phone,
            "message": message.message,
            "to_phone": message.to_phone,
            "sent": self.clock.format(message.sent),
        }

    def add_incoming(
        self,
        *,
        phone: str,
        text: str,
        to_phone: str | None = None,
        login: str | None = None,
        delay: float | None = None,
    ) -> Message | Scheduled:
        """An ordinary SMS from ``phone`` on one of the account's rented numbers (the first
        one unless ``to_phone``), now or ``delay`` sandbox seconds from now."""
        login = login or self.config.accounts[0].login
        account = self.accounts.get(login)
        if account is None:
            raise ControlError(f"no account {login!r}", 404)
        sender = _phone(str(phone))
        if not sender:
            raise ControlError("phone (the sender) is required")
        if to_phone:
            target = _phone(str(to_phone))
            if target not in account.rented:
                raise ControlError(f"{login!r} does not rent {target}", 404)
        else:
            target = next(iter(account.rented), "")
            if not target:
                raise ControlError(f"{login!r} rents no number to receive SMS on", 404)
        wait = float(delay or 0.0)
        if wait < 0:
            raise ControlError("delay must be >= 0 seconds")
        if wait > 0:
            item = Scheduled(self.clock.time() + wait, login, sender, target, text)
            self.deliveries.schedule(item)
            return item
        message = self.add_message(account, sender, target, text)
        self.landed(account, message)
        return message

    def scheduled_view(self, item: Scheduled) -> dict[str, Any]:
        """A scheduled SMS for the control endpoints: no id yet (it gets one on landing)."""
        return {
            "id": None,
            "scheduled": True,
            "due": self.clock.format(item.due),
            "due_in": max(0.0, item.due - self.clock.time()),
            "login": item.login,
            "phone": item.phone,
            "to_phone": item.to_phone,
            "message": item.text,
        }
