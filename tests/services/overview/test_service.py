"""OverviewService: the rows, what survives a restart, attention news, the interval, the
account's files, and the active session's balance."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import Balance, Credentials
from smsc_desktop.services.accounts import AccountManager
from smsc_desktop.services.attention import AttentionItem, AttentionKind
from smsc_desktop.services.ledger import Ledger, OwnedNumber
from smsc_desktop.services.overview import Activity, OverviewService, RefreshProgress
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.settings import Settings
from tests.helpers.sandbox import SandboxAccount, SandboxHandle


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "app")


@pytest.fixture
def manager(paths: AppPaths) -> AccountManager:
    return AccountManager(Settings(paths.settings_file), SecretStore())


def make_service(paths: AppPaths, manager: AccountManager, **kwargs: Any) -> OverviewService:
    kwargs.setdefault("save_delay", 0.05)
    return OverviewService(paths, manager, **kwargs)


async def save(
    manager: AccountManager,
    name: str,
    sandbox: SandboxHandle,
    account: SandboxAccount,
    password: str | None = None,
    **fields: Any,
) -> Profile:
    profile = Profile(name=name, server=sandbox.url, login=account.login, **fields)
    return (await manager.save(profile, password or account.password)).profile


async def test_rows_follow_the_profiles(paths: AppPaths, manager: AccountManager) -> None:
    service = make_service(paths, manager)
    changes: list[list[str]] = []
    service.changed.connect(changes.append)
    a = manager.profiles.add(Profile(name="A", server="smsc.ru", login="a"))
    b = manager.profiles.add(Profile(name="B", server="smsc.kz", login="b"))
    assert [s.profile.name for s in service.states()] == ["A", "B"]
    manager.profiles.update(a.renamed("A renamed"))
    assert service.state(a.id) is not None
    assert service.state(a.id).profile.name == "A renamed"  # type: ignore[union-attr]
    manager.profiles.remove(b.id)
    assert [s.profile.id for s in service.states()] == [a.id]
    assert changes
    assert all(c == [] for c in changes)
    await service.aclose()


async def test_figures_survive_a_restart_but_not_a_change_of_login(
    paths: AppPaths, manager: AccountManager, sandbox: SandboxHandle
) -> None:
    poor = await save(manager, "Poor", sandbox, sandbox.poor, low_balance=Decimal("100"))
    typo = await save(manager, "Typo", sandbox, sandbox.demo, password="nope")
    service = make_service(paths, manager)
    summary = await service.refresh()
    assert (summary.total, summary.ok, summary.failed) == (2, 1, 1)
    await service.aclose()

    again = make_service(paths, AccountManager(Settings(paths.settings_file), SecretStore()))
    state = again.state(poor.id)
    assert state is not None
    assert state.figures.balance == Decimal("10.00")
    assert state.figures.checked_at is not None
    assert [i.kind for i in state.attention] == [AttentionKind.LOW_BALANCE]
    failed = again.state(typo.id)
    assert failed is not None
    assert failed.figures.error is not None
    assert failed.figures.error.kind == "auth"
    text = (paths.root / "overview.json").read_text(encoding="utf-8")
    assert sandbox.poor.password not in text
    assert "nope" not in text

    again.profiles.update(replace(poor, login="someone-else"))
    moved = again.state(poor.id)
    assert moved is not None
    assert moved.figures.balance is None  # another account now
    await again.aclose()


async def test_attention_news_is_emitted_once(
    paths: AppPaths, manager: AccountManager, sandbox: SandboxHandle
) -> None:
    poor = await save(manager, "Poor", sandbox, sandbox.poor, low_balance=Decimal("100"))
    service = make_service(paths, manager)
    news: list[list[AttentionItem]] = []
    service.attention_appeared.connect(news.append)
    await service.refresh()
    assert [[(i.profile_id, i.kind) for i in batch] for batch in news] == [
        [(poor.id, AttentionKind.LOW_BALANCE)]
    ]
    await service.refresh()
    assert len(news) == 1  # still low: not news again
    assert [i.kind for i in service.attention()] == [AttentionKind.LOW_BALANCE]
    await service.aclose()


async def test_an_automatic_refresh_leaves_refused_sign_ins_alone(
    paths: AppPaths, manager: AccountManager, sandbox: SandboxHandle
) -> None:
    await save(manager, "Good", sandbox, sandbox.kz)
    await save(manager, "Typo", sandbox, sandbox.demo, password="nope")
    service = make_service(paths, manager)
    await service.refresh()
    sent = sandbox.state()["requests"]["balance"]
    automatic = await service.refresh(automatic=True)
    assert automatic.total == 1
    assert sandbox.state()["requests"]["balance"] == sent + 1
    assert (await service.refresh()).total == 2  # by hand: everyone
    await service.aclose()


async def test_the_interval_refreshes_by_itself(
    paths: AppPaths, manager: AccountManager, sandbox: SandboxHandle
) -> None:
    await save(manager, "Good", sandbox, sandbox.kz)
    slept: list[float] = []
    hold, second_wait = asyncio.Event(), asyncio.Event()

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) > 1:
            second_wait.set()
            await hold.wait()

    service = make_service(paths, manager, sleep=sleep)
    progress: list[RefreshProgress] = []
    service.progress.connect(progress.append)
    service.set_interval(15)
    await asyncio.wait_for(second_wait.wait(), 10)
    assert slept[0] == 0.0  # never refreshed: at once
    assert 890 < slept[1] <= 900  # then every 15 minutes
    assert progress[-1].summary is not None
    assert progress[-1].automatic
    service.set_interval(0)
    await service.aclose()


async def test_the_files_of_every_account(
    paths: AppPaths, manager: AccountManager, sandbox: SandboxHandle
) -> None:
    profile = await save(manager, "Rich", sandbox, sandbox.demo)
    ledger = Ledger(paths.profile_dir(profile.id))
    ledger.put(OwnedNumber("79990000001", monthly_cost=Decimal("500"), currency="RUR"))
    ledger.save()
    service = make_service(paths, manager)
    await service.rescan()
    state = service.state(profile.id)
    assert state is not None
    assert state.files is not None
    assert state.files.numbers.monthly == Decimal("500")
    sandbox.reset(balances={"demo": "300.00"})
    await service.refresh()
    state = service.state(profile.id)
    assert state is not None
    assert [i.kind for i in state.attention] == [AttentionKind.RENEWALS_NOT_COVERED]
    assert state.activity is Activity.IDLE
    await service.aclose()


async def test_the_active_sessions_balance_goes_both_ways(
    paths: AppPaths, manager: AccountManager, sandbox: SandboxHandle
) -> None:
    profile = await save(manager, "Open", sandbox, sandbox.demo)
    service = make_service(paths, manager)
    session = AccountSession(
        profile,
        Credentials.from_password(sandbox.demo.login, sandbox.demo.password),
        paths,
        rate_limits=manager.rate_limits,
    )
    service.follow_session(session)
    await session.refresh_balance()
    state = service.state(profile.id)
    assert state is not None
    assert state.figures.balance == Decimal("5000.00")

    sandbox.reset(balances={"demo": "42.00"})
    await service.refresh()
    assert session.balance is not None
    assert session.balance.amount == Decimal("42.00")
    await session.close()
    await service.aclose()


def test_a_state_knows_its_facts() -> None:
    from smsc_desktop.services.overview import AccountState, Figures

    profile = Profile(name="A", server="smsc.ru", login="a")
    figures = Figures(balance=Decimal(1), checked_at=datetime(2026, 1, 1, tzinfo=UTC))
    state = AccountState(profile, figures, None)
    assert state.facts.profile is profile
    assert state.facts.figures is figures


async def test_what_needs_attention_reaches_the_desktop_from_the_same_computation(
    paths: AppPaths, manager: AccountManager, sandbox: SandboxHandle, tmp_path: Path
) -> None:
    from smsc_desktop.services.notification_sources import OverviewNotifications
    from smsc_desktop.services.notifications import Event, Kind, NotificationHub

    poor = await save(manager, "Poor", sandbox, sandbox.poor, low_balance=Decimal("100"))
    await save(manager, "Typo", sandbox, sandbox.demo, password="nope")
    service = make_service(paths, manager)
    hub = NotificationHub(Settings(tmp_path / "settings.json"))
    shown: list[Event] = []
    hub.shown.connect(shown.append)
    active: list[str | None] = [None]
    notifications = OverviewNotifications(hub, service, lambda: active[0])
    await service.refresh()
    listed = {(i.profile_id, i.kind.value) for i in service.attention()}
    told = {(e.account_id, e.kind.value) for e in shown}
    assert (
        told
        == listed
        == {
            (poor.id, Kind.LOW_BALANCE.value),
            (next(p.id for p in manager.profiles if p.name == "Typo"), Kind.SIGN_IN_REFUSED.value),
        }
    )
    low = next(e for e in shown if e.kind is Kind.LOW_BALANCE)
    assert (low.account_name, low.limit, low.currency, low.overview) == (
        "Poor",
        Decimal("100"),
        "RUR",
        True,
    )
    assert low.amount is not None
    assert low.amount < Decimal("100")

    # The active account's low balance is told by its session as it happens, not again here.
    shown.clear()
    active[0] = poor.id
    state = service.state(poor.id)
    assert state is not None
    service.note_balance(poor.id, Balance(Decimal("500"), "RUR"))
    service.note_balance(poor.id, Balance(Decimal("5"), "RUR"))
    assert [i.kind for i in service.attention() if i.profile_id == poor.id] == [
        AttentionKind.LOW_BALANCE
    ]
    assert shown == []
    notifications.detach()
    active[0] = None
    service.note_balance(poor.id, Balance(Decimal("500"), "RUR"))
    service.note_balance(poor.id, Balance(Decimal("5"), "RUR"))
    assert shown == []  # detached
    await service.aclose()
