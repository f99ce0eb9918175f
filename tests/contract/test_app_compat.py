"""The app itself on a sandbox set to the strict or unusual readings of issue 18:

- phones typed ``8 916…`` / ``+7 (916)…`` reach SMSC as the documented ``phone`` in
  international form, even on a sandbox that refuses domestic forms and ``phones=``;
- downloaded export files preview correctly whether SMSC sends them in windows-1251 or in the
  requested charset (the app asks for utf-8).

Uses the app's api and services as they are.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.csv_preview import read_preview
from smsc_desktop.services.downloads import DownloadQueue, DownloadState, SmscTransport
from smsc_desktop.services.numbers import NumbersService, RequestStatus
from smsc_desktop.services.verification import VerificationService, VerificationState
from tests.helpers.exports import MovingClock, done_job, sandbox_client, until
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session

STRICT = {"domestic_phones": "reject", "phones_param": False}


def _phones_sent(sandbox: SandboxHandle, endpoint: str) -> list[dict[str, str]]:
    return [e["params"] for e in sandbox.state()["log"] if e["endpoint"] == endpoint]


@pytest.mark.parametrize("typed", ["8 916 123-00-01", "+7 (916) 123-00-01", "89161230001"])
async def test_call_verification_sends_the_international_phone(
    sandbox: SandboxHandle, tmp_path: Path, typed: str
) -> None:
    sandbox.reset(**STRICT)
    session = sandbox_session(sandbox, tmp_path)
    service = VerificationService(session, clock=ManualClock(), poll_interval=0.2)
    try:
        await service.load()
        item = await service.request(typed)
        assert item.state is VerificationState.WAITING, item
    finally:
        await service.aclose()
        await session.close()
    sent = _phones_sent(sandbox, "wait_call")
    assert [params["phone"] for params in sent] == ["79161230001"]
    assert all("phones" not in params for params in sent)


async def test_renewal_of_a_number_added_in_domestic_form_sends_the_international_phone(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    sandbox.reset(**STRICT)
    session = sandbox_session(sandbox, tmp_path)
    service = NumbersService(session)
    try:
        await service.open()
        await service.add_external("8 (916) 555-01-01", renew=True, monthly_cost=Decimal("500"))
        result = await service.set_renewal("79165550101", False)
        assert result.status is RequestStatus.OK, result
    finally:
        await service.aclose()
        await session.close()
    sent = [p for p in _phones_sent(sandbox, "receive_phones") if p.get("chg") == "1"]
    assert [params["phone"] for params in sent] == ["79165550101"]


@pytest.mark.parametrize(
    ("setting", "encoding"),
    [("windows-1251", "windows-1251"), ("request", "utf-8")],
)
def test_download_and_preview_in_either_file_charset(
    sandbox: SandboxHandle, tmp_path: Path, setting: str, encoding: str
) -> None:
    sandbox.reset(get_file_charset=setting)
    record = sandbox.create_job(200_000, status=2)
    folder = tmp_path / "files"
    folder.mkdir()

    async def scenario() -> Any:
        async with sandbox_client(sandbox) as client:
            clock = MovingClock()
            queue = DownloadQueue(SmscTransport(client), None, clock=clock, sleep=clock.sleep)
            item = await queue.add(done_job(record), folder)
            await until(queue.item_changed, lambda: not item.state.is_unfinished)
            await queue.aclose()
            return item

    item = asyncio.run(scenario())
    assert item.state is DownloadState.DONE
    served = [e for e in sandbox.state()["log"] if e["command"] == "get_file"]
    assert served[-1]["params"]["charset"] == "utf-8"  # what the app asks for
    assert item.target.read_bytes() == _expected_file(sandbox, record["id"], encoding)
    preview = read_preview(item.target)
    assert preview.encoding == encoding
    assert preview.separator == ";"
    assert preview.header[:4] == ["Дата отправки", "Телефон", "Отправитель", "Статус"]
    assert not preview.replaced_chars
    assert any("Доставлено" in row for row in preview.rows)


def _expected_file(sandbox: SandboxHandle, job_id: int, encoding: str) -> bytes:
    from smsc_desktop.sandbox.exportfile import ExportFile

    info = sandbox.server.job_info(job_id, charset=encoding)
    first = dt.date.fromisoformat(info["first_day"])  # the job's period, not 2024
    return ExportFile(int(info["size"]), encoding, first_day=first).read()
