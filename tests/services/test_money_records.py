"""After a money request, a record is always left: text never makes a write fail, and any
other write failure still leaves the outcome (or "unknown") in the journal.

The api makes SMSC's text safe (``api/_sanitize.py``); the services must not rely on it.
These tests switch that clean-up off (``raw_text_from_smsc``) so a lone surrogate reaches the
services, as it would through any gap below the api.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import _sanitize
from smsc_desktop.services.journal import JournalAction, JournalOutcome
from smsc_desktop.services.ledger import Ledger, RentalStatus
from smsc_desktop.services.numbers import NumbersService, RequestStatus
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session

SURROGATE = "\ud800"


@pytest.fixture
def raw_text_from_smsc(monkeypatch: pytest.MonkeyPatch) -> None:
    """The api's clean-up of SMSC's text switched off: what SMSC sends reaches the services."""
    monkeypatch.setattr(_sanitize, "_UNSAFE", re.compile("(?!)"))


def requests(sandbox: SandboxHandle, key: str) -> int:
    return int(sandbox.state()["requests"].get(key, 0))


async def open_service(sandbox: SandboxHandle, tmp_path: Path) -> NumbersService:
    session = sandbox_session(sandbox, tmp_path, clock=FakeClock())
    service = NumbersService(session)
    failures: list[OSError] = []
    service.storage_failed.connect(failures.append)
    service.failures = failures  # type: ignore[attr-defined]
    await service.open()
    await session.refresh_balance()
    return service


async def finish(service: NumbersService) -> None:
    await service.aclose()
    await service.session.close()


def outcomes(service: NumbersService) -> list[tuple[JournalAction, JournalOutcome]]:
    return [(e.action, e.outcome) for e in service.journal.read()]


@pytest.mark.usefixtures("raw_text_from_smsc")
async def test_a_rented_number_with_a_lone_surrogate_is_recorded(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    service = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = replace(table.number(0), info=f"Оператор {SURROGATE} связи")
    result = await service.rent(number)
    assert result.status is RequestStatus.OK
    assert requests(sandbox, "receive_phones.buy") == 1
    assert outcomes(service) == [
        (JournalAction.RENT, JournalOutcome.REQUESTED),
        (JournalAction.RENT, JournalOutcome.OK),
    ]
    # My numbers was written, and reads back with the number in it
    saved = Ledger(service.ledger.path.parent)
    saved.load()
    owned = saved.get(number.phone)
    assert owned is not None
    assert owned.status is RentalStatus.ACTIVE
    assert owned.info.startswith("Оператор ")
    json.loads(service.ledger.path.read_text(encoding="utf-8"))
    assert service.failures == []  # type: ignore[attr-defined]
    await finish(service)


@pytest.mark.usefixtures("raw_text_from_smsc")
async def test_a_refusal_whose_text_has_a_lone_surrogate_is_recorded(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    service = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(1)
    sandbox.set_fault(
        "receive_phones", error_code=3, error_message=f"нет денег {SURROGATE}", count=1
    )
    result = await service.rent(number)
    assert result.status is RequestStatus.REFUSED
    assert SURROGATE in str(getattr(result.error, "server_message", ""))  # it did get through
    assert outcomes(service) == [
        (JournalAction.RENT, JournalOutcome.REQUESTED),
        (JournalAction.RENT, JournalOutcome.REFUSED),
    ]
    assert service.journal.read()[-1].error_code == 3
    await finish(service)


@pytest.mark.usefixtures("raw_text_from_smsc")
async def test_a_renewal_refusal_with_a_lone_surrogate_is_recorded(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    service = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(2)
    assert (await service.rent(number)).status is RequestStatus.OK
    sandbox.set_fault("receive_phones", error_code=1, error_message=f"x{SURROGATE}", count=1)
    result = await service.set_renewal(number.phone, False)
    assert result.status is RequestStatus.REFUSED
    assert outcomes(service)[-2:] == [
        (JournalAction.RENEWAL_OFF, JournalOutcome.REQUESTED),
        (JournalAction.RENEWAL_OFF, JournalOutcome.REFUSED),
    ]
    await finish(service)


class Broken(Exception):
    """Something other than the OS failing a write."""


async def test_a_ledger_that_fails_to_save_still_leaves_the_outcome(
    sandbox: SandboxHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(3)

    def fail(*_: Any) -> None:
        raise UnicodeEncodeError("utf-8", SURROGATE, 0, 1, "surrogates not allowed")

    monkeypatch.setattr(Ledger, "save", fail)
    result = await service.rent(number)
    assert result.status is RequestStatus.OK
    assert outcomes(service)[-1] == (JournalAction.RENT, JournalOutcome.OK)
    assert len(service.failures) == 1  # type: ignore[attr-defined]
    assert isinstance(service.failures[0], OSError)  # type: ignore[attr-defined]
    await finish(service)


async def test_a_journal_line_that_cannot_be_written_is_written_without_its_texts(
    sandbox: SandboxHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(4)
    journal = service.journal
    append = type(journal).append

    def picky(self: Any, entry: Any) -> None:
        if entry.outcome is JournalOutcome.UNKNOWN and not entry.profile.isascii():
            raise Broken("cannot write this line")
        append(self, entry)

    monkeypatch.setattr(type(journal), "append", picky)
    service.session.profile = replace(service.session.profile, name="Клиент")
    sandbox.set_fault("receive_phones", drop_after=0, count=1)
    result = await service.rent(number)
    assert result.status is RequestStatus.UNKNOWN
    assert requests(sandbox, "receive_phones.buy") == 1
    lines = service.journal.read()
    assert (lines[1].action, lines[1].outcome) == (JournalAction.RENT, JournalOutcome.UNKNOWN)
    assert lines[1].op == lines[0].op
    await finish(service)


async def test_a_cancelled_rent_is_recorded_whatever_fails(
    sandbox: SandboxHandle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = await open_service(sandbox, tmp_path)
    table = await service.refresh()
    number = table.number(5)

    def fail(*_: Any) -> None:
        raise Broken("not today")

    monkeypatch.setattr(Ledger, "save", fail)
    sandbox.set_fault("receive_phones", latency=5.0, count=1)
    sent = asyncio.Event()
    rent_number = service.client.rent_number

    async def rent_and_tell(*args: Any, **kwargs: Any) -> Any:
        sent.set()
        return await rent_number(*args, **kwargs)

    monkeypatch.setattr(service.client, "rent_number", rent_and_tell)
    task = asyncio.ensure_future(service.rent(number))
    await sent.wait()  # the rent is on its way: its outcome is unknown from now on
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert outcomes(service)[-1] == (JournalAction.RENT, JournalOutcome.UNKNOWN)
    await finish(service)
