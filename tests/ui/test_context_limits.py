"""The app's context keeps SMSC's limits per account across account switches, connection
tests and restarts (issue #21 item 2), as a user switching accounts every few seconds would
meet them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import Credentials, RateLimitedError
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.context import AppContext
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxHandle


def sent(sandbox: SandboxHandle, key: str) -> int:
    return int(sandbox.state()["requests"].get(key, 0))


def test_switching_accounts_and_restarting_keep_smscs_limits(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    paths = AppPaths(tmp_path / "app")
    shop = Profile(name="Shop", server=sandbox.url, login=sandbox.demo.login)
    poor = Profile(name="Poor", server=sandbox.url, login=sandbox.poor.login)
    shop_creds = Credentials.from_password(sandbox.demo.login, sandbox.demo.password)
    poor_creds = Credentials.from_password(sandbox.poor.login, sandbox.poor.password)

    def context() -> AppContext:
        return AppContext(paths, Settings(paths.settings_file))

    ctx = context()

    async def free_list() -> None:
        assert ctx.session is not None
        await ctx.session.client.list_available_numbers()

    async def switch_and_list(times: int) -> None:
        for _ in range(times):
            await ctx.open_session(shop, shop_creds)
            await free_list()
            await ctx.open_session(poor, poor_creds)

    run(qloop, qtbot, switch_and_list(2))
    run(qloop, qtbot, ctx.open_session(shop, shop_creds))
    with pytest.raises(RateLimitedError):  # refused here, not by SMSC (error 9)
        run(qloop, qtbot, free_list())
    run(qloop, qtbot, ctx.close_session())

    ctx = context()  # the app restarted
    run(qloop, qtbot, ctx.open_session(shop, shop_creds))
    with pytest.raises(RateLimitedError):
        run(qloop, qtbot, free_list())
    run(qloop, qtbot, ctx.close_session())
    assert sent(sandbox, "receive_phones.get") == 2


def test_connection_tests_count_against_the_accounts_balance_limit(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    paths = AppPaths(tmp_path / "app")
    ctx = AppContext(paths, Settings(paths.settings_file))
    shop = Profile(name="Shop", server=sandbox.url, login=sandbox.demo.login)

    async def scenario() -> list[float]:
        for _ in range(10):
            await ctx.accounts.test_connection(shop, sandbox.demo.password)
        creds = Credentials.from_password(sandbox.demo.login, sandbox.demo.password)
        session = await ctx.open_session(shop, creds)
        deferred: list[float] = []
        session.balance_deferred.connect(deferred.append)
        await session.refresh_balance()
        await ctx.close_session()
        return deferred

    deferred = run(qloop, qtbot, scenario())
    assert deferred  # the session waits for the minute instead of asking an 11th time
    assert sent(sandbox, "balance") == 10
