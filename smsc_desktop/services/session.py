"""One open SMSC account: its profile, its api client, its balance and its services.

The UI has at most one active ``AccountSession``. The session owns the account's services
(``inbox``, ``numbers``, ``verification``, ``exports``, ``downloads``, ``captcha``), made on
first use and closed
with it: when the account changes, the old session closes and takes its services, their
tasks and every UI connection to them along. Tabs observe the current session; they never
build a service or ask after an ``await`` whether a service is still theirs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smsc_desktop.api import (
    Balance,
    Credentials,
    Endpoint,
    ExportJob,
    JobStatus,
    RateLimitedError,
    SmscClient,
    SmscError,
)
from smsc_desktop.services.observable import Signal, disconnect_all
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.rate_limits import RateLimits
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.services.captcha import SiteCaptchaService
    from smsc_desktop.services.clock import Clock
    from smsc_desktop.services.downloads import DownloadQueue
    from smsc_desktop.services.exports import ExportsService
    from smsc_desktop.services.inbox import InboxWatch
    from smsc_desktop.services.ledger import OwnedNumber
    from smsc_desktop.services.numbers import NumbersService
    from smsc_desktop.services.verification import VerificationService

log = logging.getLogger("smsc_desktop.services.session")


@dataclass(frozen=True, slots=True)
class SessionOptions:
    """How a session's client and services run (tests move clocks instead of waiting)."""

    timeout: float = 15.0
    """Seconds an SMSC request may take."""
    clock: Callable[[], float] = time.monotonic
    """Monotonic clock of the rate guard and of the services' schedules."""
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep
    """How the services wait for a schedule (exports refresh, download retries)."""
    wall_clock: Clock | None = None
    """The services' wall clock (verification windows); None: the computer's."""
    poll_interval: float = 5.0
    """Seconds between inbox reads while a call verification (or a number test) waits."""
    inbox_poll_interval: float = 15.0
    """Seconds between inbox reads while the Numbers tab shows the inbox (10–30)."""
    inbox_lookback_hours: int = 24
    """How far back the first inbox read looks (1–168 hours)."""
    download_concurrency: int = 2
    """How many export files download at the same time."""


class AccountSession:
    """The active account: creates and closes its ``SmscClient``, caches the balance.

    ``rate_limits`` gives the client the account's rate guard, which outlives the session
    (SMSC counts requests per account, not per client); without it the client keeps its own.
    """

    def __init__(
        self,
        profile: Profile,
        credentials: Credentials,
        paths: AppPaths,
        *,
        request_log: RequestLog | None = None,
        options: SessionOptions | None = None,
        rate_limits: RateLimits | None = None,
        demo_numbers: tuple[OwnedNumber, ...] = (),
    ) -> None:
        self.profile = profile
        self.paths = paths
        self.options = options = options or SessionOptions()
        self.request_log = request_log if request_log is not None else RequestLog()
        observer = self.request_log.observer_for(lambda: self.profile.name)
        self.client = SmscClient(
            profile.server,
            credentials=credentials,
            timeout=options.timeout,
            observer=observer,
            clock=options.clock,
            guard=rate_limits.for_profile(profile) if rate_limits is not None else None,
        )
        self.demo_numbers = demo_numbers
        """What a demo profile's My numbers start with, the first time (the sandbox's
        pre-rented numbers; see ``NumbersService.open``)."""
        self._inbox: InboxWatch | None = None
        self._numbers: NumbersService | None = None
        self._verification: VerificationService | None = None
        self._exports: ExportsService | None = None
        self._downloads: DownloadQueue | None = None
        self._captcha: SiteCaptchaService | None = None
        self._exports_start: asyncio.Task[None] | None = None
        self.demo_downloads_pending = False
        """A demo account's first downloads are still to be queued (see start_exports)."""
        self.balance: Balance | None = None
        self.balance_changed = Signal("session.balance_changed")  # (Balance)
        self.balance_failed = Signal("session.balance_failed")  # (SmscError)
        self.balance_deferred = Signal("session.balance_deferred")  # (seconds: float)
        self.low_balance_reached = Signal("session.low_balance_reached")  # (Balance)
        self.profile_changed = Signal("session.profile_changed")  # (Profile)
        self.service_made = Signal("session.service_made")  # (name: str, service)
        """A service made on its first use (``made_service`` names those made before)."""
        self.closed = False
        self._balance_task: asyncio.Task[Balance | None] | None = None
        self._deferred: asyncio.TimerHandle | None = None
        self._deferred_task: asyncio.Task[Balance | None] | None = None
        self._was_low = False
        self._background = TaskSet("session")

    # --- the account's services (made on first use, closed with the session) ---------------

    SERVICES = ("inbox", "numbers", "verification", "exports", "downloads")

    def made_service(self, name: str) -> Any | None:
        """Service ``name`` (one of ``SERVICES``) if it has been made, else None: what
        watches every service connects to these and to ``service_made``, without making
        (and importing) the ones the user never used."""
        if name not in self.SERVICES:
            raise ValueError(f"no service {name!r}")
        return getattr(self, f"_{name}")

    def _made(self, name: str, service: Any) -> None:
        self.service_made.emit(name, service)

    @property
    def inbox(self) -> InboxWatch:
        """The account's one inbox poller, shared by everything that wants incoming SMS."""
        if self._inbox is None:
            from smsc_desktop.services.inbox import InboxWatch

            self._inbox = InboxWatch(
                self.client,
                lookback_hours=self.options.inbox_lookback_hours,
                clock=self.options.wall_clock,
            )
            self._made("inbox", self._inbox)
        return self._inbox

    @property
    def numbers(self) -> NumbersService:
        """The free list, renting, My numbers and the journal."""
        if self._numbers is None:
            from smsc_desktop.services.numbers import NumbersService

            clock = self.options.wall_clock
            if clock is not None:
                self._numbers = NumbersService(self, sleep=self.options.sleep, now=clock.now)
            else:
                self._numbers = NumbersService(self, sleep=self.options.sleep)
            self._made("numbers", self._numbers)
        return self._numbers

    @property
    def verification(self) -> VerificationService:
        """Call verifications and their history."""
        if self._verification is None:
            from smsc_desktop.services.verification import VerificationService

            self._verification = VerificationService(
                self, clock=self.options.wall_clock, poll_interval=self.options.poll_interval
            )
            self._made("verification", self._verification)
        return self._verification

    @property
    def exports(self) -> ExportsService:
        """The export jobs."""
        if self._exports is None:
            from smsc_desktop.services.exports import ExportsService

            self._exports = ExportsService(
                self.client, clock=self.options.clock, sleep=self.options.sleep
            )
            self._made("exports", self._exports)
        return self._exports

    @property
    def downloads(self) -> DownloadQueue:
        """The download queue of the account's export files."""
        if self._downloads is None:
            from smsc_desktop.services.downloads import DownloadQueue

            self._downloads = DownloadQueue.for_client(
                self.client,
                self.data_dir,
                concurrency=self.options.download_concurrency,
                clock=self.options.clock,
                sleep=self.options.sleep,
            )
            self._made("downloads", self._downloads)
        return self._downloads

    @property
    def captcha(self) -> SiteCaptchaService:
        """The site captcha: the picture, the client's snippet and a test send."""
        if self._captcha is None:
            from smsc_desktop.services.captcha import SiteCaptchaService

            options = self.options
            self._captcha = SiteCaptchaService(self, clock=options.clock, sleep=options.sleep)
        return self._captcha

    @property
    def own_downloads_folder(self) -> Path | None:
        """Where the account's files are saved whatever folder the user chose elsewhere: a
        demo account's stay with its profile, out of the user's Downloads folder. None:
        the user chooses."""
        return self.data_dir / "downloads" if self.profile.demo else None

    async def has_unfinished_downloads(self) -> bool:
        """Whether the account's saved download queue has files to continue (read on a
        worker thread, without loading the queue or starting the export services)."""
        from smsc_desktop.services.downloads.store import QUEUE_FILE, has_unfinished

        return await asyncio.to_thread(has_unfinished, self.data_dir / QUEUE_FILE)

    async def start_exports(self) -> None:
        """Load the saved downloads (unfinished ones continue), then keep the job list fresh.

        A demo account that has never downloaded anything here gets the done jobs of its
        first list queued into :attr:`own_downloads_folder`, so the demo's download manager
        has something to show (``demo_downloads_pending`` until they are queued). Calls
        after the first wait for the same start.
        """
        if self._exports_start is None:
            self._exports_start = self._background.start(
                self._start_exports(), name="exports-start"
            )
        await asyncio.shield(self._exports_start)

    async def _start_exports(self) -> None:
        queue, exports = self.downloads, self.exports
        await queue.load()
        if self.own_downloads_folder is not None and queue.saved_before is False:
            self.demo_downloads_pending = True
            exports.jobs_changed.connect(self._queue_demo_downloads)
        exports.start()

    def _queue_demo_downloads(self, jobs: list[ExportJob]) -> None:
        self.exports.jobs_changed.disconnect(self._queue_demo_downloads)
        done = sorted((j for j in jobs if j.status is JobStatus.DONE), key=lambda j: j.id)
        self._background.start(self._add_demo_downloads(done), name="demo-downloads")

    async def _add_demo_downloads(self, jobs: list[ExportJob]) -> None:
        from smsc_desktop.services.downloads import QueueingError

        folder = self.own_downloads_folder
        try:
            if folder is not None:
                await self.downloads.add_jobs(jobs, folder)
        except QueueingError as exc:
            log.warning("The demo's first downloads were not queued: %s", exc)
        finally:
            self.demo_downloads_pending = False

    @property
    def data_dir(self) -> Path:
        return self.paths.profile_dir(self.profile.id)

    @property
    def is_low_balance(self) -> bool:
        threshold = self.profile.low_balance
        return bool(self.balance and threshold is not None and self.balance.amount < threshold)

    def balance_retry_after(self) -> float:
        return self.client.wait_time(Endpoint.BALANCE)

    @property
    def balance_refresh_pending(self) -> bool:
        """A refresh is waiting for SMSC's balance limit to allow it."""
        return self._deferred is not None

    def update_profile(self, profile: Profile) -> None:
        """The same account with a new name or low-balance threshold (not a new server,
        login or secret: those need a new session)."""
        if profile.id != self.profile.id:
            raise ValueError("update_profile() keeps the account; open a new session instead")
        self.profile = profile
        self._was_low = False
        self.profile_changed.emit(profile)
        if self.balance is not None:
            self._set_balance(self.balance)

    async def refresh_balance(self) -> Balance | None:
        """Ask SMSC for the balance, within its limit of 10 requests a minute.

        Calls made while a request is in flight share its answer. When the limit says
        wait, the refresh is deferred until it allows one (``balance_deferred`` tells how
        long) and the cached balance is returned. Errors are emitted on ``balance_failed``
        and the last good balance is kept. Tabs call this after every money-spending action.
        """
        if self.closed:
            return self.balance
        if self._balance_task is None or self._balance_task.done():
            self._balance_task = self._background.start(
                self._fetch_balance(), name="balance", awaited=True
            )
        return await asyncio.shield(self._balance_task)

    async def _fetch_balance(self) -> Balance | None:
        try:
            balance = await self.client.balance()
        except RateLimitedError as exc:
            log.info(
                "Balance refresh deferred %.0f s: SMSC allows 10 balance requests a minute",
                exc.retry_after,
            )
            self._defer_balance(exc.retry_after)
            return self.balance
        except SmscError as exc:
            self.balance_failed.emit(exc)
            return self.balance
        self._set_balance(balance)
        return balance

    def _defer_balance(self, delay: float) -> None:
        if self._deferred is not None or self.closed:
            return
        loop = asyncio.get_running_loop()

        def fire() -> None:
            self._deferred = None
            if not self.closed:
                self._deferred_task = self._background.start(
                    self.refresh_balance(), name="balance-deferred"
                )

        self._deferred = loop.call_later(max(0.05, delay + 0.05), fire)
        self.balance_deferred.emit(delay)

    def _set_balance(self, balance: Balance) -> None:
        self.balance = balance
        self.balance_changed.emit(balance)
        low = self.is_low_balance
        if low and not self._was_low:
            self.low_balance_reached.emit(balance)
        self._was_low = low

    def take_balance(self, balance: Balance) -> None:
        """A balance of this account read elsewhere (the accounts overview's refresh)."""
        if not self.closed:
            self._set_balance(balance)

    def spend(self, amount: Decimal) -> None:
        """Lower the cached balance after a charge, until the next refresh confirms it."""
        if self.balance is not None:
            self._set_balance(Balance(self.balance.amount - amount, self.balance.currency))

    async def close(self) -> None:
        """Close the services (their work stops; downloads are saved to resume), then the
        client. Every connection to the session's and the services' signals is dropped."""
        if self.closed:
            return
        self.closed = True
        if self._deferred is not None:
            self._deferred.cancel()
            self._deferred = None
        # Cancel the session's own requests and wait until they have unwound: a request
        # only cancelled may still be opening a connection when the loop stops, and its
        # half-started connection attempt is then never awaited.
        # (Also the exports start and the demo's first downloads.)
        await self._background.aclose()
        services: list[Any] = [
            s
            for s in (self._numbers, self._verification, self._exports, self._captcha)
            if s is not None
        ]
        closing = [s.aclose() for s in services]
        if self._downloads is not None:
            services.append(self._downloads)
            closing.append(self._downloads.aclose())
        results = await asyncio.gather(*closing, return_exceptions=True)
        for result in results:
            if isinstance(result, Exception):
                log.warning("A service of %r did not close cleanly: %r", self.profile.name, result)
        if self._inbox is not None:  # after its subscribers have let go of it
            services.append(self._inbox)
            await self._inbox.aclose()
        for service in services:
            disconnect_all(service)
        disconnect_all(self)
        await self.client.aclose()
