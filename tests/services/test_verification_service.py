"""VerificationService against the sandbox over real HTTP, with a clock the test moves.

Waiting is on the service's own signals (an asyncio.Event set by ``changed``), never sleeps.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

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
    HISTORY_FILE,
    LIMIT_PER_MINUTE,
    InvalidPhoneError,
    Verification,
    VerificationService,
    VerificationState,
)
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session

T = TypeVar("T")
PHONE = "79161230001"
OTHER = "79161230002"
RU_POOL = ("74993801001", "74993801002", "74993801003", "74993801004")


async def wait_state(
    service: VerificationService, item: Verification, *states: VerificationState
) -> None:
    if item.state in states:
        return
    event = asyncio.Event()

    def on_changed(changed: Verification) -> None:
        if changed is item and item.state in states:
            event.set()

    service.changed.connect(on_changed)
    try:
        await asyncio.wait_for(event.wait(), timeout=10)
    finally:
        service.changed.disconnect(on_changed)


async def wait_polling(service: VerificationService, active: bool) -> None:
    if service.is_polling == active:
        return
    event = asyncio.Event()

    def on_polling(value: bool) -> None:
        if value == active:
            event.set()

    service.polling_changed.connect(on_polling)
    try:
        await asyncio.wait_for(event.wait(), timeout=10)
    finally:
        service.polling_changed.disconnect(on_polling)


def run_with(
    sandbox: SandboxHandle,
    body: Callable[[VerificationService, ManualClock, AccountSession], Awaitable[T]],
    *,
    clock: ManualClock | None = None,
) -> T:
    async def main() -> T:
        session = sandbox_session(sandbox)
        service = VerificationService(session, clock=clock or ManualClock(), poll_interval=0.2)
        try:
            await service.load()
            return await body(service, service.clock, session)  # type: ignore[arg-type]
        finally:
            await service.aclose()
            await session.close()

    return asyncio.run(main())


def history(session_dir: Path) -> list[dict[str, Any]]:
    return json.loads((session_dir / HISTORY_FILE).read_text(encoding="utf-8"))["verifications"]


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


# --- detection --------------------------------------------------------------------------


def test_simulated_call_confirms_with_the_time_it_took(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        item = await service.request(PHONE)
        clock.advance(42)
        await asyncio.to_thread(sandbox.advance_clock, 42)
        await asyncio.to_thread(sandbox.simulate_call, PHONE)
        service.poll_now()
        await wait_state(service, item, VerificationState.CONFIRMED)
        assert item.duration is not None
        assert 40 <= item.duration <= 42
        assert item.called_number == item.call_to
        assert item.message_id is not None
        await wait_polling(service, False)
        await service.flush()
        (saved,) = history(session.data_dir)
        assert saved["state"] == "confirmed"
        assert saved["duration"] == item.duration

    run_with(sandbox, body)


def test_no_call_expires_after_15_minutes(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        item = await service.request(PHONE)
        clock.advance(899)
        service.tick()
        assert item.state is VerificationState.WAITING
        clock.advance(2)
        polls = service.polls
        service.tick()  # time is up: one last inbox read, then it expires
        await wait_state(service, item, VerificationState.EXPIRED)
        assert service.polls > polls
        assert item.finished_at == item.expires_at
        assert item.duration is None
        await wait_polling(service, False)

    run_with(sandbox, body)


def test_a_call_in_the_last_second_is_not_lost(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        item = await service.request(PHONE)
        await asyncio.to_thread(sandbox.simulate_call, PHONE)
        clock.advance(901)  # the countdown ends before the next inbox read
        service.tick()
        await wait_state(service, item, VerificationState.CONFIRMED, VerificationState.EXPIRED)
        assert item.state is VerificationState.CONFIRMED

    run_with(sandbox, body)


def test_an_old_call_does_not_confirm_a_new_request(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        first = await service.request(PHONE)
        await asyncio.to_thread(sandbox.simulate_call, PHONE)
        service.poll_now()
        await wait_state(service, first, VerificationState.CONFIRMED)
        second = await service.request(PHONE)
        assert second.baseline_id is not None
        assert second.baseline_id >= (first.message_id or 0)
        for _ in range(3):
            await service._poll_once()
        assert second.state is VerificationState.WAITING
        await asyncio.to_thread(sandbox.simulate_call, PHONE)
        service.poll_now()
        await wait_state(service, second, VerificationState.CONFIRMED)
        assert second.message_id != first.message_id

    run_with(sandbox, body)


def test_two_verifications_at_once(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        one, two = await asyncio.gather(service.request(PHONE), service.request(OTHER))
        assert one.state is two.state is VerificationState.WAITING
        assert one.call_to != two.call_to
        await asyncio.to_thread(sandbox.simulate_call, OTHER)
        service.poll_now()
        await wait_state(service, two, VerificationState.CONFIRMED)
        assert one.state is VerificationState.WAITING
        assert service.is_polling  # one is still waiting
        clock.advance(901)
        service.tick()
        await wait_state(service, one, VerificationState.EXPIRED)
        await wait_polling(service, False)
        assert [v.state for v in service.verifications] == [
            VerificationState.EXPIRED,
            VerificationState.CONFIRMED,
        ]

    run_with(sandbox, body)


def test_polling_runs_only_while_something_waits(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        changes: list[bool] = []
        service.polling_changed.connect(changes.append)
        assert not service.is_polling
        item = await service.request(PHONE)
        assert service.is_polling
        await asyncio.to_thread(sandbox.simulate_call, PHONE)
        service.poll_now()
        await wait_state(service, item, VerificationState.CONFIRMED)
        await wait_polling(service, False)
        assert changes == [True, False]
        assert service._poller is None  # no task left that could read the inbox
        polls = service.polls
        service.tick()
        service.poll_now()
        await asyncio.sleep(0)  # let any woken task run (there is none)
        assert service.polls == polls
        assert not service.is_polling

    run_with(sandbox, body)


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


# --- history across restarts -----------------------------------------------------------


def test_history_survives_a_restart_and_waiting_ones_resume(sandbox: SandboxHandle) -> None:
    clock = ManualClock()

    async def first_run(service: VerificationService, _c: ManualClock, _s: AccountSession) -> Any:
        confirmed = await service.request(PHONE)
        await asyncio.to_thread(sandbox.simulate_call, PHONE)
        service.poll_now()
        await wait_state(service, confirmed, VerificationState.CONFIRMED)
        sandbox.set_fault("wait_call", count=1, error_code=2)
        await service.request(OTHER)  # failed
        return (await service.request(OTHER)).id  # waiting when the app closes

    waiting_id = run_with(sandbox, first_run, clock=clock)
    clock.advance(30)

    async def second_run(service: VerificationService, _c: ManualClock, _s: AccountSession) -> Any:
        states = [v.state for v in service.verifications]
        assert states == [
            VerificationState.CONFIRMED,
            VerificationState.FAILED,
            VerificationState.WAITING,
        ]
        first, failed, waiting = service.verifications
        assert first.duration is not None
        assert failed.failure is not None
        assert failed.failure.kind == "AuthError"
        assert failed.error is None  # the live exception is not saved, its description is
        assert waiting.id == waiting_id
        assert service.is_polling  # resumed
        await asyncio.to_thread(sandbox.simulate_call, OTHER)
        service.poll_now()
        await wait_state(service, waiting, VerificationState.CONFIRMED)
        assert waiting.duration is not None
        assert waiting.duration <= 31

    run_with(sandbox, second_run, clock=clock)


def test_a_request_interrupted_by_closing_is_failed_on_load(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        record = {
            "id": "abc",
            "phone": PHONE,
            "state": "requesting",
            "created_at": clock.now().isoformat(),
        }
        path = session.data_dir / HISTORY_FILE
        path.write_text(json.dumps({"schema": 1, "verifications": [record, {"bad": 1}]}))
        fresh = VerificationService(session, clock=clock, poll_interval=0.2)
        await fresh.load()
        (item,) = fresh.verifications
        assert item.state is VerificationState.FAILED
        assert item.failure is not None
        assert item.failure.kind == "interrupted"
        await fresh.aclose()

    run_with(sandbox, body)


def test_unwritable_history_is_reported_and_nothing_is_lost(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        failures: list[OSError] = []
        blocked = tmp_path / "blocked"
        blocked.write_text("a file where a folder should be")
        service.history_path = blocked / "verifications.json"
        service.save_failed.connect(failures.append)
        item = await service.request(PHONE)
        await service.flush()
        assert failures
        assert item.state is VerificationState.WAITING  # the app keeps running
        assert service.verifications == [item]

    run_with(sandbox, body)


def test_clear_finished_keeps_the_waiting_ones(sandbox: SandboxHandle) -> None:
    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        sandbox.set_fault("wait_call", count=1, error_code=2)
        await service.request(PHONE)
        waiting = await service.request(OTHER)
        resets: list[bool] = []
        service.reset.connect(lambda: resets.append(True))
        assert service.clear_finished() == 1
        assert service.verifications == [waiting]
        assert resets == [True]
        await service.flush()
        assert [r["id"] for r in history(session.data_dir)] == [waiting.id]

    run_with(sandbox, body)
