"""What the overview knows of one account, as plain data that survives a restart.

- :class:`Figures`: what SMSC said last (the balance and when) and how the last attempt to
  ask ended (:class:`ErrorFacts`, the error as data: its kind, SMSC's code and text).
- :class:`FileFacts`: what the account's own files say (My numbers and the journal, the
  verification history, the download queue), with the files' signatures so unchanged files
  are not read again (``scan.py``).
- :class:`AccountFacts`: both together with the profile: the input of
  :func:`smsc_desktop.services.attention.attention_items`.

Every type reads and writes itself as JSON (``overview.json``, ``store.py``); nothing here
holds a secret.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from smsc_desktop import api
from smsc_desktop.api import ErrorKind, SmscError
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.storage import aware_time_or_none, decimal_or_none, iso_or_none

__all__ = [
    "AccountFacts",
    "DownloadFacts",
    "ErrorFacts",
    "FailedDownload",
    "Figures",
    "FileFacts",
    "LocalError",
    "NumbersFacts",
    "RenewalRefusal",
    "VerificationFacts",
    "VerificationRef",
]


class LocalError:
    """Kinds of :class:`ErrorFacts` that are not SMSC's (``ErrorKind`` values are)."""

    SECRET_MISSING: Final = "secret_missing"
    """No password or API key is known for the account (none saved, or the keyring is
    locked or unavailable)."""
    PROFILE_INVALID: Final = "profile_invalid"
    """The saved server address or login cannot be used."""
    SANDBOX: Final = "sandbox_unavailable"
    """The built-in sandbox of a demo account could not be started."""
    INTERNAL: Final = "internal"


@dataclass(frozen=True, slots=True)
class ErrorFacts:
    """Why the last refresh of an account failed: ``kind`` is an ``ErrorKind`` value or a
    :class:`LocalError`; ``code`` SMSC's error code; ``server_message`` SMSC's own text."""

    kind: str
    code: int | None = None
    server_message: str = ""
    html: bool = False
    at: datetime | None = None

    @classmethod
    def from_error(cls, error: BaseException, at: datetime | None = None) -> ErrorFacts:
        from smsc_desktop.services.accounts import ProfileInvalidError, SecretMissingError

        if isinstance(error, SmscError):
            return cls(
                kind=error.kind.value,
                code=error.code,
                server_message=(error.server_message or "").strip()[:300],
                html=bool(error.html),
                at=at,
            )
        if isinstance(error, SecretMissingError):
            return cls(LocalError.SECRET_MISSING, at=at)
        if isinstance(error, ProfileInvalidError | ValueError):
            return cls(LocalError.PROFILE_INVALID, at=at)
        if isinstance(error, OSError | RuntimeError):
            return cls(LocalError.SANDBOX, at=at)
        return cls(LocalError.INTERNAL, at=at)

    @property
    def is_sign_in(self) -> bool:
        """SMSC refused the account itself (wrong password, IP not allowed or blocked):
        asking again by itself only makes an IP block more likely."""
        return self.kind in (ErrorKind.AUTH.value, ErrorKind.IP_BLOCKED.value)

    @property
    def is_server_down(self) -> bool:
        """The server did not answer at all (its other accounts will not fare better)."""
        return self.kind in SERVER_DOWN_KINDS

    def to_error(self) -> BaseException:
        """An exception of the api's tree with these facts, for the UI's error wording."""
        from smsc_desktop.services.accounts import ProfileInvalidError

        if self.kind == LocalError.PROFILE_INVALID:
            return ProfileInvalidError([])
        try:
            kind = ErrorKind(self.kind)
        except ValueError:
            return RuntimeError(self.kind)
        cls = _ERROR_CLASSES.get(kind, api.SmscError)
        server = self.server_message or None
        if issubclass(cls, api.ApiError):
            return cls(self.code, server_message=server, endpoint="balance", command="balance")
        if issubclass(cls, api.ProtocolError):
            return cls(html=self.html, endpoint="balance", command="balance")
        if issubclass(cls, api.NetworkError):
            return cls(endpoint="balance", command="balance")
        if cls is api.RateLimitedError:
            return api.RateLimitedError(0.0, limit=api.Endpoint.BALANCE.limit)
        return api.SmscError(self.code, server_message=server)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "server_message": self.server_message,
            "html": self.html,
            "at": iso_or_none(self.at),
        }

    @classmethod
    def from_json(cls, data: Any) -> ErrorFacts | None:
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            return None
        code = data.get("code")
        return cls(
            kind=data["kind"],
            code=code if isinstance(code, int) and not isinstance(code, bool) else None,
            server_message=str(data.get("server_message") or "")[:300],
            html=bool(data.get("html")),
            at=aware_time_or_none(data.get("at")),
        )


SERVER_DOWN_KINDS: Final = frozenset(
    k.value
    for k in (
        ErrorKind.CONNECT,
        ErrorKind.DNS,
        ErrorKind.TLS,
        ErrorKind.TIMEOUT,
        ErrorKind.ANSWER_TIMEOUT,
    )
)

_ERROR_CLASSES: Final[dict[ErrorKind, type[BaseException]]] = {
    ErrorKind.BAD_PARAMETERS: api.BadParametersError,
    ErrorKind.AUTH: api.AuthError,
    ErrorKind.FUNDS: api.InsufficientFundsError,
    ErrorKind.NOT_FOUND: api.NotFoundError,
    ErrorKind.IP_BLOCKED: api.IpBlockedError,
    ErrorKind.TOO_MANY_REQUESTS: api.TooManyRequestsError,
    ErrorKind.SMSC_ERROR: api.UnknownApiError,
    ErrorKind.NETWORK: api.NetworkError,
    ErrorKind.CONNECT: api.ConnectFailedError,
    ErrorKind.DNS: api.DnsLookupError,
    ErrorKind.TLS: api.TlsError,
    ErrorKind.TIMEOUT: api.RequestTimeoutError,
    ErrorKind.NO_ANSWER: api.OutcomeUnknownError,
    ErrorKind.ANSWER_TIMEOUT: api.ResponseTimeoutError,
    ErrorKind.INTERRUPTED: api.DownloadInterruptedError,
    ErrorKind.BAD_ANSWER: api.ProtocolError,
    ErrorKind.HTTP_STATUS: api.HttpStatusError,
    ErrorKind.UNREADABLE_OUTCOME: api.UnreadableOutcomeError,
    ErrorKind.RATE_LIMITED: api.RateLimitedError,
}


@dataclass(frozen=True, slots=True)
class Figures:
    """What SMSC said last about an account, and how the last attempt to ask it ended.

    ``balance_at`` is when the balance was read; ``checked_at`` when the last attempt
    ended (successful or not); ``error`` why it failed (``None``: it worked). ``account``
    names who the figures belong to (server and login): a profile edited to another
    account starts without figures.
    """

    account: str = ""
    balance: Decimal | None = None
    currency: str = ""
    balance_at: datetime | None = None
    checked_at: datetime | None = None
    error: ErrorFacts | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "balance": None if self.balance is None else str(self.balance),
            "currency": self.currency,
            "balance_at": iso_or_none(self.balance_at),
            "checked_at": iso_or_none(self.checked_at),
            "error": self.error.to_json() if self.error else None,
        }

    @classmethod
    def from_json(cls, data: Any) -> Figures:
        if not isinstance(data, dict):
            return cls()
        try:
            balance = decimal_or_none(data.get("balance"))
        except ValueError:
            balance = None
        if balance is not None and not balance.is_finite():
            balance = None
        return cls(
            account=str(data.get("account") or ""),
            balance=balance,
            currency=str(data.get("currency") or "")[:8],
            balance_at=aware_time_or_none(data.get("balance_at")),
            checked_at=aware_time_or_none(data.get("checked_at")),
            error=ErrorFacts.from_json(data.get("error")),
        )


# --- the account's files ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RenewalRefusal:
    """SMSC refused the last renewal change of a number still in My numbers: the number
    does (``wanted`` False) or does not (``wanted`` True) renew, against the user's wish."""

    phone: str
    wanted: bool
    at: datetime
    code: int | None = None


@dataclass(frozen=True, slots=True)
class NumbersFacts:
    """My numbers (the app's records) and the journal, summed up.

    ``rented``: numbers the account rents as far as the app knows (active, probably
    rented, or being checked); ``renewing``/``monthly``: what renews next month and what it
    costs (numbers with a known price; ``unknown_price`` renew at a price the app does not
    know); ``probably_rented``: numbers to confirm in the SMSC cabinet.
    """

    rented: int = 0
    renewing: int = 0
    monthly: Decimal = Decimal("0.00")
    unknown_price: int = 0
    currency: str = ""
    probably_rented: tuple[str, ...] = ()
    refused: tuple[RenewalRefusal, ...] = ()
    unreadable: bool = False
    """My numbers could not be read (a damaged file): the figures above are not known."""

    def to_json(self) -> dict[str, Any]:
        return {
            "rented": self.rented,
            "renewing": self.renewing,
            "monthly": str(self.monthly),
            "unknown_price": self.unknown_price,
            "currency": self.currency,
            "probably_rented": list(self.probably_rented),
            "refused": [
                {"phone": r.phone, "wanted": r.wanted, "at": iso_or_none(r.at), "code": r.code}
                for r in self.refused
            ],
            "unreadable": self.unreadable,
        }

    @classmethod
    def from_json(cls, data: Any) -> NumbersFacts:
        if not isinstance(data, dict):
            return cls()
        refused = []
        for item in _list(data.get("refused")):
            at = aware_time_or_none(item.get("at")) if isinstance(item, dict) else None
            if at is not None and isinstance(item.get("phone"), str):
                code = item.get("code")
                refused.append(
                    RenewalRefusal(
                        item["phone"],
                        bool(item.get("wanted")),
                        at,
                        code if isinstance(code, int) else None,
                    )
                )
        try:
            monthly = decimal_or_none(data.get("monthly")) or Decimal("0.00")
        except ValueError:
            monthly = Decimal("0.00")
        return cls(
            rented=_int(data.get("rented")),
            renewing=_int(data.get("renewing")),
            monthly=monthly if monthly.is_finite() else Decimal("0.00"),
            unknown_price=_int(data.get("unknown_price")),
            currency=str(data.get("currency") or "")[:8],
            probably_rented=tuple(str(p) for p in _list(data.get("probably_rented"))),
            refused=tuple(refused),
            unreadable=bool(data.get("unreadable")),
        )


@dataclass(frozen=True, slots=True)
class VerificationRef:
    """One call verification: ``at`` is when it expires (waiting) or expired (finished)."""

    id: str
    phone: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class VerificationFacts:
    """Call verifications still waiting, and the recent ones that expired uncalled."""

    waiting: tuple[VerificationRef, ...] = ()
    expired: tuple[VerificationRef, ...] = ()

    def in_progress(self, now: datetime) -> int:
        """Waiting ones whose 15 minutes have not run out (the app may have been closed)."""
        return sum(1 for v in self.waiting if v.at is None or v.at > now)

    def to_json(self) -> dict[str, Any]:
        return {
            "waiting": [_ref_json(v) for v in self.waiting],
            "expired": [_ref_json(v) for v in self.expired],
        }

    @classmethod
    def from_json(cls, data: Any) -> VerificationFacts:
        if not isinstance(data, dict):
            return cls()
        return cls(
            waiting=tuple(_refs(data.get("waiting"))), expired=tuple(_refs(data.get("expired")))
        )


@dataclass(frozen=True, slots=True)
class FailedDownload:
    id: str
    file_name: str
    problem: str
    """The download's ``ProblemKind`` value (``""`` when none was recorded)."""


@dataclass(frozen=True, slots=True)
class DownloadFacts:
    """The download queue: files still to come (queued, running, paused), and failed ones."""

    unfinished: int = 0
    failed: tuple[FailedDownload, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "unfinished": self.unfinished,
            "failed": [
                {"id": f.id, "file_name": f.file_name, "problem": f.problem} for f in self.failed
            ],
        }

    @classmethod
    def from_json(cls, data: Any) -> DownloadFacts:
        if not isinstance(data, dict):
            return cls()
        failed = [
            FailedDownload(str(f.get("id")), str(f.get("file_name") or ""), str(f.get("problem")))
            for f in _list(data.get("failed"))
            if isinstance(f, dict) and f.get("id")
        ]
        return cls(unfinished=_int(data.get("unfinished")), failed=tuple(failed))


Signature = tuple[int, int]
"""A file's modification time (ns) and size: unchanged signature, unchanged content."""


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What an account's files say, and the signatures of the files it was read from."""

    numbers: NumbersFacts = field(default_factory=NumbersFacts)
    verifications: VerificationFacts = field(default_factory=VerificationFacts)
    downloads: DownloadFacts = field(default_factory=DownloadFacts)
    signatures: dict[str, Signature | None] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "numbers": self.numbers.to_json(),
            "verifications": self.verifications.to_json(),
            "downloads": self.downloads.to_json(),
            "signatures": {k: list(v) if v else None for k, v in self.signatures.items()},
        }

    @classmethod
    def from_json(cls, data: Any) -> FileFacts | None:
        if not isinstance(data, dict):
            return None
        signatures: dict[str, Signature | None] = {}
        raw = data.get("signatures")
        for name, value in raw.items() if isinstance(raw, dict) else ():
            ok = isinstance(value, list) and len(value) == 2
            signatures[str(name)] = (_int(value[0]), _int(value[1])) if ok else None
        return cls(
            numbers=NumbersFacts.from_json(data.get("numbers")),
            verifications=VerificationFacts.from_json(data.get("verifications")),
            downloads=DownloadFacts.from_json(data.get("downloads")),
            signatures=signatures,
        )


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """Everything known about one account: the input of ``attention_items``."""

    profile: Profile
    figures: Figures = field(default_factory=Figures)
    files: FileFacts | None = None
    """``None`` until the account's files have been read once."""


# --- helpers -----------------------------------------------------------------------------


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _list(value: Any) -> list[Any]:
    return value[:1000] if isinstance(value, list) else []


def _ref_json(ref: VerificationRef) -> dict[str, Any]:
    return {"id": ref.id, "phone": ref.phone, "at": iso_or_none(ref.at)}


def _refs(value: Any) -> list[VerificationRef]:
    return [
        VerificationRef(
            str(v.get("id")), str(v.get("phone") or ""), aware_time_or_none(v.get("at"))
        )
        for v in _list(value)
        if isinstance(v, dict) and v.get("id")
    ]
