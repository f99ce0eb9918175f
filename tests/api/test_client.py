"""SmscClient against a fake SMSC on httpx.MockTransport: requests, results, records."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from smsc_desktop.api import (
    Balance,
    Credentials,
    FreeNumber,
    JobStatus,
    NumberKind,
    ProtocolError,
    RequestRecord,
    SmscClient,
)
from smsc_desktop.api import client as client_module
from tests.api.fake_smsc import APIKEY, PASSWORD, FakeSmsc

MakeClient = Callable[..., SmscClient]

NUMBERS = [
    {
        "phone": "79990000001",
        "type": 1,
        "cost": "300.00",
        "current_cost": "96.77",
        "info": "MTS: sms",
    },
    {"phone": "79990000002", "type": "2", "cost": 500, "current_cost": 161.29, "info": ""},
]


async def test_every_request_is_a_form_post_with_fmt_charset_and_credentials(
    fake: FakeSmsc, make_client: MakeClient
) -> None:
    fake.json("balance", None, {"balance": "1.00", "currency": "RUR"})
    async with make_client() as client:
        await client.balance()
    (seen,) = fake.seen
    assert seen.method == "POST"
    assert str(seen.url) == "https://smsc.ru/sys/balance.php"
    assert seen.url.query == b""
    assert seen.headers["content-type"] == "application/x-www-form-urlencoded"
    assert seen.form == {
        "cur": "1",
        "fmt": "3",
        "charset": "utf-8",
        "login": "demo-login",
        "psw": PASSWORD,
    }


async def test_api_key_is_sent_instead_of_login(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("balance", None, {"balance": "1.00"})
    async with make_client(credentials=Credentials.from_api_key(APIKEY)) as client:
        await client.balance()
    form = fake.seen[0].form
    assert form["apikey"] == APIKEY
    assert "login" not in form
    assert "psw" not in form


async def test_base_url_path_prefix_and_port(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("balance", None, {"balance": "1.00"})
    async with make_client(base_url="https://gw.example.org:8443/smsc/") as client:
        await client.balance()
        assert client.host == "gw.example.org:8443"
    assert str(fake.seen[0].url) == "https://gw.example.org:8443/smsc/sys/balance.php"


async def test_balance(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("balance", None, {"balance": "250.80", "currency": "RUR"})
    async with make_client() as client:
        assert await client.balance() == Balance(Decimal("250.80"), "RUR")


async def test_balance_as_json_number(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.text("balance", None, '{"balance": 250.80, "currency": "KZT"}')
    async with make_client() as client:
        balance = await client.balance()
    assert balance.amount == Decimal("250.80")
    assert str(balance) == "250.80 KZT"


async def test_list_available_numbers(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("receive_phones", "get", NUMBERS)
    async with make_client() as client:
        numbers = await client.list_available_numbers()
    assert fake.seen[0].form["get"] == "1"
    assert numbers == [
        FreeNumber("79990000001", 1, Decimal("300.00"), Decimal("96.77"), "MTS: sms"),
        FreeNumber("79990000002", 2, Decimal(500), Decimal("161.29"), ""),
    ]
    assert [n.kind for n in numbers] == [NumberKind.VIRTUAL, NumberKind.SIM_HOSTING]
    assert numbers.skipped == ()


@pytest.mark.parametrize(
    "payload",
    [{"phones": NUMBERS}, {"0": NUMBERS[0], "1": NUMBERS[1]}, {"list": NUMBERS, "count": 2}],
)
async def test_list_available_numbers_wrapped(
    fake: FakeSmsc, make_client: MakeClient, payload: object
) -> None:
    fake.json("receive_phones", "get", payload)
    async with make_client() as client:
        numbers = await client.list_available_numbers()
    assert [n.phone for n in numbers] == ["79990000001", "79990000002"]


async def test_list_skips_bad_records_and_logs_them(
    fake: FakeSmsc, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    fake.json("receive_phones", "get", [*NUMBERS, {"phone": "x", "type": 1, "cost": "?"}])
    async with make_client() as client:
        numbers = await client.list_available_numbers()
    assert len(numbers) == 2
    assert numbers.skipped_count == 1
    assert "skipped 1 unreadable record" in caplog.text


async def test_empty_list(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("receive_phones", "get", [])
    async with make_client() as client:
        assert await client.list_available_numbers() == []


async def test_large_list_is_parsed_in_a_worker_thread(
    fake: FakeSmsc, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        {
            "phone": f"7999{i:07d}",
            "type": 1 + i % 2,
            "cost": "300.00",
            "current_cost": "1.50",
            "info": "operator",
        }
        for i in range(20000)
    ]
    fake.json("receive_phones", "get", rows)
    threads: list[object] = []
    real_to_thread = asyncio.to_thread

    async def spy(func: Callable[..., object], /, *args: object) -> object:
        threads.append(func)
        return await real_to_thread(func, *args)

    monkeypatch.setattr(client_module.asyncio, "to_thread", spy)
    async with make_client() as client:
        numbers = await client.list_available_numbers()
    assert len(numbers) == 20000
    assert numbers[-1].phone == "79990019999"
    assert len(threads) == 1


async def test_small_answers_are_parsed_inline(
    fake: FakeSmsc, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.json("receive_phones", "get", NUMBERS)
    called: list[object] = []
    monkeypatch.setattr(client_module.asyncio, "to_thread", lambda *a: called.append(a))
    async with make_client() as client:
        await client.list_available_numbers()
    assert called == []


@pytest.mark.parametrize(("renew", "noprolong"), [(True, "0"), (False, "1")])
async def test_rent_number(
    fake: FakeSmsc, make_client: MakeClient, renew: bool, noprolong: str
) -> None:
    fake.json("receive_phones", "buy", {"cost": "96.77"})
    async with make_client() as client:
        assert await client.rent_number("+7 (999) 000-00-01", renew=renew) == Decimal("96.77")
    form = fake.seen[0].form
    assert (form["buy"], form["phone"], form["noprolong"]) == ("1", "79990000001", noprolong)


async def test_rent_number_cost_as_number(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.text("receive_phones", "buy", '{"cost": 96.77}')
    async with make_client() as client:
        assert await client.rent_number("79990000001") == Decimal("96.77")


@pytest.mark.parametrize(("renew", "noprolong"), [(True, "0"), (False, "1")])
@pytest.mark.parametrize("answer", [{}, {"result": "ok"}, {"phone": "79990000001"}])
async def test_set_renewal(
    fake: FakeSmsc, make_client: MakeClient, renew: bool, noprolong: str, answer: object
) -> None:
    fake.json("receive_phones", "chg", answer)
    async with make_client() as client:
        assert await client.set_renewal("79990000001", renew) is None
    form = fake.seen[0].form
    assert (form["chg"], form["phone"], form["noprolong"]) == ("1", "79990000001", noprolong)


@pytest.mark.parametrize("all_phones", [["74950000001", "74950000002"], "74950000001,74950000002"])
async def test_request_call_verification(
    fake: FakeSmsc, make_client: MakeClient, all_phones: object
) -> None:
    fake.json("wait_call", None, {"phone": "74950000001", "all_phones": all_phones})
    before = datetime.now(UTC)
    async with make_client() as client:
        cv = await client.request_call_verification("79161234567")
    assert fake.seen[0].form["phone"] == "79161234567"
    assert cv.subscriber_phone == "79161234567"
    assert cv.call_to == "74950000001"
    assert cv.all_phones == ("74950000001", "74950000002")
    assert before <= cv.requested_at <= datetime.now(UTC)
    assert cv.requested_at.tzinfo is not None
    assert cv.expires_at - cv.requested_at == timedelta(minutes=15)


async def test_incoming_messages_params_and_result(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json(
        "get",
        "get_answers",
        [
            {
                "id": 90210,
                "received": "12.06.2024 14:03:11",
                "phone": "79161234567",
                "to_phone": "74950000001",
                "sent": 1718190190,
                "message": "[waitcall]",
            },
        ],
    )
    async with make_client() as client:
        messages = await client.incoming_messages(
            after_id=90000, hours=24, to_phone="74950000001", limit=100
        )
        await client.incoming_messages()
    first, second = fake.seen
    assert first.form["get_answers"] == "1"
    assert (first.form["after_id"], first.form["hour"]) == ("90000", "24")
    assert (first.form["to_phone"], first.form["cnt"]) == ("74950000001", "100")
    assert not {"after_id", "hour", "to_phone", "cnt"} & set(second.form)
    (message,) = messages
    assert message.is_waitcall
    assert message.received == datetime(2024, 6, 12, 11, 3, 11, tzinfo=UTC)


async def test_incoming_messages_server_timezone(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("get", "get_answers", [{"id": 1, "phone": "7", "received": "12.06.2024 14:03:11"}])
    async with make_client(server_tz=UTC) as client:
        (message,) = await client.incoming_messages()
    assert message.received == datetime(2024, 6, 12, 14, 3, 11, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hours": 169}, "hours must be between 1 and 168"),
        ({"hours": 0}, "hours must be between 1 and 168"),
        ({"limit": 10001}, "limit must be between 1 and 10000"),
        ({"limit": 0}, "limit must be between"),
        ({"after_id": -1}, "after_id must be between 0"),
        ({"hours": 1.5}, "whole number"),
        ({"to_phone": "abc"}, "not a phone number"),
    ],
)
async def test_incoming_messages_validation(
    fake: FakeSmsc, make_client: MakeClient, kwargs: dict[str, object], message: str
) -> None:
    async with make_client() as client:
        with pytest.raises(ValueError, match=message):
            await client.incoming_messages(**kwargs)  # type: ignore[arg-type]
    assert fake.seen == []


async def test_incoming_messages_boundaries_allowed(
    fake: FakeSmsc, make_client: MakeClient
) -> None:
    fake.json("get", "get_answers", [])
    async with make_client() as client:
        assert await client.incoming_messages(hours=168, limit=10000) == []


async def test_list_jobs(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json(
        "downloads",
        "get_list",
        [
            {
                "id": 1843,
                "name": "sms_may.csv",
                "status": 2,
                "created": "01.06.2024 10:15:02",
                "time": "01.06.2024 10:17:40",
                "file": "sms_may.zip",
            },
            {"id": "1844", "name": "june", "status": "1", "created": "", "time": "", "file": ""},
        ],
    )
    async with make_client() as client:
        jobs = await client.list_jobs(limit=10, after_id=1800)
    form = fake.seen[0].form
    assert (form["get_list"], form["cnt"], form["after_id"]) == ("1", "10", "1800")
    assert [(j.id, j.status) for j in jobs] == [(1843, JobStatus.DONE), (1844, JobStatus.RUNNING)]
    assert jobs[0].file == "sms_may.zip"


@pytest.mark.parametrize("phone", ["", "abc", "+", "12", "7999 000 00 01 x"])
async def test_phone_validation(fake: FakeSmsc, make_client: MakeClient, phone: str) -> None:
    async with make_client() as client:
        with pytest.raises(ValueError, match="phone number"):
            await client.rent_number(phone)
        with pytest.raises(ValueError, match="phone number"):
            await client.request_call_verification(phone)
    assert fake.seen == []


async def test_record_for_every_attempt(
    fake: FakeSmsc, make_client: MakeClient, records: list[RequestRecord]
) -> None:
    fake.json("receive_phones", "buy", {"cost": "96.77"})
    fake.text("balance", None, "ERROR = 2 (invalid login)")
    async with make_client() as client:
        await client.rent_number("79990000001")
        with pytest.raises(Exception, match="Wrong login"):
            await client.balance()
    ok, failed = records
    assert ok.endpoint == "receive_phones"
    assert ok.command == "buy"
    assert ok.host == "smsc.ru"
    assert dict(ok.params) == {
        "buy": "1",
        "phone": "79990000001",
        "noprolong": "0",
        "fmt": "3",
        "charset": "utf-8",
    }
    assert ok.outcome == "ok"
    assert ok.http_status == 200
    assert ok.error is None
    assert ok.bytes_received == len(b'{"cost": "96.77"}')
    assert ok.started_at.tzinfo is not None
    assert ok.duration >= 0
    assert failed.outcome == "error"
    assert failed.error == "2"
    assert failed.error_code == 2
    with pytest.raises(AttributeError):
        ok.outcome = "error"  # type: ignore[misc]
    with pytest.raises(TypeError):
        ok.params["psw"] = "x"  # type: ignore[index]


async def test_observer_failure_does_not_break_the_call(
    fake: FakeSmsc, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    fake.json("balance", None, {"balance": "1"})

    def broken(record: RequestRecord) -> None:
        raise RuntimeError("observer bug")

    async with make_client(observer=broken) as client:
        assert (await client.balance()).amount == 1
    assert "observer failed" in caplog.text


async def test_closed_client_refuses(make_client: MakeClient) -> None:
    client = make_client()
    await client.aclose()
    await client.aclose()
    assert client.closed
    with pytest.raises(RuntimeError, match="closed"):
        await client.balance()


async def test_unknown_fields_are_ignored(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("wait_call", None, {"phone": "7495", "all_phones": [], "ttl": 900, "x": {"y": 1}})
    async with make_client() as client:
        cv = await client.request_call_verification("79161234567")
    assert cv.call_to == "7495"
    assert cv.all_phones == ("7495",)


async def test_charset_fallback(fake: FakeSmsc, make_client: MakeClient) -> None:
    body = json.dumps([{**NUMBERS[0], "info": "Мегафон"}], ensure_ascii=False).encode("cp1251")
    fake.on(
        "receive_phones",
        "get",
        httpx.Response(
            200, content=body, headers={"Content-Type": "application/json; charset=windows-1251"}
        ),
    )
    async with make_client() as client:
        (number,) = await client.list_available_numbers()
    assert number.info == "Мегафон"


async def test_wrong_shape_is_a_protocol_error(fake: FakeSmsc, make_client: MakeClient) -> None:
    fake.json("balance", None, {"amount": "1"})
    fake.json("receive_phones", "get", [1, 2, 3])
    fake.json("downloads", "get_list", "jobs")
    async with make_client() as client:
        with pytest.raises(ProtocolError, match="expected shape") as info:
            await client.balance()
        assert info.value.body_excerpt == '{"amount": "1"}'
        with pytest.raises(ProtocolError, match="none of the 3 records"):
            await client.list_available_numbers()
        with pytest.raises(ProtocolError):
            await client.list_jobs()


async def test_repr(make_client: MakeClient) -> None:
    async with make_client() as client:
        assert PASSWORD not in repr(client)
        assert "smsc.ru" in repr(client)
