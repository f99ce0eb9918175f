"""Fixtures for the api tests: a fake SMSC on httpx.MockTransport, a fake clock, and a
runner for ``async def`` tests (each runs in a fresh event loop via ``asyncio.run``)."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

import pytest

from smsc_desktop.api import Credentials, RequestRecord, SmscClient
from tests.api.fake_smsc import PASSWORD, FakeClock, FakeSmsc

LOGIN = "demo-login"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run coroutine tests in their own event loop (no pytest-asyncio in this project)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        kwargs = {name: pyfuncitem.funcargs[name] for name in names}
        asyncio.run(pyfuncitem.obj(**kwargs))
        return True
    return None


@pytest.fixture
def fake() -> FakeSmsc:
    return FakeSmsc()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def records() -> list[RequestRecord]:
    return []


@pytest.fixture
def creds() -> Credentials:
    return Credentials.from_password(LOGIN, PASSWORD)


@pytest.fixture
def make_client(
    fake: FakeSmsc, clock: FakeClock, records: list[RequestRecord], creds: Credentials
) -> Callable[..., SmscClient]:
    """Build clients on the fake server; call inside the test's event loop."""

    def build(**kwargs: object) -> SmscClient:
        kwargs.setdefault("transport", fake.transport())
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("observer", records.append)
        base = kwargs.pop("base_url", "https://smsc.ru")
        credentials = kwargs.pop("credentials", creds)
        return SmscClient(base, credentials, **kwargs)  # type: ignore[arg-type]

    return build
