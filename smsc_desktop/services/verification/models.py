"""What a call verification is: its states, its record in the history, why it failed.

``PollStatus`` (the inbox watch's state) lives in ``services/inbox`` and is named here too.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smsc_desktop.api import CALL_VERIFICATION_WINDOW, SmscError
from smsc_desktop.services.inbox.status import PollStatus
from smsc_desktop.services.phones import PhoneCheck
from smsc_desktop.services.storage import aware_time_or_none, iso_or_none

__all__ = ["Failure", "InvalidPhoneError", "PollStatus", "Verification", "VerificationState"]


class VerificationState(enum.StrEnum):
    REQUESTING = "requesting"
    """``wait_call.php`` was sent; no answer yet."""
    WAITING = "waiting"
    """The subscriber has been given a number to call; the countdown runs."""
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    """15 minutes passed without the call."""
    FAILED = "failed"
    """SMSC refused the request, or it could not be made."""
    CANCELLED = "cancelled"
    """The user stopped waiting (a mistyped number): its inbox is no longer watched."""

    @property
    def is_final(self) -> bool:
        return self in (
            VerificationState.CONFIRMED,
            VerificationState.EXPIRED,
            VerificationState.FAILED,
            VerificationState.CANCELLED,
        )


class InvalidPhoneError(ValueError):
    """The text is not a phone number; ``check.problem`` says why. Nothing was sent."""

    def __init__(self, check: PhoneCheck) -> None:
        self.check = check
        problem = check.problem.value if check.problem else "unknown"
        super().__init__(f"not a phone number ({problem})")


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a verification failed, kept in the history.

    ``kind`` is the error class name (``"AuthError"``, ``"BadParametersError"``, …) or
    ``"interrupted"`` when the app closed before SMSC answered; ``code`` the SMSC error code;
    ``message`` an English sentence for logs; ``server_message`` SMSC's own text.
    """

    kind: str
    code: int | None = None
    message: str = ""
    server_message: str | None = None

    @classmethod
    def from_error(cls, error: SmscError) -> Failure:
        return cls(
            kind=type(error).__name__,
            code=getattr(error, "code", None),
            message=str(error),
            server_message=getattr(error, "server_message", None),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "message": self.message,
            "server_message": self.server_message,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Failure | None:
        if not isinstance(data, dict) or not data.get("kind"):
            return None
        code = data.get("code")
        return cls(
            kind=str(data["kind"]),
            code=code if isinstance(code, int) else None,
            message=str(data.get("message") or ""),
            server_message=data.get("server_message") or None,
        )


@dataclass(eq=False, slots=True)
class Verification:
    """One "confirm the number with a call" attempt.

    ``created_at`` is when the user asked; ``requested_at`` when SMSC answered with the number
    to call (the 15 minutes start then); ``duration`` the seconds from ``requested_at`` to the
    call; ``called_number`` the number the call arrived on as SMSC reported it.
    """

    id: str
    phone: str
    state: VerificationState
    created_at: datetime
    requested_at: datetime | None = None
    call_to: str = ""
    all_phones: tuple[str, ...] = ()
    expires_at: datetime | None = None
    finished_at: datetime | None = None
    duration: float | None = None
    message_id: int | None = None
    called_number: str = ""
    baseline_id: int | None = None
    failure: Failure | None = None
    error: SmscError | None = field(default=None, repr=False)
    """The live exception behind ``failure`` (not saved)."""

    @property
    def is_pending(self) -> bool:
        return not self.state.is_final

    def remaining(self, now: datetime) -> float:
        """Seconds left to call (0 when time is up; the full window before SMSC answered)."""
        if self.expires_at is None:
            return CALL_VERIFICATION_WINDOW.total_seconds()
        return max(0.0, (self.expires_at - now).total_seconds())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "phone": self.phone,
            "state": self.state.value,
            "created_at": iso_or_none(self.created_at),
            "requested_at": iso_or_none(self.requested_at),
            "call_to": self.call_to,
            "all_phones": list(self.all_phones),
            "expires_at": iso_or_none(self.expires_at),
            "finished_at": iso_or_none(self.finished_at),
            "duration": self.duration,
            "message_id": self.message_id,
            "called_number": self.called_number,
            "baseline_id": self.baseline_id,
            "failure": self.failure.to_dict() if self.failure else None,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Verification:
        if not isinstance(data, dict):
            raise ValueError("a verification record must be an object")
        created = aware_time_or_none(data.get("created_at"))
        if created is None or not data.get("id") or not data.get("phone"):
            raise ValueError("a verification record needs id, phone and created_at")
        duration = data.get("duration")
        return cls(
            id=str(data["id"]),
            phone=str(data["phone"]),
            state=VerificationState(str(data.get("state"))),
            created_at=created,
            requested_at=aware_time_or_none(data.get("requested_at")),
            call_to=str(data.get("call_to") or ""),
            all_phones=tuple(str(p) for p in data.get("all_phones") or ()),
            expires_at=aware_time_or_none(data.get("expires_at")),
            finished_at=aware_time_or_none(data.get("finished_at")),
            duration=float(duration) if isinstance(duration, int | float) else None,
            message_id=_int_or_none(data.get("message_id")),
            called_number=str(data.get("called_number") or ""),
            baseline_id=_int_or_none(data.get("baseline_id")),
            failure=Failure.from_dict(data.get("failure")),
        )


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
