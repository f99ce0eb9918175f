"""The history on disk: across restarts, interrupted requests, unwritable files, clearing."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.verification import (
    HISTORY_FILE,
    VerificationService,
    VerificationState,
)
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.verification import (
    OTHER,
    PHONE,
    history,
    run_with,
    wait_state,
)

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


def test_a_long_session_keeps_only_what_the_history_keeps(sandbox: SandboxHandle) -> None:
    """A demo left open requests a verification every few seconds: memory holds the newest
    finished ones (as the file does) and forgets the rest in steps, with one reset each."""

    async def body(
        service: VerificationService, clock: ManualClock, session: AccountSession
    ) -> Any:
        service.keep_finished, service.forget_step = 3, 2
        resets: list[bool] = []
        service.reset.connect(lambda: resets.append(True))
        made = []
        for n in range(11):
            sandbox.set_fault("wait_call", count=1, error_code=2)  # finished at once
            made.append(await service.request(f"7916123{n:04d}"))
            clock.advance(61)
            assert len(service.verifications) <= 3 + 2 + 1
        assert service.verifications[-3:] == made[-3:]
        assert made[0] not in service.verifications
        assert len(resets) == 2
        # the times of numbers not asked for in the last minute are forgotten too
        assert len(service._sent) == 1

    run_with(sandbox, body)
