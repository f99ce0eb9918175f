"""The Numbers tab's side of the inbox (read only while shown and a number is rented),
"Test this number" (an SMS on the number, timed; old ones never pass), and a demo profile's
first My numbers — against the sandbox over real HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.ledger import OwnedNumber, RentalSource
from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.services.numbers.probes import NumberProbe, ProbeState
from smsc_desktop.services.session import AccountSession, SessionOptions
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session
from tests.helpers.signals import emitted

MINE = "79165550101"
OTHER_MINE = "79265550102"
DEMO = (
    OwnedNumber(MINE, source=RentalSource.EXTERNAL),
    OwnedNumber(OTHER_MINE, renew=False, source=RentalSource.EXTERNAL),
)


def run(
    sandbox: SandboxHandle,
    body: Callable[[NumbersService, AccountSession, ManualClock], Awaitable[Any]],
    *,
    root: Path | None = None,
    demo_numbers: tuple[OwnedNumber, ...] = DEMO,
) -> Any:
    async def main() -> Any:
        clock = ManualClock()
        options = SessionOptions(poll_interval=0.05, wall_clock=clock, inbox_poll_interval=10)
        session = sandbox_session(sandbox, root, options=options)
        session.demo_numbers = demo_numbers
        service = session.numbers
        try:
            await service.open()
            return await body(service, session, clock)
        finally:
            await session.close()

    return asyncio.run(main())


async def changed_to(service: NumbersService, probe: NumberProbe, *states: ProbeState) -> None:
    if probe.state in states:
        return
    done = asyncio.Event()

    def on_changed(changed: NumberProbe) -> None:
        if changed is probe and probe.state in states:
            done.set()

    service.probes.changed.connect(on_changed)
    try:
        await asyncio.wait_for(done.wait(), timeout=10)
    finally:
        service.probes.changed.disconnect(on_changed)


# --- a demo profile's first My numbers --------------------------------------------------------


def test_a_demo_profile_starts_with_the_sandbox_numbers_once(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def first(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        assert [n.phone for n in service.my_numbers()] == [MINE, OTHER_MINE]
        await service.forget(OTHER_MINE)

    async def again(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        return [n.phone for n in service.my_numbers()]

    run(sandbox, first, root=tmp_path)
    # Removed by the user: it stays removed on the next start.
    assert run(sandbox, again, root=tmp_path) == [MINE]


def test_other_profiles_start_with_an_empty_list(sandbox: SandboxHandle) -> None:
    async def body(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        return service.my_numbers()

    assert run(sandbox, body, demo_numbers=()) == []


# --- when the Numbers tab wants the inbox read ------------------------------------------------


def test_the_inbox_is_read_only_while_shown_with_a_rented_number(sandbox: SandboxHandle) -> None:
    async def body(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        inbox = service.inbox
        assert inbox.rented() == [MINE, OTHER_MINE]
        assert not inbox.is_polling  # not shown
        inbox.set_shown(True)
        assert inbox.is_polling
        await emitted(session.inbox.loaded, already=lambda: inbox.loaded)
        texts = [m.text for m in inbox.messages()]
        assert "Ок, жду курьера" in texts
        polls = session.inbox.polls
        inbox.set_shown(False)
        assert not inbox.is_polling
        await asyncio.wait_for(asyncio.shield(session.inbox.task or asyncio.sleep(0)), 10)
        assert session.inbox.task is None
        assert session.inbox.polls <= polls + 1  # at most the read that was on the wire
        # A shown tab with no rented number does not read either.
        await service.forget(MINE)
        await service.forget(OTHER_MINE)
        inbox.set_shown(True)
        inbox.numbers_changed()
        assert not inbox.is_polling
        assert session.inbox.task is None

    run(sandbox, body)


def test_the_inbox_lists_sms_not_verification_calls(sandbox: SandboxHandle) -> None:
    async def body(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        await asyncio.to_thread(sandbox.add_incoming, "79001112233", "[waitcall]", to_phone=MINE)
        await asyncio.to_thread(
            sandbox.add_incoming, "79001112233", "на чужой", to_phone="77015550201", login="kz_demo"
        )
        await session.inbox.read_once()
        texts = [m.text for m in service.inbox.messages()]
        assert "[waitcall]" not in texts
        assert "на чужой" not in texts  # another account's inbox is not this one's
        assert len(session.inbox.messages) == len(texts) + 1
        assert service.inbox.numbers() == [MINE, OTHER_MINE]

    run(sandbox, body)


# --- "Test this number" -----------------------------------------------------------------------


def test_a_test_ends_when_an_sms_arrives_on_the_number_and_says_how_long(
    sandbox: SandboxHandle,
) -> None:
    async def body(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        probe = await service.test_number(MINE)
        assert probe.state is ProbeState.WAITING
        assert probe.baseline_id == session.inbox.last_id  # the seeded SMS are old
        assert service.probes.is_polling
        # Not this number, not an SMS, or old: none of them ends the test.
        await asyncio.to_thread(sandbox.add_incoming, "79001112233", "мимо", to_phone=OTHER_MINE)
        await asyncio.to_thread(sandbox.add_incoming, "79001112233", "[waitcall]", to_phone=MINE)
        await session.inbox.read_once()
        assert probe.state is ProbeState.WAITING
        clock.advance(42)
        await asyncio.to_thread(sandbox.advance_clock, 42)
        await asyncio.to_thread(
            sandbox.add_incoming, "+79001112233", "Проверка связи", to_phone=MINE
        )
        await changed_to(service, probe, ProbeState.RECEIVED)
        assert probe.message is not None
        assert probe.message.text == "Проверка связи"
        assert probe.duration is not None
        assert 40 <= probe.duration <= 42
        await asyncio.wait_for(asyncio.shield(session.inbox.task or asyncio.sleep(0)), 10)
        assert not service.probes.is_polling  # nothing waits: the reads have stopped

    run(sandbox, body)


def test_a_test_without_an_sms_expires_after_ten_minutes(sandbox: SandboxHandle) -> None:
    async def body(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        probe = await service.test_number(MINE)
        clock.advance(599)
        service.probes.tick()
        assert probe.state is ProbeState.WAITING
        clock.advance(2)
        service.probes.tick()  # time is up: one last read, then it expires
        await changed_to(service, probe, ProbeState.EXPIRED)
        assert probe.message is None

    run(sandbox, body)


def test_a_stopped_test_stops_reading(sandbox: SandboxHandle) -> None:
    async def body(service: NumbersService, session: AccountSession, clock: ManualClock) -> Any:
        probe = await service.test_number(MINE)
        assert await service.test_number(MINE) is probe  # one test per number at a time
        service.probes.cancel(probe)
        assert probe.state is ProbeState.CANCELLED
        await asyncio.wait_for(asyncio.shield(session.inbox.task or asyncio.sleep(0)), 10)
        assert session.inbox.task is None
        again = await service.test_number(MINE)
        assert again is not probe
        assert again.state is ProbeState.WAITING

    run(sandbox, body)
