"""AccountSession's balance: shared requests, SMSC's 10-a-minute limit, the low-balance
warning, profile edits, and records reaching the app's request log."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from smsc_desktop.api import Balance, Credentials
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.session import AccountSession, SessionOptions
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle


def make_session(
    sandbox: SandboxHandle, tmp_path: Path, **kwargs: object
) -> tuple[AccountSession, RequestLog]:
    log = RequestLog()
    profile = Profile(name="Client", server=sandbox.url, login=sandbox.login)
    if "low_balance" in kwargs:
        profile = replace(profile, low_balance=kwargs.pop("low_balance"))  # type: ignore[arg-type]
    session = AccountSession(
        profile,
        Credentials.from_password(sandbox.login, sandbox.password),
        AppPaths(tmp_path / "app"),
        request_log=log,
        options=SessionOptions(**kwargs),  # type: ignore[arg-type]
    )
    return session, log


async def test_records_reach_the_shared_request_log(sandbox: SandboxHandle, tmp_path: Path) -> None:
    """Regression: an empty RequestLog is falsy; the session used to make its own."""
    session, log = make_session(sandbox, tmp_path)
    assert session.request_log is log
    await session.refresh_balance()
    await session.close()
    assert [item.profile for item in log] == ["Client"]


async def test_concurrent_refreshes_share_one_request(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    session, log = make_session(sandbox, tmp_path)
    seen: list[Balance] = []
    session.balance_changed.connect(seen.append)
    results = await asyncio.gather(*(session.refresh_balance() for _ in range(5)))
    await session.close()
    assert len(log) == 1
    assert {r.amount for r in results if r} == {Decimal("5000.00")}
    assert len(seen) == 1


async def test_over_the_limit_the_refresh_is_deferred_not_lost(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    sandbox.reset(enforce_limits=False)
    clock = FakeClock()
    session, log = make_session(sandbox, tmp_path, clock=clock)
    for _ in range(10):
        await session.refresh_balance()
    deferred: list[float] = []
    session.balance_deferred.connect(deferred.append)
    clock.advance(61.4)  # the window (a minute and the 1.5 s margin) frees up in 0.1 s
    cached = await session.refresh_balance()
    assert cached == session.balance
    assert len(log) == 10  # nothing sent
    assert session.balance_refresh_pending
    assert 0 < deferred[0] <= 0.11
    arrived = asyncio.Event()
    session.balance_changed.connect(lambda _b: arrived.set())
    clock.advance(1)
    await asyncio.wait_for(arrived.wait(), 5)
    assert len(log) == 11
    assert not session.balance_refresh_pending
    await session.close()


async def test_close_cancels_a_deferred_refresh(sandbox: SandboxHandle, tmp_path: Path) -> None:
    sandbox.reset(enforce_limits=False)
    session, log = make_session(sandbox, tmp_path, clock=FakeClock())
    for _ in range(11):
        await session.refresh_balance()
    assert session.balance_refresh_pending
    await session.close()
    assert not session.balance_refresh_pending
    assert await session.refresh_balance() == session.balance  # closed: no request
    assert len(log) == 10


async def test_close_ends_the_request_in_flight(sandbox: SandboxHandle, tmp_path: Path) -> None:
    """The account is reopened (another server) while its balance request is in flight: when
    close() returns, that request has ended. One left running would go on with a connection
    attempt on the closed client after the session is gone (issue #11: "coroutine
    'connect_tcp.<locals>.try_connect' was never awaited" at a test's teardown). A rename
    on the way must not make the session lose track of its requests."""
    session, _log = make_session(sandbox, tmp_path)
    sandbox.set_fault("balance", latency=5.0, count=1)
    refresh = asyncio.get_running_loop().create_task(session.refresh_balance())
    for _ in range(1000):  # until the request is at the server (10 s at most)
        if sandbox.state()["requests"].get("balance"):
            break
        await asyncio.sleep(0.01)
    session.update_profile(replace(session.profile, name="Renamed"))
    await session.close()
    left = asyncio.all_tasks() - {asyncio.current_task(), refresh}
    assert left == set()
    assert await asyncio.gather(refresh, return_exceptions=True) != [None]


async def test_low_balance_warning_fires_when_crossing(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    session, _ = make_session(sandbox, tmp_path, low_balance=Decimal("4000"))
    warnings: list[Balance] = []
    session.low_balance_reached.connect(warnings.append)
    await session.refresh_balance()
    assert not session.is_low_balance
    assert warnings == []
    session.spend(Decimal("999.99"))  # 4000.01
    assert warnings == []
    session.spend(Decimal("0.02"))
    assert session.is_low_balance
    assert [w.amount for w in warnings] == [Decimal("3999.99")]
    session.spend(Decimal("1"))
    assert len(warnings) == 1  # once per crossing
    await session.close()


async def test_profile_edit_renames_the_log_and_rechecks_the_threshold(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    session, log = make_session(sandbox, tmp_path)
    changed: list[Profile] = []
    warnings: list[Balance] = []
    session.profile_changed.connect(changed.append)
    session.low_balance_reached.connect(warnings.append)
    await session.refresh_balance()
    session.update_profile(
        replace(session.profile, name="Client renamed", low_balance=Decimal("6000"))
    )
    assert changed[0].name == "Client renamed"
    assert len(warnings) == 1
    await session.refresh_balance()
    assert [item.profile for item in log] == ["Client", "Client renamed"]
    await session.close()
