"""One open SMSC account: its profile, its api client, its balance.

The UI has at most one active ``AccountSession``; tabs build their own services on top of it
(numbers, verification, exports) and observe it through ``Signal``s.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from smsc_desktop.api import Balance, Credentials, RateLimitedError, SmscClient, SmscError
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.request_log import RequestLog

log = logging.getLogger("smsc_desktop.services.session")


class AccountSession:
    """The active account: creates and closes its ``SmscClient``, caches the balance."""

    def __init__(
        self,
        profile: Profile,
        credentials: Credentials,
        paths: AppPaths,
        *,
        request_log: RequestLog | None = None,
        timeout: float = 15.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.profile = profile
        self.paths = paths
        self.request_log = request_log if request_log is not None else RequestLog()
        observer = self.request_log.observer_for(lambda: self.profile.name)
        self.client = SmscClient(
            profile.server,
            credentials=credentials,
            timeout=timeout,
            observer=observer,
            clock=clock,
        )
        self.balance: Balance | None = None
        self.balance_changed = Signal("session.balance_changed")  # (Balance)
        self.balance_failed = Signal("session.balance_failed")  # (SmscError)
        self.balance_deferred = Signal("session.balance_deferred")  # (seconds: float)
        self.low_balance_reached = Signal("session.low_balance_reached")  # (Balance)
        self.profile_changed = Signal("session.profile_changed")  # (Profile)
        self.closed = False
        self._balance_task: asyncio.Task[Balance | None] | None = None
        self._deferred: asyncio.TimerHandle | None = None
        self._deferred_task: asyncio.Task[Balance | None] | None = None
        self._was_low = False

    @property
    def data_dir(self) -> Path:
        return self.paths.profile_dir(self.profile.id)

    @property
    def is_low_balance(self) -> bool:
        threshold = self.profile.low_balance
        return bool(self.balance and threshold is not None and self.balance.amount < threshold)

    def balance_retry_after(self) -> float:
        return self.client.retry_after("balance")

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
            self._balance_task = asyncio.get_running_loop().create_task(
                self._fetch_balance(), name="session-balance"
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
                self._deferred_task = loop.create_task(
                    self.refresh_balance(), name="session-balance-deferred"
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

    def spend(self, amount: Decimal) -> None:
        """Lower the cached balance after a charge, until the next refresh confirms it."""
        if self.balance is not None:
            self._set_balance(Balance(self.balance.amount - amount, self.balance.currency))

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            if self._deferred is not None:
                self._deferred.cancel()
                self._deferred = None
            for task in (self._balance_task, self._deferred_task):
                if task is not None and not task.done():
                    task.cancel()
            await self.client.aclose()
