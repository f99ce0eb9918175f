"""Asking SMSC for the balance of many accounts: a few at a time, each within its limits.

A :class:`RefreshRound` asks the accounts it is given with at most ``concurrency`` requests
in flight (accounts added while it runs join it). For each account:

- its secret comes from :class:`~smsc_desktop.services.secrets.SecretStore`, which read it
  once for the whole round (``get_many``: one worker thread, one unlock prompt at most) and
  keeps it in memory for the rest of the run;
- its request goes through the account's own rate guard (``RateLimits``, shared with its
  session and the connection test): when SMSC's 10 balance requests a minute are used up,
  the account is not asked and its result says when it may be (``wait``);
- a short-lived client of its own (the TLS context is shared, so it costs ~0.1 ms), with
  a short timeout: an account whose server does not answer holds one of the slots for at
  most ``2 × timeout`` and the others go on in the other slots;
- once a server did not answer at all (connection refused, DNS, TLS, timeout), its other
  accounts in the round are not asked (``skipped``): they would each wait as long.

Failures are results, never exceptions: the round always gets through every account.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from typing import Final

from smsc_desktop.api import (
    Balance,
    Endpoint,
    RateLimitedError,
    SmscClient,
    SmscError,
    wait_time,
)
from smsc_desktop.services.accounts import (
    AccountManager,
    ProfileInvalidError,
    SecretMissingError,
)
from smsc_desktop.services.overview.facts import ErrorFacts
from smsc_desktop.services.profiles import Profile, ProfileProblem, normalize_server
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.tasks import TaskSet

log = logging.getLogger("smsc_desktop.services.overview")

REFRESH_TIMEOUT: Final = 8.0
"""Seconds a step of one account's balance request may take (the whole request: twice)."""
DEFAULT_CONCURRENCY: Final = 4
MAX_CONCURRENCY: Final = 8

SandboxUrl = Callable[[], Awaitable[str]]


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """How asking one account ended: a ``balance``, an ``error``, or not asked because
    SMSC's limit allows it only in ``wait`` seconds (``skipped``: not asked because its
    server did not answer for another account in this round; ``error`` is that failure)."""

    profile_id: str
    balance: Balance | None = None
    error: BaseException | None = None
    wait: float = 0.0
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class RoundSummary:
    total: int
    ok: int
    failed: int
    waiting: int
    seconds: float
    cancelled: bool = False


class RefreshRound:
    """One refresh of many accounts (see the module's description)."""

    def __init__(
        self,
        accounts: AccountManager,
        request_log: RequestLog,
        tasks: TaskSet,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float = REFRESH_TIMEOUT,
        sandbox: SandboxUrl | None = None,
        on_start: Callable[[str], None] = lambda _pid: None,
        on_result: Callable[[RefreshResult], None] = lambda _r: None,
    ) -> None:
        self._accounts = accounts
        self._log = request_log
        self._tasks = tasks
        self.concurrency = max(1, min(MAX_CONCURRENCY, concurrency))
        self.timeout = timeout
        self._sandbox = sandbox
        self._on_start = on_start
        self._on_result = on_result
        self._queue: deque[Profile] = deque()
        self._queued: set[str] = set()
        self._workers: set[asyncio.Task[None]] = set()
        self._fetched: set[str] = set()
        self._secrets_lock = asyncio.Lock()
        self._down: dict[str, SmscError] = {}
        self._done: asyncio.Future[RoundSummary] = asyncio.get_running_loop().create_future()
        self._started = time.monotonic()
        self._cancelled = False
        self.total = self.ok = self.failed = self.waiting = 0

    @property
    def done(self) -> asyncio.Future[RoundSummary]:
        """Resolved with the summary when the last account has been asked (or cancelled)."""
        return self._done

    @property
    def finished(self) -> bool:
        return self._done.done()

    def is_queued(self, profile_id: str) -> bool:
        return profile_id in self._queued

    def add(self, profiles: Iterable[Profile]) -> list[str]:
        """Queue ``profiles`` (those already queued are not queued twice); returns the ids
        queued now. Raises ``RuntimeError`` once the round has finished."""
        if self._done.done():
            raise RuntimeError("this refresh round has finished")
        added = []
        for profile in profiles:
            if profile.id not in self._queued:
                self._queue.append(profile)
                self._queued.add(profile.id)
                added.append(profile.id)
        self.total += len(added)
        while len(self._workers) < self.concurrency and len(self._workers) < len(self._queue):
            task = self._tasks.start(self._work(), name="refresh-worker")
            self._workers.add(task)
        if not self._workers:
            self._finish()
        return added

    def cancel(self) -> None:
        """Ask nobody else; requests in flight are cancelled (their clients closed)."""
        self._cancelled = True
        self._queue.clear()
        self._queued.clear()
        for task in list(self._workers):
            task.cancel()
        if not self._workers:
            self._finish()

    async def _work(self) -> None:
        task = asyncio.current_task()
        try:
            while self._queue:
                profile = self._queue.popleft()
                self._on_start(profile.id)
                try:
                    result = await self._ask(profile)
                except Exception as exc:  # a bug here must not stop the round
                    log.exception("Refreshing account %s failed unexpectedly", profile.id)
                    result = RefreshResult(profile.id, error=exc)
                self._queued.discard(profile.id)
                self._count(result)
                self._on_result(result)
        finally:
            if task is not None:
                self._workers.discard(task)
            if not self._workers:
                self._finish()

    def _count(self, result: RefreshResult) -> None:
        if result.balance is not None:
            self.ok += 1
        elif result.error is not None:
            self.failed += 1
        else:
            self.waiting += 1

    def _finish(self) -> None:
        if not self._done.done():
            self._done.set_result(
                RoundSummary(
                    self.total,
                    self.ok,
                    self.failed,
                    self.waiting,
                    time.monotonic() - self._started,
                    self._cancelled,
                )
            )

    # --- one account ------------------------------------------------------------------------

    async def _ask(self, profile: Profile) -> RefreshResult:
        pid = profile.id
        try:
            target = replace(profile, server=await self._sandbox_url()) if profile.demo else profile
        except (RuntimeError, OSError) as exc:
            return RefreshResult(pid, error=exc)
        guard = self._accounts.rate_limits.for_profile(target)
        wait = wait_time(guard, Endpoint.BALANCE)
        if wait > 0:
            return RefreshResult(pid, wait=wait)
        server = _server_key(target.server)
        down = self._down.get(server)
        if down is not None:
            return RefreshResult(pid, error=down, skipped=True)
        try:
            await self._prefetch_secrets(profile)
            credentials = await self._accounts.credentials(profile)
            client = SmscClient(
                target.server,
                credentials,
                timeout=self.timeout,
                observer=self._log.observer_for(profile.name),
                guard=guard,
            )
        except SecretMissingError as exc:
            return RefreshResult(pid, error=exc)
        except ValueError:  # an address or login the client cannot use
            return RefreshResult(pid, error=ProfileInvalidError([ProfileProblem.BAD_SERVER]))
        try:
            async with client:
                balance = await client.balance()
        except RateLimitedError as exc:
            return RefreshResult(pid, wait=exc.retry_after)
        except SmscError as exc:
            if ErrorFacts.from_error(exc).is_server_down:
                self._down.setdefault(server, exc)
            return RefreshResult(pid, error=exc)
        return RefreshResult(pid, balance=balance)

    async def _sandbox_url(self) -> str:
        if self._sandbox is None:
            raise RuntimeError("The built-in sandbox is not available in this run")
        return await self._sandbox()

    async def _prefetch_secrets(self, profile: Profile) -> None:
        """Read the secrets of ``profile`` and every queued account in one go (each once
        per run: the store keeps them in memory)."""
        async with self._secrets_lock:
            keys = [
                p.secret_key
                for p in (profile, *self._queue)
                if not p.demo and p.secret_key not in self._fetched
            ]
            if keys:
                self._fetched.update(keys)
                await self._accounts.secrets.get_many(keys)


def _server_key(server: str) -> str:
    try:
        return normalize_server(server)
    except ValueError:
        return server.strip()
