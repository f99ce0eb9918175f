"""Pytest plugin: one in-process SMSC sandbox per session, reset before every test.

``sandbox`` (function scope) yields a :class:`SandboxHandle`::

    def test_balance(sandbox):
        r = httpx.post(sandbox.endpoint("balance"), data={**sandbox.auth(), "fmt": 3})
        assert r.json() == {"balance": "5000.00"}
        sandbox.set_fault("balance", http_500=True, count=1)
        assert sandbox.state()["requests"]["balance"] == 1

The server runs on its own thread and loop (``SandboxServer.start``), so tests may use sync
or async HTTP clients alike. A reset is cheap (the number pool and the export-file block
are cached), so every test starts from the same world: demo balance 5000.00 RUR, 300 free
numbers, seeded inbox and jobs, no faults, empty limit windows, clock offset 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from smsc_desktop.sandbox import SandboxServer


@dataclass(frozen=True)
class SandboxAccount:
    """Credentials of one sandbox account."""

    login: str
    password: str
    apikey: str

    def auth(self, *, apikey: bool = False) -> dict[str, str]:
        """Form fields that authenticate as this account."""
        if apikey:
            return {"apikey": self.apikey}
        return {"login": self.login, "psw": self.password}


class SandboxHandle:
    """What the ``sandbox`` fixture gives a test: URL, credentials, control helpers."""

    def __init__(self, server: SandboxServer) -> None:
        from smsc_desktop import sandbox as sb

        self.server = server
        self.url: str = server.url
        self.demo = SandboxAccount(sb.DEMO_LOGIN, sb.DEMO_PASSWORD, sb.DEMO_APIKEY)
        self.poor = SandboxAccount(sb.POOR_LOGIN, sb.POOR_PASSWORD, sb.POOR_APIKEY)
        self.blocked = SandboxAccount(sb.BLOCKED_LOGIN, sb.BLOCKED_PASSWORD, sb.BLOCKED_APIKEY)
        self.kz = SandboxAccount(sb.KZ_LOGIN, sb.KZ_PASSWORD, sb.KZ_APIKEY)
        self.login = self.demo.login
        self.password = self.demo.password
        self.apikey = self.demo.apikey

    def endpoint(self, script: str) -> str:
        """Full URL of an SMSC script: ``endpoint("balance")`` → ``.../sys/balance.php``."""
        return f"{self.url}/sys/{script.removesuffix('.php')}.php"

    def auth(
        self, account: SandboxAccount | None = None, *, apikey: bool = False
    ) -> dict[str, str]:
        return (account or self.demo).auth(apikey=apikey)

    # control helpers, mirroring /sandbox/*

    def reset(self, **overrides: Any) -> None:
        self.server.reset(overrides)

    def state(self) -> dict[str, Any]:
        return self.server.state()

    def account_state(self, login: str | None = None) -> dict[str, Any]:
        wanted = login or self.login
        return next(a for a in self.state()["accounts"] if a["login"] == wanted)

    def simulate_call(self, phone: str, to_phone: str | None = None) -> dict[str, Any]:
        return self.server.simulate_call(phone, to_phone)

    def set_fault(self, endpoint: str, **fields: Any) -> None:
        self.server.set_fault(endpoint, **fields)

    def clear_faults(self, endpoint: str | None = None) -> None:
        self.server.clear_faults(endpoint)

    def advance_clock(self, seconds: float) -> None:
        self.server.advance_clock(seconds)

    def set_today(self, today: Any) -> None:
        self.server.set_today(today)

    def create_job(self, size: int, **fields: Any) -> dict[str, Any]:
        return self.server.create_job(size, **fields)

    def job_info(self, job_id: int) -> dict[str, Any]:
        return self.server.job_info(job_id)

    def add_incoming(self, phone: str, text: str, **fields: Any) -> dict[str, Any]:
        return self.server.add_incoming(phone, text, **fields)


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    """The session's sandbox server (default config), on its own thread."""
    from smsc_desktop.sandbox import SandboxServer

    server = SandboxServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> SandboxHandle:
    """The session sandbox, reset to its starting point for this test."""
    sandbox_server.reset()
    return SandboxHandle(sandbox_server)
