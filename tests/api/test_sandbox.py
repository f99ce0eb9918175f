"""The client against the SMSC sandbox over real HTTP on 127.0.0.1.

The sandbox is an independent reading of the same SMSC documentation; these tests run
every client method against it, so a mistake on either side shows up here.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import (
    ApiError,
    AuthError,
    BadParametersError,
    Credentials,
    DownloadInterruptedError,
    Endpoint,
    HttpStatusError,
    InsufficientFundsError,
    IpBlockedError,
    JobStatus,
    NotFoundError,
    NumberKind,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    RequestRecord,
    ResponseTimeoutError,
    SmscClient,
    SmscError,
    TooManyRequestsError,
    UnknownApiError,
    UnreadableOutcomeError,
)
from smsc_desktop.api.fast_download import FastDownloader
from smsc_desktop.api.models import DownloadResult
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxAccount, SandboxHandle

Method = Callable[[SmscClient], Awaitable[Any]]


async def download(client: SmscClient, **kwargs: Any) -> DownloadResult:
    """One download through the app's transport (a downloader of its own, closed after)."""
    downloader = FastDownloader(client)
    try:
        return await downloader.download(**kwargs)
    finally:
        await downloader.aclose()


def open_client(
    sandbox: SandboxHandle,
    account: SandboxAccount | None = None,
    *,
    apikey: bool = False,
    records: list[RequestRecord] | None = None,
    clock: FakeClock | None = None,
    **kwargs: Any,
) -> SmscClient:
    account = account or sandbox.demo
    creds = (
        Credentials.from_api_key(account.apikey)
        if apikey
        else Credentials.from_password(account.login, account.password)
    )
    if records is not None:
        kwargs["observer"] = records.append
    if clock is not None:
        kwargs["clock"] = clock
    return SmscClient(sandbox.url, creds, **kwargs)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- every method --------------------------------------------------------------------


@pytest.mark.parametrize("apikey", [False, True], ids=["password", "apikey"])
async def test_balance(sandbox: SandboxHandle, apikey: bool) -> None:
    async with open_client(sandbox, apikey=apikey) as client:
        balance = await client.balance()
    state = sandbox.account_state()
    assert balance.amount == Decimal(state["balance"])
    assert balance.currency == state["currency"]


async def test_balance_of_another_account(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox, sandbox.kz, apikey=True) as client:
        balance = await client.balance()
    assert balance.currency == sandbox.account_state(sandbox.kz.login)["currency"]


async def test_list_available_numbers(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        numbers = await client.list_available_numbers()
    assert len(numbers) == sandbox.state()["free_numbers"]
    assert numbers.skipped == ()
    assert len({n.phone for n in numbers}) == len(numbers)
    assert {n.kind for n in numbers} <= {NumberKind.VIRTUAL, NumberKind.SIM_HOSTING}
    for number in numbers:
        assert number.phone.isdigit()
        assert Decimal(0) <= number.current_cost <= number.cost


async def test_rent_number_charges_the_rest_of_month(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        before = await client.balance()
        numbers = await client.list_available_numbers()
        number = numbers[0]
        charged = await client.rent_number(number.phone)
        after = await client.balance()
        remaining = await client.list_available_numbers()
    assert charged == number.current_cost
    assert after.amount == before.amount - charged
    assert number.phone not in {n.phone for n in remaining}
    rented = {r["phone"]: r for r in sandbox.account_state()["rented"]}
    assert rented[number.phone]["noprolong"] == 0


async def test_rent_without_renewal_then_switch_renewal(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        number = (await client.list_available_numbers())[1]
        await client.rent_number(number.phone, renew=False)

        def noprolong() -> int:
            rented = {r["phone"]: r for r in sandbox.account_state()["rented"]}
            return int(rented[number.phone]["noprolong"])

        assert noprolong() == 1
        await client.set_renewal(number.phone, True)
        assert noprolong() == 0
        await client.set_renewal(number.phone, False)
        assert noprolong() == 1


async def test_call_verification_round_trip(sandbox: SandboxHandle) -> None:
    subscriber = "79161234567"
    async with open_client(sandbox) as client:
        start = await client.incoming_messages(hours=1)
        last_id = max((m.id for m in start), default=0)
        verification = await client.request_call_verification(subscriber)
        assert verification.call_to in verification.all_phones
        sandbox.simulate_call(subscriber)
        new = await client.incoming_messages(after_id=last_id)
    calls = [m for m in new if m.is_waitcall]
    assert len(calls) == 1
    call = calls[0]
    assert call.phone == subscriber
    assert call.to_phone == verification.call_to
    assert all(m.id > last_id for m in new)
    # Both clocks agree: SMSC date strings are read in server time (Moscow, UTC+3).
    assert call.received is not None
    slack = timedelta(minutes=2)
    assert verification.requested_at - slack <= call.received <= verification.expires_at


async def test_incoming_messages_filters(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        everything = await client.incoming_messages(hours=168)
        assert len(everything) >= 3
        ids = [m.id for m in everything]
        pivot = sorted(ids)[len(ids) // 2]
        after = await client.incoming_messages(after_id=pivot, hours=168)
        assert {m.id for m in after} == {i for i in ids if i > pivot}
        to_phone = everything[0].to_phone
        on_one = await client.incoming_messages(to_phone=to_phone, hours=168)
        assert on_one
        assert {m.to_phone for m in on_one} == {to_phone}
        assert len(await client.incoming_messages(hours=168, limit=1)) == 1
        added = sandbox.add_incoming("79031112233", 'Привет, <b>&amp;</b> "quotes"')
        (latest,) = await client.incoming_messages(after_id=max(ids))
    assert latest.id == added["id"]
    assert latest.text == 'Привет, <b>&amp;</b> "quotes"'
    assert latest.phone == "79031112233"
    assert latest.received is not None


async def test_list_jobs(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        jobs = await client.list_jobs()
        assert jobs.skipped == ()
        assert {j.status for j in jobs} <= set(JobStatus) - {JobStatus.UNKNOWN}
        assert any(j.is_downloadable for j in jobs)
        ids = sorted(j.id for j in jobs)
        page = await client.list_jobs(limit=2, after_id=ids[0])
    assert [j.id for j in page] == ids[1:3]
    for job in jobs:
        if job.is_downloadable:
            assert job.file
            assert job.created is not None


@pytest.mark.parametrize("by", ["id", "name"])
async def test_download_job(sandbox: SandboxHandle, tmp_path: Path, by: str) -> None:
    job = sandbox.create_job(200_000, status=2)
    info = sandbox.job_info(job["id"])
    dest = tmp_path / "export.csv"
    progress: list[tuple[int, int | None]] = []
    async with open_client(sandbox) as client:
        listed = {j.id: j for j in await client.list_jobs()}
        assert listed[job["id"]].is_downloadable
        key = {"job_id": job["id"]} if by == "id" else {"name": listed[job["id"]].name}
        result = await download(
            client, **key, dest=dest, progress=lambda d, t: progress.append((d, t))
        )
    assert sha256(dest) == info["sha256"]
    assert result.total_bytes == info["size"] == dest.stat().st_size
    assert result.received_bytes == info["size"]
    assert progress[-1] == (info["size"], info["size"])


async def test_download_resumes_after_the_connection_drops(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    job = sandbox.create_job(4_000_000, status=2)
    info = sandbox.job_info(job["id"])
    dest = tmp_path / "export.csv"
    # Bytes still in aiohttp's read buffer when the connection breaks are lost with it (and
    # fetched again on resume), so how much reaches the disk depends on timing. aiohttp stops
    # reading the socket once 2 MB wait unread (twice the 1 MB read buffer), so with the break
    # 3 MB in, the client has always written part of the file: the resume is a Range request,
    # whatever the load.
    sandbox.set_fault("downloads", drop_after=3_000_000, count=1)
    async with open_client(sandbox) as client:
        with pytest.raises(DownloadInterruptedError) as interrupted:
            await download(client, job_id=job["id"], dest=dest)
        on_disk = dest.stat().st_size
        assert on_disk == interrupted.value.bytes_on_disk
        assert 0 < on_disk <= 3_000_000
        assert interrupted.value.expected_bytes == info["size"]
        result = await download(client, job_id=job["id"], dest=dest)
        assert result.resumed_from == on_disk
        assert result.received_bytes == info["size"] - on_disk
        assert result.http_status == 206
        assert sha256(dest) == info["sha256"]
        again = await download(client, job_id=job["id"], dest=dest)
    assert again.already_complete
    assert sha256(dest) == info["sha256"]


async def test_download_of_a_job_that_is_not_ready(sandbox: SandboxHandle, tmp_path: Path) -> None:
    job = sandbox.create_job(1000, status=0)
    dest = tmp_path / "export.csv"
    dest.write_bytes(b"partial")
    async with open_client(sandbox) as client:
        with pytest.raises(ApiError):
            await download(client, job_id=job["id"], dest=dest)
        with pytest.raises(NotFoundError):
            await download(client, job_id=987654, dest=dest)
    assert dest.read_bytes() == b"partial"


# --- errors the server really produces --------------------------------------------------


async def test_wrong_password_and_wrong_key(sandbox: SandboxHandle) -> None:
    wrong = SandboxAccount(sandbox.login, "not-the-password", "not-the-key")
    for apikey in (False, True):
        async with open_client(sandbox, wrong, apikey=apikey) as client:
            with pytest.raises(AuthError) as info:
                await client.balance()
        assert info.value.code == 2


async def test_blocked_account(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox, sandbox.blocked) as client:
        with pytest.raises(IpBlockedError):
            await client.balance()


async def test_not_enough_money_to_rent(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox, sandbox.poor) as client:
        balance = await client.balance()
        numbers = await client.list_available_numbers()
        dear = max(numbers, key=lambda n: n.current_cost)
        assert dear.current_cost > balance.amount
        with pytest.raises(InsufficientFundsError):
            await client.rent_number(dear.phone)
        assert (await client.balance()) == balance


async def test_bad_parameters(sandbox: SandboxHandle) -> None:
    async with open_client(sandbox) as client:
        with pytest.raises(BadParametersError):
            await client.request_call_verification("123")
        with pytest.raises(ApiError):
            await client.set_renewal("70000000000", True)


# --- every error code on every endpoint, through fault injection ------------------------

ENDPOINT_CALLS: list[tuple[str, Method, bool]] = [
    ("balance", lambda c: c.balance(), False),
    ("receive_phones", lambda c: c.list_available_numbers(), False),
    ("receive_phones", lambda c: c.rent_number("79990000001"), True),
    ("receive_phones", lambda c: c.set_renewal("79990000001", True), False),
    ("wait_call", lambda c: c.request_call_verification("79161234567"), False),
    ("get", lambda c: c.incoming_messages(), False),
    ("downloads", lambda c: c.list_jobs(), False),
]
CALL_IDS = ["balance", "numbers", "rent", "renewal", "wait_call", "incoming", "jobs"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (1, BadParametersError),
        (2, AuthError),
        (4, IpBlockedError),
        (9, TooManyRequestsError),
        (6, UnknownApiError),
        (3, None),
    ],
)
@pytest.mark.parametrize(("endpoint", "call", "paid"), ENDPOINT_CALLS, ids=CALL_IDS)
async def test_injected_error_codes(
    sandbox: SandboxHandle,
    endpoint: str,
    call: Method,
    paid: bool,
    code: int,
    expected: type[ApiError] | None,
) -> None:
    if expected is None:
        expected = InsufficientFundsError if paid else NotFoundError
    sandbox.set_fault(endpoint, error_code=code, error_message="injected", count=1)
    async with open_client(sandbox) as client:
        with pytest.raises(expected) as info:
            await call(client)
    assert type(info.value) is expected
    assert info.value.code == code
    assert info.value.server_message == "injected"


async def test_injected_error_on_download_leaves_partial(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    job = sandbox.create_job(50_000, status=2)
    dest = tmp_path / "export.csv"
    dest.write_bytes(b"x" * 1000)
    sandbox.set_fault("downloads", error_code=3, count=1)
    async with open_client(sandbox) as client:
        with pytest.raises(NotFoundError):
            await download(client, job_id=job["id"], dest=dest)
        assert dest.read_bytes() == b"x" * 1000
        sandbox.set_fault("downloads", html=200, count=1)
        with pytest.raises(ProtocolError, match="web page"):
            await download(client, job_id=job["id"], dest=dest)
        assert dest.read_bytes() == b"x" * 1000
        sandbox.set_fault("downloads", http_500=True, count=1)
        with pytest.raises(HttpStatusError):
            await download(client, job_id=job["id"], dest=dest, resume=False)
    assert dest.read_bytes() == b"x" * 1000


# --- malformed answers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "expected", "match"),
    [
        ({"html": 200}, ProtocolError, "web page"),
        ({"html": 502}, HttpStatusError, "HTTP error 502"),
        ({"http_500": True}, HttpStatusError, "HTTP error 500"),
        ({"truncate": True}, ProtocolError, "cut off"),
    ],
    ids=["html-200", "html-502", "http-500", "truncated"],
)
@pytest.mark.parametrize(
    ("endpoint", "call"),
    [
        ("balance", lambda c: c.balance()),
        ("receive_phones", lambda c: c.list_available_numbers()),
        ("get", lambda c: c.incoming_messages(hours=168)),
        ("downloads", lambda c: c.list_jobs()),
    ],
    ids=["balance", "numbers", "incoming", "jobs"],
)
async def test_malformed_answers_to_reads(
    sandbox: SandboxHandle,
    endpoint: str,
    call: Method,
    fault: dict[str, Any],
    expected: type[ProtocolError],
    match: str,
) -> None:
    sandbox.set_fault(endpoint, count=1, **fault)
    async with open_client(sandbox) as client:
        with pytest.raises(expected, match=match):
            await call(client)
        await call(client)  # the fault is gone; the next call works


@pytest.mark.parametrize(
    "fault",
    [{"truncate": True}, {"drop_after": 0}, {"drop_after": 5}],
    ids=["truncated", "dropped-before-headers", "dropped-mid-body"],
)
async def test_lost_answer_to_a_rent_is_outcome_unknown(
    sandbox: SandboxHandle, fault: dict[str, Any]
) -> None:
    async with open_client(sandbox) as client:
        number = (await client.list_available_numbers())[0]
        sandbox.set_fault("receive_phones", count=1, **fault)
        with pytest.raises(OutcomeUnknownError):
            await client.rent_number(number.phone)
    # The sandbox did carry it out: that is why the client must reconcile, never repeat.
    rented = {r["phone"] for r in sandbox.account_state()["rented"]}
    assert number.phone in rented
    assert sandbox.state()["requests"]["receive_phones.buy"] == 1


async def test_html_answer_to_a_rent_is_unreadable_outcome(sandbox: SandboxHandle) -> None:
    sandbox.set_fault("receive_phones", html=200, count=1)
    async with open_client(sandbox) as client:
        with pytest.raises(UnreadableOutcomeError):
            await client.rent_number("79990000001")


async def test_slow_answer_times_out_and_is_not_repeated(sandbox: SandboxHandle) -> None:
    records: list[RequestRecord] = []
    sandbox.set_fault("balance", latency=0.6, count=1)
    async with open_client(sandbox, timeout=0.2, records=records) as client:
        with pytest.raises(ResponseTimeoutError):
            await client.balance()
    assert len(records) == 1


# --- the rate guard against the server's own limits -----------------------------------


async def test_local_guard_keeps_under_the_server_limit(sandbox: SandboxHandle) -> None:
    clock = FakeClock()
    async with open_client(sandbox, clock=clock) as client:
        await client.list_available_numbers()
        await client.list_available_numbers()
        with pytest.raises(RateLimitedError) as info:
            await client.list_available_numbers()
        assert info.value.retry_after == 61.5
        assert client.wait_time(Endpoint.FREE_NUMBERS) == 61.5
    assert sandbox.state()["requests"]["receive_phones"] == 2  # the third was never sent


async def test_server_limit_without_the_guard_gives_error_9(sandbox: SandboxHandle) -> None:
    # Two clients have two guards: together they exceed SMSC's limit and the server says 9.
    async with open_client(sandbox) as first, open_client(sandbox) as second:
        for _ in range(3):
            await first.list_jobs()
        with pytest.raises(TooManyRequestsError):
            await second.list_jobs()
        assert second.wait_time(Endpoint.JOBS) == pytest.approx(61.5, abs=1)
        with pytest.raises(RateLimitedError):
            await second.list_jobs()


async def test_guard_and_server_agree_after_a_minute(sandbox: SandboxHandle) -> None:
    clock = FakeClock()
    async with open_client(sandbox, clock=clock) as client:
        for _ in range(10):
            await client.balance()
        with pytest.raises(RateLimitedError):
            await client.balance()
        clock.advance(61.5)
        sandbox.advance_clock(61.5)
        await client.balance()


async def test_download_guard(sandbox: SandboxHandle, tmp_path: Path) -> None:
    job = sandbox.create_job(1000, status=2)
    async with open_client(sandbox) as client:
        for _ in range(3):
            await download(client, job_id=job["id"], dest=tmp_path / "f", resume=False)
        with pytest.raises(RateLimitedError):
            await download(client, job_id=job["id"], dest=tmp_path / "f", resume=False)


# --- secrets and the wire format --------------------------------------------------------


async def test_no_secret_anywhere_and_every_request_is_a_proper_post(
    sandbox: SandboxHandle, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    records: list[RequestRecord] = []
    errors: list[SmscError] = []
    sandbox.set_fault("downloads", html=200, count=1)
    async with open_client(sandbox, records=records) as client:
        await client.balance()
        await client.incoming_messages()
        failing: list[Method] = [
            lambda c: c.list_jobs(),
            lambda c: c.request_call_verification("123"),
            lambda c: c.rent_number("70000000000"),
        ]
        for call in failing:
            try:
                await call(client)
            except SmscError as exc:
                errors.append(exc)
        assert sandbox.password not in repr(client)
    async with open_client(sandbox, apikey=True, records=records) as client:
        await client.balance()
        sandbox.set_fault("balance", truncate=True, count=1)
        try:
            await client.balance()
        except SmscError as exc:
            errors.append(exc)
    assert len(errors) == 4
    texts = [caplog.text, repr(records)]
    for error in errors:
        texts += [str(error), repr(error)]
        texts += [str(value) for value in vars(error).values()]
    for text in texts:
        assert sandbox.password not in text
        assert sandbox.apikey not in text
    for record in records:
        assert not {"login", "psw", "apikey"} & set(record.params)
    for entry in sandbox.state()["log"]:
        assert entry["method"] == "POST"
        assert entry["params"]["fmt"] == "3"
        assert entry["params"]["charset"] == "utf-8"


async def test_many_parallel_requests_stay_under_the_concurrency_rule(
    sandbox: SandboxHandle,
) -> None:
    # SMSC answers error 9 to 15 or more simultaneous requests under one login; the client's
    # connection pool (8) keeps a burst of calls below that.
    import asyncio

    sandbox.set_fault("get", latency=0.15)
    async with open_client(sandbox) as client:
        results = await asyncio.gather(*(client.incoming_messages(hours=1) for _ in range(20)))
    assert len(results) == 20
    assert sandbox.state()["requests"]["get"] == 20
