"""An ``AccountSession`` on the sandbox's demo account, for service and tab tests."""

from __future__ import annotations

import os
from pathlib import Path

from smsc_desktop.api import Credentials
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.session import AccountSession
from tests.helpers.sandbox import SandboxHandle


def sandbox_profile(sandbox: SandboxHandle, *, demo: bool = True) -> Profile:
    return Profile(
        name="Sandbox demo",
        server=sandbox.url,
        login=sandbox.login,
        demo=demo,
        id="sandbox-demo",
    )


def app_paths() -> AppPaths:
    """The test's own app folder (conftest points SMSC_DESKTOP_HOME into tmp_path)."""
    return AppPaths(Path(os.environ["SMSC_DESKTOP_HOME"]))


def sandbox_session(sandbox: SandboxHandle, *, timeout: float = 5.0) -> AccountSession:
    """A session on the demo account. Close it with ``await session.close()``."""
    return AccountSession(
        sandbox_profile(sandbox),
        Credentials.from_password(sandbox.login, sandbox.password),
        app_paths(),
        timeout=timeout,
    )
