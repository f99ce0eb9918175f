"""Issue 12, item 1 and 4: ``send_sms`` and the captcha picture against the sandbox over
real HTTP (cost only, send, wrong code, wrong IP, expired code, error codes 1-9, a dropped
connection), and ``captcha_url`` for every kind of server."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from smsc_desktop.api import (
    ApiError,
    AuthError,
    BadParametersError,
    CaptchaImage,
    Endpoint,
    InsufficientFundsError,
    IpBlockedError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    RequestRecord,
    SendResult,
    SmscClient,
    TooManyRequestsError,
    UnknownApiError,
    UnreadableOutcomeError,
)
from tests.api.fake_smsc import FakeClock
from tests.api.test_sandbox import open_client
from tests.helpers.sandbox import SandboxHandle

PHONE = "79161234567"
LOCAL = "127.0.0.1"


async def shown_code(client: SmscClient, sandbox: SandboxHandle) -> str:
    """Load the picture as a visitor's browser would; the sandbox tells its code."""
    image = await client.captcha_image()
    assert image.content_type == "image/png"
    return str(sandbox.server.captcha(LOCAL)["code"])


def wrong(code: str) -> str:
    return "0000" if code != "0000" else "1111"


# --- sending -------------------------------------------------------------------------------


async def test_cost_only_changes_nothing(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        result = await client.send_sms(PHONE, "Ваш код: 1234", cost_only=True)
    assert result == SendResult(None, 1, Decimal("2.50"), None, cost_only=True)
    assert sandbox.account_state()["balance"] == "5000.00"
    (entry,) = sandbox.state()["log"]
    assert entry["params"]["cost"] == "1"
    assert entry["params"]["charset"] == "utf-8"
    assert entry["method"] == "POST"


async def test_a_send_returns_id_count_cost_and_balance(sandbox: SandboxHandle) -> None:
    records: list[RequestRecord] = []
    async with open_client(sandbox, records=records) as client:
        result = await client.send_sms(
            ["+7 916 123-45-67", "79261112233"], "Ваш код: 1234", sender="SMSC.RU"
        )
    assert result == SendResult(3001, 2, Decimal("5.00"), Decimal("4995.00"))
    (sent,) = sandbox.state()["sms"]["outbox"]
    assert sent["phones"] == [PHONE, "79261112233"]
    assert sent["sender"] == "SMSC.RU"
    (record,) = records
    assert (record.endpoint, record.command, record.outcome) == ("send", "send", "ok")
    assert "psw" not in record.params
    assert "login" not in record.params
    assert record.params["phones"] == f"{PHONE},79261112233"


async def test_the_right_code_from_the_picture(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        code = await shown_code(client, sandbox)
        result = await client.send_sms(PHONE, "Ваш код: 1234", imgcode=code, userip=LOCAL)
    assert result.id == 3001
    assert sandbox.state()["sms"]["outbox"][0]["userip"] == LOCAL


@pytest.mark.parametrize(
    ("reading", "expected"), [(1, BadParametersError), (6, UnknownApiError)], ids=["1", "6"]
)
async def test_a_wrong_code(sandbox: SandboxHandle, reading: int, expected: type[ApiError]) -> None:
    sandbox.reset(captcha_error=reading)
    async with open_client(sandbox) as client:
        code = await shown_code(client, sandbox)
        with pytest.raises(expected) as info:
            await client.send_sms(PHONE, "Ваш код: 1234", imgcode=wrong(code), userip=LOCAL)
    assert info.value.code == reading
    assert info.value.server_message is not None
    assert info.value.server_message.endswith("wrong imgcode")
    assert info.value.changes_account  # a send: the data says so for the UI
    assert sandbox.account_state()["balance"] == "5000.00"


async def test_a_wrong_ip(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        code = await shown_code(client, sandbox)
        with pytest.raises(BadParametersError) as info:
            await client.send_sms(PHONE, "hi", imgcode=code, userip="203.0.113.9")
    assert info.value.server_message == "parameters error: no imgcode for this userip"


async def test_an_expired_code(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        code = await shown_code(client, sandbox)
        sandbox.advance_clock(301)
        with pytest.raises(BadParametersError) as info:
            await client.send_sms(PHONE, "hi", imgcode=code, userip=LOCAL)
    assert info.value.server_message == "parameters error: imgcode expired"


async def test_not_enough_money(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox, sandbox.poor) as client:
        with pytest.raises(InsufficientFundsError):
            await client.send_sms(PHONE, "я" * 400)


EXPECTED = {
    1: BadParametersError,
    2: AuthError,
    3: InsufficientFundsError,
    4: IpBlockedError,
    5: UnknownApiError,
    6: UnknownApiError,
    7: UnknownApiError,
    8: UnknownApiError,
    9: TooManyRequestsError,
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
@pytest.mark.parametrize("cost_only", [False, True], ids=["send", "cost"])
async def test_error_codes_1_to_9(sandbox: SandboxHandle, code: int, cost_only: bool) -> None:
    sandbox.set_fault("send", error_code=code, error_message=f"описание {code}", count=1)
    async with open_client(sandbox) as client:
        with pytest.raises(EXPECTED[code]) as info:
            await client.send_sms(PHONE, "hi", cost_only=cost_only)
    error = info.value
    assert type(error) is EXPECTED[code]
    assert (error.code, error.server_message, error.endpoint) == (code, f"описание {code}", "send")
    assert error.changes_account is not cost_only
    assert sandbox.state()["requests"]["send"] == 1  # never retried


@pytest.mark.parametrize(
    "fault",
    [{"drop_after": 0}, {"drop_after": 5}, {"truncate": True}],
    ids=["dropped-before-headers", "dropped-mid-body", "truncated"],
)
async def test_a_lost_answer_is_outcome_unknown_and_sent_once(
    sandbox: SandboxHandle, fault: dict[str, Any]
) -> None:
    sandbox.set_fault("send", count=1, **fault)
    records: list[RequestRecord] = []
    async with open_client(sandbox, records=records) as client:
        with pytest.raises(OutcomeUnknownError) as info:
            await client.send_sms(PHONE, "Ваш код: 1234")
    assert info.value.changes_account
    if fault.get("truncate"):
        assert isinstance(info.value, UnreadableOutcomeError)
    # The sandbox did send it: that is why the app must reconcile, never repeat.
    state = sandbox.state()
    assert state["requests"]["send"] == 1
    assert len(state["sms"]["outbox"]) == 1
    assert len(records) == 1


async def test_an_identical_send_is_held_back_locally(sandbox: SandboxHandle) -> None:
    clock = FakeClock()
    async with open_client(sandbox, clock=clock) as client:
        await client.send_sms(PHONE, "hi")
        assert client.wait_time(Endpoint.SEND, phone=PHONE, message="hi") > 60
        assert client.wait_time(Endpoint.SEND, phone=PHONE, message="other") == 0.0
        with pytest.raises(RateLimitedError) as info:
            await client.send_sms(PHONE, "hi")
        assert info.value.changes_account
        for _ in range(5):
            await client.send_sms(PHONE, "hi", cost_only=True)
        with pytest.raises(RateLimitedError):
            await client.send_sms(PHONE, "hi", cost_only=True)
        clock.advance(62)
        sandbox.advance_clock(62)
        await client.send_sms(PHONE, "hi")
    assert sandbox.state()["requests"]["send"] == 7


@pytest.mark.parametrize("identity", ["request", "message"])
async def test_another_captcha_code_is_still_the_same_send(
    sandbox: SandboxHandle, identity: str
) -> None:
    """Whether SMSC counts a send with another code as identical is unknown: the guard holds
    it back under either reading, so SMSC never answers error 9 (nor blocks the address)."""
    sandbox.reset(send_identity=identity)
    async with open_client(sandbox) as client:
        code = await shown_code(client, sandbox)
        with pytest.raises(BadParametersError):  # a wrong code, refused: it still counts
            await client.send_sms(PHONE, "hi", imgcode=wrong(code), userip=LOCAL)
        code = await shown_code(client, sandbox)
        assert client.wait_time(Endpoint.SEND, phone=PHONE, message="hi", imgcode=code) > 60
        with pytest.raises(RateLimitedError) as info:
            await client.send_sms(PHONE, "hi", imgcode=code, userip=LOCAL)
        assert info.value.changes_account
        await client.send_sms(PHONE, "another text", imgcode=code, userip=LOCAL)
    assert sandbox.state()["requests"]["send"] == 2
    errors = [e.get("error_code") for e in sandbox.state()["log"] if e["endpoint"] == "send"]
    assert errors == [1, 0]  # the refusal, then the other text; never a 9


def test_bad_arguments_are_refused_before_sending() -> None:
    from smsc_desktop.api import Credentials

    client = SmscClient("https://smsc.ru", Credentials.from_api_key("k"))
    bad: list[dict[str, Any]] = [
        {"phones": "", "message": "hi"},
        {"phones": "abc", "message": "hi"},
        {"phones": PHONE, "message": " "},
        {"phones": PHONE, "message": "x" * 1001},
        {"phones": PHONE, "message": "hi", "imgcode": "1234"},
        {"phones": PHONE, "message": "hi", "imgcode": "1234", "userip": "1.2.3"},
        {"phones": PHONE, "message": "hi", "sender": "\x00bad"},
    ]

    async def main() -> None:
        for kwargs in bad:
            with pytest.raises(ValueError, match=r"\w"):
                await client.send_sms(**kwargs)
        await client.aclose()

    import asyncio

    asyncio.run(main())


# --- the picture ---------------------------------------------------------------------------


async def test_the_picture_is_loaded_like_a_browser_does(sandbox: SandboxHandle) -> None:
    records: list[RequestRecord] = []
    async with open_client(sandbox, records=records) as client:
        image = await client.captcha_image("1.111")
    assert isinstance(image, CaptchaImage)
    assert image.data.startswith(b"\x89PNG")
    assert image.url == f"{sandbox.url}/sys/imgcode.php?1.111"
    (entry,) = sandbox.state()["log"]
    assert entry["method"] == "GET"
    assert entry["login"] is None
    assert set(entry["params"]) == {"1.111"}  # no credentials, no fmt: a browser's request
    (record,) = records
    assert (record.endpoint, record.outcome, dict(record.params)) == ("imgcode", "ok", {})


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"html": 502}, ProtocolError),
        ({"error_code": 4}, IpBlockedError),
        ({"drop_after": 0}, OutcomeUnknownError),
    ],
)
async def test_a_picture_that_does_not_come(
    sandbox: SandboxHandle, fault: dict[str, Any], expected: type[Exception]
) -> None:
    sandbox.set_fault("imgcode", count=1, **fault)
    async with open_client(sandbox) as client:
        with pytest.raises(expected):
            await client.captcha_image()
        assert (await client.captcha_image()).content_type == "image/png"


async def test_the_suffix_must_be_plain(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        with pytest.raises(ValueError, match="suffix"):
            await client.captcha_image("1&userip=1.2.3.4")


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        ("https://smsc.ru", "https://smsc.ru/sys/imgcode.php"),
        ("https://smsc.kz/", "https://smsc.kz/sys/imgcode.php"),
        ("https://smsc.ua", "https://smsc.ua/sys/imgcode.php"),
        ("https://smscentre.com", "https://smscentre.com/sys/imgcode.php"),
        ("https://www2.smsc.ru", "https://www2.smsc.ru/sys/imgcode.php"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765/sys/imgcode.php"),
    ],
)
def test_captcha_url(server: str, expected: str) -> None:
    assert SmscClient.captcha_url(server) == expected


@pytest.mark.parametrize("server", ["http://smsc.ru", "smsc.ru?x=1", ""])
def test_captcha_url_refuses_what_the_client_refuses(server: str) -> None:
    with pytest.raises(ValueError, match=r"(server address|http)"):
        SmscClient.captcha_url(server)
