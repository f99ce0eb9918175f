"""The job list whichever way SMSC orders and pages it (issue 17, item 5).

SMSC's sentence on ``after_id`` is cut off: the list may run oldest first with ``after_id``
giving newer jobs, or newest first with ``after_id`` giving older ones. The sandbox's
``jobs_order`` plays both; the list must come out whole and sorted either way, and a job that
is waiting or running must never vanish from it during auto-refresh.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from smsc_desktop.api import ExportJob, JobStatus
from smsc_desktop.services.exports import ACTIVE, ExportsService
from tests.helpers.exports import MovingClock, sandbox_client, until
from tests.helpers.sandbox import SandboxHandle

ORDERS = ["ascending", "descending"]


def sandbox_ids(sandbox: SandboxHandle) -> list[int]:
    return sorted((j["id"] for j in sandbox.account_state()["jobs"]), reverse=True)


def list_params(sandbox: SandboxHandle) -> list[dict[str, Any]]:
    return [e["params"] for e in sandbox.state()["log"] if e["command"] == "get_list"]


@pytest.mark.parametrize("order", ORDERS)
def test_the_sandbox_serves_both_readings_of_after_id(sandbox: SandboxHandle, order: str) -> None:
    sandbox.reset(jobs_order=order)

    async def scenario() -> tuple[list[int], list[int]]:
        async with sandbox_client(sandbox) as client:
            first = [j.id for j in await client.list_jobs(limit=3)]
            after = [j.id for j in await client.list_jobs(limit=3, after_id=first[-1])]
            return first, after

    first, after = asyncio.run(scenario())
    ids = sorted(sandbox_ids(sandbox))
    if order == "ascending":
        assert first == ids[:3]
        assert after == ids[3:6]
    else:
        assert first == ids[::-1][:3]
        assert after == ids[::-1][3:6]


@pytest.mark.parametrize("order", ORDERS)
def test_paging_loads_every_job_once_in_either_order(sandbox: SandboxHandle, order: str) -> None:
    sandbox.reset(jobs_order=order)
    for _ in range(19):
        sandbox.create_job(1000, status=2)

    async def scenario() -> tuple[int, bool, ExportsService]:
        async with sandbox_client(sandbox) as client:
            service = ExportsService(client, page_size=4, max_pages=3)
            await service.refresh()
            first_count, more = len(service.jobs), service.has_more
            while service.has_more:
                assert await service.load_more()
            return first_count, more, service

    first_count, more, service = asyncio.run(scenario())
    assert (first_count, more) == (12, True)
    assert [j.id for j in service.jobs] == sandbox_ids(sandbox)  # all 25, newest first
    assert len(list_params(sandbox)) == 7  # 3 pages, then 3 more, then the short last one


@pytest.mark.parametrize("order", ORDERS)
def test_auto_refresh_never_drops_a_waiting_or_running_job(
    sandbox: SandboxHandle, order: str
) -> None:
    sandbox.reset(jobs_order=order)
    for _ in range(7):
        sandbox.create_job(1000, status=2)  # newer than the two unfinished seeded jobs

    async def scenario() -> tuple[list[int], list[list[ExportJob]], ExportsService]:
        clock = MovingClock(sandbox)
        async with sandbox_client(sandbox, clock) as client:
            service = ExportsService(client, clock=clock, sleep=clock.sleep, page_size=3)
            seen: list[list[ExportJob]] = []
            service.jobs_changed.connect(lambda jobs: seen.append(list(jobs)))
            service.start()
            await until(service.jobs_changed, lambda: service.loaded)
            active = [j.id for j in service.jobs if j.status in ACTIVE]
            sandbox.create_job(1000, name="started meanwhile")  # waits, runs, is done
            await until(
                service.jobs_changed, lambda: service.loaded and not service.has_active_jobs
            )
            service.stop()
            return active, seen, service

    active, seen, service = asyncio.run(scenario())
    assert len(active) == 2
    assert len(seen) >= 3
    for jobs in seen:
        ids = {j.id for j in jobs}
        assert set(active) <= ids  # never dropped while unfinished, in either order
    final = {j.id: j for j in service.jobs}
    assert all(final[i].status is JobStatus.DONE for i in active)
    assert list(final) == sandbox_ids(sandbox)  # the job started meanwhile came in too
    assert final[max(final)].name == "started meanwhile"
    assert final[max(final)].status is JobStatus.DONE


def test_a_full_refresh_drops_a_job_that_is_gone(sandbox: SandboxHandle) -> None:
    for _ in range(3):
        sandbox.create_job(1000, status=2)

    async def scenario() -> tuple[set[int], set[int]]:
        async with sandbox_client(sandbox) as client:
            service = ExportsService(client)
            await service.refresh()
            before = {j.id for j in service.jobs}
            sandbox.reset(jobs_order="descending")  # the three extra jobs are gone
            await service.refresh()
            return before, {j.id for j in service.jobs}

    before, after = asyncio.run(scenario())
    assert len(before) == 9
    assert after == set(sandbox_ids(sandbox))
    assert len(after) == 6
