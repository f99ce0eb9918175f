"""VerificationService against the sandbox over real HTTP: requests, server errors and the
limit of 50 a minute (the helpers in ``tests/helpers/verification.py``)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from smsc_desktop.api import (
    AuthError,
    BadParametersError,
    RateLimitedError,
    UnreadableOutcomeError,
)
from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.phones import PhoneProblem
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.verification import (
    LIMIT_PER_MINUTE,
    InvalidPhoneError,
    Verification,
    VerificationService,
    VerificationState,
)
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.verification import (
    OTHER,
    PHONE,
    RU_POOL,
    history,
    run_with,
    wait_state,
)

# --- requesting ------------------------------------------------------------------------


def test_request_gives_the_number_to_call_and_a_15_minute_window(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        added: list[Verification] = []
        service.added.connect(added.append)
        item = await service.request("+7 916 123-00-01")
        assert added == [item]
        assert item.state is VerificationState.WAITING
        assert item.phone == PHONE
        assert item.call_to in RU_POOL
        assert item.all_phones == RU_POOL
        assert item.requested_at == clock.now()
        assert item.expires_at == clock.now() + timedelta(minutes=15)
        assert item.remaining(clock.now()) == 900
        assert service.recent_requests(PHONE) == 1
        clock.advance(61)
        assert item.remaining(clock.now()) == 839
        assert service.recent_requests(PHONE) == 0  # out of the one-minute window
        assert service.is_polling
        await service.flush()
        (saved,) = history(session.data_dir)
        assert saved["state"] == "waiting"
        assert saved["call_to"] == item.call_to
        return item

    run_with(sandbox, body)
    state = sandbox.state()
    assert state["requests"]["wait_call"] == 1
    # The inbox was read before the number was handed out, to anchor detection.
    assert state["requests"]["get"] >= 1


def test_invalid_phone_sends_nothing(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        with pytest.raises(InvalidPhoneError) as info:
            await service.request("916 123")
        assert info.value.check.problem is PhoneProblem.TOO_SHORT
        with pytest.raises(InvalidPhoneError):
            await service.request("")
        assert service.verifications == []
        assert not service.is_polling

    run_with(sandbox, body)
    assert sandbox.state()["requests"].get("wait_call", 0) == 0


# --- server errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ({"error_code": 1, "error_message": "invalid phone"}, BadParametersError),
        ({"error_code": 2}, AuthError),
        ({"http_500": True}, UnreadableOutcomeError),
        ({"html": 200}, UnreadableOutcomeError),
    ],
)
def test_server_errors_fail_with_the_reason(
    sandbox: SandboxHandle, fault: dict[str, Any], error: type[Exception]
) -> None:
    sandbox.set_fault("wait_call", count=1, **fault)

    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        item = await service.request(PHONE)
        assert item.state is VerificationState.FAILED
        assert isinstance(item.error, error)
        assert item.failure is not None
        assert item.failure.kind == error.__name__
        if "error_code" in fault:
            assert item.failure.code == fault["error_code"]
        assert not service.is_polling
        # The next request works again.
        again = await service.request(PHONE)
        assert again.state is VerificationState.WAITING
        await service.flush()
        saved = history(session.data_dir)
        assert saved[0]["failure"]["kind"] == error.__name__

    run_with(sandbox, body)


def test_inbox_errors_keep_waiting_and_recover(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        statuses: list[Any] = []
        service.poll_status.connect(statuses.append)
        item = await service.request(PHONE)
        await asyncio.to_thread(sandbox.set_fault, "get", http_500=True, count=2)
        await asyncio.to_thread(sandbox.simulate_call, PHONE)
        service.poll_now()
        await wait_state(service, item, VerificationState.CONFIRMED)
        errors = [s for s in statuses if s.error is not None]
        assert errors, "the failed inbox reads were reported"
        assert errors[0].consecutive_errors == 1
        assert service.status().error is None

    run_with(sandbox, body)


# --- the limit ----------------------------------------------------------------------------


def test_the_50_a_minute_limit_is_respected(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        for _ in range(LIMIT_PER_MINUTE):
            item = await service.request(PHONE)
            assert item.state is VerificationState.WAITING
        assert service.recent_requests(PHONE) == LIMIT_PER_MINUTE
        assert service.retry_after(PHONE) > 50
        assert service.retry_after(OTHER) == 0
        with pytest.raises(RateLimitedError) as info:
            await service.request(PHONE)
        assert info.value.limit == LIMIT_PER_MINUTE
        assert len(service.verifications) == LIMIT_PER_MINUTE  # the refused one left no row
        other = await service.request(OTHER)
        assert other.state is VerificationState.WAITING

    run_with(sandbox, body)
    assert sandbox.state()["requests"]["wait_call"] == LIMIT_PER_MINUTE + 1
