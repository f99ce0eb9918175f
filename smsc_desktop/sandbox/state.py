"""The sandbox's world: accounts, numbers, verifications, inbox, export jobs.

Everything here is synchronous and runs on the server's event loop thread; protocol errors
are raised as :class:`~smsc_desktop.sandbox.protocol.SmscError`. Rendering into the four
``fmt`` shapes lives in ``endpoints.py``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
from collections import Counter, deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from smsc_desktop.sandbox import protocol as p
from smsc_desktop.sandbox.callbacks import CallbackOutbox
from smsc_desktop.sandbox.clock import SandboxClock
from smsc_desktop.sandbox.config import (
    CURRENCY_RATES,
    RENTED_MONTHLY_RUB,
    AccountConfig,
    SandboxConfig,
)
from smsc_desktop.sandbox.errors import ControlError
from smsc_desktop.sandbox.faults import FaultRegistry
from smsc_desktop.sandbox.incoming import (
    TRICKLE_SENDERS,
    TRICKLE_TEXTS,
    Deliveries,
    InboxMixin,
    Message,
    Scheduled,
)
from smsc_desktop.sandbox.jobs import Job, JobsMixin, int_param
from smsc_desktop.sandbox.limits import RequestLimiter
from smsc_desktop.sandbox.numbers import (
    NumberOffer,
    convert,
    generate_pool,
    money,
    operator_info,
    prorate,
    read_phone,
)
from smsc_desktop.sandbox.sms import SmsWorld
from smsc_desktop.sandbox.snapshot import snapshot

__all__ = ["Account", "ControlError", "Job", "Message", "SandboxState", "Scheduled"]

FIRST_MESSAGE_ID = 90201
FIRST_JOB_ID = 1841
MAX_HOURS = 168
MAX_ANSWERS = 10000


# --- entities -------------------------------------------------------------------------------


@dataclass
class Rental:
    phone: str
    type: int
    cost: Decimal  # full month, account currency
    charged: Decimal
    info: str
    noprolong: int
    rented_at: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "phone": self.phone,
            "type": self.type,
            "cost": money(self.cost),
            "charged": money(self.charged),
            "info": self.info,
            "noprolong": self.noprolong,
            "rented_at": self.rented_at,
        }


@dataclass
class Verification:
    id: int
    login: str
    phone: str
    to_phone: str
    created: float  # sandbox monotonic
    created_unix: float
    expires: float  # sandbox monotonic
    message_id: int | None = None


MAX_VERIFICATIONS = 1000
"""Verifications the sandbox keeps; older ones are long expired (the TTL is minutes)."""


@dataclass
class Account:
    login: str
    password: str
    apikey: str
    balance: Decimal
    currency: str
    ip_blocked: bool
    rented: dict[str, Rental] = field(default_factory=dict)
    inbox: list[Message] = field(default_factory=list)
    jobs: dict[int, Job] = field(default_factory=dict)
    inflight: int = 0
    md5: str = ""

    def __post_init__(self) -> None:
        self.md5 = hashlib.md5(self.password.encode("utf-8")).hexdigest()

    @property
    def rate(self) -> Decimal:
        return CURRENCY_RATES.get(self.currency, Decimal("1"))


# --- the state ------------------------------------------------------------------------------


class SandboxState(InboxMixin, JobsMixin):
    """All mutable sandbox data, rebuilt by :meth:`reset`."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.base_config = config or SandboxConfig()
        self.config = self.base_config
        self.clock = SandboxClock(utc_offset_hours=self.config.utc_offset_hours)
        self.faults = FaultRegistry()
        self.limiter = RequestLimiter()
        self.callbacks = CallbackOutbox()
        self._new_jobs_from: int | None = None
        self.reset()

    # -- reset -------------------------------------------------------------------------------

    def reset(self, overrides: Mapping[str, Any] | None = None) -> None:
        """Back to the base config (plus ``overrides``, for this reset only)."""
        config = self.base_config.with_overrides(overrides or {})
        self.config = config
        self.clock = SandboxClock(utc_offset_hours=config.utc_offset_hours, today=config.today)
        self.faults.clear()
        self.limiter.clear()
        self.callbacks.clear()
        self.accounts: dict[str, Account] = {}
        self.by_apikey: dict[str, Account] = {}
        reserved = frozenset(phone for a in config.accounts for phone, _ in a.rented)
        pool = generate_pool(config.numbers, config.seed, reserved)
        self.free: dict[str, NumberOffer] = {offer.phone: offer for offer in pool}
        self.pool_version = 0
        self.list_cache: dict[tuple[Any, ...], bytes] = {}
        self.verifications: deque[Verification] = deque(maxlen=MAX_VERIFICATIONS)
        """The latest verifications (a long demo session requests one every few seconds)."""
        self.sms = SmsWorld(config)  # send.php and the captcha codes (sms.py)
        self.requests: Counter[str] = Counter()
        self.log: deque[dict[str, Any]] = deque(maxlen=200)
        self._message_ids = itertools.count(FIRST_MESSAGE_ID)
        given = getattr(self, "_job_ids", None)
        self._job_ids = itertools.count(FIRST_JOB_ID)
        self._verification_ids = itertools.count(1)
        self._waitcall_turn: Counter[str] = Counter()
        self.deliveries = Deliveries(config.trickle_seconds, self.clock.time())
        for acc_config in config.accounts:
            self._add_account(acc_config)
        for acc_config in config.accounts:
            if acc_config.seed_data:
                self._seed(self.accounts[acc_config.login])
        if self._new_jobs_from is not None and given is not None:  # numbered on, not again
            self._job_ids = itertools.count(
                max(self._new_jobs_from, next(given), next(self._job_ids))
            )

    def _add_account(self, cfg: AccountConfig) -> None:
        account = Account(
            cfg.login, cfg.password, cfg.apikey, cfg.balance, cfg.currency, cfg.ip_blocked
        )
        now = self.clock.time()
        for index, (phone, noprolong) in enumerate(cfg.rented):
            info, _ = operator_info(phone)
            cost = convert(RENTED_MONTHLY_RUB, account.rate)
            account.rented[phone] = Rental(
                phone, 1, cost, cost, info, int(noprolong), now - 86400 * (20 + index)
            )
        self.accounts[cfg.login] = account
        if cfg.apikey:
            self.by_apikey[cfg.apikey] = account

    def number_new_jobs_from(self, first: int) -> None:
        """The jobs made from now on are numbered from ``first`` (never below a number
        already given), and so are those made after a reset."""
        self._new_jobs_from = first
        self._job_ids = itertools.count(max(first, next(self._job_ids)))

    def _seed(self, account: Account) -> None:
        """A few incoming messages and export jobs, dated relative to the sandbox clock."""
        now = self.clock.time()
        rented = list(account.rented) or ["79000000000"]
        texts = [
            (60 * 60 * 30, "79161234567", "Здравствуйте! Подтверждаю заказ №4821"),
            (60 * 60 * 26, "79035550011", "STOP"),
            (60 * 60 * 5, "79261112233", "Когда будет доставка?"),
            (60 * 47, "79857654321", "Код из SMS: 5821; спасибо"),
            (60 * 12, "77012345678", "Сәлеметсіз бе! Тапсырыс қашан келеді?"),
            (60 * 3, "79161234567", "Ок, жду курьера"),
        ]
        for index, (age, phone, text) in enumerate(texts):
            self.add_message(account, phone, rented[index % len(rented)], text, received=now - age)
        extra = self.config.inbox_messages
        for index in range(extra):  # oldest first, as they would have arrived
            sender = TRICKLE_SENDERS[index % len(TRICKLE_SENDERS)]
            text = f"{TRICKLE_TEXTS[index % len(TRICKLE_TEXTS)]} #{index + 1}"
            to_phone = rented[index % len(rented)]
            when = now - 20 * 3600 * (extra - index) / extra
            self.add_message(account, sender, to_phone, text, received=when)
        today = self.clock.now().date()
        first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        last = today.replace(day=1) - dt.timedelta(days=1)
        size = self.config.default_job_size
        base = f"messages_{first:%Y-%m-%d}_{last:%Y-%m-%d}"
        self._add_job(account, base, size, age=3 * 86400, fixed_status=2)
        self._add_job(account, f"{base}_all", size, age=2 * 86400, fixed_status=3)
        self._add_job(account, f"{base}_viber", size, age=2 * 86400 - 600, fixed_status=4)
        self._add_job(account, "Выгрузка за неделю", 16 * 1024, age=86400, fixed_status=2)
        running = self.config.job_start_delay + 10
        self._add_job(account, f"messages_{today:%Y-%m-%d}", size, age=running)
        self._add_job(account, f"messages_{today:%Y-%m-%d}_full", size, age=0)

    # -- accounts and auth -------------------------------------------------------------------

    def authenticate(self, params: p.Params) -> Account:
        """The account the request speaks for: apikey, or login + psw (password or its md5).

        An empty ``login`` with a ``psw`` reads ``psw`` as the API key (as SMSC's libraries
        do). An account whose IP is blocked answers error 4 whatever the password.
        """
        apikey = params.get("apikey").strip()
        login = params.get("login").strip()
        psw = params.get("psw")
        account: Account | None
        if apikey:
            account = self.by_apikey.get(apikey)
            if account is not None and account.ip_blocked:
                raise p.SmscError(4)
        elif login:
            account = self.accounts.get(login)
            if account is not None and account.ip_blocked:
                raise p.SmscError(4)
            if account is not None and psw not in (account.password, account.md5):
                account = None
        elif psw:
            account = self.by_apikey.get(psw)
            if account is not None and account.ip_blocked:
                raise p.SmscError(4)
        else:
            account = None
        if account is None:
            raise p.SmscError(2)
        return account

    @contextmanager
    def in_flight(self, account: Account) -> Iterator[None]:
        """Count the request as running; error 9 when too many run at once."""
        limit = self.config.concurrency_limit
        if self.config.enforce_limits and limit > 0 and account.inflight >= limit:
            raise p.SmscError(9, p.ERR_CONCURRENCY)
        account.inflight += 1
        try:
            yield
        finally:
            account.inflight -= 1

    def check_limit(self, endpoint: str, account: Account, params: p.Params) -> None:
        if not self.config.enforce_limits:
            return
        limit = self.config.limits.get(endpoint, 0)
        if endpoint == "balance":
            key: tuple[Any, ...] = (account.login, endpoint)
        else:
            key = (account.login, endpoint, params.identity())
        if not self.limiter.allow(key, limit, self.clock.monotonic()):
            raise p.SmscError(9)

    def record_request(
        self, endpoint: str, command: str, method: str, params: p.Params
    ) -> dict[str, Any]:
        self.requests[endpoint] += 1
        if command:
            self.requests[f"{endpoint}.{command}"] += 1
        entry: dict[str, Any] = {
            "endpoint": endpoint,
            "command": command,
            "method": method,
            "time": self.clock.time(),
            "login": params.get("login") or None,
            "account": None,
            "params": params.redacted(),
            "body": params.body_kind or None,
            "body_problem": params.problem,
            "error_code": None,
            "http_status": None,
            "fault": None,
        }
        self.log.append(entry)
        return entry

    # -- balance -----------------------------------------------------------------------------

    @staticmethod
    def balance(account: Account) -> tuple[str, str]:
        return money(account.balance), account.currency

    # -- receive_phones ----------------------------------------------------------------------

    def prices(self, cost_rub: Decimal, account: Account, today: dt.date) -> tuple[str, str]:
        """(full month, rest of this month) in the account's currency, as strings."""
        cost = convert(cost_rub, account.rate)
        with_today = self.config.prorate_days == "with_today"
        return money(cost), money(prorate(cost, today, with_today))

    @staticmethod
    def normalize_phone(raw: str) -> str:
        phone = raw.strip()
        if phone.startswith("+"):
            phone = phone[1:]
        return phone

    def _phone_param(self, params: p.Params) -> str:
        """The ``phone`` parameter as the compatibility settings read it (config.py)."""
        config = self.config
        raw = params.get("phone")
        if not raw.strip() and config.phones_param:
            raw = params.get("phones")
        phone = read_phone(raw, config.domestic_phones)
        if phone is None:
            raise p.SmscError(1, p.ERR_INVALID_PHONE)
        if not phone:
            raise p.SmscError(1)
        if not phone.isdigit() or not 10 <= len(phone) <= 15:
            raise p.SmscError(1, p.ERR_INVALID_PHONE)
        return phone

    @staticmethod
    def _noprolong(params: p.Params, *, required: bool) -> int:
        raw = params.get("noprolong").strip()
        if raw == "":
            if required:
                raise p.SmscError(1)
            return 0
        if raw not in {"0", "1"}:
            raise p.SmscError(1)
        return int(raw)

    def rent(self, account: Account, params: p.Params) -> Decimal:
        """Connect a free number: charge the prorated price, keep the renewal flag."""
        phone = self._phone_param(params)
        noprolong = self._noprolong(params, required=False)
        unavailable_code, no_money_code = (
            (3, 1) if self.config.rent_error_3 == "not_available" else (1, 3)
        )
        offer = self.free.get(phone)
        if offer is None:
            raise p.SmscError(unavailable_code, p.ERR_PHONE_NOT_AVAILABLE)
        cost = convert(offer.cost, account.rate)
        charge = prorate(cost, self.clock.today(), self.config.prorate_days == "with_today")
        if account.balance < charge:
            raise p.SmscError(no_money_code, p.ERR_NO_MONEY)
        account.balance -= charge
        del self.free[phone]
        self.pool_version += 1
        account.rented[phone] = Rental(
            phone, offer.type, cost, charge, offer.info, noprolong, self.clock.time()
        )
        return charge

    def change_renewal(self, account: Account, params: p.Params) -> tuple[str, int]:
        phone = self._phone_param(params)
        noprolong = self._noprolong(params, required=True)
        rental = account.rented.get(phone)
        if rental is None:
            raise p.SmscError(1, p.ERR_PHONE_NOT_YOURS)
        rental.noprolong = noprolong
        return phone, noprolong

    # -- wait_call ---------------------------------------------------------------------------

    def _country(self, phone: str) -> str:
        pools = self.config.waitcall_pools
        if phone.startswith("7"):
            country = "KZ" if phone[1:2] in {"6", "7"} else "RU"
        elif phone.startswith("375"):
            country = "BY"
        elif phone.startswith("380"):
            country = "UA"
        else:
            country = "*"
        return country if country in pools else "*"

    def wait_call(self, account: Account, params: p.Params) -> tuple[str, tuple[str, ...]]:
        phone = self._phone_param(params)
        country = self._country(phone)
        pool = self.config.waitcall_pools[country]
        now = self.clock.monotonic()
        to_phone = None
        for ver in reversed(self.verifications):
            if (
                ver.login == account.login
                and ver.phone == phone
                and ver.message_id is None
                and ver.expires > now
            ):
                to_phone = ver.to_phone
                break
        if to_phone is None:
            turn = self._waitcall_turn[country]
            self._waitcall_turn[country] += 1
            to_phone = pool[turn % len(pool)]
        self.verifications.append(
            Verification(
                next(self._verification_ids),
                account.login,
                phone,
                to_phone,
                now,
                self.clock.time(),
                now + self.config.verification_ttl,
            )
        )
        return to_phone, pool

    def simulate_call(self, phone: str, to_phone: str | None = None) -> dict[str, Any]:
        """The subscriber calls: a ``[waitcall]`` message lands in the account's inbox."""
        caller = self.normalize_phone(str(phone))
        target = self.normalize_phone(str(to_phone)) if to_phone else None
        now = self.clock.monotonic()
        candidates = [
            v
            for v in self.verifications
            if v.phone == caller
            and v.message_id is None
            and (target is None or v.to_phone == target)
        ]
        if not candidates:
            raise ControlError(f"no pending verification for {caller}", 404)
        ver = candidates[-1]
        if ver.expires <= now:
            raise ControlError(f"the verification for {caller} expired", 410)
        account = self.accounts[ver.login]
        message = self.add_message(account, caller, ver.to_phone, "[waitcall]")
        ver.message_id = message.id
        if self.config.callback_url:
            fields = [("waitcall", "1"), ("phone", caller), ("ts", str(int(message.received)))]
            if self.config.waitcall_callback == "waitcall_mes":
                fields += [("id", str(message.id)), ("mes", message.message), ("to", ver.to_phone)]
            self.callbacks.send(
                self.config.callback_url, "waitcall", fields, self.config.waitcall_signing
            )
        return {
            "id": message.id,
            "login": account.login,
            "phone": caller,
            "to_phone": ver.to_phone,
            "verification_id": ver.id,
        }

    # -- inbox -------------------------------------------------------------------------------

    def landed(self, account: Account, message: Message) -> None:
        if not self.config.callback_url:
            return
        fields = [
            ("id", str(message.id)),
            ("sms_id", "0"),
            ("phone", message.phone),
            ("mes", message.message),
            ("to", message.to_phone),
            ("sent", str(int(message.sent))),
            ("time", str(int(message.received))),
        ]
        self.callbacks.send(
            self.config.callback_url, "incoming", fields, self.config.incoming_signing
        )

    def answers(self, account: Account, params: p.Params) -> list[Message]:
        """``get_answers``: oldest first, at most ``cnt``, after ``after_id``, within ``hour``."""
        after_id = int_param(params, "after_id", 0, 0, 2**63)
        hour = int_param(params, "hour", MAX_HOURS, 1, MAX_HOURS)
        cnt = int_param(params, "cnt", MAX_ANSWERS, 1, MAX_ANSWERS)
        to_phone = self.normalize_phone(params.get("to_phone"))
        self.deliver_due()
        since = self.clock.time() - hour * 3600
        found: list[Message] = []
        inbox = account.inbox  # in the order of the ids
        start = bisect.bisect_right(inbox, after_id, key=lambda m: m.id) if after_id else 0
        for message in inbox[start:]:  # a poller's after_id: only the new ones
            if message.id <= after_id or message.received < since:
                continue
            if to_phone and message.to_phone != to_phone:
                continue
            found.append(message)
            if len(found) >= cnt:
                break
        return found

    def snapshot(self) -> dict[str, Any]:
        """Everything a test may want to assert on, as JSON-ready data (``snapshot.py``)."""
        self.deliver_due()
        return snapshot(self)
