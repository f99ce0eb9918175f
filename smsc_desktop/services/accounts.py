"""Account profiles together with their secrets, and the connection test.

``AccountManager`` is what the account dialog and the app's startup talk to: it saves a
profile and its secret in one step, deletes both, duplicates both, turns a profile into
``Credentials`` and tests a connection with a balance request. Profiles live in the settings
file (``ProfileStore``), secrets in the keyring or this session's memory (``SecretStore``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from smsc_desktop.api import Balance, Credentials, Endpoint, SmscClient, wait_time
from smsc_desktop.services.profile_form import NAME_PROBLEMS
from smsc_desktop.services.profiles import (
    AuthKind,
    Profile,
    ProfileProblem,
    ProfileStore,
    find_problems,
    normalize_server,
)
from smsc_desktop.services.rate_limits import RateLimits
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.secrets import SecretStore

log = logging.getLogger("smsc_desktop.services.accounts")

TEST_TIMEOUT = 10.0
"""Seconds the connection test waits for SMSC (per connect/read)."""


class SecretMissingError(Exception):
    """No password or API key is known for the profile (the user has to enter it)."""

    def __init__(self, profile: Profile) -> None:
        super().__init__(f"No secret is stored for profile {profile.id}")
        self.profile = profile


class SandboxUnavailableError(Exception):
    """The built-in sandbox of the demo accounts could not start: on ``port`` (0: any free
    one), for ``reason`` (its own words, e.g. the port is taken)."""

    def __init__(self, port: int, reason: str) -> None:
        super().__init__(f"The demo sandbox could not start on port {port or 'any'}: {reason}")
        self.port = port
        self.reason = reason


class ProfileInvalidError(ValueError):
    """The profile cannot be saved; ``problems`` says why."""

    def __init__(self, problems: list[ProfileProblem]) -> None:
        super().__init__(", ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    profile: Profile
    created: bool
    secret_saved: bool  # a new secret was given
    in_keyring: bool  # ... and it is in the keyring (False: this session only)


def make_credentials(profile: Profile, secret: str) -> Credentials:
    """The ``Credentials`` of ``profile`` with ``secret`` (ValueError when unusable)."""
    if profile.auth is AuthKind.API_KEY:
        return Credentials.from_api_key(secret)
    return Credentials.from_password(profile.login, secret)


class AccountManager:
    """Profiles + secrets + connection test. Plain Python; call from the asyncio loop.

    ``demo_credentials(login)`` gives a sandbox account's (public) credentials: they are
    never stored. ``rate_limits`` holds the accounts' rate guards, shared with their
    sessions, so connection tests and the session together stay within SMSC's 10 balance
    requests a minute (without one, an in-memory set driven by ``clock``). ``profiles``:
    the store of ``settings``' profiles when the caller already made one (the app, to find
    the first account before the rest is imported).
    """

    def __init__(
        self,
        settings: Any,
        secrets: SecretStore,
        *,
        request_log: RequestLog | None = None,
        test_timeout: float = TEST_TIMEOUT,
        demo_credentials: Callable[[str], Credentials] | None = None,
        clock: Callable[[], float] = time.monotonic,
        rate_limits: RateLimits | None = None,
        profiles: ProfileStore | None = None,
    ) -> None:
        self.settings = settings
        self.secrets = secrets
        self.profiles = profiles if profiles is not None else ProfileStore(settings)
        self.request_log = request_log if request_log is not None else RequestLog()
        self.test_timeout = test_timeout
        self._demo_credentials = demo_credentials
        self.rate_limits = rate_limits if rate_limits is not None else RateLimits(clock=clock)

    # --- secrets ----------------------------------------------------------------------

    async def credentials(self, profile: Profile) -> Credentials:
        """The credentials to sign in with; raises ``SecretMissingError`` when unknown."""
        if profile.demo:
            if self._demo_credentials is None:
                raise SecretMissingError(profile)
            return self._demo_credentials(profile.login)
        secret = await self.secrets.get(profile.secret_key)
        if not secret:
            raise SecretMissingError(profile)
        try:
            return make_credentials(profile, secret)
        except ValueError:
            raise SecretMissingError(profile) from None

    async def has_secret(self, profile: Profile) -> bool:
        if profile.demo:
            return self._demo_credentials is not None
        return bool(await self.secrets.get(profile.secret_key))

    # --- saving, deleting, duplicating --------------------------------------------------

    async def save(self, profile: Profile, secret: str | None = None) -> SaveOutcome:
        """Add or update ``profile``; store ``secret`` when given (None: keep the old one).

        A rename keeps the secret: it is stored under the profile id, not the name.
        """
        problems = self.profiles.problems(profile)
        if problems:
            raise ProfileInvalidError(problems)
        in_keyring = False
        if secret and not profile.demo:
            in_keyring = await self.secrets.set(profile.secret_key, secret)
        created = self.profiles.get(profile.id) is None
        saved = self.profiles.add(profile) if created else self.profiles.update(profile)
        log.info(
            "Profile %s %s (secret %s)",
            saved.id,
            "added" if created else "updated",
            "unchanged" if not secret else ("in the keyring" if in_keyring else "session only"),
        )
        return SaveOutcome(saved, created, bool(secret), in_keyring)

    async def delete(self, profile: Profile) -> bool:
        """Remove the profile and its secret. False when the keyring entry could not be
        deleted now; it is then deleted the next time the keyring is usable."""
        self.profiles.remove(profile.id)
        if profile.demo:
            return True
        deleted = await self.secrets.delete(profile.secret_key)
        if not deleted:
            pending = list(self.settings.get("accounts/forget"))
            if profile.secret_key not in pending:
                self.settings.set("accounts/forget", [*pending, profile.secret_key])
        log.info(
            "Profile %s deleted (secret %s)",
            profile.id,
            "deleted" if deleted else "to delete later",
        )
        return deleted

    async def forget_pending(self) -> int:
        """Delete keyring entries of profiles deleted while the keyring was unusable."""
        pending = list(self.settings.get("accounts/forget"))
        if not pending or self.secrets.session_only:
            return 0
        left = [key for key in pending if not await self.secrets.delete(key)]
        self.settings.set("accounts/forget", left)
        return len(pending) - len(left)

    async def duplicate(self, profile: Profile, name: str) -> Profile:
        """A copy of ``profile`` named ``name`` with a copy of its secret."""
        copy = self.profiles.duplicate(profile.id, self.profiles.unique_name(name))
        if not profile.demo:
            secret = await self.secrets.get(profile.secret_key)
            if secret:
                await self.secrets.set(copy.secret_key, secret)
        return copy

    # --- connection test -----------------------------------------------------------------

    def test_retry_after(self, profile: Profile) -> float:
        """Seconds until another connection test of this account is allowed (0: now)."""
        return wait_time(self.rate_limits.for_profile(profile), Endpoint.BALANCE)

    async def test_connection(
        self, profile: Profile, secret: str | None = None, *, server: str | None = None
    ) -> Balance:
        """Ask SMSC for the balance with these settings (``secret`` None: the stored one).

        ``server`` overrides the profile's address (the sandbox's live URL for a demo
        profile). Raises the api's ``SmscError`` subclasses, ``SecretMissingError`` (no
        usable secret), or ``ProfileInvalidError`` (an unusable address, no login) before
        any request: never a bare ``ValueError`` whose English text could reach the user.
        """
        target = replace(profile, server=server) if server else profile
        problems = [p for p in find_problems(target, ()) if p not in NAME_PROBLEMS]
        if problems:
            raise ProfileInvalidError(problems)
        if not target.demo:
            target = replace(target, server=normalize_server(target.server))
        if secret:
            try:
                credentials = make_credentials(target, secret)
            except ValueError:  # a blank API key: there is no secret to test with
                raise SecretMissingError(profile) from None
        else:
            credentials = await self.credentials(target)
        observer = self.request_log.observer_for(target.name)
        async with SmscClient(
            target.server,
            credentials,
            timeout=self.test_timeout,
            observer=observer,
            guard=self.rate_limits.for_profile(target),
        ) as client:
            balance = await client.balance()
        log.info("Connection test of profile %s: OK", profile.id)
        return balance
