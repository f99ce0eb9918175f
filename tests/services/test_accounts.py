"""AccountManager: a profile and its secret saved, renamed, duplicated and deleted together;
the connection test against the sandbox for success and every failure the dialog explains."""

from __future__ import annotations

import socket
from decimal import Decimal
from pathlib import Path

import pytest

from smsc_desktop.api import (
    AuthError,
    ConnectFailedError,
    IpBlockedError,
    ProtocolError,
    RateLimitedError,
    RequestTimeoutError,
    TlsError,
)
from smsc_desktop.services.accounts import (
    AccountManager,
    ProfileInvalidError,
    SecretMissingError,
)
from smsc_desktop.services.profiles import AuthKind, Profile, ProfileProblem, demo_profile
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.secrets import SERVICE_NAME, KeyringProblem, SecretStore
from smsc_desktop.services.settings import Settings
from tests.api.fake_smsc import FakeClock
from tests.helpers.fake_keyrings import LockedKeyring
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.sandbox import SandboxHandle


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json")


@pytest.fixture
def manager(settings: Settings) -> AccountManager:
    return AccountManager(settings, SecretStore(), test_timeout=5.0)


def sandbox_profile(sandbox: SandboxHandle, **fields: object) -> Profile:
    values: dict[str, object] = {
        "name": "Sandbox client",
        "server": sandbox.url,
        "login": sandbox.login,
    }
    values.update(fields)
    return Profile(**values)  # type: ignore[arg-type]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- profiles with their secrets ------------------------------------------------------------


async def test_save_rename_duplicate_delete_keep_secrets_in_step(
    manager: AccountManager, memory_keyring: MemoryKeyring, settings: Settings
) -> None:
    profile = Profile(name="Client A", server="https://smsc.ru", login="alogin")
    outcome = await manager.save(profile, "pw-A-1")
    assert outcome.created
    assert outcome.secret_saved
    assert outcome.in_keyring
    assert memory_keyring.store[(SERVICE_NAME, profile.secret_key)] == "pw-A-1"

    renamed = await manager.save(profile.renamed("Client A — marketing"))  # no new secret
    assert not renamed.created
    assert not renamed.secret_saved
    credentials = await manager.credentials(renamed.profile)
    assert credentials.form_fields() == {"login": "alogin", "psw": "pw-A-1"}

    copy = await manager.duplicate(renamed.profile, "Client A — marketing")
    assert copy.name == "Client A — marketing 2"  # names stay unique
    assert memory_keyring.store[(SERVICE_NAME, copy.secret_key)] == "pw-A-1"

    assert await manager.delete(renamed.profile) is True
    assert (SERVICE_NAME, profile.secret_key) not in memory_keyring.store
    assert manager.profiles.get(profile.id) is None
    assert (SERVICE_NAME, copy.secret_key) in memory_keyring.store  # the copy keeps its own
    assert settings.get("accounts/forget") == []


async def test_a_new_secret_replaces_the_old(manager: AccountManager) -> None:
    profile = Profile(name="K", server="https://smsc.kz", auth=AuthKind.API_KEY)
    await manager.save(profile, "key-one-123")
    await manager.save(profile, "key-two-456")
    assert (await manager.credentials(profile)).form_fields() == {"apikey": "key-two-456"}


async def test_invalid_profile_is_not_saved(manager: AccountManager) -> None:
    with pytest.raises(ProfileInvalidError) as info:
        await manager.save(Profile(name="", server="ftp://x", login=""), "pw")
    assert info.value.problems == [
        ProfileProblem.NO_NAME,
        ProfileProblem.BAD_SERVER,
        ProfileProblem.NO_LOGIN,
    ]
    assert len(manager.profiles) == 0


async def test_missing_secret_is_reported(manager: AccountManager) -> None:
    profile = (await manager.save(Profile(name="A", server="smsc.ru", login="a"))).profile
    assert not await manager.has_secret(profile)
    with pytest.raises(SecretMissingError):
        await manager.credentials(profile)


async def test_demo_profile_uses_the_public_demo_credentials(settings: Settings) -> None:
    from smsc_desktop.api import Credentials

    demo = Credentials.from_password("demo", "demo-password")
    manager = AccountManager(settings, SecretStore(), demo_credentials=lambda _login: demo)
    profile = (await manager.save(demo_profile("Demo"), "ignored")).profile
    assert await manager.credentials(profile) == demo
    assert await manager.delete(profile) is True


async def test_delete_while_locked_deletes_the_secret_later(settings: Settings) -> None:
    backend = MemoryKeyring()
    working = AccountManager(settings, SecretStore(backend_factory=lambda: backend))
    profile = (await working.save(Profile(name="A", server="smsc.ru", login="a"), "pw-A")).profile

    locked = AccountManager(Settings(settings.path), SecretStore(backend_factory=LockedKeyring))
    assert await locked.delete(locked.profiles.get(profile.id)) is False
    assert locked.secrets.status.problem is KeyringProblem.LOCKED
    assert Settings(settings.path).get("accounts/forget") == [profile.secret_key]
    assert (SERVICE_NAME, profile.secret_key) in backend.store  # still there, for now

    later = AccountManager(Settings(settings.path), SecretStore(backend_factory=lambda: backend))
    assert await later.forget_pending() == 1
    assert backend.store == {}
    assert Settings(settings.path).get("accounts/forget") == []


# --- the connection test against the sandbox --------------------------------------------------


async def test_connection_test_success_with_password_and_api_key(
    manager: AccountManager, sandbox: SandboxHandle
) -> None:
    balance = await manager.test_connection(sandbox_profile(sandbox), sandbox.password)
    assert (balance.amount, balance.currency) == (Decimal("5000.00"), "RUR")
    key_profile = sandbox_profile(sandbox, auth=AuthKind.API_KEY, login="", name="By key")
    assert (await manager.test_connection(key_profile, sandbox.apikey)).amount == Decimal("5000.00")
    # with the stored secret
    saved = (await manager.save(sandbox_profile(sandbox, name="Stored"), sandbox.password)).profile
    assert (await manager.test_connection(saved)).currency == "RUR"


async def test_connection_test_requests_reach_the_request_log(
    settings: Settings, sandbox: SandboxHandle
) -> None:
    log = RequestLog()
    manager = AccountManager(settings, SecretStore(), request_log=log)
    await manager.test_connection(sandbox_profile(sandbox, name="Logged"), sandbox.password)
    items = list(log)
    assert [(i.profile, i.record.endpoint, i.record.outcome) for i in items] == [
        ("Logged", "balance", "ok")
    ]


async def test_wrong_password_is_error_2(manager: AccountManager, sandbox: SandboxHandle) -> None:
    with pytest.raises(AuthError) as info:
        await manager.test_connection(sandbox_profile(sandbox), "wrong-password")
    assert info.value.code == 2


async def test_blocked_account_is_error_4(manager: AccountManager, sandbox: SandboxHandle) -> None:
    profile = sandbox_profile(sandbox, login=sandbox.blocked.login)
    with pytest.raises(IpBlockedError) as info:
        await manager.test_connection(profile, sandbox.blocked.password)
    assert info.value.code == 4


async def test_unreachable_server(manager: AccountManager, sandbox: SandboxHandle) -> None:
    profile = sandbox_profile(sandbox, server=f"http://127.0.0.1:{closed_port()}")
    with pytest.raises(ConnectFailedError):
        await manager.test_connection(profile, sandbox.password)


async def test_tls_problem(manager: AccountManager, sandbox: SandboxHandle) -> None:
    https = sandbox.url.replace("http://", "https://")  # TLS to a plain-http port
    with pytest.raises(TlsError):
        await manager.test_connection(sandbox_profile(sandbox, server=https), sandbox.password)


async def test_timeout(settings: Settings, sandbox: SandboxHandle) -> None:
    manager = AccountManager(settings, SecretStore(), test_timeout=0.3)
    sandbox.set_fault("balance", latency=3.0, count=1)
    with pytest.raises(RequestTimeoutError):
        await manager.test_connection(sandbox_profile(sandbox), sandbox.password)


async def test_html_answer(manager: AccountManager, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("balance", html=200, count=1)
    with pytest.raises(ProtocolError) as info:
        await manager.test_connection(sandbox_profile(sandbox), sandbox.password)
    assert "web page" in str(info.value)


async def test_bad_address_and_missing_secret_fail_before_any_request(
    manager: AccountManager, sandbox: SandboxHandle
) -> None:
    """Problems come back as data (``ProfileProblem``), never as an English ValueError."""
    with pytest.raises(ProfileInvalidError) as info:
        await manager.test_connection(sandbox_profile(sandbox, server="http://example.com"), "pw")
    assert info.value.problems == [ProfileProblem.BAD_SERVER]
    no_login = Profile(name="N", server=sandbox.url, login=" ")
    with pytest.raises(ProfileInvalidError) as info:
        await manager.test_connection(no_login, "pw")
    assert info.value.problems == [ProfileProblem.NO_LOGIN]
    with pytest.raises(SecretMissingError):
        await manager.test_connection(sandbox_profile(sandbox))
    blank_key = Profile(name="K", server=sandbox.url, auth=AuthKind.API_KEY)
    with pytest.raises(SecretMissingError):
        await manager.test_connection(blank_key, "   ")
    assert sandbox.state()["requests"].get("balance", 0) == 0


async def test_connection_tests_stay_within_ten_balance_requests_a_minute(
    settings: Settings, sandbox: SandboxHandle
) -> None:
    clock = FakeClock()
    manager = AccountManager(settings, SecretStore(), clock=clock)
    profile = sandbox_profile(sandbox)
    for _ in range(10):
        await manager.test_connection(profile, sandbox.password)
    assert manager.test_retry_after(profile) > 0
    with pytest.raises(RateLimitedError) as info:
        await manager.test_connection(profile, sandbox.password)
    assert info.value.retry_after > 0
    assert sandbox.state()["requests"]["balance"] == 10  # the 11th never left
    clock.advance(61.5)  # SMSC's minute and the 1.5 s margin
    assert manager.test_retry_after(profile) == 0
