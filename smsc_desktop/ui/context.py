"""What the windows and tabs share: paths, settings, the request log and the active account."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from smsc_desktop.api import Credentials, prepare_transport
from smsc_desktop.services.accounts import AccountManager
from smsc_desktop.services.notification_sources import (
    OverviewNotifications,
    SessionNotifications,
)
from smsc_desktop.services.notifications import NotificationHub
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile, ProfileStore
from smsc_desktop.services.rate_limits import RateLimits
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.services.session import AccountSession, SessionOptions
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui import aio

if TYPE_CHECKING:
    from smsc_desktop.services.ledger import OwnedNumber
    from smsc_desktop.services.overview import OverviewService

log = logging.getLogger("smsc_desktop.ui")


SandboxStarter = Callable[[], Awaitable[str]]


def demo_credentials(login: str = "") -> Credentials:
    """The public credentials of a sandbox account (the demo account unless ``login`` names
    another of the sandbox's accounts); never stored anywhere."""
    from smsc_desktop.sandbox.config import DEMO_LOGIN, DEMO_PASSWORD, default_accounts

    for account in default_accounts():
        if account.login == login:
            return Credentials.from_password(account.login, account.password)
    return Credentials.from_password(DEMO_LOGIN, DEMO_PASSWORD)


def demo_numbers() -> tuple[OwnedNumber, ...]:
    """The numbers the sandbox's demo account rents from the start, as My numbers lists
    them on a demo profile's first start (rented elsewhere: in the sandbox itself)."""
    from smsc_desktop.sandbox.config import DEMO_LOGIN, default_accounts
    from smsc_desktop.sandbox.numbers import operator_info
    from smsc_desktop.services.ledger import OwnedNumber, RentalSource

    account = next(a for a in default_accounts() if a.login == DEMO_LOGIN)
    start = datetime.now(UTC).replace(microsecond=0)
    return tuple(
        OwnedNumber(
            phone=phone,
            renew=not noprolong,
            source=RentalSource.EXTERNAL,
            monthly_cost=Decimal("500.00"),
            currency=account.currency,
            type=1,
            info=operator_info(phone)[0],
            rented_at=start - timedelta(days=20 + index),
        )
        for index, (phone, noprolong) in enumerate(account.rented)
    )


class AppContext(QObject):
    """Owns the active ``AccountSession``; tabs follow ``sessionChanged``.

    Also holds the account layer: ``accounts`` (profiles + secrets + connection test),
    ``profiles`` (its ``ProfileStore``) and ``secrets`` (the keyring or session memory), and
    ``notifications``, the desktop notifications' hub (fed by the active account's services
    through a ``SessionNotifications``).
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
        profiles: ProfileStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.request_log = request_log if request_log is not None else RequestLog()
        self.sandbox_url = sandbox_url
        self.session: AccountSession | None = None
        self.secrets = secrets or SecretStore()
        self.rate_limits = RateLimits.in_folder(
            paths.root, clock=session_options.clock if session_options else time.monotonic
        )
        """SMSC's limits per account and server, shared by sessions and connection tests."""
        self.accounts = AccountManager(
            settings,
            self.secrets,
            request_log=self.request_log,
            demo_credentials=demo_credentials,
            rate_limits=self.rate_limits,
            profiles=profiles,
        )
        self.profiles = self.accounts.profiles
        self._sandbox_starter = sandbox_starter
        self.session_options = session_options
        """Fixed options for every session (tests); None: from the settings."""
        self._prepared: (
            tuple[Profile, asyncio.Task[tuple[Credentials, AccountSession] | None]] | None
        )
        self._prepared = None
        self.notifications = NotificationHub(settings)
        self._session_events: SessionNotifications | None = None
        settings.changed.connect(self._on_setting, owner=self)
        self._overview: OverviewService | None = None
        self._overview_events: OverviewNotifications | None = None

    @property
    def overview(self) -> OverviewService:
        """Every saved account at a glance (made on first use; follows the active session)."""
        if self._overview is None:
            from smsc_desktop.services.overview import OverviewService

            overview = OverviewService(
                self.paths,
                self.accounts,
                request_log=self.request_log,
                sandbox=self.sandbox,
                concurrency=int(self.settings.get("overview/concurrency") or 4),
            )
            self.sessionChanged.connect(overview.follow_session)
            overview.follow_session(self.session)
            self._overview_events = OverviewNotifications(
                self.notifications, overview, self._active_account_id
            )
            self._overview = overview
        return self._overview

    def start_overview(self) -> OverviewService:
        """The overview at work before its tab is first shown (app.py, once the window is
        ready): it follows the active account and, when the user chose an interval, asks
        every account on it, so what needs attention reaches the desktop without the tab
        (which is built, like every tab, on its first show)."""
        overview = self.overview
        minutes = int(self.settings.get("overview/interval_minutes") or 0)
        if minutes and overview.interval_minutes != minutes:
            overview.set_interval(minutes)
        return overview

    def _active_account_id(self) -> str | None:
        return self.session.profile.id if self.session is not None else None

    async def close(self) -> None:
        """At quit: the overview's work, then the active account."""
        if self._overview_events is not None:
            self._overview_events.detach()
            self._overview_events = None
        if self._overview is not None:
            await self._overview.aclose()
        await self.close_session()

    def options_for_session(self) -> SessionOptions:
        """How the next session runs: the fixed options, or the user's settings."""
        if self.session_options is not None:
            return self.session_options
        # SMSC documents no limit for get.php; stay at one read a second at the most.
        settings = self.settings
        poll = max(1.0, float(settings.get("verification/poll_seconds") or 5))
        concurrency = int(settings.get("downloads/concurrency") or 2)
        return SessionOptions(
            poll_interval=poll,
            download_concurrency=concurrency,
            inbox_poll_interval=float(settings.get("inbox/poll_seconds")),
            inbox_lookback_hours=int(settings.get("inbox/lookback_hours")),
        )

    def _on_setting(self, name: str, value: Any) -> None:
        """A changed setting the open account's services follow at once."""
        session = self.session
        if session is None:
            return
        if name == "inbox/poll_seconds":
            session.numbers.inbox.set_interval(float(value))
        elif name == "inbox/lookback_hours":
            session.inbox.lookback_hours = int(value)  # for a first read still to come

    async def sandbox(self) -> str:
        """The URL of the built-in sandbox, started now if it is not running (any more: a
        sandbox whose process ended is started again, maybe on another port)."""
        if self._sandbox_starter is None:
            if self.sandbox_url:
                return self.sandbox_url
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
        self.secrets.open_soon(read_first=profile.secret_key)
        task = aio.spawn(self._prepare(profile, started), name="prepare-account")
        self._prepared = (profile, task)
        return started

    async def _prepare(
        self, profile: Profile, started: asyncio.Event
    ) -> tuple[Credentials, AccountSession] | None:
        """``None`` when it cannot be made (no secret stored, the keyring unusable...): the
        account is then opened the usual way, which tells the user why. Not an error here:
        this task belongs to the app, whose failed tasks are reported as crashes."""
        try:
            return await self._make_prepared(profile, started)
        except Exception as exc:
            log.info("The first account is opened without preparation (%s)", type(exc).__name__)
            return None
        finally:
            started.set()

    async def _make_prepared(
        self, profile: Profile, started: asyncio.Event
    ) -> tuple[Credentials, AccountSession]:
        loop = asyncio.get_running_loop()
        # The TLS context and the transport's imports alongside the keyring's read: the
        # session is then made in a few milliseconds once the password is known.
        transport = loop.run_in_executor(None, prepare_transport)
        try:
            credentials = await self.accounts.credentials(profile)
        finally:
            with contextlib.suppress(Exception):  # had it failed, making the session says why
                await transport
        self.rate_limits.for_profile(profile)  # the guard made here: a lookup on the worker
        make = partial(
            AccountSession,
            profile,
            credentials,
            self.paths,
            request_log=self.request_log,
            options=self.options_for_session(),
            rate_limits=self.rate_limits,
        )
        made = loop.run_in_executor(None, make)  # starts now
        started.set()
        return credentials, await made

    async def _take_prepared(self, profile: Profile) -> tuple[Credentials, AccountSession] | None:
        """What ``prepare(profile)`` made, if it is for this very profile and succeeded."""
        prepared, self._prepared = self._prepared, None
        if prepared is None:
            return None
        wanted, task = prepared
        made = await task
        if made is None:  # opened the usual way, which reports the problem
            return None
        credentials, session = made
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
            rate_limits=self.rate_limits,
            demo_numbers=demo_numbers() if profile.demo else (),
        )
        self.session = session
        self._session_events = SessionNotifications(self.notifications, session)
        log.info("Account %r on %s is active", profile.name, profile.server_label)
        self.sessionChanged.emit(session)
        return session

    async def close_session(self) -> None:
        session, self.session = self.session, None
        if self._session_events is not None:
            self._session_events.detach()
            self._session_events = None
        if session is not None:
            self.sessionChanged.emit(None)  # the tabs cancel this account's tasks...
            # ...which end before the session closes its client. The closing runs as
            # clean-up work: a caller that goes away (a dialog, a test's end) does not
            # interrupt it half-way, and the app's quit waits for it.
            aio.cleanup(self._close(session), name="close-session")
        await aio.wait_cleanups()
        await self.rate_limits.flush()

    async def _close(self, session: AccountSession) -> None:
        await aio.settle()
        await session.close()
