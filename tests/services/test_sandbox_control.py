"""The app's side of the sandbox's control endpoints (Simulate the subscriber's call, and
an incoming SMS)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from smsc_desktop.api import Credentials, SmscClient
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.sandbox_control import (
    SandboxControl,
    SandboxControlError,
    is_sandbox_profile,
)
from tests.helpers.sandbox import SandboxHandle


def test_simulated_call_lands_in_the_inbox(sandbox: SandboxHandle) -> None:
    async def scenario() -> tuple[object, list[object]]:
        creds = Credentials.from_password(sandbox.login, sandbox.password)
        async with SmscClient(sandbox.url, creds) as client:
            verification = await client.request_call_verification("79161230001")
            call = await SandboxControl(sandbox.url).simulate_call("79161230001")
            inbox = await client.incoming_messages(after_id=call.message_id - 1)
            return (verification, call), list(inbox)

    (verification, call), inbox = asyncio.run(scenario())
    assert call.phone == "79161230001"  # type: ignore[attr-defined]
    assert call.to_phone == verification.call_to  # type: ignore[attr-defined]
    assert [(m.id, m.text) for m in inbox] == [(call.message_id, "[waitcall]")]  # type: ignore[attr-defined]


def test_simulated_sms_lands_on_the_number(sandbox: SandboxHandle) -> None:
    async def scenario() -> tuple[object, object, list[tuple[int, str, str]]]:
        creds = Credentials.from_password(sandbox.login, sandbox.password)
        control = SandboxControl(sandbox.url)
        async with SmscClient(sandbox.url, creds) as client:
            now = await control.simulate_incoming("79001112233", "Тест ✓", "79265550102")
            later = await control.simulate_incoming("79001112233", "Позже", "79165550101", 60)
            inbox = await client.incoming_messages(after_id=now.message_id - 1)  # type: ignore[operator]
            return now, later, [(m.id, m.to_phone, m.text) for m in inbox]

    now, later, inbox = asyncio.run(scenario())
    assert inbox == [(now.message_id, "79265550102", "Тест ✓")]  # type: ignore[attr-defined]
    assert later.message_id is None  # type: ignore[attr-defined]
    assert sandbox.account_state()["scheduled"][0]["message"] == "Позже"
    with pytest.raises(SandboxControlError) as info:
        asyncio.run(
            SandboxControl(sandbox.url).simulate_incoming("79001112233", "x", "79990000000")
        )
    assert info.value.status == 404


def test_refusals_carry_the_status(sandbox: SandboxHandle) -> None:
    control = SandboxControl(sandbox.url)
    with pytest.raises(SandboxControlError) as info:
        asyncio.run(control.simulate_call("79161230009"))
    assert info.value.status == 404
    assert "no pending verification" in info.value.message


def test_unreachable_sandbox() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused")

    control = SandboxControl("http://127.0.0.1:9", transport=httpx.MockTransport(refuse))
    with pytest.raises(SandboxControlError) as info:
        asyncio.run(control.simulate_call("79161230001"))
    assert info.value.status is None


def test_never_for_a_real_server() -> None:
    with pytest.raises(ValueError, match="only on this computer"):
        SandboxControl("https://smsc.ru")


@pytest.mark.parametrize(
    ("server", "demo", "sandbox_url", "expected"),
    [
        ("http://127.0.0.1:8765", True, None, True),
        ("http://127.0.0.1:8765", False, "http://127.0.0.1:8765", True),
        ("http://127.0.0.1:8765", False, "http://127.0.0.1:9999", False),
        ("http://127.0.0.1:8765", False, None, False),
        ("https://smsc.ru", True, None, False),  # a demo flag never makes smsc.ru a sandbox
        ("https://smsc.ru", False, "https://smsc.ru", False),
    ],
)
def test_which_profiles_are_the_sandbox(
    server: str, demo: bool, sandbox_url: str | None, expected: bool
) -> None:
    profile = Profile(name="p", server=server, demo=demo)
    assert is_sandbox_profile(profile, sandbox_url) is expected
