"""Account profiles: which SMSC account on which server, without the secret.

The secret (password or API key) lives only in the OS keyring (``services.secrets``);
a profile stores everything else and is saved in the settings file.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from smsc_desktop.services.ids import new_id
from smsc_desktop.services.observable import Signal

log = logging.getLogger("smsc_desktop.services.profiles")

# Production servers of SMSC, by the domain the account was registered on.
PRODUCTION_SERVERS: dict[str, str] = {
    "https://smsc.ru": "smsc.ru",
    "https://smsc.kz": "smsc.kz",
    "https://smsc.ua": "smsc.ua",
    "https://smscentre.com": "smscentre.com",
    "https://www2.smsc.ru": "www2.smsc.ru (mirror)",
    "https://www2.smsc.kz": "www2.smsc.kz (mirror)",
    "https://www2.smsc.ua": "www2.smsc.ua (mirror)",
    "https://www2.smscentre.com": "www2.smscentre.com (mirror)",
}


class AuthKind(StrEnum):
    PASSWORD = "password"
    API_KEY = "apikey"


def normalize_server(url: str) -> str:
    """``url`` without trailing slash or path; raises ValueError if it is not usable."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Not a server address: {url!r}")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise ValueError("Plain http is only allowed for a server on this computer")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return f"{parts.scheme}://{netloc}"


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_usable_server(url: str) -> bool:
    """Whether ``normalize_server`` accepts ``url``."""
    try:
        normalize_server(url)
    except ValueError:
        return False
    return True


def is_production_server(url: str) -> bool:
    try:
        return normalize_server(url) in PRODUCTION_SERVERS
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Profile:
    """One SMSC account as the user configured it (no secret here)."""

    name: str
    server: str
    auth: AuthKind = AuthKind.PASSWORD
    login: str = ""
    low_balance: Decimal | None = None
    id: str = field(default_factory=new_id)
    demo: bool = False
    client: str = ""
    """The client company the account belongs to ("": none); for grouping, never a secret."""

    @property
    def is_production(self) -> bool:
        return is_production_server(self.server)

    @property
    def server_label(self) -> str:
        try:
            normalized = normalize_server(self.server)
        except ValueError:
            return self.server
        return PRODUCTION_SERVERS.get(normalized, urlsplit(normalized).netloc)

    @property
    def secret_key(self) -> str:
        """The keyring user name of this profile's secret; stable across renames."""
        return f"profile:{self.id}"

    def renamed(self, name: str) -> Profile:
        return replace(self, name=name)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["auth"] = self.auth.value
        data["low_balance"] = None if self.low_balance is None else str(self.low_balance)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        low = data.get("low_balance")
        try:
            low_balance = None if low in (None, "") else Decimal(str(low))
        except InvalidOperation:
            low_balance = None
        return cls(
            id=str(data.get("id") or new_id()),
            name=str(data.get("name", "")),
            server=str(data.get("server", "https://smsc.ru")),
            auth=AuthKind(data.get("auth", AuthKind.PASSWORD.value)),
            login=str(data.get("login", "")),
            low_balance=low_balance,
            demo=bool(data.get("demo", False)),
            client=str(data.get("client") or ""),
        )


DEMO_PROFILE_ID = "sandbox-demo"
"""The id of the built-in sandbox demo profile (its server is set when the sandbox starts)."""

SANDBOX_PLACEHOLDER = "http://127.0.0.1"
"""What a demo profile stores as its server: the sandbox's real port changes every run."""


class ProfileProblem(StrEnum):
    """What is wrong with a profile the user entered (the UI words it)."""

    NO_NAME = "no-name"
    DUPLICATE_NAME = "duplicate-name"
    BAD_SERVER = "bad-server"
    NO_LOGIN = "no-login"


def find_problems(profile: Profile, others: Iterable[Profile]) -> list[ProfileProblem]:
    """What keeps ``profile`` from being saved next to ``others`` (empty list: it can be)."""
    found: list[ProfileProblem] = []
    name = profile.name.strip()
    if not name:
        found.append(ProfileProblem.NO_NAME)
    elif any(p.name.strip().casefold() == name.casefold() and p.id != profile.id for p in others):
        found.append(ProfileProblem.DUPLICATE_NAME)
    if not profile.demo:
        if not is_usable_server(profile.server):
            found.append(ProfileProblem.BAD_SERVER)
        if profile.auth is AuthKind.PASSWORD and not profile.login.strip():
            found.append(ProfileProblem.NO_LOGIN)
    return found


def demo_profile(name: str, client: str = "") -> Profile:
    return Profile(
        name=name,
        server=SANDBOX_PLACEHOLDER,
        login="demo",
        demo=True,
        id=DEMO_PROFILE_ID,
        client=client,
    )


def clients_of(profiles: Iterable[Profile]) -> list[str]:
    """The clients the profiles belong to, each once (first spelling), sorted."""
    seen: dict[str, str] = {}
    for profile in profiles:
        client = " ".join(profile.client.split())
        if client:
            seen.setdefault(client.casefold(), client)
    return sorted(seen.values(), key=str.casefold)


class ProfileStore:
    """The account profiles, in the user's order, kept in the settings file.

    Settings hold ``accounts/profiles`` (a list of ``Profile.to_dict()``, no secrets) and
    ``accounts/active`` (the id of the profile that was last opened). ``changed`` fires
    after every change of the list, ``active_changed`` with the new active id.
    """

    def __init__(self, settings: Any) -> None:
        self._settings = settings
        self.changed = Signal("profiles.changed")  # ()
        self.active_changed = Signal("profiles.active_changed")  # (str)
        self._profiles: list[Profile] = []
        for raw in settings.get("accounts/profiles"):
            try:
                profile = Profile.from_dict(raw)
            except (TypeError, ValueError, AttributeError):
                log.warning("Skipping an unreadable account profile in the settings")
                continue
            if self.get(profile.id) is None:
                self._profiles.append(profile)

    # --- reading ----------------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        return list(self._profiles)

    def __len__(self) -> int:
        return len(self._profiles)

    def __iter__(self) -> Iterator[Profile]:
        return iter(list(self._profiles))

    def get(self, profile_id: str) -> Profile | None:
        return next((p for p in self._profiles if p.id == profile_id), None)

    def index_of(self, profile_id: str) -> int:
        return next((i for i, p in enumerate(self._profiles) if p.id == profile_id), -1)

    @property
    def active_id(self) -> str:
        return str(self._settings.get("accounts/active") or "")

    def active(self) -> Profile | None:
        """The profile opened last time, if it still exists."""
        return self.get(self.active_id) if self.active_id else None

    def problems(self, profile: Profile) -> list[ProfileProblem]:
        """What keeps ``profile`` from being saved (empty list: it can be)."""
        return find_problems(profile, self._profiles)

    def unique_name(self, base: str) -> str:
        """``base``, or ``base 2``, ``base 3``… whichever no profile has yet."""
        taken = {p.name.strip().casefold() for p in self._profiles}
        if base.strip().casefold() not in taken:
            return base
        n = 2
        while f"{base} {n}".casefold() in taken:
            n += 1
        return f"{base} {n}"

    # --- changing ---------------------------------------------------------------------

    def add(self, profile: Profile) -> Profile:
        profile = _cleaned(profile)
        if self.get(profile.id) is not None:
            raise ValueError(f"A profile with id {profile.id!r} exists already")
        self._profiles.append(profile)
        self._save()
        return profile

    def update(self, profile: Profile) -> Profile:
        """Replace the profile with the same id (a rename keeps the id, hence the secret)."""
        profile = _cleaned(profile)
        index = self.index_of(profile.id)
        if index < 0:
            raise KeyError(profile.id)
        self._profiles[index] = profile
        self._save()
        return profile

    def duplicate(self, profile_id: str, name: str) -> Profile:
        """A copy under a new id, placed right after the original (its secret is not copied
        here: that is the caller's job, see ``AccountManager.duplicate``)."""
        original = self.get(profile_id)
        if original is None:
            raise KeyError(profile_id)
        copy = replace(original, id=new_id(), name=name.strip())
        self._profiles.insert(self.index_of(profile_id) + 1, copy)
        self._save()
        return copy

    def remove(self, profile_id: str) -> Profile:
        index = self.index_of(profile_id)
        if index < 0:
            raise KeyError(profile_id)
        removed = self._profiles.pop(index)
        if self.active_id == profile_id:
            self._settings.set("accounts/active", "")
            self.active_changed.emit("")
        self._save()
        return removed

    def move(self, profile_id: str, new_index: int) -> None:
        index = self.index_of(profile_id)
        if index < 0:
            raise KeyError(profile_id)
        profile = self._profiles.pop(index)
        self._profiles.insert(max(0, min(new_index, len(self._profiles))), profile)
        self._save()

    def set_active(self, profile_id: str) -> None:
        if profile_id and self.get(profile_id) is None:
            raise KeyError(profile_id)
        if profile_id != self.active_id:
            self._settings.set("accounts/active", profile_id)
            self.active_changed.emit(profile_id)

    def _save(self) -> None:
        self._settings.set("accounts/profiles", [p.to_dict() for p in self._profiles])
        self.changed.emit()


def _cleaned(profile: Profile) -> Profile:
    """Surrounding spaces trimmed and the server address normalised."""
    server = profile.server
    if not profile.demo:
        with contextlib.suppress(ValueError):
            server = normalize_server(server)
    return replace(
        profile,
        name=profile.name.strip(),
        login=profile.login.strip(),
        server=server,
        client=clean_client(profile.client),
    )


def clean_client(text: str) -> str:
    """A client's name as saved: spaces around it dropped, runs of spaces made one."""
    return " ".join(text.split())
