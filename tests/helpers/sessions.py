"""Account sessions on the sandbox, for service and UI tests: the one ``sandbox_session``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from smsc_desktop.api import Credentials
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.session import AccountSession, SessionOptions
from tests.helpers.sandbox import SandboxAccount, SandboxHandle


def sandbox_profile(
    sandbox: SandboxHandle,
    *,
    account: SandboxAccount | None = None,
    demo: bool = True,
    profile_id: str = "sandbox-demo",
) -> Profile:
    acc = account or sandbox.demo
    name = "Sandbox demo" if account is None else f"Sandbox {acc.login}"
    return Profile(name=name, server=sandbox.url, login=acc.login, demo=demo, id=profile_id)


def app_paths() -> AppPaths:
    """The test's own app folder (conftest points SMSC_DESKTOP_HOME into tmp_path)."""
    return AppPaths(Path(os.environ["SMSC_DESKTOP_HOME"]))


def sandbox_session(
    sandbox: SandboxHandle,
    root: Path | None = None,
    *,
    account: SandboxAccount | None = None,
    timeout: float = 15.0,
    clock: Callable[[], float] = time.monotonic,
    options: SessionOptions | None = None,
    profile_id: str = "sandbox-demo",
) -> AccountSession:
    """A session on the sandbox (demo account unless ``account``), its data under ``root``
    (the test's app folder by default). ``clock`` drives the client's rate guard (tests
    advance a fake one instead of waiting a minute). Create it inside the running event
    loop; close it with ``await session.close()``.
    """
    acc = account or sandbox.demo
    profile = sandbox_profile(sandbox, account=account, profile_id=profile_id)
    creds = Credentials.from_password(acc.login, acc.password)
    paths = AppPaths(root) if root is not None else app_paths()
    return AccountSession(
        profile, creds, paths, options=options or SessionOptions(timeout=timeout, clock=clock)
    )
