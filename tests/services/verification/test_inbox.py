"""Detection: the call shows up in the inbox, the countdown ends, the inbox watch runs only
while a verification waits."""

from __future__ import annotations

import asyncio
from typing import Any

from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.verification import (
    VerificationService,
    VerificationState,
)
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.verification import (
    OTHER,
    PHONE,
    history,
    run_with,
    wait_polling,
    wait_state,
)

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
            await service.inbox.read_once()
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
        assert service.inbox.task is None  # no task left that could read the inbox
        polls = service.polls
        service.tick()
        service.poll_now()
        await asyncio.sleep(0)  # let any woken task run (there is none)
        assert service.polls == polls
        assert not service.is_polling

    run_with(sandbox, body)
