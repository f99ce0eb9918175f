"""Closing a session while its requests are in flight (issue #11 item 2): every abandoned
attempt ends and unwinds before ``close()`` returns, so nothing is left for a stopping loop
to drop (no never-awaited connection attempt, no unclosed transport)."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from smsc_desktop.api import Credentials, OutcomeUnknownError, SmscClient
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.session import AccountSession, SessionOptions
from tests.api.fake_smsc import FakeSmsc
from tests.api.http_server import HOLD_HEADERS, ServedSmsc, SlowStream


@pytest.fixture
def fake() -> FakeSmsc:
    return FakeSmsc()


@pytest.fixture
def served(fake: FakeSmsc) -> Iterator[ServedSmsc]:
    with ServedSmsc(fake) as server:
        yield server


def hanging(fake: FakeSmsc, arrived: asyncio.Event) -> None:
    """The balance is never answered; the free list starts and never ends."""
    loop = asyncio.get_running_loop()

    def no_answer(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        loop.call_soon_threadsafe(arrived.set)
        return httpx.Response(200, headers={HOLD_HEADERS: "60"}, content=b"{}")

    def endless(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        loop.call_soon_threadsafe(arrived.set)
        return httpx.Response(200, stream=SlowStream([b"[", b" "], 60))

    fake.on("balance", None, no_answer)
    fake.on("receive_phones", "get", endless)


def others() -> list[asyncio.Task[object]]:
    return [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]


async def test_closing_a_session_ends_every_request_in_flight(
    fake: FakeSmsc, served: ServedSmsc, tmp_path: Path
) -> None:
    arrived = asyncio.Event()
    hanging(fake, arrived)
    profile = Profile(name="Shop", server=served.url, login="shop")
    session = AccountSession(
        profile,
        Credentials.from_password("shop", "pw"),
        AppPaths(tmp_path),
        options=SessionOptions(timeout=30),
    )
    refresh = asyncio.create_task(session.refresh_balance())
    await arrived.wait()
    arrived.clear()
    tab = asyncio.create_task(session.client.list_available_numbers())  # a tab's request
    await arrived.wait()
    tab.cancel()  # the tab went away with the account switch; nobody awaits its task now
    started = time.perf_counter()
    await session.close()
    assert time.perf_counter() - started < 5  # not the 60 s the server would take
    assert others() == []  # every attempt has unwound: nothing left for a stopping loop
    assert refresh.done()
    assert tab.cancelled()
    gc.collect()  # an unclosed socket or transport would warn (an error in this suite) here


async def test_a_closing_client_ends_its_requests_with_outcome_unknown(
    fake: FakeSmsc, served: ServedSmsc
) -> None:
    arrived = asyncio.Event()
    hanging(fake, arrived)
    client = SmscClient(served.url, Credentials.from_password("shop", "pw"), timeout=30)
    call = asyncio.create_task(client.balance())
    await arrived.wait()
    await client.aclose()
    assert call.done()
    with pytest.raises(OutcomeUnknownError, match="account was closed"):
        call.result()
    with pytest.raises(RuntimeError, match="closed"):
        await client.balance()
