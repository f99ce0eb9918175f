"""Closing an account is finished even when whoever started it goes away (issue #11)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from smsc_desktop.api import Credentials
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui import aio
from smsc_desktop.ui.context import AppContext
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxHandle


def test_a_close_whose_caller_is_cancelled_still_closes_the_client(
    qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle
) -> None:
    paths = AppPaths(tmp_path / "app")
    ctx = AppContext(paths, Settings(paths.settings_file))
    profile = Profile(name="Shop", server=sandbox.url, login=sandbox.demo.login)
    creds = Credentials.from_password(sandbox.demo.login, sandbox.demo.password)
    session = run(qloop, qtbot, ctx.open_session(profile, creds))
    run(qloop, qtbot, session.refresh_balance())

    async def close_and_walk_away() -> None:
        closing = asyncio.ensure_future(ctx.close_session())
        await asyncio.sleep(0)  # the account is already gone from the context...
        closing.cancel()  # ...and whoever closed it (a dialog, the end of a test) goes away
        await asyncio.gather(closing, return_exceptions=True)

    run(qloop, qtbot, close_and_walk_away())
    assert ctx.session is None
    # The app's quit (or the next close) waits for the closing that was started.
    run(qloop, qtbot, ctx.close_session())
    assert session.closed
    assert session.client._http.is_closed  # the pool and its sockets too
    assert not [t for t in aio.pending_tasks() if "close" in t.get_name()]
