"""Every SMSC error code in every answer format, bad bodies, HTTP statuses, redaction."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from smsc_desktop.api import (
    ApiError,
    AuthError,
    BadParametersError,
    HttpStatusError,
    InsufficientFundsError,
    IpBlockedError,
    NotFoundError,
    OutcomeUnknownError,
    ProtocolError,
    RequestRecord,
    SmscClient,
    SmscError,
    TooManyRequestsError,
    UnknownApiError,
    UnreadableOutcomeError,
)
from tests.api.fake_smsc import PASSWORD, FakeSmsc

MakeClient = Callable[..., SmscClient]
Method = Callable[[SmscClient], Awaitable[Any]]

# (script, command, client call, is_paid_command, mutating)
ENDPOINTS: list[tuple[str, str | None, Method, bool, bool]] = [
    ("balance", None, lambda c: c.balance(), False, False),
    ("receive_phones", "get", lambda c: c.list_available_numbers(), False, False),
    ("receive_phones", "buy", lambda c: c.rent_number("79990000001"), True, True),
    ("receive_phones", "chg", lambda c: c.set_renewal("79990000001", False), False, True),
    ("wait_call", None, lambda c: c.request_call_verification("79161234567"), False, True),
    ("get", "get_answers", lambda c: c.incoming_messages(), False, False),
    ("downloads", "get_list", lambda c: c.list_jobs(), False, False),
]
ENDPOINT_IDS = [f"{s}-{c or s}" for s, c, *_ in ENDPOINTS]


def error_bodies(code: int, text: str) -> dict[str, bytes]:
    return {
        "fmt3": f'{{"error": "{text}", "error_code": {code}}}'.encode(),
        "fmt2": (f"<result><error>{text}</error><error_code>{code}</error_code></result>".encode()),
        "fmt0": f"ERROR = {code} ({text})".encode(),
        "fmt1": f"0,-{code}".encode(),
    }


EXPECTED = {
    1: BadParametersError,
    2: AuthError,
    4: IpBlockedError,
    9: TooManyRequestsError,
    5: UnknownApiError,
    6: UnknownApiError,
    8: UnknownApiError,
    12: UnknownApiError,
}


@pytest.mark.parametrize("shape", ["fmt3", "fmt2", "fmt0", "fmt1"])
@pytest.mark.parametrize("code", [1, 2, 3, 4, 9, 5, 6, 8, 12])
@pytest.mark.parametrize(
    ("script", "command", "call", "paid", "mutating"), ENDPOINTS, ids=ENDPOINT_IDS
)
async def test_error_code_in_every_shape(
    fake: FakeSmsc,
    make_client: MakeClient,
    records: list[RequestRecord],
    script: str,
    command: str | None,
    call: Method,
    paid: bool,
    mutating: bool,
    code: int,
    shape: str,
) -> None:
    fake.text(script, command, error_bodies(code, "описание ошибки")[shape])
    if code == 3:
        expected: type[ApiError] = InsufficientFundsError if paid else NotFoundError
    else:
        expected = EXPECTED[code]
    async with make_client() as client:
        with pytest.raises(expected) as info:
            await call(client)
    error = info.value
    assert type(error) is expected
    assert error.code == code
    assert error.endpoint == script
    if shape != "fmt1":
        assert error.server_message == "описание ошибки"
    assert str(error)
    assert str(error)[0].isupper()
    assert str(error).endswith(".")
    assert records[-1].error == str(code)
    assert len(fake.seen) == 1  # an API error is never retried


async def test_error_with_http_status_other_than_200(
    fake: FakeSmsc, make_client: MakeClient
) -> None:
    fake.on("balance", None, httpx.Response(403, json={"error": "ip", "error_code": 2}))
    async with make_client() as client:
        with pytest.raises(AuthError):
            await client.balance()


async def test_error_message_texts(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.text("receive_phones", "buy", '{"error": "no money", "error_code": 3}')
    fake.text("downloads", "get_list", '{"error": "bad", "error_code": 77}')
    async with make_client() as client:
        with pytest.raises(InsufficientFundsError, match="Top up the balance"):
            await client.rent_number("79990000001")
        with pytest.raises(UnknownApiError, match=r"SMSC returned error 77: bad\."):
            await client.list_jobs()


async def test_error_without_code(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.text("balance", None, '{"error": "something odd"}')
    async with make_client() as client:
        with pytest.raises(UnknownApiError, match="something odd") as info:
            await client.balance()
    assert info.value.code is None


async def test_too_many_requests_has_retry_after(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.text("balance", None, '{"error": "too many", "error_code": 9}')
    async with make_client() as client:
        with pytest.raises(TooManyRequestsError) as info:
            await client.balance()
    assert info.value.retry_after == 61.5  # the client now holds such requests back that long


# --- bodies that are not answers -----------------------------------------------------

HTML = b"<html>\r\n<head><title>502 Bad Gateway</title></head><body>nginx</body></html>"

BAD_BODIES = {
    "html": (HTML, "web page"),
    "doctype": (b"<!DOCTYPE html><html><body>Captive portal</body></html>", "web page"),
    "truncated-list": (b'[{"phone": "79990000001", "type": 1, "cost": "3', "cut off"),
    "truncated-object": (b'{"balance": "25', "cut off"),
    "empty": (b"", "empty"),
    "blank": (b"  \r\n", "empty"),
    "plain-text": (b"OK", "not JSON"),
    "xml-success": (b"<result><balance>1</balance></result>", "not JSON"),
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
@pytest.mark.parametrize(
    ("script", "command", "call", "paid", "mutating"), ENDPOINTS, ids=ENDPOINT_IDS
)
async def test_bad_body_is_a_protocol_error(
    fake: FakeSmsc,
    make_client: MakeClient,
    records: list[RequestRecord],
    script: str,
    command: str | None,
    call: Method,
    paid: bool,
    mutating: bool,
    body: tuple[bytes, str],
) -> None:
    content, message = body
    fake.text(script, command, content)
    async with make_client() as client:
        with pytest.raises(ProtocolError, match=message) as info:
            await call(client)
    error = info.value
    # A command that changes something may have been carried out: reconcile, never repeat.
    assert isinstance(error, OutcomeUnknownError) is mutating
    assert isinstance(error, UnreadableOutcomeError) is mutating
    assert error.http_status == 200
    assert error.body_excerpt is not None
    assert len(error.body_excerpt) <= 200
    assert records[-1].outcome == "error"
    assert records[-1].error == type(error).__name__
    assert len(fake.seen) == 1


@pytest.mark.parametrize("status", [404, 500, 502, 503])
@pytest.mark.parametrize(
    ("script", "command", "call", "paid", "mutating"), ENDPOINTS, ids=ENDPOINT_IDS
)
async def test_http_status_without_smsc_error(
    fake: FakeSmsc,
    make_client: MakeClient,
    script: str,
    command: str | None,
    call: Method,
    paid: bool,
    mutating: bool,
    status: int,
) -> None:
    fake.text(script, command, HTML, status=status)
    async with make_client() as client:
        with pytest.raises(ProtocolError, match=f"HTTP error {status}") as info:
            await call(client)
    error = info.value
    assert error.http_status == status
    if mutating and status >= 500:
        assert isinstance(error, UnreadableOutcomeError)
    else:
        assert type(error) is HttpStatusError
    assert "502 Bad Gateway" in (error.body_excerpt or "")


async def test_http_200_with_json_for_redirect(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.on("balance", None, httpx.Response(302, headers={"Location": "https://evil/"}))
    async with make_client() as client:
        with pytest.raises(HttpStatusError, match="302"):
            await client.balance()
    assert len(fake.seen) == 1


# --- secrets ---------------------------------------------------------------------------

ECHO = (
    f"<html><body>login=demo-login&psw={PASSWORD}&fmt=3 "
    f'{{"psw": "{PASSWORD}"}} {PASSWORD.replace(" ", "+")}</body></html>'
).encode()


async def test_secret_not_in_errors_records_or_logs(
    fake: FakeSmsc,
    make_client: MakeClient,
    records: list[RequestRecord],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.text("balance", None, ECHO)
    fake.text("downloads", "get_list", f'{{"error": "bad psw {PASSWORD}", "error_code": 2}}')
    fake.text("receive_phones", "get", f'[{{"phone": "{PASSWORD}", "type": "x"}}]')
    errors: list[SmscError] = []
    async with make_client() as client:
        for call in (client.balance, client.list_jobs, client.list_available_numbers):
            with pytest.raises(SmscError) as info:
                await call()
            errors.append(info.value)
        assert PASSWORD not in repr(client)
    assert len(records) == 3
    texts = [caplog.text, *map(repr, records)]
    for error in errors:
        texts += [str(error), repr(error), error.body_excerpt or "", error.server_message or ""]
        texts += [str(getattr(error, name, "")) for name in vars(error)]
    for text in texts:
        assert PASSWORD not in text
        assert PASSWORD.replace(" ", "+") not in text
        assert PASSWORD.replace(" ", "%20") not in text
        assert "s3cr3t" not in text
    assert "***" in errors[0].body_excerpt  # type: ignore[operator]
    assert errors[1].server_message == "bad psw ***"


async def test_error_wrapped_in_a_one_element_list(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.text("get", "get_answers", '[{"error": "invalid login", "error_code": 2}]')
    async with make_client() as client:
        with pytest.raises(AuthError):
            await client.incoming_messages()


def test_error_constructors() -> None:
    assert SmscError("plain text").message == "plain text"
    assert SmscError("plain text").code is None
    assert SmscError(7, "x").code == 7
    assert AuthError(2).message.startswith("Wrong login or password")
    assert str(OutcomeUnknownError()).startswith("The request reached SMSC")
    assert ProtocolError("odd").message == "odd"
    assert repr(AuthError(2)).startswith("AuthError(code=2")
