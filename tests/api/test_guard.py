"""The local rate guard: SMSC's limits of identical requests per minute, on a fake clock.

A request stays counted for SMSC's minute plus a margin of 1.5 s (``ratelimit.MARGIN``)."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from smsc_desktop.api import (
    Endpoint,
    RateGuard,
    RateLimitedError,
    RequestRecord,
    SmscClient,
    TooManyRequestsError,
)
from tests.api.fake_smsc import FakeClock, FakeSmsc

MakeClient = Callable[..., SmscClient]


@pytest.fixture
def answers(fake: FakeSmsc) -> FakeSmsc:
    fake.json("balance", None, {"balance": "1.00", "currency": "RUR"})
    fake.json("receive_phones", "get", [])
    fake.json("receive_phones", "buy", {"cost": "1.00"})
    fake.json("receive_phones", "chg", {})
    fake.json("wait_call", None, {"phone": "74950000001", "all_phones": ["74950000001"]})
    fake.json("get", "get_answers", [])
    fake.json("downloads", "get_list", [])
    return fake


async def test_balance_ten_per_minute(
    answers: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    async with make_client() as client:
        for _ in range(10):
            assert client.wait_time(Endpoint.BALANCE) == 0.0
            await client.balance()
            clock.advance(1)
        assert client.wait_time(Endpoint.BALANCE) == pytest.approx(51.5)
        with pytest.raises(RateLimitedError) as info:
            await client.balance()
        assert info.value.retry_after == pytest.approx(51.5)
        assert info.value.limit == 10
        assert str(info.value) == (
            "Not sent: SMSC accepts only 10 identical requests like this per minute. "
            "Wait 52 seconds and try again."
        )
        assert len(answers.calls("balance")) == 10  # nothing was sent
        clock.advance(51.0)
        assert client.wait_time(Endpoint.BALANCE) == pytest.approx(0.5)
        clock.advance(0.5)
        assert client.wait_time(Endpoint.BALANCE) == 0.0
        await client.balance()
        # sliding window: the second request (t=1) leaves at t=62.5
        assert client.wait_time(Endpoint.BALANCE) == pytest.approx(1.0)


async def test_list_numbers_two_per_minute(
    answers: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    async with make_client() as client:
        await client.list_available_numbers()
        clock.advance(10)
        await client.list_available_numbers()
        with pytest.raises(RateLimitedError):
            await client.list_available_numbers()
        assert client.wait_time(Endpoint.FREE_NUMBERS) == pytest.approx(51.5)
        clock.advance(51.5)
        await client.list_available_numbers()
    assert len(answers.calls("receive_phones", "get")) == 3


async def test_rent_and_renewal_counted_per_phone_and_command(
    answers: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    async with make_client() as client:
        await client.rent_number("79990000001")
        await client.rent_number("+7 999 000-00-01", renew=False)
        with pytest.raises(RateLimitedError):
            await client.rent_number("79990000001")
        assert client.wait_time(Endpoint.RENT, phone="79990000001") == pytest.approx(61.5)
        assert client.wait_time(Endpoint.RENT, phone="+79990000001") == pytest.approx(61.5)
        # another phone, or another command on the same phone, has its own window
        assert client.wait_time(Endpoint.RENT, phone="79990000002") == 0.0
        await client.rent_number("79990000002")
        assert client.wait_time(Endpoint.RENEWAL, phone="79990000001") == 0.0
        await client.set_renewal("79990000001", True)
        await client.set_renewal("79990000001", False)
        with pytest.raises(RateLimitedError):
            await client.set_renewal("79990000001", True)
        # listing is independent of renting
        assert client.wait_time(Endpoint.FREE_NUMBERS) == 0.0


async def test_wait_call_fifty_per_phone(
    answers: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    async with make_client() as client:
        for _ in range(50):
            await client.request_call_verification("79161234567")
        with pytest.raises(RateLimitedError):
            await client.request_call_verification("79161234567")
        assert client.wait_time(Endpoint.WAIT_CALL, phone="79161234567") == 61.5
        await client.request_call_verification("79161234568")
    assert len(answers.calls("wait_call")) == 51


async def test_downloads_three_per_identical_list(
    answers: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    async with make_client() as client:
        for _ in range(3):
            await client.list_jobs()
        with pytest.raises(RateLimitedError):
            await client.list_jobs()
        assert client.wait_time(Endpoint.JOBS) == 61.5
        # different parameters are a different request
        assert client.wait_time(Endpoint.JOBS, limit=5) == 0.0
        await client.list_jobs(limit=5)
        assert client.wait_time(Endpoint.JOBS, limit=5) == 0.0
        assert client.wait_time(Endpoint.JOBS, after_id=10) == 0.0


async def test_incoming_messages_not_limited(answers: FakeSmsc, make_client: MakeClient) -> None:
    async with make_client() as client:
        for _ in range(30):
            await client.incoming_messages(after_id=1)
        assert client.wait_time(Endpoint.INCOMING) == 0.0


async def test_failed_requests_still_count(
    fake: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    fake.text("receive_phones", "get", "ERROR = 1 (bad)")
    async with make_client() as client:
        for _ in range(2):
            with pytest.raises(Exception, match="error 1"):
                await client.list_available_numbers()
        with pytest.raises(RateLimitedError):
            await client.list_available_numbers()


async def test_timeouts_count_but_refused_connections_do_not(
    fake: FakeSmsc, make_client: MakeClient, records: list[RequestRecord]
) -> None:
    fake.on("receive_phones", "buy", httpx.ReadTimeout("t"))
    fake.on("receive_phones", "get", httpx.ConnectError("refused"))
    async with make_client() as client:
        for _ in range(2):
            with pytest.raises(Exception, match="no answer came back"):
                await client.rent_number("79990000001")
        assert client.wait_time(Endpoint.RENT, phone="79990000001") > 0
        # two refused attempts (with the retry) left nothing in the window
        for _ in range(2):
            with pytest.raises(Exception, match="Could not connect"):
                await client.list_available_numbers()
        assert client.wait_time(Endpoint.FREE_NUMBERS) == 0.0


async def test_server_error_9_blocks_the_request_for_a_minute(
    fake: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    fake.text("get", "get_answers", '{"error": "too many", "error_code": 9}')
    async with make_client() as client:
        with pytest.raises(Exception, match="error 9"):
            await client.incoming_messages()
        assert client.wait_time(Endpoint.INCOMING) == 61.5
        with pytest.raises(RateLimitedError):
            await client.incoming_messages()
        clock.advance(61.5)
        assert client.wait_time(Endpoint.INCOMING) == 0.0
    assert len(fake.seen) == 1


async def test_each_client_has_its_own_window(answers: FakeSmsc, make_client: MakeClient) -> None:
    async with make_client() as first, make_client() as second:
        await first.list_available_numbers()
        await first.list_available_numbers()
        assert first.wait_time(Endpoint.FREE_NUMBERS) > 0
        assert second.wait_time(Endpoint.FREE_NUMBERS) == 0.0


async def test_wait_time_needs_what_identifies_the_request(make_client: MakeClient) -> None:
    async with make_client() as client:
        with pytest.raises(ValueError, match="phone"):
            client.wait_time(Endpoint.RENT)
        with pytest.raises(ValueError, match="either the job id"):
            client.wait_time(Endpoint.DOWNLOAD)
        assert client.wait_time(Endpoint.DOWNLOAD, job_id=5) == 0.0


def test_guard_release_and_block() -> None:
    clock = FakeClock()
    guard = RateGuard(clock)
    first = guard.reserve(("k",), 1)
    assert not isinstance(first, float)
    assert guard.reserve(("k",), 1) == 61.5
    guard.release(first)
    assert guard.wait_time(("k",), 1) == 0.0
    guard.block(("k",), 30)
    assert guard.wait_time(("k",), None) == 30
    clock.advance(30)
    assert guard.wait_time(("k",), None) == 0.0


# --- across clients, at the minute's edge, after error 9 (issue #21 items 2 and 3) -------


async def test_the_eleventh_balance_request_never_reaches_the_minutes_edge(
    answers: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    async with make_client() as client:
        for _ in range(10):
            await client.balance()
        clock.advance(60.005)  # on a real network, any jitter would land it inside the minute
        with pytest.raises(RateLimitedError) as info:
            await client.balance()
        assert 1.0 <= info.value.retry_after <= 2.0
        clock.advance(info.value.retry_after)
        await client.balance()
    assert len(answers.calls("balance")) == 11


async def test_repeated_error_9_holds_back_every_request_of_the_account(
    fake: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    too_many = '{"error": "too many requests", "error_code": 9}'
    fake.text("receive_phones", "get", too_many)
    fake.text("downloads", "get_list", too_many)
    fake.json("balance", None, {"balance": "1.00"})
    async with make_client() as client:
        with pytest.raises(TooManyRequestsError):
            await client.list_available_numbers()
        await client.balance()  # one refusal: only that request waits
        with pytest.raises(TooManyRequestsError) as second:
            await client.list_jobs()
        # A second refusal: SMSC counts more than one request kind against the account
        # (or another client shares it); stop everything for a while before error 4.
        with pytest.raises(RateLimitedError):
            await client.balance()
        assert second.value.retry_after >= 61.5
        clock.advance(second.value.retry_after)
        await client.balance()
    assert len(fake.calls("balance")) == 2


async def test_one_guard_serves_every_client_of_the_account(
    answers: FakeSmsc, make_client: MakeClient, clock: FakeClock
) -> None:
    guard = RateGuard(clock)
    async with make_client(guard=guard) as first:
        await first.list_available_numbers()
        await first.list_available_numbers()
    async with make_client(guard=guard) as second:  # the account switched back, say
        with pytest.raises(RateLimitedError):
            await second.list_available_numbers()
        assert second.wait_time(Endpoint.FREE_NUMBERS) == pytest.approx(61.5)
    assert len(answers.calls("receive_phones", "get")) == 2


def test_the_guard_survives_a_restart_with_wall_clock_times() -> None:
    before = FakeClock(5000.0)
    guard = RateGuard(before)
    guard.reserve(("downloads", "get_file", "id", "7"), 3)
    before.advance(10)
    guard.reserve(("downloads", "get_file", "id", "7"), 3)
    guard.server_refused(("balance",))
    saved = json.loads(json.dumps(guard.snapshot(wall_now=1_700_000_000.0)))

    after = FakeClock(12.0)  # a new process: its monotonic clock starts anywhere
    restored = RateGuard(after)
    restored.restore(saved, wall_now=1_700_000_020.0)  # 20 s later on the wall clock
    assert restored.wait_time(("downloads", "get_file", "id", "7"), 2) == pytest.approx(31.5)
    assert restored.wait_time(("downloads", "get_file", "id", "7"), 3) == 0.0
    assert restored.wait_time(("balance",), 10) == pytest.approx(41.5)
    # a time in the future (the wall clock went back) counts as now, never as "long ago"
    skewed = RateGuard(after)
    skewed.restore(saved, wall_now=1_600_000_000.0)
    assert skewed.wait_time(("downloads", "get_file", "id", "7"), 2) == pytest.approx(61.5)
    # and garbage is ignored
    restored.restore({"sent": [{"key": "x"}, {"key": [1], "times": ["a", 1e300]}]}, 0.0)
    restored.restore([], 0.0)
