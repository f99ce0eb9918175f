"""Answers an attacker, a broken proxy or a dying server could send (issue #21 items 1, 4-6,
9): text that cannot be encoded or hides itself, numbers no field can hold, nesting, bodies
that never end or never stop. Each must give a valid value or an ``SmscError`` quickly, and
never block the event loop for long."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest

from smsc_desktop.api import (
    InsufficientFundsError,
    ProtocolError,
    RequestRecord,
    ResponseTimeoutError,
    SmscClient,
    SmscError,
    UnknownApiError,
    parsing,
)
from tests.api.fake_smsc import FakeSmsc
from tests.api.http_server import ServedSmsc, SlowStream

MakeClient = Callable[..., SmscClient]

FREE = '{"phone": "79990000001", "type": 1, "cost": "300", "current_cost": "120", "info": %s}'
CALLS: dict[str, Callable[[SmscClient], object]] = {
    "balance": lambda c: c.balance(),
    "numbers": lambda c: c.list_available_numbers(),
    "rent": lambda c: c.rent_number("79990000001"),
    "renewal": lambda c: c.set_renewal("79990000001", True),
    "wait_call": lambda c: c.request_call_verification("79161234567"),
    "incoming": lambda c: c.incoming_messages(),
    "jobs": lambda c: c.list_jobs(),
}
ROUTES = {
    "balance": ("balance", None),
    "numbers": ("receive_phones", "get"),
    "rent": ("receive_phones", "buy"),
    "renewal": ("receive_phones", "chg"),
    "wait_call": ("wait_call", None),
    "incoming": ("get", "get_answers"),
    "jobs": ("downloads", "get_list"),
}


def on_every_endpoint(fake: FakeSmsc, body: bytes) -> None:
    for script, command in ROUTES.values():
        fake.text(script, command, body)


# --- text (items 1 and 9) ------------------------------------------------------------


async def test_lone_surrogates_from_smsc_are_replaced_at_the_boundary(
    fake: FakeSmsc, make_client: MakeClient, records: list[RequestRecord]
) -> None:
    fake.text("receive_phones", "buy", '{"error": "no money \\ud800 left", "error_code": 3}')
    fake.text("receive_phones", "get", "[" + FREE % '"MTS \\udfff voice"' + "]")
    async with make_client() as client:
        with pytest.raises(InsufficientFundsError) as info:
            await client.rent_number("79990000001")
        numbers = await client.list_available_numbers()
    # Text from SMSC can always be written to a journal or a file.
    assert info.value.server_message == "no money \ufffd left"
    assert numbers[0].info == "MTS \ufffd voice"
    for text in (info.value.server_message, numbers[0].info, str(info.value), records[0].message):
        assert text is not None
        text.encode("utf-8")


async def test_control_and_direction_characters_are_removed(
    fake: FakeSmsc, make_client: MakeClient
) -> None:
    fake.text("balance", None, '{"error": "bad\\u202e\\u0007 login\\u200f", "error_code": 77}')
    fake.text("downloads", "get_list", b"ERROR = 5 (fail\x1b[31m \xe2\x80\xae red)")
    fake.json(
        "get",
        "get_answers",
        [{"id": 5, "phone": "7999\u2066123", "message": "line 1\nline 2\u202e\u0000"}],
    )
    async with make_client() as client:
        with pytest.raises(UnknownApiError) as first:
            await client.balance()
        with pytest.raises(UnknownApiError) as second:
            await client.list_jobs()
        (message,) = await client.incoming_messages()
    assert first.value.server_message == "bad login"
    assert second.value.server_message == "fail[31m  red"
    assert (message.phone, message.text) == ("7999123", "line 1\nline 2")


# --- hostile bodies (item 4) ------------------------------------------------------------

HOSTILE: dict[str, tuple[bytes, type[SmscError]]] = {
    "deep-array": (b"[" * 1000, ProtocolError),
    "deep-object": (b'{"a":' * 1000 + b"1" + b"}" * 1000, ProtocolError),
    "wrapped-deep": (b'{"list":' * 200 + b"[]" + b"}" * 200, ProtocolError),
    "xml-huge-code": (
        b"<result><error_code>" + b"1" * 4301 + b"</error_code></result>",
        ProtocolError,
    ),
    "fmt0-huge-code": (b"ERROR = " + b"9" * 5000 + b" (x)", ProtocolError),
    "json-huge-code": (b'{"error_code": 1e5000}', ProtocolError),
    "json-huge-code-text": (b'{"error": "' + b"7" * 5000 + b'"}', UnknownApiError),
}


@pytest.mark.parametrize(("body", "expected"), HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("name", CALLS)
async def test_hostile_bodies_give_plain_errors(
    fake: FakeSmsc, make_client: MakeClient, name: str, body: bytes, expected: type[SmscError]
) -> None:
    on_every_endpoint(fake, body)
    async with make_client() as client:
        with pytest.raises(expected) as info:
            await CALLS[name](client)  # type: ignore[misc]
    text = str(info.value)
    text.encode("utf-8")
    assert len(text) < 600


HUGE_FIELDS = {
    "time-past-year-3000": ("incoming", '[{"id": 1, "phone": "7999", "received": 1e18}]'),
    "time-int": ("incoming", '[{"id": 1, "phone": "7999", "received": 1000000000000000000}]'),
    "id-5000-digits": ("jobs", '[{"id": "%s", "status": 2}]' % ("9" * 5000)),
    "id-json-4000-digits": ("jobs", '[{"id": %s, "status": 2}]' % ("9" * 4000)),
    "type-5000-digits": (
        "numbers",
        "[" + (FREE % '""').replace('"type": 1', '"type": "%s"' % ("1" * 5000)) + "]",
    ),
    "type-exponent": (
        "numbers",
        "[" + (FREE % '""').replace('"type": 1', '"type": "1e500000"') + "]",
    ),
    "cost-exponent": ("numbers", "[" + (FREE % '""').replace('"300"', "1e500000") + "]"),
    "status-exponent": ("jobs", '[{"id": 1, "status": "1e500000"}]'),
    "balance-exponent": ("balance", '{"balance": "1e500000"}'),
    "balance-tiny": ("balance", '{"balance": 1e-500000}'),
    "rent-huge": ("rent", '{"cost": 1e1000000}'),
}


@pytest.mark.parametrize(("name", "body"), HUGE_FIELDS.values(), ids=HUGE_FIELDS.keys())
async def test_numbers_no_field_can_hold_are_refused_quickly(
    fake: FakeSmsc, make_client: MakeClient, name: str, body: str
) -> None:
    fake.text(*ROUTES[name], body)
    started = time.perf_counter()
    async with make_client() as client:
        with pytest.raises(ProtocolError) as info:
            await CALLS[name](client)  # type: ignore[misc]
    assert time.perf_counter() - started < 3  # "1e500000" once took 17 s
    str(info.value).encode()


async def test_a_suspicious_answer_is_read_off_the_event_loop(
    fake: FakeSmsc, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[threading.Thread] = []
    real = parsing.parse_balance

    def spy(data: object) -> object:
        seen.append(threading.current_thread())
        return real(data)

    monkeypatch.setattr(parsing, "parse_balance", spy)
    fake.text("balance", None, '{"balance": "12.50", "currency": "RUR"}')
    async with make_client() as client:
        await client.balance()
        fake.text("balance", None, '{"balance": "1e999999", "currency": "RUR"}')
        with pytest.raises(ProtocolError):
            await client.balance()
    assert seen[0] is threading.current_thread()  # a plain answer: no thread needed
    assert seen[1] is not threading.current_thread()


# --- deadline (item 5) and size cap (item 6) ---------------------------------------------


@pytest.fixture
def served(fake: FakeSmsc) -> Iterator[ServedSmsc]:
    with ServedSmsc(fake) as server:
        yield server


async def test_a_trickling_answer_ends_at_the_total_deadline(
    fake: FakeSmsc, served: ServedSmsc, make_client: MakeClient, records: list[RequestRecord]
) -> None:
    body = b'   {"balance": "1.00", "currency": "RUR"}'

    def trickle(request: httpx.Request, form: dict[str, str]) -> httpx.Response:
        headers = {"Content-Length": str(len(body))}
        return httpx.Response(
            200,
            headers=headers,
            stream=SlowStream([body[i : i + 1] for i in range(len(body))], 0.1),
        )

    fake.on("balance", None, trickle)
    started = time.perf_counter()
    async with make_client(base_url=served.url, transport=None, timeout=0.3) as client:
        with pytest.raises(ResponseTimeoutError) as info:
            await client.balance()  # each byte comes within the read timeout
    assert time.perf_counter() - started < 2.5  # not the 4 s the body takes
    assert info.value.request_sent
    assert len(records) == 1  # a read that timed out is not repeated


class Flood(httpx.AsyncByteStream):
    """1 MB chunks, up to *total* MB; counts what was pulled."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(self.total):
            self.pulled += 1
            yield b" " * (1024 * 1024)


@pytest.mark.parametrize("announced", [True, False], ids=["lying-length", "no-length"])
async def test_a_flood_is_not_read_past_the_cap(
    fake: FakeSmsc, make_client: MakeClient, announced: bool
) -> None:
    flood = Flood(40)
    headers = {"Content-Length": str(10 * 1024**3)} if announced else {}
    fake.on(
        "balance", None, lambda request, form: httpx.Response(200, headers=headers, stream=flood)
    )
    async with make_client() as client:
        with pytest.raises(ProtocolError, match="bigger than"):
            await client.balance()
    assert flood.pulled <= 5  # 4 MB for a balance, then it stops


async def test_the_free_list_may_be_bigger_than_other_answers(
    fake: FakeSmsc, make_client: MakeClient
) -> None:
    record = FREE % ('"' + "x" * 500 + '"')
    body = "[" + ",".join([record] * 10_000) + "]"
    assert len(body) > 5 * 1024 * 1024
    fake.text("receive_phones", "get", body)
    async with make_client() as client:
        numbers = await client.list_available_numbers()
    assert len(numbers) == 10_000
