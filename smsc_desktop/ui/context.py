"""What the windows and tabs share: paths, settings, the request log and the active account."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject, Signal

from smsc_desktop.api import Credentials
from smsc_desktop.services.accounts import AccountManager
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.services.session import AccountSession, SessionOptions
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui import aio

log = logging.getLogger("smsc_desktop.ui")


SandboxStarter = Callable[[], Awaitable[str]]


def demo_credentials() -> Credentials:
    """The sandbox demo account's public credentials (never stored anywhere)."""
    from smsc_desktop.sandbox.config import DEMO_LOGIN, DEMO_PASSWORD

    return Credentials.from_password(DEMO_LOGIN, DEMO_PASSWORD)


class AppContext(QObject):
    """Owns the active ``AccountSession``; tabs follow ``sessionChanged``.

    Also holds the account layer: ``accounts`` (profiles + secrets + connection test),
    ``profiles`` (its ``ProfileStore``) and ``secrets`` (the keyring or session memory).
    ``sandbox_starter`` starts the built-in sandbox on demand (for demo profiles).
    """

    sessionChanged = Signal(object)  # AccountSession | None

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        *,
        request_log: RequestLog | None = None,
        sandbox_url: str | None = None,
        secrets: SecretStore | None = None,
        sandbox_starter: SandboxStarter | None = None,
        session_options: SessionOptions | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.request_log = request_log if request_log is not None else RequestLog()
        self.sandbox_url = sandbox_url
        self.session: AccountSession | None = None
        self.secrets = secrets or SecretStore()
        self.accounts = AccountManager(
            settings, self.secrets, request_log=self.request_log, demo_credentials=demo_credentials
        )
        self.profiles = self.accounts.profiles
        self._sandbox_starter = sandbox_starter
        self.session_options = session_options
        """Fixed options for every session (tests); None: from the settings."""
        self._prepared: tuple[Profile, asyncio.Task[tuple[Credentials, AccountSession]]] | None
        self._prepared = None

    def options_for_session(self) -> SessionOptions:
        """How the next session runs: the fixed options, or the user's settings."""
        if self.session_options is not None:
            return self.session_options
        # SMSC documents no limit for get.php; stay at one read a second at the most.
        poll = max(1.0, float(self.settings.get("verification/poll_seconds") or 5))
        concurrency = int(self.settings.get("downloads/concurrency") or 2)
        return SessionOptions(poll_interval=poll, download_concurrency=concurrency)

    async def sandbox(self) -> str:
        """The URL of the built-in sandbox, started now if it is not running yet."""
        if self.sandbox_url:
            return self.sandbox_url
        if self._sandbox_starter is None:
            raise RuntimeError("The built-in sandbox is not available in this run")
        self.sandbox_url = await self._sandbox_starter()
        return self.sandbox_url

    def prepare(self, profile: Profile) -> asyncio.Event:
        """Start opening ``profile`` (not a demo one) for the next ``open_profile`` of it:
        its secret read from the keyring, then its session made on a worker thread (the api
        client sets up TLS there, 50-70 ms of loading certificates, off the GUI thread).

        At startup this runs while the window is being built. The returned event is set
        once the secret is known (or could not be read) and the session is being made.
        """
        started = asyncio.Event()
        task = aio.spawn(self._prepare(profile, started), name="prepare-account")
        self._prepared = (profile, task)
        return started

    async def _prepare(
        self, profile: Profile, started: asyncio.Event
    ) -> tuple[Credentials, AccountSession]:
        try:
            credentials = await self.accounts.credentials(profile)
        except BaseException:
            started.set()
            raise
        make = partial(
            AccountSession,
            profile,
            credentials,
            self.paths,
            request_log=self.request_log,
            options=self.options_for_session(),
        )
        made = asyncio.get_running_loop().run_in_executor(None, make)  # starts now
        started.set()
        return credentials, await made

    async def _take_prepared(self, profile: Profile) -> tuple[Credentials, AccountSession] | None:
        """What ``prepare(profile)`` made, if it is for this very profile and succeeded."""
        prepared, self._prepared = self._prepared, None
        if prepared is None:
            return None
        wanted, task = prepared
        try:
            credentials, session = await task
        except Exception:  # opened the usual way, which reports the problem
            return None
        if wanted != profile:
            await session.close()
            return None
        return credentials, session

    async def open_profile(self, profile: Profile) -> AccountSession:
        """Open a saved profile: its secret from the keyring (``SecretMissingError`` when
        none is known), a demo profile on the built-in sandbox; remember it as active."""
        prepared = await self._take_prepared(profile)
        if prepared is not None:
            credentials, made = prepared
            session = await self.open_session(profile, credentials, made=made)
        else:
            credentials = await self.accounts.credentials(profile)
            live = replace(profile, server=await self.sandbox()) if profile.demo else profile
            session = await self.open_session(live, credentials)
        if self.profiles.get(profile.id) is not None:
            self.profiles.set_active(profile.id)
        return session

    async def open_session(
        self, profile: Profile, credentials: Credentials, *, made: AccountSession | None = None
    ) -> AccountSession:
        """Close the current account (if any) and make ``profile`` the active one
        (``made``: its session, made already by ``prepare``)."""
        await self.close_session()
        session = made or AccountSession(
            profile,
            credentials,
            self.paths,
            request_log=self.request_log,
            options=self.options_for_session(),
        )
        self.session = session
        log.info("Account %r on %s is active", profile.name, profile.server_label)
        self.sessionChanged.emit(session)
        return session

    async def close_session(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            self.sessionChanged.emit(None)  # the tabs cancel this account's tasks...
            await aio.settle()  # ...which end before the session closes its client
            await session.close()
