"""Paid requests cut off by the app stopping are found again when the numbers service opens:
recorded as unknown, rents reconciled, nothing sent again (``services/numbers/recovery.py``).

The process being killed is simulated here by a journal whose last line of an operation is
"requested"; tests/test_kill_restart.py kills a real app process.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx

from smsc_desktop.services.journal import Journal, JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.services.ledger import Ledger, OwnedNumber, RentalStatus
from smsc_desktop.services.numbers import NumbersService, Reconciliation
from smsc_desktop.services.numbers.recovery import STOPPED
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session


def requests(sandbox: SandboxHandle, key: str) -> int:
    return int(sandbox.state()["requests"].get(key, 0))


def free_phones(sandbox: SandboxHandle) -> list[str]:
    answer = httpx.post(
        sandbox.endpoint("receive_phones"), data={**sandbox.auth(), "get": 1, "fmt": 3}
    )
    return [n["phone"] for n in answer.json()]


def buy(sandbox: SandboxHandle, phone: str) -> httpx.Response:
    return httpx.post(
        sandbox.endpoint("receive_phones"), data={**sandbox.auth(), "buy": 1, "phone": phone}
    )


def requested(folder: Path, action: JournalAction, phone: str, **fields: object) -> JournalEntry:
    """The journal line a killed app left behind."""
    entry = JournalEntry(
        time=datetime.now(UTC) - timedelta(seconds=5),
        profile="Sandbox demo",
        action=action,
        phone=phone,
        outcome=JournalOutcome.REQUESTED,
        currency="RUR",
        **fields,  # type: ignore[arg-type]
    )
    Journal(folder).append(entry)
    return entry


async def open_service(sandbox: SandboxHandle, root: Path) -> tuple[NumbersService, list]:
    session = sandbox_session(sandbox, root, clock=FakeClock())
    service = NumbersService(session)
    events: list[tuple[str, object]] = []
    service.rent_unknown.connect(lambda phone: events.append(("unknown", phone)))
    service.check_finished.connect(lambda phone, outcome: events.append((phone, outcome)))
    await service.open()
    return service, events


async def settle(service: NumbersService) -> None:
    await asyncio.gather(*service._tasks())


async def close(service: NumbersService) -> None:
    await service.aclose()
    await service.session.close()


async def test_a_rent_cut_off_after_smsc_carried_it_out_is_probably_rented(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    phone = free_phones(sandbox)[0]
    folder = tmp_path / "profiles" / "sandbox-demo"
    entry = requested(
        folder, JournalAction.RENT, phone, amount=Decimal("100.00"), monthly=Decimal("300.00")
    )
    # SMSC got the rent and carried it out; the answer never reached the killed app.
    assert buy(sandbox, phone).status_code == 200
    service, events = await open_service(sandbox, tmp_path)
    assert service.journal.path.parent == folder
    assert events[0] == ("unknown", phone)
    owned = service.ledger.get(phone)
    assert owned is not None
    assert owned.status is RentalStatus.UNKNOWN
    assert owned.monthly_cost == Decimal("300.00")
    await settle(service)
    assert events[-1] == (phone, Reconciliation.PROBABLY_RENTED)
    assert service.ledger.get(phone).status is RentalStatus.PROBABLY_RENTED  # type: ignore[union-attr]
    lines = service.journal.read()
    assert [(e.action, e.outcome) for e in lines] == [
        (JournalAction.RENT, JournalOutcome.REQUESTED),
        (JournalAction.RENT, JournalOutcome.UNKNOWN),
        (JournalAction.CHECK, JournalOutcome.PROBABLY_RENTED),
    ]
    assert lines[1].op == entry.op
    assert lines[1].detail == STOPPED
    assert requests(sandbox, "receive_phones.buy") == 1  # the one above: never sent again
    await close(service)
    # Taken up once: the next start finds nothing cut off.
    again, events = await open_service(sandbox, tmp_path)
    assert events == []
    await close(again)


async def test_a_rent_cut_off_before_it_reached_smsc_is_not_rented(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    phone = free_phones(sandbox)[1]
    requested(tmp_path / "profiles" / "sandbox-demo", JournalAction.RENT, phone)
    service, events = await open_service(sandbox, tmp_path)
    await settle(service)
    assert events == [("unknown", phone), (phone, Reconciliation.NOT_RENTED)]
    assert service.ledger.get(phone) is None
    assert requests(sandbox, "receive_phones.buy") == 0
    assert requests(sandbox, "receive_phones.get") == 2  # the helper's and the check's
    await close(service)


async def test_a_rent_my_numbers_recorded_before_the_stop_is_completed(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    folder = tmp_path / "profiles" / "sandbox-demo"
    entry = requested(folder, JournalAction.RENT, "79990000001")
    ledger = Ledger(folder)
    ledger.put(OwnedNumber(phone="79990000001", rented_at=entry.time + timedelta(seconds=1)))
    ledger.save()
    service, events = await open_service(sandbox, tmp_path)
    await settle(service)
    assert events == []
    assert service.journal.read()[-1].outcome is JournalOutcome.OK
    assert requests(sandbox, "receive_phones.get") == 0
    await close(service)


async def test_a_renewal_change_cut_off_is_unconfirmed(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    folder = tmp_path / "profiles" / "sandbox-demo"
    ledger = Ledger(folder)
    ledger.put(OwnedNumber(phone="79990000002", renew=True))
    ledger.save()
    requested(folder, JournalAction.RENEWAL_OFF, "79990000002", renew=False)
    service, events = await open_service(sandbox, tmp_path)
    owned = service.ledger.get("79990000002")
    assert owned is not None
    assert (owned.renew, owned.renew_confirmed) == (False, False)
    assert service.journal.read()[-1].outcome is JournalOutcome.UNKNOWN
    assert events == []
    await close(service)


async def test_a_test_sms_cut_off_is_unknown_and_never_sent_again(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    folder = tmp_path / "profiles" / "sandbox-demo"
    requested(folder, JournalAction.SEND, "79161234567", amount=Decimal("3.50"))
    assert requests(sandbox, "send.send") == 0
    service, events = await open_service(sandbox, tmp_path)
    await settle(service)
    last = service.journal.read()[-1]
    assert (last.action, last.outcome, last.detail) == (
        JournalAction.SEND,
        JournalOutcome.UNKNOWN,
        STOPPED,
    )
    assert requests(sandbox, "send.send") == 0  # never sent again
    assert events == []
    await close(service)
