"""One open SMSC account: its profile, its api client, its balance.

The UI has at most one active ``AccountSession``; tabs build their own services on top of it
(numbers, verification, exports) and observe it through ``Signal``s.
"""

from __future__ import annotations

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
        self.request_log = request_log or RequestLog()
        observer = self.request_log.observer_for(profile.name)
        self.client = SmscClient(
            profile.server, credentials=credentials, timeout=timeout, observer=observer, clock=clock
        )
        self.balance: Balance | None = None
        self.balance_changed = Signal("session.balance_changed")  # (Balance)
        self.balance_failed = Signal("session.balance_failed")  # (SmscError)
        self.closed = False

    @property
    def data_dir(self) -> Path:
        return self.paths.profile_dir(self.profile.id)

    @property
    def is_low_balance(self) -> bool:
        threshold = self.profile.low_balance
        return bool(self.balance and threshold is not None and self.balance.amount < threshold)

    def balance_retry_after(self) -> float:
        return self.client.retry_after("balance")

    async def refresh_balance(self) -> Balance | None:
        """Ask SMSC for the balance, within its limit of 10 requests a minute.

        Returns the new balance, or the cached one when the limit says wait; errors are
        emitted on ``balance_failed`` and the last good balance is kept.
        """
        try:
            balance = await self.client.balance()
        except RateLimitedError:
            log.info("Balance refresh skipped: SMSC allows 10 balance requests a minute")
            return self.balance
        except SmscError as exc:
            self.balance_failed.emit(exc)
            return self.balance
        self.balance = balance
        self.balance_changed.emit(balance)
        return balance

    def spend(self, amount: Decimal) -> None:
        """Lower the cached balance after a charge, until the next refresh confirms it."""
        if self.balance is not None:
            self.balance = Balance(self.balance.amount - amount, self.balance.currency)
            self.balance_changed.emit(self.balance)

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            await self.client.aclose()
