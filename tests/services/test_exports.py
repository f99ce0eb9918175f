"""The job list: paging with cnt/after_id, auto-refresh within SMSC's limit, errors."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Coroutine
from typing import Any

from smsc_desktop.api import (
    AuthError,
    Credentials,
    ExportJob,
    HttpStatusError,
    JobStatus,
    SmscClient,
)
from smsc_desktop.services.exports import ACTIVE, ExportsService
from tests.helpers.exports import MovingClock, sandbox_client, until
from tests.helpers.sandbox import SandboxHandle


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


def list_requests(sandbox: SandboxHandle) -> list[dict[str, Any]]:
    return [e for e in sandbox.state()["log"] if e["command"] == "get_list"]


def test_auto_refresh_follows_jobs_until_done_within_three_requests_a_minute(
    sandbox: SandboxHandle,
) -> None:
    active: list[int] = []

    async def scenario() -> tuple[list[float], list[ExportJob], ExportsService, list[Any]]:
        clock = MovingClock(sandbox)
        sent: list[float] = []
        async with sandbox_client(sandbox, clock, records=[]) as client:
            client.pipeline.observer = lambda record: sent.append(clock())
            service = ExportsService(client, clock=clock, sleep=clock.sleep)
            finished: list[ExportJob] = []
            schedule: list[Any] = []
            service.job_finished.connect(finished.append)
            service.schedule_changed.connect(schedule.append)
            service.start()
            await until(service.jobs_changed, lambda: service.loaded and service.has_active_jobs)
            assert service.next_refresh_at is not None
            active.extend(j.id for j in service.jobs if j.status in ACTIVE)
            await until(
                service.jobs_changed, lambda: service.loaded and not service.has_active_jobs
            )
            service.stop()
            return sent, finished, service, schedule

    sent, finished, service, schedule = run(scenario())
    assert len(active) == 2  # the sandbox starts with one waiting and one running job
    assert sorted(j.id for j in finished) == sorted(active)
    assert all(j.status is JobStatus.DONE for j in finished)
    assert sent == [10_000.0, 10_030.0, 10_060.0, 10_090.0]  # every 30 s until both are done
    assert all(b - a >= 60 for a, b in zip(sent, sent[3:], strict=False)), sent
    assert all(b - a >= 30 for a, b in itertools.pairwise(sent)), sent
    assert all(e["error_code"] == 0 for e in list_requests(sandbox))  # never refused
    assert schedule[-1] is None  # nothing left to follow: no more refreshes planned
    assert service.next_refresh_at is None


def test_automatic_refresh_asks_from_the_oldest_unfinished_job(sandbox: SandboxHandle) -> None:
    async def scenario() -> ExportsService:
        async with sandbox_client(sandbox) as client:
            service = ExportsService(client)
            await service.refresh()
            await service.refresh_active()
            return service

    service = run(scenario())
    active = sorted(
        j.id for j in service.jobs if j.status in (JobStatus.WAITING, JobStatus.RUNNING)
    )
    earlier = max(j.id for j in service.jobs if j.id < active[0])
    first, second = list_requests(sandbox)
    assert "after_id" not in first["params"]
    assert second["params"]["after_id"] == str(earlier)
    assert second["params"]["cnt"] == "100"


def test_long_lists_page_with_cnt_and_after_id(sandbox: SandboxHandle) -> None:
    for _ in range(25):
        sandbox.create_job(1000, status=2)

    async def scenario() -> tuple[ExportsService, bool, int]:
        async with sandbox_client(sandbox) as client:
            service = ExportsService(client, page_size=10, max_pages=2)
            await service.refresh()
            more, count = service.has_more, len(service.jobs)
            await service.load_more()
            return service, more, count

    service, more_after_first, first_count = run(scenario())
    assert more_after_first
    assert first_count == 20
    assert not service.has_more
    assert len(service.jobs) == 31
    ids = [j.id for j in service.jobs]
    assert ids == sorted(ids, reverse=True)
    params = [e["params"] for e in list_requests(sandbox)]
    assert [p.get("cnt") for p in params] == ["10"] * 4
    assert [p.get("after_id") for p in params] == [
        None,
        str(sorted(ids)[9]),
        str(sorted(ids)[19]),
        str(sorted(ids)[29]),
    ]


def test_a_failed_refresh_keeps_the_last_good_list(sandbox: SandboxHandle) -> None:
    async def scenario() -> tuple[list[ExportJob], ExportsService, list[Exception]]:
        async with sandbox_client(sandbox) as client:
            service = ExportsService(client)
            errors: list[Exception] = []
            service.refresh_failed.connect(errors.append)
            assert await service.refresh()
            before = list(service.jobs)
            sandbox.set_fault("downloads", http_500=True, count=1)
            assert not await service.refresh()
            assert service.jobs == before
            assert isinstance(service.error, HttpStatusError)
            assert await service.refresh()
            return before, service, errors

    before, service, errors = run(scenario())
    assert len(errors) == 1
    assert service.error is None
    assert [j.id for j in service.jobs] == [j.id for j in before]


def test_wrong_password_stops_automatic_refresh(sandbox: SandboxHandle) -> None:
    async def scenario() -> ExportsService:
        clock = MovingClock(sandbox)
        creds = Credentials.from_password(sandbox.login, "wrong")
        async with SmscClient(sandbox.url, creds, clock=clock) as client:
            service = ExportsService(client, clock=clock, sleep=clock.sleep)
            service.start()
            await until(service.refresh_failed, lambda: service.error is not None)
            for _ in range(20):
                await asyncio.sleep(0)
            service.stop()
            return service

    service = run(scenario())
    assert isinstance(service.error, AuthError)
    assert len(list_requests(sandbox)) == 1
    assert service.next_refresh_at is None


def test_manual_refresh_tells_when_the_limit_allows_it(sandbox: SandboxHandle) -> None:
    async def scenario() -> list[float]:
        clock = MovingClock(sandbox)
        async with sandbox_client(sandbox, clock) as client:
            service = ExportsService(client, clock=clock, sleep=clock.sleep)
            waits = []
            for _ in range(3):
                await service.refresh()
                clock.advance(5)
                waits.append(service.retry_after())
            assert not await service.refresh()  # refused locally, nothing sent
            return waits

    waits = run(scenario())
    assert waits[:2] == [0.0, 0.0]
    assert waits[2] == 46.5  # 60 s after the first, and the 1.5 s margin
    assert len(list_requests(sandbox)) == 3
