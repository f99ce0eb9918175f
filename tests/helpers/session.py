"""Account sessions on the sandbox, for service and UI tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from smsc_desktop.api import Credentials
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.session import AccountSession
from tests.helpers.sandbox import SandboxAccount, SandboxHandle


def sandbox_session(
    sandbox: SandboxHandle,
    root: Path,
    *,
    account: SandboxAccount | None = None,
    timeout: float = 15.0,
    clock: Callable[[], float] = time.monotonic,
    profile_id: str = "test-profile",
) -> AccountSession:
    """A session on the sandbox (demo account unless ``account``); its data under ``root``.

    ``clock`` drives the client's rate guard (tests advance a fake one instead of waiting
    a minute). Create it inside the running event loop.
    """
    acc = account or sandbox.demo
    profile = Profile(
        name=f"Sandbox {acc.login}",
        server=sandbox.url,
        login=acc.login,
        id=profile_id,
        demo=True,
    )
    creds = Credentials.from_password(acc.login, acc.password)
    return AccountSession(profile, creds, AppPaths(root), timeout=timeout, clock=clock)
