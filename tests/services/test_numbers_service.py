"""NumbersService against the sandbox over real HTTP: list, rent, reconcile, renewal."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from smsc_desktop.api import InsufficientFundsError, RateLimitedError
from smsc_desktop.services.journal import JournalAction, JournalOutcome
from smsc_desktop.services.ledger import OwnedNumber, RentalSource, RentalStatus
from smsc_desktop.services.numbers import (
    NotSentReason,
    NumbersService,
    Reconciliation,
    RequestStatus,
)
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session


def requests(sandbox: SandboxHandle, key: str) -> int:
    return int(sandbox.state()["requests"].get(key, 0))


def rented_by(sandbox: SandboxHandle, login: str = "demo") -> dict[str, dict[str, object]]:
    return {r["phone"]: r for r in sandbox.account_state(login)["rented"]}


async def open_service(
    sandbox: SandboxHandle, tmp_path: Path, **kwargs: object
) -> tuple[NumbersService, FakeClock]:
    clock = FakeClock()
    session = sandbox_session(sandbox, tmp_path, clock=clock, **kwargs)  # type: ignore[arg-type]
    service = NumbersService(session, sleep=_advancing_sleep(clock, sandbox))
    await service.open()
    await session.refresh_balance()
    return service, clock


async def finish(service: NumbersService) -> None:
    await service.aclose()
    await service.session.close()


def _advancing_sleep(clock: FakeClock, sandbox: SandboxHandle):  # type: ignore[no-untyped-def]
    """Sleeping moves both the client's clock and the sandbox's: a minute passes at once."""

    async def sleep(seconds: float) -> None:
        clock.advance(seconds)
        sandbox.advance_clock(seconds)
        await asyncio.sleep(0)

    return sleep


async def test_refresh_loads_and_indexes_the_free_list(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    loaded = []
    service.list_loaded.connect(loaded.append)
    table = await service.refresh()
    assert table.n == 300
    assert table.phones == sorted(table.phones)
    assert loaded
    assert loaded[0].table is table
    assert loaded[0].skipped == 0
    await finish(service)


async def test_concurrent_refreshes_share_one_request(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    first, second = await asyncio.gather(service.refresh(), service.refresh())
    assert first is second
    assert requests(sandbox, "receive_phones.get") == 1
    await finish(service)


async def test_a_third_list_within_a_minute_is_not_sent(sandbox: SandboxHandle, tmp_path: Path):
    service, clock = await open_service(sandbox, tmp_path)
    failures = []
    service.list_failed.connect(failures.append)
    await service.refresh()
    await service.refresh()
    assert service.list_retry_after() > 55
    with pytest.raises(RateLimitedError):
        await service.refresh()
    assert isinstance(failures[-1], RateLimitedError)
    assert requests(sandbox, "receive_phones.get") == 2
    clock.advance(61.5)  # SMSC's minute and the 1.5 s margin
    sandbox.advance_clock(61.5)
    assert service.list_retry_after() == 0
    await service.refresh()
    assert requests(sandbox, "receive_phones.get") == 3
    await finish(service)


async def test_rent_records_ledger_journal_and_balance(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(0)
    quote = service.quote(number)
    assert quote.balance == Decimal("5000.00")
    assert quote.enough_money
    result = await service.rent(number, renew=False)
    assert result.status is RequestStatus.OK
    assert result.charged == number.current_cost
    assert result.balance_after == Decimal("5000.00") - number.current_cost
    assert requests(sandbox, "receive_phones.buy") == 1
    assert rented_by(sandbox)[number.phone]["noprolong"] == 1
    owned = service.ledger.get(number.phone)
    assert owned is not None
    assert owned.status is RentalStatus.ACTIVE
    assert not owned.renew
    assert owned.paid == number.current_cost
    assert owned.monthly_cost == number.cost
    assert table.row_of(number.phone) is None
    # the balance drops at once and is then confirmed by SMSC
    await asyncio.gather(*service._tasks())
    assert service.session.balance.amount == Decimal("5000.00") - number.current_cost
    lines = service.journal.read()
    assert [(e.action, e.outcome) for e in lines] == [
        (JournalAction.RENT, JournalOutcome.REQUESTED),
        (JournalAction.RENT, JournalOutcome.OK),
    ]
    assert lines[1].amount == number.current_cost
    assert lines[0].op == lines[1].op
    assert lines[1].profile == "Sandbox demo"
    assert lines[1].currency == "RUR"
    # persisted: a new service for the same profile sees it
    again = NumbersService(service.session)
    await again.open()
    assert again.ledger.get(number.phone) == owned
    # and the same number is never bought twice
    second = await service.rent(number)
    assert second.status is RequestStatus.NOT_SENT
    assert second.reason is NotSentReason.ALREADY_OWNED
    assert requests(sandbox, "receive_phones.buy") == 1
    await finish(service)


async def test_simultaneous_rents_send_one_request(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(5)
    results = await asyncio.gather(*(service.rent(number) for _ in range(5)))
    statuses = sorted(r.status for r in results)
    assert statuses.count(RequestStatus.OK) == 1
    assert all(r.reason is NotSentReason.BUSY for r in results if r.status != RequestStatus.OK)
    assert requests(sandbox, "receive_phones.buy") == 1
    await finish(service)


async def test_not_enough_money_is_refused_and_journaled(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path, account=sandbox.poor)
    table = await service.refresh()
    number = table.number(0)
    quote = service.quote(number)
    assert quote.enough_money is False
    assert quote.shortfall == number.current_cost - 10
    # The UI stops here; if it did not, SMSC's error 3 is reported as a refusal.
    result = await service.rent(number)
    assert result.status is RequestStatus.REFUSED
    assert isinstance(result.error, InsufficientFundsError)
    assert service.ledger.get(number.phone) is None
    outcomes = [e.outcome for e in service.journal.read()]
    assert outcomes == [JournalOutcome.REQUESTED, JournalOutcome.REFUSED]
    await finish(service)


@pytest.mark.parametrize("fault", [{"drop_after": 0}, {"truncate": True}])
async def test_lost_answer_is_reconciled_as_probably_rented(
    sandbox: SandboxHandle, tmp_path: Path, fault: dict[str, object]
):
    service, _ = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(1)
    checks = []
    service.check_finished.connect(lambda phone, outcome: checks.append((phone, outcome)))
    sandbox.set_fault("receive_phones", count=1, **fault)
    result = await service.rent(number)
    assert result.status is RequestStatus.UNKNOWN
    assert result.reconciliation is Reconciliation.PROBABLY_RENTED
    assert checks == [(number.phone, Reconciliation.PROBABLY_RENTED)]
    assert requests(sandbox, "receive_phones.buy") == 1  # never sent twice
    assert requests(sandbox, "receive_phones.get") == 2  # the check is a fresh list
    owned = service.ledger.get(number.phone)
    assert owned is not None
    assert owned.status is RentalStatus.PROBABLY_RENTED
    assert service.table is not None
    assert service.table.row_of(number.phone) is None
    lines = service.journal.read()
    assert [(e.action, e.outcome) for e in lines] == [
        (JournalAction.RENT, JournalOutcome.REQUESTED),
        (JournalAction.RENT, JournalOutcome.UNKNOWN),
        (JournalAction.CHECK, JournalOutcome.PROBABLY_RENTED),
    ]
    assert lines[2].balance_before == Decimal("5000.00")
    assert lines[2].balance_after == Decimal("5000.00") - number.current_cost
    assert lines[1].error in ("OutcomeUnknownError", "UnreadableOutcomeError")
    assert lines[0].monthly == number.cost
    assert lines[0].renew is True
    # A probably-rented number counts for next month until the user says otherwise.
    assert service.totals().monthly == number.cost
    await service.rent(number)
    assert requests(sandbox, "receive_phones.buy") == 1
    await finish(service)


async def test_unreadable_answer_of_an_unprocessed_rent_reconciles_as_not_rented(
    sandbox: SandboxHandle, tmp_path: Path
):
    service, _ = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(2)
    sandbox.set_fault("receive_phones", html=200, count=1)  # the sandbox does not process it
    result = await service.rent(number)
    assert result.status is RequestStatus.UNKNOWN
    assert result.reconciliation is Reconciliation.NOT_RENTED
    assert service.ledger.get(number.phone) is None
    assert number.phone not in rented_by(sandbox)
    assert service.table is not None
    assert service.table.row_of(number.phone) is not None
    assert service.journal.read()[-1].outcome is JournalOutcome.NOT_RENTED
    # Now it may be rented again, with a new confirmation.
    assert service.can_rent(number.phone) is None
    await finish(service)


async def test_reconciliation_waits_for_the_list_limit(sandbox: SandboxHandle, tmp_path: Path):
    service, clock = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    await service.refresh()  # the minute's two lists are used up
    waits = []
    service.check_started.connect(lambda phone, wait: waits.append(wait))
    sandbox.set_fault("receive_phones", drop_after=0, count=1)
    start = clock.now
    result = await service.rent(table.number(3))
    assert result.reconciliation is Reconciliation.PROBABLY_RENTED
    assert waits[0] > 55
    assert waits[-1] == 0
    assert clock.now - start >= 55  # it waited (on the fake clock) instead of failing
    assert requests(sandbox, "receive_phones.get") == 3
    await finish(service)


async def test_failed_check_leaves_the_number_unknown(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(4)
    sandbox.set_fault("receive_phones", drop_after=0, count=1)
    blocked = []

    def break_the_list(phone: str, wait: float) -> None:
        sandbox.set_fault("receive_phones", error_code=4, count=1)
        blocked.append(phone)

    service.check_started.connect(break_the_list)
    result = await service.rent(number)
    assert blocked == [number.phone]
    assert result.reconciliation is Reconciliation.CHECK_FAILED
    owned = service.ledger.get(number.phone)
    assert owned is not None
    assert owned.status is RentalStatus.UNKNOWN
    assert service.can_rent(number.phone) is NotSentReason.ALREADY_OWNED
    assert service.journal.read()[-1].outcome is JournalOutcome.CHECK_FAILED
    await finish(service)


async def test_unwritable_journal_sends_nothing(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    service.journal.path.mkdir(parents=True)  # appending to a directory fails
    result = await service.rent(table.number(0))
    assert result.status is RequestStatus.NOT_SENT
    assert result.reason is NotSentReason.JOURNAL
    assert requests(sandbox, "receive_phones.buy") == 0
    await finish(service)


async def test_rent_limit_is_respected(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path, account=sandbox.poor)
    table = await service.refresh()
    number = table.number(0)
    for _ in range(2):
        assert (await service.rent(number)).status is RequestStatus.REFUSED
    third = await service.rent(number)
    assert third.status is RequestStatus.NOT_SENT
    assert third.reason is NotSentReason.RATE_LIMITED
    assert isinstance(third.error, RateLimitedError)
    assert service.rent_retry_after(number.phone) > 55
    assert requests(sandbox, "receive_phones.buy") == 2
    await finish(service)


async def test_renewal_switch_success_and_refusal(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    # Pre-rented on the sandbox (renewal on), added by hand as "rented elsewhere".
    await service.add_external("+7 916 555-01-01", renew=True, monthly_cost=Decimal("500"))
    pending = []
    service.mine_changed.connect(lambda: pending.append(service.pending_renewal("79165550101")))
    result = await service.set_renewal("79165550101", False)
    assert result.status is RequestStatus.OK
    assert False in pending  # the pending state was shown while the request ran
    assert service.pending_renewal("79165550101") is None
    assert service.ledger.get("79165550101").renew is False  # type: ignore[union-attr]
    assert rented_by(sandbox)["79165550101"]["noprolong"] == 1
    # A number this account does not rent: SMSC refuses, the switch stays as it was.
    await service.add_external("79990001122", renew=True)
    refused = await service.set_renewal("79990001122", False)
    assert refused.status is RequestStatus.REFUSED
    assert service.ledger.get("79990001122").renew is True  # type: ignore[union-attr]
    assert [(e.action, e.outcome) for e in service.journal.read()] == [
        (JournalAction.RENEWAL_OFF, JournalOutcome.REQUESTED),
        (JournalAction.RENEWAL_OFF, JournalOutcome.OK),
        (JournalAction.RENEWAL_OFF, JournalOutcome.REQUESTED),
        (JournalAction.RENEWAL_OFF, JournalOutcome.REFUSED),
    ]
    await finish(service)


async def test_renewal_without_an_answer_is_unconfirmed(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    await service.add_external("79265550102", renew=False)
    sandbox.set_fault("receive_phones", drop_after=0, count=1)
    result = await service.set_renewal("79265550102", True)
    assert result.status is RequestStatus.UNKNOWN
    owned = service.ledger.get("79265550102")
    assert owned is not None
    assert owned.renew is True
    assert owned.renew_confirmed is False
    await finish(service)


async def test_renewal_limit(sandbox: SandboxHandle, tmp_path: Path):
    service, clock = await open_service(sandbox, tmp_path)
    await service.add_external("79165550101", renew=True)
    assert (await service.set_renewal("79165550101", False)).status is RequestStatus.OK
    assert (await service.set_renewal("79165550101", True)).status is RequestStatus.OK
    third = await service.set_renewal("79165550101", False)
    assert third.reason is NotSentReason.RATE_LIMITED
    assert requests(sandbox, "receive_phones.chg") == 2
    clock.advance(61.5)  # SMSC's minute and the 1.5 s margin
    sandbox.advance_clock(61.5)
    assert (await service.set_renewal("79165550101", False)).status is RequestStatus.OK
    await finish(service)


async def test_a_rental_that_ended_is_noticed(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path)
    first = await service.refresh()
    phone = first.phones[7]
    service.ledger.put(
        OwnedNumber(
            phone=phone,
            renew=False,
            source=RentalSource.APP,
            monthly_cost=Decimal("300"),
            rented_at=datetime.now(UTC) - timedelta(days=40),
        )
    )
    await service.refresh()
    assert service.ledger.get(phone).status is RentalStatus.ENDED  # type: ignore[union-attr]
    assert service.totals().renewing == 0
    await finish(service)


async def test_add_and_forget_numbers_and_totals(sandbox: SandboxHandle, tmp_path: Path):
    service, _ = await open_service(sandbox, tmp_path, account=sandbox.poor)
    with pytest.raises(ValueError, match="not a phone number"):
        await service.add_external("12-34")
    await service.add_external("79165550101", renew=True, monthly_cost=Decimal("500.00"))
    await service.add_external("79265550102", renew=False, monthly_cost=Decimal("700.00"))
    await service.add_external("79035550103", renew=True)
    with pytest.raises(ValueError, match="already in My numbers"):
        await service.add_external("+7 916 555 01 01")
    totals = service.totals()
    assert totals.monthly == Decimal("500.00")
    assert totals.renewing == 2
    assert totals.unknown_price == 1
    assert totals.covered is False
    assert totals.shortfall == Decimal("490.00")
    await service.forget("79035550103")
    assert len(service.my_numbers()) == 2
    await finish(service)
