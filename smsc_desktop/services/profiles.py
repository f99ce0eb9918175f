"""Account profiles: which SMSC account on which server, without the secret.

The secret (password or API key) lives only in the OS keyring (``services.secrets``);
a profile stores everything else and is saved in the settings file.
"""

from __future__ import annotations

import ipaddress
import uuid
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

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
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    demo: bool = False

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
            id=str(data.get("id") or uuid.uuid4().hex[:12]),
            name=str(data.get("name", "")),
            server=str(data.get("server", "https://smsc.ru")),
            auth=AuthKind(data.get("auth", AuthKind.PASSWORD.value)),
            login=str(data.get("login", "")),
            low_balance=low_balance,
            demo=bool(data.get("demo", False)),
        )
