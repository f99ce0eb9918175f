"""Refreshing many accounts against the sandbox: a few at a time, each within its limits,
every failure in plain data, a dead server holding one slot only, secrets read once."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from smsc_desktop.api import (
    AuthError,
    ConnectFailedError,
    IpBlockedError,
)
from smsc_desktop.services.accounts import AccountManager, SecretMissingError
from smsc_desktop.services.overview.refresh import RefreshResult, RefreshRound
from smsc_desktop.services.profiles import AuthKind, Profile
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.services.settings import Settings
from smsc_desktop.services.tasks import TaskSet
from tests.helpers.fake_keyrings import LockedKeyring
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.sandbox import SandboxAccount, SandboxHandle


class CountingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.reads: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.reads.append(username)
        return super().get_password(service, username)


@pytest.fixture
def keyring_backend() -> CountingKeyring:
    return CountingKeyring()


@pytest.fixture
def manager(tmp_path: Path, keyring_backend: CountingKeyring) -> AccountManager:
    settings = Settings(tmp_path / "settings.json")
    return AccountManager(settings, SecretStore(backend_factory=lambda: keyring_backend))


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An address that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def closed_address() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


async def save(
    manager: AccountManager,
    name: str,
    server: str,
    account: SandboxAccount,
    *,
    password: str | None = None,
    apikey: bool = False,
) -> Profile:
    if apikey:
        profile = Profile(name=name, server=server, auth=AuthKind.API_KEY)
        return (await manager.save(profile, account.apikey)).profile
    profile = Profile(name=name, server=server, login=account.login)
    return (await manager.save(profile, password or account.password)).profile


async def run(
    manager: AccountManager,
    profiles: list[Profile],
    *,
    concurrency: int = 4,
    timeout: float = 5.0,
    started: list[str] | None = None,
) -> dict[str, RefreshResult]:
    results: dict[str, RefreshResult] = {}
    tasks = TaskSet("test")
    refresh = RefreshRound(
        manager,
        manager.request_log,
        tasks,
        concurrency=concurrency,
        timeout=timeout,
        on_start=(started.append if started is not None else lambda _pid: None),
        on_result=lambda r: results.__setitem__(r.profile_id, r),
    )
    refresh.add(profiles)
    summary = await refresh.done
    assert summary.total == len(profiles) == len(results)
    await tasks.aclose()
    return {p.name: results[p.id] for p in profiles}


async def test_every_account_gets_its_outcome(
    manager: AccountManager, sandbox: SandboxHandle
) -> None:
    url = sandbox.url
    profiles = [
        await save(manager, "Demo", url, sandbox.demo),
        await save(manager, "Poor", url, sandbox.poor),
        await save(manager, "Tenge", url, sandbox.kz, apikey=True),
        await save(manager, "Blocked", url, sandbox.blocked),
        await save(manager, "Typo", url, sandbox.demo, password="wrong-password"),
        await save(manager, "Gone", closed_address(), sandbox.demo),
    ]
    missing = Profile(name="No secret", server=url, login="nobody")
    manager.profiles.add(missing)
    results = await run(manager, [*profiles, missing])
    assert results["Demo"].balance is not None
    assert results["Demo"].balance.amount == Decimal("5000.00")
    assert results["Poor"].balance is not None
    assert results["Poor"].balance.amount == Decimal("10.00")
    assert results["Tenge"].balance is not None
    assert results["Tenge"].balance.currency == "KZT"
    assert isinstance(results["Blocked"].error, IpBlockedError)
    assert isinstance(results["Typo"].error, AuthError)
    assert isinstance(results["Gone"].error, ConnectFailedError)
    assert isinstance(results["No secret"].error, SecretMissingError)


async def test_at_most_n_accounts_are_asked_at_once(
    manager: AccountManager, sandbox: SandboxHandle
) -> None:
    sandbox.set_fault("balance", latency=0.3)
    accounts = [sandbox.demo, sandbox.poor, sandbox.kz]
    profiles = [await save(manager, f"C{n}", sandbox.url, accounts[n % 3]) for n in range(7)]
    in_flight = peak = 0
    results: list[RefreshResult] = []
    tasks = TaskSet("test")

    def started(_pid: str) -> None:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)

    def answered(result: RefreshResult) -> None:
        nonlocal in_flight
        in_flight -= 1
        results.append(result)

    refresh = RefreshRound(
        manager,
        manager.request_log,
        tasks,
        concurrency=2,
        on_start=started,
        on_result=answered,
    )
    refresh.add(profiles)
    await refresh.done
    assert peak == 2
    assert len(results) == 7
    # Same login twice in one round: the account's guard counts both (10 a minute).
    assert all(r.balance is not None for r in results)


async def test_a_silent_server_holds_one_slot_and_the_others_go_on(
    manager: AccountManager, sandbox: SandboxHandle, silent_server: str
) -> None:
    slow = await save(manager, "Silent", silent_server, sandbox.demo)
    fast = [await save(manager, f"F{n}", sandbox.url, sandbox.poor) for n in range(5)]
    order: list[str] = []
    tasks = TaskSet("test")
    names = {p.id: p.name for p in (slow, *fast)}
    refresh = RefreshRound(
        manager,
        manager.request_log,
        tasks,
        concurrency=2,
        timeout=1.5,
        on_result=lambda r: order.append(names[r.profile_id]),
    )
    refresh.add([slow, *fast])
    summary = await refresh.done
    assert order[-1] == "Silent"  # every other account was done before it gave up
    assert order[:-1] == [p.name for p in fast]
    assert summary.failed == 1
    await tasks.aclose()


async def test_a_dead_servers_other_accounts_are_not_asked(manager: AccountManager) -> None:
    from tests.helpers.sandbox import SandboxAccount

    account = SandboxAccount("x", "x-password", "")
    dead = closed_address()
    profiles = [await save(manager, f"D{n}", dead, account) for n in range(3)]
    results = await run(manager, profiles, concurrency=1)
    first, *others = results.values()
    assert isinstance(first.error, ConnectFailedError)
    assert not first.skipped
    assert all(r.skipped for r in others)
    assert all(r.error is first.error for r in others)


async def test_smscs_limit_is_kept_per_account(
    manager: AccountManager, sandbox: SandboxHandle
) -> None:
    limited = await save(manager, "Limited", sandbox.url, sandbox.demo)
    free = await save(manager, "Free", sandbox.url, sandbox.kz)
    manager.rate_limits.for_profile(limited).block(("balance",), 30)
    before = sandbox.state()["requests"].get("balance", 0)
    results = await run(manager, [limited, free])
    assert results["Limited"].balance is None
    assert results["Limited"].error is None
    assert 28 < results["Limited"].wait <= 32
    assert results["Free"].balance is not None
    assert sandbox.state()["requests"]["balance"] == before + 1  # the limited one never left


async def test_each_secret_is_read_once_per_run(
    manager: AccountManager, sandbox: SandboxHandle, keyring_backend: CountingKeyring
) -> None:
    profiles = [await save(manager, f"K{n}", sandbox.url, sandbox.kz) for n in range(5)]
    fresh = AccountManager(
        manager.settings,
        SecretStore(backend_factory=lambda: keyring_backend),
        rate_limits=manager.rate_limits,
    )
    keyring_backend.reads.clear()
    sandbox.reset(enforce_limits=False)
    await run(fresh, profiles)
    await run(fresh, profiles)
    assert sorted(keyring_backend.reads) == sorted(p.secret_key for p in profiles)
    assert await fresh.credentials(profiles[0]) is not None  # opening one: no read either
    assert len(keyring_backend.reads) == 5


async def test_a_locked_keyring_is_asked_once(sandbox: SandboxHandle, tmp_path: Path) -> None:
    backend = LockedKeyring()
    settings = Settings(tmp_path / "s.json")
    writer = AccountManager(settings, SecretStore(backend_factory=MemoryKeyring))
    profiles = [
        (await writer.save(Profile(name=f"L{n}", server=sandbox.url, login="demo"), "pw")).profile
        for n in range(4)
    ]
    locked = AccountManager(settings, SecretStore(backend_factory=lambda: backend))
    results = await run(locked, profiles)
    assert backend.calls == 1  # one unlock prompt at most
    assert all(isinstance(r.error, SecretMissingError) for r in results.values())


async def test_cancel_ends_the_round(manager: AccountManager, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("balance", latency=5)
    profiles = [await save(manager, f"C{n}", sandbox.url, sandbox.poor) for n in range(3)]
    tasks = TaskSet("test")
    refresh = RefreshRound(manager, manager.request_log, tasks, concurrency=2)
    refresh.add(profiles)
    await asyncio.sleep(0.2)
    refresh.cancel()
    summary = await asyncio.wait_for(refresh.done, 3)
    assert summary.cancelled
    await tasks.aclose()
    assert not tasks.pending()
