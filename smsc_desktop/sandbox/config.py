"""Configuration of the sandbox: accounts, pool sizes, limits, timings.

Everything here is plain data. ``SandboxConfig`` is frozen; derive variants with
``dataclasses.replace`` or :meth:`SandboxConfig.with_overrides` (what ``/sandbox/reset``
uses).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from smsc_desktop.sandbox.callbacks import HandlerAddress, check_signing

# --- default accounts -----------------------------------------------------------------------

DEMO_LOGIN = "demo"
DEMO_PASSWORD = "demo-password"
DEMO_APIKEY = "demo0apikey0000000000000000000001"

POOR_LOGIN = "poor"
POOR_PASSWORD = "poor-password"
POOR_APIKEY = "poor0apikey0000000000000000000002"

BLOCKED_LOGIN = "blocked"
BLOCKED_PASSWORD = "blocked-password"
BLOCKED_APIKEY = "blocked0apikey000000000000000003"

KZ_LOGIN = "kz_demo"
KZ_PASSWORD = "kz-password"
KZ_APIKEY = "kz0apikey00000000000000000000004"

#: Fixed exchange rates from RUB list prices into an account's currency.
CURRENCY_RATES: Mapping[str, Decimal] = MappingProxyType(
    {
        "RUR": Decimal("1"),
        "RUB": Decimal("1"),
        "KZT": Decimal("5.80"),
        "UAH": Decimal("0.45"),
        "USD": Decimal("0.011"),
        "EUR": Decimal("0.010"),
    }
)

#: The monthly price (RUB, converted into the account's currency) of the numbers an account
#: rents at reset (``AccountConfig.rented``).
RENTED_MONTHLY_RUB = Decimal("500.00")

ENDPOINTS: tuple[str, ...] = ("balance", "receive_phones", "wait_call", "get", "downloads")
#: Every script faults can be set on: the above, sending and the captcha picture.
FAULT_ENDPOINTS: tuple[str, ...] = (*ENDPOINTS, "send", "imgcode")

#: The SMSC error a failed captcha check answers: 1 (parameters) or 6 (message denied).
#: smsc-api.md §5 infers "1 or 6"; the seed does not say.
CAPTCHA_ERRORS: tuple[int, ...] = (1, 6)

#: What makes two sends "identical" for SMSC's limit of one a minute: every parameter
#: (``request``; another captcha code is another send) or the message alone (``message``:
#: phones, text, sender; the captcha pair does not count). smsc-api.md 0.5 does not say.
SEND_IDENTITIES: tuple[str, ...] = ("request", "message")

#: How ``phone`` values written ``8XXXXXXXXXX`` (11 digits) or ``9XXXXXXXXX`` (10 digits),
#: without ``+``, are read; what the real SMSC does is not known.
DOMESTIC_PHONES: tuple[str, ...] = ("as_is", "international", "reject")

#: Encodings of ``get_file``: a fixed one, or ``"request"`` (the request's ``charset``).
FILE_CHARSETS: tuple[str, ...] = ("windows-1251", "utf-8", "koi8-r", "request")

#: Readings where SMSC's documentation is silent (the first is the default); see
#: ``SandboxConfig`` and the README's table of sandbox settings.
CHOICES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "rent_error_3": ("no_money", "not_available"),
        "jobs_order": ("ascending", "descending"),
        "info_format": ("semicolon", "comma", "plain"),
        "prorate_days": ("with_today", "after_today"),
        "waitcall_callback": ("waitcall", "waitcall_mes"),
    }
)


@dataclass(frozen=True)
class AccountConfig:
    """One SMSC client account.

    ``balance`` is in ``currency``. ``ip_blocked`` makes every request from this account
    answer error 4 (the sandbox's stand-in for "your IP is temporarily blocked").
    ``rented`` lists numbers the account already rents at reset, as ``(phone, noprolong)``.
    ``seed_data`` adds a few incoming messages and export jobs at reset.
    """

    login: str
    password: str
    apikey: str
    balance: Decimal = Decimal("5000.00")
    currency: str = "RUR"
    ip_blocked: bool = False
    rented: tuple[tuple[str, int], ...] = ()
    seed_data: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "balance", Decimal(str(self.balance)).quantize(Decimal("0.01")))


def default_accounts() -> tuple[AccountConfig, ...]:
    """The demo account plus the special-purpose test accounts."""
    return (
        AccountConfig(
            DEMO_LOGIN,
            DEMO_PASSWORD,
            DEMO_APIKEY,
            balance=Decimal("5000.00"),
            currency="RUR",
            rented=(("79165550101", 0), ("79265550102", 1)),
            seed_data=True,
        ),
        AccountConfig(POOR_LOGIN, POOR_PASSWORD, POOR_APIKEY, balance=Decimal("10.00")),
        AccountConfig(
            BLOCKED_LOGIN,
            BLOCKED_PASSWORD,
            BLOCKED_APIKEY,
            balance=Decimal("1000.00"),
            ip_blocked=True,
        ),
        AccountConfig(
            KZ_LOGIN,
            KZ_PASSWORD,
            KZ_APIKEY,
            balance=Decimal("250000.00"),
            currency="KZT",
            rented=(("77015550201", 0),),
            seed_data=True,
        ),
    )


def _default_limits() -> Mapping[str, int]:
    # Requests allowed per 60 s for one "identical request" key (see limits.py).
    # send.php counts sends and price requests (cost=1) apart: send_message, send_cost.
    return MappingProxyType(
        {
            "balance": 10,
            "wait_call": 50,
            "downloads": 3,
            "receive_phones": 2,
            "get": 0,
            "send_message": 1,
            "send_cost": 5,
        }
    )


def _default_waitcall_pools() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType(
        {
            "RU": ("74993801001", "74993801002", "74993801003", "74993801004"),
            "KZ": ("77273560001", "77273560002"),
            "BY": ("375172900101", "375172900102"),
            "UA": ("380443900101",),
            "*": ("442038900101", "442038900102"),
        }
    )


@dataclass(frozen=True)
class SandboxConfig:
    """How a sandbox behaves after a reset.

    numbers            size of the pool of free dedicated numbers (up to 100,000 and more).
    seed               makes the pool, the verification numbers and seeded data deterministic.
    enforce_limits     error 9 for identical requests over the per-minute limits, and for
                       a request that finds ``concurrency_limit`` requests of its login
                       already running (SMSC: "15 or more simultaneous requests" → the
                       15th is refused, so 14 may run at once).
    limits             per script: identical requests allowed per minute (0 = no limit).
    today              make prorating use this date instead of the sandbox clock's date.
    job_start_delay    sandbox seconds a new export job waits (status 0) before running.
    job_run_time       sandbox seconds a job runs (status 1) before it is done (2).
    verification_ttl   seconds a wait_call verification stays pending (15 minutes).
    utc_offset_hours   time zone of dates in responses (SMSC uses Moscow time, UTC+3).
    chunk_size         bytes per write when streaming files.
    default_job_size   size of the files of seeded jobs.
    captcha_ttl        seconds a captcha code of ``imgcode.php`` stays good (five minutes).
    sms_price          price of one SMS part in RUB (converted to the account's currency).
    inbox_messages     extra SMS seeded on the rented numbers of each account with seeded
                       data, spread over the last 20 hours (benchmarks; 0 by default).
    trickle_seconds    every that many sandbox seconds an SMS lands on a rented number of
                       each account with seeded data (0: never; ``--demo`` uses one, so
                       the demo's inbox is alive; see ``incoming.py``).

    Compatibility settings, where SMSC's behaviour is not known (defaults: what the sandbox
    has always done):

    phones_param       also read ``phones=`` where ``phone=`` is expected (receive_phones
                       buy/chg, wait_call), as SMSC's official Node library renames
                       ``phone`` for every call; ``phone`` wins when both are sent.
                       Default False: ``phones`` alone is "parameters error".
    domestic_phones    ``8XXXXXXXXXX`` and ``9XXXXXXXXX`` (no ``+``): ``"as_is"`` (taken
                       as the number written, a different number from ``7...``),
                       ``"international"`` (read as ``7XXXXXXXXXX``) or ``"reject"``
                       (error 1 ``invalid phone``). Default ``"as_is"``.
    get_file_charset   encoding of export files: ``"windows-1251"`` (default), ``"utf-8"``,
                       ``"koi8-r"``, or ``"request"`` (the request's ``charset``; windows-1251
                       without one).
    rent_error_3       which refusal of ``buy`` answers error 3 (no codes are documented
                       for receive_phones): ``"no_money"`` (default; a number that is not
                       free answers 1 ``phone is not available``) or ``"not_available"``
                       (that one answers 3, not enough money answers 1 ``no money``).
    jobs_order         ``get_list`` order and the meaning of ``after_id`` (the doc sentence
                       is cut off): ``"ascending"`` (default: oldest first, ``after_id``
                       gives newer jobs) or ``"descending"`` (newest first, ``after_id``
                       gives older jobs, like ``prev_id`` of the message history).
    info_format        how ``info`` joins operator and notification types (no format is
                       documented): ``"semicolon"`` (``MTS; SMS, calls``, default),
                       ``"comma"`` (``MTS, SMS, calls``) or ``"plain"`` (``MTS SMS calls``).
    prorate_days       the days ``current_cost`` pays for ("the rest of the month"):
                       ``"with_today"`` (default) or ``"after_today"``.
    callback_url       the handler URL of every account (SMSC's "User settings"); when set,
                       a confirmed call and every incoming SMS that lands are POSTed to it
                       (``callbacks.py``). Default "" (none).
    waitcall_callback  fields of a call-verification callback: ``"waitcall"`` (``waitcall``,
                       ``phone``, ``ts``; default) or ``"waitcall_mes"`` (also ``id``,
                       ``mes=[waitcall]``, ``to``).
    waitcall_signing   fields hashed before the secret in a call-verification callback
                       (``"phone:ts"``) and in an incoming-SMS one (``incoming_signing``,
    incoming_signing   ``"id:phone:mes"``): the documentation gives only the status string.
    captcha_error      the SMSC error of a send whose ``imgcode``/``userip`` do not check out
                       (wrong, expired or unknown code): 1 (parameters error, the default)
                       or 6 (message denied); both are readings of smsc-api.md §5.
    send_identity      what makes two sends (or price requests) identical for SMSC's limits:
                       ``"request"`` (every parameter, the default) or ``"message"`` (phones,
                       text and sender; a new ``imgcode``/``userip`` is the same send).
    """

    accounts: tuple[AccountConfig, ...] = field(default_factory=default_accounts)
    numbers: int = 300
    seed: int = 20240601
    enforce_limits: bool = True
    limits: Mapping[str, int] = field(default_factory=_default_limits)
    concurrency_limit: int = 14
    today: dt.date | None = None
    job_start_delay: float = 30.0
    job_run_time: float = 60.0
    verification_ttl: float = 15 * 60.0
    utc_offset_hours: int = 3
    chunk_size: int = 1024 * 1024
    default_job_size: int = 48 * 1024
    trickle_seconds: float = 0.0
    inbox_messages: int = 0
    waitcall_pools: Mapping[str, tuple[str, ...]] = field(default_factory=_default_waitcall_pools)
    phones_param: bool = False
    domestic_phones: str = "as_is"
    get_file_charset: str = "windows-1251"
    rent_error_3: str = "no_money"
    jobs_order: str = "ascending"
    info_format: str = "semicolon"
    prorate_days: str = "with_today"
    callback_url: str = ""
    waitcall_callback: str = "waitcall"
    waitcall_signing: str = "phone:ts"
    incoming_signing: str = "id:phone:mes"
    captcha_error: int = 1
    send_identity: str = "request"
    captcha_ttl: float = 300.0
    sms_price: Decimal = Decimal("2.50")

    def __post_init__(self) -> None:
        if self.captcha_error not in CAPTCHA_ERRORS:
            raise ValueError(f"captcha_error must be one of {CAPTCHA_ERRORS}")
        if self.send_identity not in SEND_IDENTITIES:
            raise ValueError(f"send_identity must be one of {SEND_IDENTITIES}")
        if self.domestic_phones not in DOMESTIC_PHONES:
            raise ValueError(f"domestic_phones must be one of {DOMESTIC_PHONES}")
        if self.get_file_charset not in FILE_CHARSETS:
            raise ValueError(f"get_file_charset must be one of {FILE_CHARSETS}")
        for key, allowed in CHOICES.items():
            if getattr(self, key) not in allowed:
                raise ValueError(f"{key} must be one of {allowed}")
        for key in ("waitcall_signing", "incoming_signing"):
            try:
                object.__setattr__(self, key, check_signing(getattr(self, key)))
            except ValueError as error:
                raise ValueError(f"{key}: {error}") from None
        if self.callback_url:
            try:
                HandlerAddress.parse(self.callback_url)
            except ValueError as error:
                raise ValueError(f"callback_url: {error}") from None

    def account(self, login: str) -> AccountConfig | None:
        for acc in self.accounts:
            if acc.login == login:
                return acc
        return None

    def with_overrides(self, overrides: Mapping[str, Any]) -> SandboxConfig:
        """A copy with JSON-style overrides applied.

        Keys: ``numbers``, ``seed``, ``enforce_limits``, ``concurrency_limit``, ``today``
        (``"YYYY-MM-DD"`` or null), ``job_start_delay``, ``job_run_time``,
        ``verification_ttl``, ``captcha_ttl``, ``trickle_seconds``, ``inbox_messages``,
        ``default_job_size``, ``chunk_size``, ``limits`` (a partial mapping merged into the
        current one), ``balances`` (``{login: "123.45"}``) and the compatibility settings
        ``phones_param``, ``domestic_phones``, ``get_file_charset``, ``captcha_error``,
        ``send_identity``, ``rent_error_3``, ``jobs_order``, ``info_format``,
        ``prorate_days``, ``callback_url``, ``waitcall_callback``, ``waitcall_signing``,
        ``incoming_signing``. Unknown keys and values raise ``ValueError``.
        """
        changes: dict[str, Any] = {}
        simple_int = {
            "numbers",
            "seed",
            "concurrency_limit",
            "default_job_size",
            "chunk_size",
            "inbox_messages",
        }
        simple_float = {
            "job_start_delay",
            "job_run_time",
            "verification_ttl",
            "captcha_ttl",
            "trickle_seconds",
        }
        for key, value in overrides.items():
            if key in simple_int:
                changes[key] = int(value)
            elif key in simple_float:
                changes[key] = float(value)
            elif key == "enforce_limits":
                changes[key] = bool(value)
            elif key == "phones_param":
                if not isinstance(value, bool):
                    raise ValueError("phones_param must be true or false")
                changes[key] = value
            elif key == "captcha_error":
                if isinstance(value, bool) or int(value) not in CAPTCHA_ERRORS:
                    raise ValueError(f"captcha_error must be one of {CAPTCHA_ERRORS}")
                changes[key] = int(value)
            elif key == "send_identity":
                if str(value).lower() not in SEND_IDENTITIES:
                    raise ValueError(f"send_identity must be one of {SEND_IDENTITIES}")
                changes[key] = str(value).lower()
            elif key in {"domestic_phones", "get_file_charset", *CHOICES}:
                changes[key] = str(value).lower()
            elif key in {"callback_url", "waitcall_signing", "incoming_signing"}:
                changes[key] = str(value or "")
            elif key == "today":
                if value is None or isinstance(value, dt.date):
                    changes[key] = value
                else:
                    changes[key] = dt.date.fromisoformat(str(value))
            elif key == "limits":
                merged = dict(self.limits)
                merged.update({str(k): int(v) for k, v in dict(value).items()})
                changes[key] = MappingProxyType(merged)
            elif key == "balances":
                wanted = {str(k): Decimal(str(v)) for k, v in dict(value).items()}
                unknown = set(wanted) - {a.login for a in self.accounts}
                if unknown:
                    raise ValueError(f"unknown accounts in balances: {sorted(unknown)}")
                changes["accounts"] = tuple(
                    dataclasses.replace(a, balance=wanted[a.login]) if a.login in wanted else a
                    for a in self.accounts
                )
            else:
                raise ValueError(f"unknown config key: {key!r}")
        if changes.get("numbers", self.numbers) < 0:
            raise ValueError("numbers must be >= 0")
        if changes.get("trickle_seconds", self.trickle_seconds) < 0:
            raise ValueError("trickle_seconds must be >= 0")
        return dataclasses.replace(self, **changes)
