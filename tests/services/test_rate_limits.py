"""SMSC's limits kept per account and server: across clients, sessions, connection tests and
restarts (issue #21 item 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsc_desktop.api import Credentials, Endpoint, RateLimitedError, SmscClient
from smsc_desktop.services.accounts import AccountManager
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import AuthKind, Profile
from smsc_desktop.services.rate_limits import RateLimits, account_key
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.services.session import AccountSession, SessionOptions
from smsc_desktop.services.settings import Settings
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle


def profile_on(sandbox: SandboxHandle, **fields: object) -> Profile:
    return Profile(name="Shop", server=sandbox.url, login=sandbox.login, **fields)  # type: ignore[arg-type]


def session_on(
    sandbox: SandboxHandle, tmp_path: Path, limits: RateLimits, clock: FakeClock
) -> AccountSession:
    creds = Credentials.from_password(sandbox.login, sandbox.password)
    return AccountSession(
        profile_on(sandbox),
        creds,
        AppPaths(tmp_path),
        options=SessionOptions(clock=clock),
        rate_limits=limits,
    )


def sent(sandbox: SandboxHandle, key: str) -> int:
    return int(sandbox.state()["requests"].get(key, 0))


async def test_a_new_session_of_the_account_keeps_the_count(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    clock = FakeClock()
    limits = RateLimits(clock=clock)
    first = session_on(sandbox, tmp_path, limits, clock)
    await first.client.list_available_numbers()
    await first.client.list_available_numbers()
    await first.close()
    second = session_on(sandbox, tmp_path, limits, clock)  # the user switched back
    with pytest.raises(RateLimitedError):
        await second.client.list_available_numbers()
    assert second.balance_retry_after() == 0.0
    await second.close()
    assert sent(sandbox, "receive_phones.get") == 2  # the third never left


async def test_connection_tests_and_the_session_share_the_balance_limit(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    clock = FakeClock()
    limits = RateLimits(clock=clock)
    manager = AccountManager(
        Settings(tmp_path / "settings.json"), SecretStore(enabled=False), rate_limits=limits
    )
    for _ in range(10):
        await manager.test_connection(profile_on(sandbox), sandbox.password)
    session = session_on(sandbox, tmp_path, limits, clock)
    deferred: list[float] = []
    session.balance_deferred.connect(deferred.append)
    await session.refresh_balance()
    assert deferred
    assert deferred[0] > 50
    await session.close()
    assert sent(sandbox, "balance") == 10


async def test_a_restart_remembers_the_counts(sandbox: SandboxHandle, tmp_path: Path) -> None:
    wall = [1_700_000_000.0]
    before = RateLimits.in_folder(tmp_path, clock=FakeClock(100.0), wall_clock=lambda: wall[0])
    creds = Credentials.from_password(sandbox.login, sandbox.password)
    guard = before.for_profile(profile_on(sandbox))
    async with SmscClient(sandbox.url, creds, guard=guard) as client:
        for _ in range(3):
            await client.list_jobs()
    await before.flush()
    saved = json.loads((tmp_path / "rate_limits.json").read_text(encoding="utf-8"))
    assert sandbox.password not in json.dumps(saved)

    wall[0] += 30  # the app starts again half a minute later
    after = RateLimits.in_folder(tmp_path, clock=FakeClock(7.0), wall_clock=lambda: wall[0])
    guard = after.for_profile(profile_on(sandbox))
    async with SmscClient(sandbox.url, creds, guard=guard) as client:
        with pytest.raises(RateLimitedError) as info:
            await client.list_jobs()
        assert client.wait_time(Endpoint.JOBS) == pytest.approx(31.5)
    assert info.value.retry_after == pytest.approx(31.5)
    assert sent(sandbox, "downloads.get_list") == 3


async def test_what_a_guard_is_keyed_by(tmp_path: Path) -> None:
    limits = RateLimits()
    shop = Profile(name="Shop", server="https://smsc.ru/", login=" Shop ")
    same = Profile(name="Copy", server="https://SMSC.ru", login="shop")
    keyed = Profile(name="Key", server="https://smsc.ru", auth=AuthKind.API_KEY)
    assert limits.for_profile(shop) is limits.for_profile(same)
    assert limits.for_profile(keyed) is not limits.for_profile(shop)
    assert account_key(keyed) == f"apikey:{keyed.id}"  # never the key itself
    other_server = Profile(name="Test", server="https://test.smsc.ru", login="shop")
    assert limits.for_profile(other_server) is not limits.for_profile(shop)


async def test_a_bad_file_is_ignored(tmp_path: Path) -> None:
    for content in ("{not json", "[]", '{"guards": [1, {"server": 1}]}', "x" * 10):
        (tmp_path / "rate_limits.json").write_text(content, encoding="utf-8")
        limits = RateLimits.in_folder(tmp_path)
        guard = limits.guard("https://smsc.ru", "login:shop")
        assert guard.wait_time(("balance",), 10) == 0.0
