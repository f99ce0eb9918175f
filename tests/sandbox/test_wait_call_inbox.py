"""wait_call.php, the simulated call, and get.php?get_answers=1."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import httpx
import pytest

from smsc_desktop.sandbox import ControlError
from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc

RU_POOL = ["74993801001", "74993801002", "74993801003", "74993801004"]


def test_wait_call_hands_out_a_number_from_the_country_pool(
    smsc: Smsc, sandbox: SandboxHandle
) -> None:
    got = smsc.json("wait_call", phone="+79161234567")
    assert got == {"phone": "74993801001", "all_phones": RU_POOL}
    kz = smsc.json("wait_call", phone="77011234567")
    assert kz["phone"] in kz["all_phones"]
    assert kz["all_phones"] == ["77273560001", "77273560002"]
    other = smsc.json("wait_call", phone="4915112345678")
    assert other["phone"] in other["all_phones"]
    pending = sandbox.state()["verifications"]
    assert [(v["phone"], v["status"]) for v in pending] == [
        ("79161234567", "pending"),
        ("77011234567", "pending"),
        ("4915112345678", "pending"),
    ]
    assert pending[0]["expires_in"] == pytest.approx(900, abs=5)


def test_wait_call_again_for_the_same_phone_keeps_the_number(smsc: Smsc) -> None:
    first = smsc.json("wait_call", phone="79161234567")
    second = smsc.json("wait_call", phone="79161234567", fmt=3, charset="windows-1251")
    assert first["phone"] == second["phone"]
    assert smsc.json("wait_call", phone="79261234567")["phone"] != first["phone"]


def test_wait_call_other_formats(smsc: Smsc) -> None:
    joined = ",".join(RU_POOL)
    assert smsc.text("wait_call", fmt=0, phone="79161234567") == (
        f"PHONE = 74993801001, ALL_PHONES = {joined}"
    )
    assert smsc.text("wait_call", fmt=1, phone="79161234568") == f"74993801002,{joined}"
    assert smsc.text("wait_call", fmt=2, phone="79161234569") == (
        f"<result><phone>74993801003</phone><all_phones>{joined}</all_phones></result>"
    )


@pytest.mark.parametrize(
    ("phone", "text"),
    [
        (None, "parameters error"),
        ("", "parameters error"),
        ("123456789", "invalid phone"),
        ("1234567890123456", "invalid phone"),
        ("7916abc4567", "invalid phone"),
        ("++79161234567", "invalid phone"),
        ("7 916 123 45 67", "invalid phone"),
    ],
)
def test_wait_call_validates_the_phone(smsc: Smsc, phone: str | None, text: str) -> None:
    assert smsc.json("wait_call", phone=phone) == {"error": text, "error_code": 1}


def test_wait_call_limit_50_identical_per_minute(smsc: Smsc, sandbox: SandboxHandle) -> None:
    for _ in range(50):
        assert "phone" in smsc.json("wait_call", phone="79161234567")
    assert smsc.json("wait_call", phone="79161234567")["error_code"] == 9
    assert "phone" in smsc.json("wait_call", phone="79161234568")
    sandbox.advance_clock(61)
    assert "phone" in smsc.json("wait_call", phone="79161234567")


def test_simulated_call_lands_in_the_inbox(smsc: Smsc, sandbox: SandboxHandle) -> None:
    newest = max(m["id"] for m in smsc.json("get", get_answers=1))
    called = smsc.json("wait_call", phone="+79161234567")["phone"]
    sandbox.advance_clock(120)
    result = sandbox.simulate_call("+79161234567")
    assert result["to_phone"] == called
    assert result["id"] > newest
    answers = smsc.json("get", get_answers=1, after_id=newest)
    assert len(answers) == 1
    message = answers[0]
    assert message["id"] == result["id"]
    assert message["message"] == "[waitcall]"
    assert message["phone"] == "79161234567"
    assert message["to_phone"] == called
    # the live shape: "sent" is a date string like "received" (a few seconds earlier)
    received = dt.datetime.strptime(message["received"], "%d.%m.%Y %H:%M:%S")
    sent = dt.datetime.strptime(message["sent"], "%d.%m.%Y %H:%M:%S")
    assert dt.timedelta(0) < received - sent < dt.timedelta(seconds=5)
    assert sandbox.state()["verifications"][0]["status"] == "confirmed"
    # the verification is used up
    with pytest.raises(ControlError) as caught:
        sandbox.simulate_call("79161234567")
    assert caught.value.status == 404


def test_simulated_call_after_15_minutes_fails(smsc: Smsc, sandbox: SandboxHandle) -> None:
    smsc.json("wait_call", phone="79161234567")
    sandbox.advance_clock(15 * 60 + 1)
    with pytest.raises(ControlError) as caught:
        sandbox.simulate_call("79161234567")
    assert caught.value.status == 410
    assert sandbox.state()["verifications"][0]["status"] == "expired"


def test_simulate_call_over_http(smsc: Smsc, sandbox: SandboxHandle, http: httpx.Client) -> None:
    url = f"{sandbox.url}/sandbox/simulate_call"
    r = http.post(url, json={"phone": "79161234567"})
    assert r.status_code == 404
    assert "no pending verification" in r.json()["error"]
    called = smsc.json("wait_call", phone="79161234567")["phone"]
    r = http.post(url, json={"phone": "79161234567", "to_phone": "70000000000"})
    assert r.status_code == 404
    r = http.post(url, json={"phone": "79161234567", "to_phone": called})
    assert r.status_code == 200
    assert r.json()["to_phone"] == called
    assert http.post(url, json={}).status_code == 400


def test_answers_seeded_and_filters(smsc: Smsc, sandbox: SandboxHandle) -> None:
    answers = smsc.json("get", get_answers=1)
    assert len(answers) == 6
    assert [m["id"] for m in answers] == sorted(m["id"] for m in answers)
    assert list(answers[0]) == ["id", "received", "phone", "message", "to_phone", "sent"]
    assert any("Подтверждаю заказ №4821" in m["message"] for m in answers)
    assert len(smsc.json("get", get_answers=1, hour=1)) == 3  # 47, 12 and 3 minutes old
    assert len(smsc.json("get", get_answers=1, hour=24)) == 4
    after = smsc.json("get", get_answers=1, after_id=answers[3]["id"])
    assert [m["id"] for m in after] == [m["id"] for m in answers[4:]]
    assert [m["id"] for m in smsc.json("get", get_answers=1, cnt=2)] == [
        m["id"] for m in answers[:2]
    ]
    to = smsc.json("get", get_answers=1, to_phone="+79265550102")
    assert to
    assert all(m["to_phone"] == "79265550102" for m in to)
    # accounts see their own inbox only
    kz = smsc.json("get", get_answers=1, account=sandbox.kz)
    assert {m["id"] for m in kz}.isdisjoint({m["id"] for m in answers})
    assert sandbox.state()["requests"]["get.get_answers"] == 7


def test_answers_hour_window_follows_the_clock(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.advance_clock(3600 * 167)
    assert len(smsc.json("get", get_answers=1)) == 3  # only those under an hour old stay
    sandbox.advance_clock(3600 * 2)
    assert smsc.json("get", get_answers=1) == []


@pytest.mark.parametrize(
    "params",
    [
        {"hour": 169},
        {"hour": 0},
        {"hour": "x"},
        {"cnt": 10001},
        {"cnt": 0},
        {"after_id": -1},
        {"get_answers": None, "get_messages": 1},
        {"get_answers": None},
    ],
)
def test_answers_parameter_errors(smsc: Smsc, params: dict[str, object]) -> None:
    fields: dict[str, object] = {"get_answers": 1, **params}
    assert smsc.json("get", **fields) == {"error": "parameters error", "error_code": 1}


def test_answers_limits_accepted(smsc: Smsc) -> None:
    assert len(smsc.json("get", get_answers=1, hour=168, cnt=10000)) == 6


def test_answers_other_formats(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.add_incoming("79001112233", 'Текст; с "кавычками" & <тегами>', to_phone="79165550101")
    newest = smsc.json("get", get_answers=1)[-1]
    after = newest["id"] - 1
    text0 = smsc.text("get", fmt=0, get_answers=1, after_id=after)
    assert text0 == (
        f"id = {newest['id']}, received = {newest['received']}, phone = 79001112233, "
        'message = Текст; с "кавычками" & <тегами>, '
        f"to_phone = 79165550101, sent = {newest['sent']}"
    )
    text1 = smsc.text("get", fmt=1, get_answers=1, after_id=after)
    assert text1 == (
        f"{newest['id']},{newest['received']},79001112233,"
        f'Текст; с "кавычками" & <тегами>,79165550101,{newest["sent"]}'
    )
    xml = smsc.text("get", fmt=2, get_answers=1, after_id=after)
    assert xml.startswith(f'<result><answer id="{newest["id"]}" received=')
    assert "&amp; &lt;тегами&gt;" in xml


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r", "utf-8"])
def test_cyrillic_travels_in_the_requested_charset(
    sandbox: SandboxHandle, http: httpx.Client, charset: str
) -> None:
    codec = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-8": "utf-8"}[charset]
    body = urlencode({**sandbox.auth(), "get_answers": 1, "fmt": 3, "charset": charset})
    r = http.post(
        sandbox.endpoint("get"),
        content=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.headers["content-type"] == f"application/json; charset={charset}"
    assert "Подтверждаю".encode(codec) in r.content
    assert "Подтверждаю" in r.text


def test_characters_outside_the_charset(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.add_incoming("79001112233", "ok 🙂 Қазақ")
    raw = smsc.call("get", get_answers=1, charset="windows-1251").content
    assert b"ok \\ud83d\\ude42 \\u049a" + "аза".encode("cp1251") + b"\\u049b" in raw
    newest = smsc.json("get", get_answers=1, charset="windows-1251")[-1]
    assert newest["message"] == "ok 🙂 Қазақ"  # escaped as \\uXXXX in JSON
    assert "&#1178;аза&#1179;" in smsc.text("get", get_answers=1, fmt=2, charset="windows-1251")
    assert "ok ? ?" in smsc.text("get", get_answers=1, fmt=0, charset="windows-1251")
