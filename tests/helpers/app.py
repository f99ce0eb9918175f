"""Building the main window the way app.py does, on the sandbox, for widget tests.

``AppHarness(qtbot, qloop, root, sandbox)`` gives an attached ``MainWindow`` whose context
uses ``root`` for settings and data, the test's keyring (or the ``secrets`` given), and the
session sandbox as the built-in sandbox (and fixed ``session_options`` when given). ``close()`` closes the session like the app's
shutdown does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.services.session import SessionOptions
from smsc_desktop.services.settings import Settings
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxAccount, SandboxHandle


class AppHarness:
    def __init__(
        self,
        qtbot: Any,
        loop: Any,
        root: Path,
        sandbox: SandboxHandle,
        *,
        secrets: SecretStore | None = None,
        session_options: SessionOptions | None = None,
        sandbox_starter: Callable[[], Awaitable[str]] | None = None,
    ) -> None:
        from smsc_desktop.ui.context import AppContext
        from smsc_desktop.ui.main_window import MainWindow

        self.qtbot = qtbot
        self.loop = loop
        self.sandbox = sandbox
        self.paths = AppPaths(root)
        self.settings = Settings(self.paths.settings_file)

        async def start_sandbox() -> str:
            return sandbox.url

        self.ctx = AppContext(
            self.paths,
            self.settings,
            secrets=secrets or SecretStore(),
            sandbox_starter=sandbox_starter or start_sandbox,
            session_options=session_options,
        )
        self.window = MainWindow()
        qtbot.addWidget(self.window)
        self.window.attach(self.ctx)

    @property
    def controller(self) -> Any:
        return self.window.accounts

    def run(self, coro: Any, timeout: int = 10_000) -> Any:
        return run(self.loop, self.qtbot, coro, timeout)

    def add_sandbox_profile(
        self, name: str, account: SandboxAccount | None = None, **fields: Any
    ) -> Profile:
        """A saved profile on the sandbox with its password in the keyring."""
        account = account or self.sandbox.demo
        profile = Profile(name=name, server=self.sandbox.url, login=account.login, **fields)
        return self.run(self.ctx.accounts.save(profile, account.password)).profile

    def wait_session(self, profile_id: str, timeout: int = 10_000) -> Any:
        def opened() -> bool:
            session = self.ctx.session
            return session is not None and session.profile.id == profile_id

        self.qtbot.waitUntil(opened, timeout=timeout)
        return self.ctx.session

    def close(self) -> None:
        self.run(self.ctx.close_session())
