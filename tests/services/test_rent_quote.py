"""The price the rent confirmation states is the one SMSC charges (issue 17, item 7): a list
asked for on an earlier day in SMSC's time zone (Moscow) is asked again before confirming,
since ``current_cost`` pays for the days left in the month. Both ways SMSC may count
"the rest of the month" (today included or not) are played by the sandbox."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.numbers import NumbersService, RequestStatus
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session
from tests.services.test_numbers_service import _advancing_sleep, finish, requests

NOV_30_2350_MSK = datetime(2026, 11, 30, 20, 50, tzinfo=UTC)


def prorated(cost: Decimal, days: int, total: int) -> Decimal:
    return (cost * days / total).quantize(Decimal("0.01"), ROUND_HALF_UP)


async def open_at(
    sandbox: SandboxHandle, tmp_path: Path, wall: ManualClock
) -> tuple[NumbersService, FakeClock]:
    clock = FakeClock()
    session = sandbox_session(sandbox, tmp_path, clock=clock)
    service = NumbersService(session, now=wall.now, sleep=_advancing_sleep(clock, sandbox))
    await service.open()
    await session.refresh_balance()
    return service, clock


@pytest.mark.parametrize(("reading", "counts_today"), [("with_today", 1), ("after_today", 0)])
async def test_a_list_from_before_midnight_in_moscow_is_asked_again(
    sandbox: SandboxHandle, tmp_path: Path, reading: str, counts_today: int
) -> None:
    sandbox.reset(prorate_days=reading, today="2026-11-30")
    wall = ManualClock(NOV_30_2350_MSK)
    service, _ = await open_at(sandbox, tmp_path, wall)
    try:
        table = await service.refresh()
        old = table.number(0)
        first = await service.rent_quote(old)
        assert first is not None
        assert not first.refreshed
        assert first.today == date(2026, 11, 30)
        # Read off SMSC's prices: the last day, or nothing left if SMSC starts tomorrow.
        assert first.days_paid == (1 if counts_today else None)
        assert requests(sandbox, "receive_phones.get") == 1

        # Twenty minutes later it is 1 December in Moscow (still 30 November in UTC).
        wall.advance(20 * 60)
        sandbox.set_today("2026-12-01")
        assert service.price_outdated()
        quote = await service.rent_quote(old)
        assert quote is not None
        assert requests(sandbox, "receive_phones.get") == 2
        assert quote.refreshed
        assert quote.previous_charge == old.current_cost
        assert quote.today == date(2026, 12, 1)
        days = 30 + counts_today
        assert quote.charge_now == prorated(old.cost, days, 31)
        assert quote.days_paid == days
        assert quote.renews_from == date(2027, 1, 1)
        assert not service.price_outdated()

        result = await service.rent(quote.number)
        assert result.status is RequestStatus.OK
        assert result.charged == quote.charge_now  # what the confirmation said
    finally:
        await finish(service)


async def test_a_list_from_today_is_not_asked_again(sandbox: SandboxHandle, tmp_path: Path) -> None:
    sandbox.reset(today="2026-12-03")
    wall = ManualClock(datetime(2026, 12, 3, 6, 0, tzinfo=UTC))
    service, _ = await open_at(sandbox, tmp_path, wall)
    try:
        number = (await service.refresh()).number(5)
        wall.advance(14 * 3600)  # 23:00 in Moscow, the same day
        assert not service.price_outdated()
        quote = await service.rent_quote(number)
        assert quote is not None
        assert not quote.refreshed
        assert quote.charge_now == number.current_cost
        assert requests(sandbox, "receive_phones.get") == 1
    finally:
        await finish(service)


async def test_a_number_gone_from_the_new_list_is_not_quoted(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    sandbox.reset(today="2026-11-30")
    wall = ManualClock(NOV_30_2350_MSK)
    service, _ = await open_at(sandbox, tmp_path, wall)
    try:
        number = (await service.refresh()).number(0)
        other = sandbox_session(sandbox, tmp_path / "other", profile_id="other")
        other_service = NumbersService(other)
        await other_service.open()
        try:
            taken = await other_service.rent(number)
            assert taken.status is RequestStatus.OK
        finally:
            await finish(other_service)
        wall.advance(20 * 60)
        sandbox.set_today("2026-12-01")
        assert await service.rent_quote(number) is None
        assert requests(sandbox, "receive_phones.buy") == 1  # nothing sent for this one
    finally:
        await finish(service)


async def test_a_list_from_yesterday_is_asked_again(sandbox: SandboxHandle, tmp_path: Path) -> None:
    """Mid-month the price falls by a day's worth at midnight in Moscow: the confirmation
    shows today's, not the list's."""
    sandbox.reset(today="2026-12-02")
    wall = ManualClock(datetime(2026, 12, 2, 20, 55, tzinfo=UTC))  # 23:55 in Moscow
    service, _ = await open_at(sandbox, tmp_path, wall)
    try:
        old = (await service.refresh()).number(7)
        assert old.current_cost == prorated(old.cost, 30, 31)
        wall.advance(10 * 60)
        sandbox.set_today("2026-12-03")
        quote = await service.rent_quote(old)
        assert quote is not None
        assert quote.refreshed
        assert quote.charge_now == prorated(old.cost, 29, 31)
        assert quote.previous_charge == old.current_cost
    finally:
        await finish(service)
