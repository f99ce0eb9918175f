"""Control endpoints, the server's lifetimes, the CLI, and the no-Qt rule."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx
import pytest

from smsc_desktop.sandbox import (
    DEMO_APIKEY,
    DEMO_LOGIN,
    DEMO_PASSWORD,
    SandboxConfig,
    SandboxServer,
)
from smsc_desktop.sandbox.__main__ import parse_args
from smsc_desktop.sandbox.control import _is_loopback
from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc


def test_fixture_gives_credentials(sandbox: SandboxHandle) -> None:
    assert (sandbox.login, sandbox.password, sandbox.apikey) == (
        DEMO_LOGIN,
        DEMO_PASSWORD,
        DEMO_APIKEY,
    )
    assert sandbox.url.startswith("http://127.0.0.1:")
    assert sandbox.poor.login == "poor"
    assert sandbox.blocked.login == "blocked"
    assert sandbox.kz.login == "kz_demo"
    assert sandbox.endpoint("balance.php") == f"{sandbox.url}/sys/balance.php"


def test_state_over_http(sandbox: SandboxHandle, http: httpx.Client, smsc: Smsc) -> None:
    smsc.json("balance")
    state = http.get(f"{sandbox.url}/sandbox/state").json()
    assert state["requests"] == {"balance": 1}
    assert {a["login"] for a in state["accounts"]} == {"demo", "poor", "blocked", "kz_demo"}
    demo = next(a for a in state["accounts"] if a["login"] == "demo")
    assert demo["balance"] == "5000.00"
    assert {r["phone"]: r["noprolong"] for r in demo["rented"]} == {
        "79165550101": 0,
        "79265550102": 1,
    }
    assert state["free_numbers"] == 300
    assert state["config"]["enforce_limits"] is True
    assert http.get(f"{sandbox.url}/sandbox/").json()["endpoints"]


def test_reset_with_overrides_over_http(
    sandbox: SandboxHandle, http: httpx.Client, smsc: Smsc
) -> None:
    r = http.post(
        f"{sandbox.url}/sandbox/reset",
        json={"numbers": 7, "seed": 3, "balances": {"demo": "1.25"}, "enforce_limits": False},
    )
    assert r.json() == {"ok": True}
    assert len(smsc.json("receive_phones", get=1)) == 7
    assert smsc.json("balance") == {"balance": "1.25"}
    for _ in range(12):
        smsc.json("balance")
    assert http.post(f"{sandbox.url}/sandbox/reset").json() == {"ok": True}
    state = sandbox.state()
    assert state["free_numbers"] == 300
    assert state["requests"] == {}
    bad = http.post(f"{sandbox.url}/sandbox/reset", json={"bogus": 1})
    assert bad.status_code == 400
    assert "bogus" in bad.json()["error"]
    assert http.post(f"{sandbox.url}/sandbox/reset", content=b"[1]").status_code == 400


def test_reset_seed_changes_pool(sandbox: SandboxHandle, smsc: Smsc) -> None:
    first = {n["phone"] for n in smsc.json("receive_phones", get=1)}
    sandbox.reset(seed=99)
    second = {n["phone"] for n in smsc.json("receive_phones", get=1)}
    assert first != second


def test_faults_over_http(sandbox: SandboxHandle, http: httpx.Client, smsc: Smsc) -> None:
    r = http.post(f"{sandbox.url}/sandbox/faults", json={"endpoint": "balance", "error_code": 4})
    assert r.json()["faults"]["balance"]["error_code"] == 4
    assert smsc.json("balance")["error_code"] == 4
    assert http.delete(f"{sandbox.url}/sandbox/faults?endpoint=get").json()["faults"]
    assert http.delete(f"{sandbox.url}/sandbox/faults").json() == {"ok": True, "faults": {}}
    bad = http.post(f"{sandbox.url}/sandbox/faults", json={"endpoint": "nope"})
    assert bad.status_code == 400


def test_clock_over_http(sandbox: SandboxHandle, http: httpx.Client, smsc: Smsc) -> None:
    before = http.get(f"{sandbox.url}/sandbox/clock").json()
    after = http.post(
        f"{sandbox.url}/sandbox/clock", json={"advance": 3600, "today": "2024-02-29"}
    ).json()
    assert after["offset"] == 3600
    assert after["unix"] - before["unix"] >= 3600
    assert after["today"] == "2024-02-29"
    assert after["today_pinned"] is True
    prices = smsc.json("receive_phones", get=1)
    assert all(
        round(float(n["cost"]) / 29, 2) == float(n["current_cost"]) for n in prices
    )  # the last day of a leap February
    unpinned = http.post(f"{sandbox.url}/sandbox/clock", json={"today": None}).json()
    assert unpinned["today_pinned"] is False
    back = http.post(f"{sandbox.url}/sandbox/clock", json={"advance": -1})
    assert back.status_code == 400


def test_jobs_over_http(sandbox: SandboxHandle, http: httpx.Client) -> None:
    created = http.post(
        f"{sandbox.url}/sandbox/jobs", json={"size": 5000, "status": 2, "name": "x"}
    ).json()
    assert created["size"] == 5000
    assert created["status"] == 2
    info = http.get(f"{sandbox.url}/sandbox/jobs/{created['id']}").json()
    assert len(info["sha256"]) == 64
    assert http.get(f"{sandbox.url}/sandbox/jobs/424242").status_code == 404
    assert http.get(f"{sandbox.url}/sandbox/jobs/abc").status_code == 400
    assert http.post(f"{sandbox.url}/sandbox/jobs", json={"size": 1, "x": 1}).status_code == 400
    assert (
        http.post(f"{sandbox.url}/sandbox/jobs", json={"size": 1, "status": 9}).status_code == 400
    )
    assert (
        http.post(f"{sandbox.url}/sandbox/jobs", json={"size": 1, "login": "ghost"}).status_code
        == 404
    )


def test_incoming_over_http(sandbox: SandboxHandle, http: httpx.Client, smsc: Smsc) -> None:
    r = http.post(
        f"{sandbox.url}/sandbox/incoming",
        json={"phone": "+79001112233", "text": "Привет", "login": "kz_demo"},
    )
    message = r.json()
    assert message["phone"] == "79001112233"
    assert message["to_phone"] == "77015550201"
    got = smsc.json("get", get_answers=1, account=sandbox.kz)
    assert got[-1] == message


def test_loopback_guard() -> None:
    assert _is_loopback("127.0.0.1")
    assert _is_loopback("::1")
    assert _is_loopback("::ffff:127.0.0.1")
    assert not _is_loopback("192.168.1.5")
    assert not _is_loopback(None)
    assert not _is_loopback("not-an-ip")


def test_threaded_server_lifetime() -> None:
    server = SandboxServer(SandboxConfig(numbers=5))
    with pytest.raises(RuntimeError):
        _ = server.url
    url = server.start()
    assert server.start() == url  # idempotent
    try:
        r = httpx.post(f"{url}/sys/balance.php", data={"apikey": DEMO_APIKEY, "fmt": 3, "cur": 1})
        assert r.json() == {"balance": "5000.00", "currency": "RUR"}
        server.reset(balances={"demo": "7.00"})
        assert server.state()["accounts"][0]["balance"] == "7.00"
    finally:
        server.stop()
    assert not server.running
    with pytest.raises(httpx.ConnectError):
        httpx.post(f"{url}/sys/balance.php", data={"apikey": DEMO_APIKEY})
    server.stop()  # no-op


def test_start_on_a_busy_port_raises(sandbox: SandboxHandle) -> None:
    port = int(sandbox.url.rsplit(":", 1)[1])
    with pytest.raises(OSError, match="address already in use"):
        SandboxServer(port=port).start()


def test_async_lifetime_in_a_running_loop() -> None:
    async def main() -> None:
        async with SandboxServer(SandboxConfig(numbers=3)) as server:
            async with httpx.AsyncClient() as client:
                r = await client.post(
                    f"{server.url}/sys/receive_phones.php",
                    data={"login": DEMO_LOGIN, "psw": DEMO_PASSWORD, "get": 1, "fmt": 3},
                )
                assert len(r.json()) == 3
            # helpers run directly on the loop's own thread
            server.advance_clock(10)
            assert server.state()["clock"]["offset"] == 10
            job = server.create_job(100, status=2)
            assert server.job_info(job["id"])["size"] == 100

    asyncio.run(main())


def test_cli_arguments() -> None:
    args = parse_args(["--port", "0", "--numbers", "100000", "--no-limits", "--seed", "5"])
    assert (args.port, args.numbers, args.no_limits, args.seed) == (0, 100000, True, 5)
    assert parse_args([]).port == 8765


def test_cli_runs_and_prints_credentials() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "smsc_desktop.sandbox", "--port", "0", "--numbers", "10"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("SMSC sandbox on http://127.0.0.1:")
        url = first.split()[3]
        lines = [process.stdout.readline() for _ in range(3)]
        assert DEMO_PASSWORD in lines[1]
        assert DEMO_APIKEY in lines[1]
        r = httpx.post(f"{url}/sys/receive_phones.php", data={"apikey": DEMO_APIKEY, "get": 1})
        assert len(r.text.splitlines()) == 10
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == 0


def test_importing_the_sandbox_loads_no_qt_and_no_client() -> None:
    code = (
        "import smsc_desktop.sandbox, sys; "
        "assert not any(m.startswith('PySide6') for m in sys.modules); "
        "assert not any(m.startswith('smsc_desktop.api') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
