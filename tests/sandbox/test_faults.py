"""Fault injection: latency, rate caps, dropped connections, 500s, HTML, truncation, codes."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc


def test_latency_delays_the_answer_but_the_request_is_done(
    smsc: Smsc, sandbox: SandboxHandle
) -> None:
    sandbox.set_fault("receive_phones", latency=0.4, count=1)
    phone = "79165550101"
    started = time.perf_counter()
    got = smsc.json("receive_phones", chg=1, phone=phone, noprolong=1)
    assert time.perf_counter() - started >= 0.35
    assert got["result"] == "OK"
    started = time.perf_counter()
    smsc.json("balance")
    assert time.perf_counter() - started < 0.35


def test_client_timeout_during_latency_still_changes_the_state(
    sandbox: SandboxHandle,
) -> None:
    numbers = json.loads(
        httpx.post(
            sandbox.endpoint("receive_phones"), data={**sandbox.auth(), "get": 1, "fmt": 3}
        ).text
    )
    sandbox.set_fault("receive_phones", latency=1.0, count=1)
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(
            sandbox.endpoint("receive_phones"),
            data={**sandbox.auth(), "buy": 1, "phone": numbers[0]["phone"], "fmt": 3},
            timeout=0.2,
        )
    rented = {r["phone"] for r in sandbox.account_state()["rented"]}
    assert numbers[0]["phone"] in rented


def test_rate_cap_slows_a_file(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("downloads", rate=64 * 1024)
    started = time.perf_counter()
    r = smsc.call("downloads", get_file=1, id=1844)  # 16 KiB
    elapsed = time.perf_counter() - started
    assert len(r.content) == 16 * 1024
    assert 0.2 <= elapsed < 5
    assert sandbox.state()["faults"]["downloads"]["rate"] == 64 * 1024


def test_rate_cap_slows_a_body(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("get", rate=4000, count=1)
    started = time.perf_counter()
    body = smsc.call("get", get_answers=1).content
    elapsed = time.perf_counter() - started
    assert len(body) / 4000 * 0.8 <= elapsed
    assert json.loads(body)


def test_drop_mid_file(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("downloads", drop_after=5000, count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        smsc.call("downloads", get_file=1, id=1841)
    assert smsc.call("downloads", get_file=1, id=1841).status_code == 200  # count ran out
    log = sandbox.state()["log"]
    assert log[0]["dropped"] is True
    assert "dropped" not in log[1]


def test_drop_streamed_shows_partial_bytes(sandbox: SandboxHandle, http: httpx.Client) -> None:
    sandbox.set_fault("downloads", drop_after=5000, count=1)
    received = bytearray()

    def read_all() -> None:
        with http.stream(
            "POST",
            sandbox.endpoint("downloads"),
            data={**sandbox.auth(), "get_file": 1, "id": 1841, "fmt": 3},
        ) as r:
            assert r.headers["content-length"] == str(48 * 1024)
            for chunk in r.iter_raw():
                received.extend(chunk)

    with pytest.raises(httpx.RemoteProtocolError):
        read_all()
    assert len(received) == 5000


@pytest.mark.parametrize("script", ["balance", "downloads"])
def test_a_lying_content_length_promises_more_than_is_sent(
    sandbox: SandboxHandle, http: httpx.Client, script: str
) -> None:
    sandbox.set_fault(script, extra_length=1000, count=1)
    fields = {"get_file": 1, "id": 1841} if script == "downloads" else {}
    received = bytearray()
    announced: list[int] = []

    def read_all() -> None:
        with http.stream(
            "POST", sandbox.endpoint(script), data={**sandbox.auth(), **fields, "fmt": 3}
        ) as r:
            announced.append(int(r.headers["content-length"]))
            for chunk in r.iter_raw():
                received.extend(chunk)

    with pytest.raises(httpx.RemoteProtocolError):  # the connection closes early
        read_all()
    assert announced == [len(received) + 1000]
    whole = http.post(sandbox.endpoint(script), data={**sandbox.auth(), **fields, "fmt": 3})
    assert bytes(received) == whole.content  # the body itself was all there
    assert sandbox.state()["log"][0]["dropped"] is True


def test_an_smsc_error_served_as_the_job_file(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("downloads", file_error=3, count=2)
    whole = smsc.call("downloads", get_file=1, id=1841)
    assert whole.status_code == 200
    assert whole.headers["content-type"].startswith("text/csv")
    assert "attachment" in whole.headers["content-disposition"]
    assert whole.json()["error_code"] == 3
    ranged = smsc.call("downloads", get_file=1, id=1841, headers={"Range": "bytes=100-"})
    assert ranged.status_code == 206
    assert ranged.headers["content-range"].startswith("bytes 100-")
    assert ranged.json()["error_code"] == 3
    assert len(smsc.call("downloads", get_file=1, id=1841).content) == 48 * 1024  # count ran out
    log = sandbox.state()["log"]
    assert [e["error_code"] for e in log[:2]] == [3, 3]
    # other requests of the endpoint do not notice it
    sandbox.set_fault("downloads", file_error=3)
    assert isinstance(smsc.json("downloads", get_list=1), list)


def test_drop_before_headers_after_a_rent(smsc: Smsc, sandbox: SandboxHandle) -> None:
    phone = smsc.json("receive_phones", get=1)[0]["phone"]
    sandbox.set_fault("receive_phones", drop_after=0, count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        smsc.call("receive_phones", buy=1, phone=phone)
    account = sandbox.account_state()
    assert phone in {r["phone"] for r in account["rented"]}  # it happened; the answer was lost
    assert sandbox.state()["requests"]["receive_phones.buy"] == 1


def test_drop_mid_json_body(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("get", drop_after=10, count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        smsc.call("get", get_answers=1)


def test_http_500_does_not_process(smsc: Smsc, sandbox: SandboxHandle) -> None:
    phone = smsc.json("receive_phones", get=1)[0]["phone"]
    sandbox.set_fault("receive_phones", http_500=True, count=1)
    r = smsc.call("receive_phones", buy=1, phone=phone)
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("text/html")
    assert "500 Internal Server Error" in r.text
    assert sandbox.account_state()["balance"] == "5000.00"
    assert "cost" in smsc.json("receive_phones", buy=1, phone=phone)


@pytest.mark.parametrize("status", [200, 502])
def test_html_page(smsc: Smsc, sandbox: SandboxHandle, status: int) -> None:
    sandbox.set_fault("balance", html=status, count=2)
    for _ in range(2):
        r = smsc.call("balance")
        assert r.status_code == status
        assert "<title>502 Bad Gateway</title>" in r.text
        assert "nginx" in r.text
    assert smsc.json("balance") == {"balance": "5000.00"}


def test_truncated_json(smsc: Smsc, sandbox: SandboxHandle) -> None:
    whole = smsc.call("wait_call", phone="79161234567").content
    sandbox.set_fault("wait_call", truncate=True, count=1)
    r = smsc.call("wait_call", phone="79161234567")
    assert r.status_code == 200
    assert r.content == whole[: len(whole) // 2]
    with pytest.raises(json.JSONDecodeError):
        json.loads(r.text)


@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
def test_forced_error_code(smsc: Smsc, sandbox: SandboxHandle, fmt: int) -> None:
    sandbox.set_fault("downloads", error_code=9, count=1)
    r = smsc.call("downloads", fmt=fmt, get_file=1, id=1841)
    expected = {
        0: "ERROR = 9 (duplicate request, wait a minute)",
        1: "0,-9",
        2: "<result><error>duplicate request, wait a minute</error><error_code>9</error_code></result>",
        3: '{"error": "duplicate request, wait a minute", "error_code": 9}',
    }[fmt]
    assert r.text == expected
    assert r.status_code == 200


def test_forced_error_with_custom_message_and_no_processing(
    smsc: Smsc, sandbox: SandboxHandle
) -> None:
    sandbox.set_fault("wait_call", error_code=3, error_message="no money", count=1)
    assert smsc.json("wait_call", phone="79161234567") == {"error": "no money", "error_code": 3}
    assert sandbox.state()["verifications"] == []
    assert "phone" in smsc.json("wait_call", phone="79161234567")


def test_faults_on_one_endpoint_only_and_cleared(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("balance", error_code=4)
    sandbox.set_fault("get", http_500=True)
    for _ in range(3):
        assert smsc.json("balance")["error_code"] == 4
    assert smsc.json("wait_call", phone="79161234567")["phone"]
    sandbox.clear_faults("balance")
    assert smsc.json("balance") == {"balance": "5000.00"}
    assert smsc.call("get", get_answers=1).status_code == 500
    sandbox.clear_faults()
    assert smsc.call("get", get_answers=1).status_code == 200
    assert sandbox.state()["faults"] == {}


def test_fault_validation() -> None:
    from smsc_desktop.sandbox import FaultSpec

    with pytest.raises(ValueError, match="unknown endpoint"):
        FaultSpec(endpoint="status")
    with pytest.raises(ValueError, match="count"):
        FaultSpec(endpoint="get", count=0)
    with pytest.raises(ValueError, match="unknown fault fields"):
        FaultSpec.from_mapping({"endpoint": "get", "slow": True})


def test_concurrency_limit_gives_error_9(sandbox: SandboxHandle) -> None:
    # Held until cleared (at most 60 s): all 14 are in flight together however slowly the
    # threads start on a busy machine (a fixed 1 s latency let the first ones finish first).
    sandbox.set_fault("get", latency=60.0, hold=True, count=14)

    def ask(_: int) -> dict[str, object]:
        r = httpx.post(
            sandbox.endpoint("get"),
            data={**sandbox.auth(), "get_answers": 1, "fmt": 3, "charset": "utf-8"},
            timeout=10,
        )
        return json.loads(r.text) if r.text.startswith("{") else {"ok": True}

    with ThreadPoolExecutor(max_workers=14) as pool:
        slow = [pool.submit(ask, i) for i in range(14)]
        deadline = time.monotonic() + 50
        while sandbox.account_state()["in_flight"] < 14:  # each look is a round trip
            assert time.monotonic() < deadline
        refused = ask(99)
        assert refused == {"error": "too many concurrent requests", "error_code": 9}
        # another account is not affected
        r = httpx.post(sandbox.endpoint("balance"), data={**sandbox.auth(sandbox.kz), "fmt": 3})
        assert r.json() == {"balance": "250000.00"}
        sandbox.clear_faults("get")
        assert all(f.result(timeout=30) == {"ok": True} for f in slow)
