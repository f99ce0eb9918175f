"""The price the rent confirmation states is the one SMSC charges (issue 17, item 7): a list
asked for before a midnight SMSC may count days from is asked again before confirming, since
``current_cost`` pays for the days left in the month. The sandbox plays both ways SMSC may
count "the rest of the month" (today included or not) and days starting in Moscow or in
another zone (it is told the date SMSC prices by)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.numbers import NumbersService, RequestStatus
from smsc_desktop.services.numbers.prorating import last_midnight, price_may_have_changed
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
        wall.advance(9 * 3600)  # 18:00 in Moscow, 20:00 in Almaty: the same day everywhere
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


@pytest.mark.parametrize(("smsc_day", "changes"), [("2026-12-02", False), ("2026-12-03", True)])
async def test_midnight_in_another_zone_asks_again_whichever_day_smsc_counts(
    sandbox: SandboxHandle, tmp_path: Path, smsc_day: str, changes: bool
) -> None:
    """SMSC's docs do not say whose midnight starts its day. At 22:30 in Moscow it is already
    tomorrow in Almaty: the list is asked again, and the confirmation has SMSC's price
    whether SMSC still counts 2 December (Moscow) or 3 December (Almaty)."""
    sandbox.reset(today="2026-12-02")
    wall = ManualClock(datetime(2026, 12, 2, 18, 30, tzinfo=UTC))  # 21:30 in Moscow
    service, _ = await open_at(sandbox, tmp_path, wall)
    try:
        old = (await service.refresh()).number(2)
        wall.advance(3600)  # 22:30 in Moscow, 00:30 on 3 December in Almaty
        sandbox.set_today(smsc_day)
        assert service.price_outdated()
        quote = await service.rent_quote(old)
        assert quote is not None
        assert quote.refreshed
        assert quote.today == date(2026, 12, 2)  # the app's reading (Moscow) names the days
        assert quote.price_changed is changes
        assert (quote.charge_now != old.current_cost) is changes
        result = await service.rent(quote.number)
        assert result.status is RequestStatus.OK
        assert result.charged == quote.charge_now  # the price confirmed is the one charged
    finally:
        await finish(service)


def test_the_midnights_watched() -> None:
    evening = datetime(2026, 12, 2, 18, 30, tzinfo=UTC)  # 21:30 Moscow, 23:30 Almaty
    assert last_midnight(evening) == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)  # UTC's
    assert not price_may_have_changed(datetime(2026, 12, 2, 6, 0, tzinfo=UTC), evening)
    later = datetime(2026, 12, 2, 19, 0, tzinfo=UTC)  # midnight in Almaty
    assert price_may_have_changed(evening, later)
    assert not price_may_have_changed(later, datetime(2026, 12, 2, 20, 59, tzinfo=UTC))
    assert price_may_have_changed(later, datetime(2026, 12, 2, 21, 0, tzinfo=UTC))  # Moscow
