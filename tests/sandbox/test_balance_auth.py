"""balance.php, authentication, error shapes, charset and the balance limit."""

from __future__ import annotations

import hashlib

import pytest

from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc


def test_balance_json(smsc: Smsc) -> None:
    assert smsc.json("balance") == {"balance": "5000.00"}
    assert smsc.json("balance", cur=1) == {"balance": "5000.00", "currency": "RUR"}


def test_balance_other_formats(smsc: Smsc) -> None:
    assert smsc.text("balance", fmt=0) == "5000.00"
    assert smsc.text("balance", fmt=1, cur=1) == "5000.00,RUR"
    assert smsc.text("balance", fmt=2) == "<result><balance>5000.00</balance></result>"
    assert (
        smsc.text("balance", fmt=2, cur=1)
        == "<result><balance>5000.00</balance><currency>RUR</currency></result>"
    )
    assert smsc.text("balance", fmt=None) == "5000.00"  # fmt=0 is the default


def test_balance_content_type_names_the_charset(smsc: Smsc) -> None:
    assert smsc.call("balance").headers["content-type"] == "application/json; charset=utf-8"
    r = smsc.call("balance", fmt=2, charset=None)
    assert r.headers["content-type"] == "text/xml; charset=windows-1251"
    assert smsc.call("balance", fmt=0, charset="koi8-r").headers["content-type"] == (
        "text/plain; charset=koi8-r"
    )


def test_kzt_account_currency(smsc: Smsc, sandbox: SandboxHandle) -> None:
    assert smsc.json("balance", account=sandbox.kz, cur=1) == {
        "balance": "250000.00",
        "currency": "KZT",
    }


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_auth_variants(smsc: Smsc, sandbox: SandboxHandle, method: str) -> None:
    md5 = hashlib.md5(sandbox.password.encode()).hexdigest()
    variants = [
        {"login": sandbox.login, "psw": sandbox.password},
        {"login": sandbox.login, "psw": md5},
        {"apikey": sandbox.apikey},
        {"login": "", "psw": sandbox.apikey},  # empty login: psw is the API key
    ]
    for auth in variants:
        assert smsc.json("balance", auth=auth, method=method) == {"balance": "5000.00"}


@pytest.mark.parametrize(
    "auth",
    [
        {"login": "demo", "psw": "wrong"},
        {"login": "demo", "psw": hashlib.md5(b"demo-password").hexdigest().upper()},
        {"login": "nobody", "psw": "x"},
        {"apikey": "nope"},
        {},
        {"login": "demo"},
    ],
)
def test_wrong_credentials_give_error_2(smsc: Smsc, auth: dict[str, str]) -> None:
    assert smsc.json("balance", auth=auth) == {"error": "authorise error", "error_code": 2}


@pytest.mark.parametrize(
    ("fmt", "body"),
    [
        (0, "ERROR = 2 (authorise error)"),
        (1, "0,-2"),
        (2, "<result><error>authorise error</error><error_code>2</error_code></result>"),
        (3, '{"error": "authorise error", "error_code": 2}'),
    ],
)
def test_error_shapes_in_every_fmt(smsc: Smsc, fmt: int, body: str) -> None:
    for script in ("balance", "receive_phones", "wait_call", "get", "downloads"):
        r = smsc.call(script, auth={"login": "demo", "psw": "bad"}, fmt=fmt)
        assert r.status_code == 200
        assert r.text == body


@pytest.mark.parametrize("apikey", [False, True])
def test_blocked_account_gets_error_4_everywhere(
    smsc: Smsc, sandbox: SandboxHandle, apikey: bool
) -> None:
    for script, extra in [
        ("balance", {}),
        ("receive_phones", {"get": 1}),
        ("wait_call", {"phone": "79161234567"}),
        ("get", {"get_answers": 1}),
        ("downloads", {"get_list": 1}),
    ]:
        got = smsc.json(script, account=sandbox.blocked, apikey=apikey, **extra)
        assert got == {"error": "IP is temporarily blocked", "error_code": 4}
    # even with a wrong password: the IP is refused before credentials are looked at
    got = smsc.json("balance", auth={"login": "blocked", "psw": "x"})
    assert got["error_code"] == 4


def test_balance_limit_is_10_per_minute(smsc: Smsc, sandbox: SandboxHandle) -> None:
    for _ in range(5):
        assert "balance" in smsc.json("balance")
        assert smsc.text("balance", cur=1, fmt=0) == "5000.00,RUR"  # every balance request counts
    assert smsc.json("balance") == {"error": "duplicate request, wait a minute", "error_code": 9}
    assert smsc.text("balance", fmt=0) == "ERROR = 9 (duplicate request, wait a minute)"
    # another account has its own window
    assert "balance" in smsc.json("balance", account=sandbox.kz)
    sandbox.advance_clock(59)
    assert smsc.json("balance")["error_code"] == 9
    sandbox.advance_clock(1.5)
    assert smsc.json("balance") == {"balance": "5000.00"}


def test_limits_can_be_switched_off(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.reset(enforce_limits=False)
    for _ in range(25):
        assert smsc.json("balance") == {"balance": "5000.00"}


def test_request_counters_and_log(smsc: Smsc, sandbox: SandboxHandle) -> None:
    smsc.json("balance", cur=1)
    smsc.json("balance", auth={"login": "demo", "psw": "bad"})
    state = sandbox.state()
    assert state["requests"] == {"balance": 2}
    first, second = state["log"]
    assert first["method"] == "POST"
    assert first["params"]["psw"] == "***"
    assert first["params"]["cur"] == "1"
    assert first["error_code"] == 0
    assert first["account"] == "demo"
    assert second["error_code"] == 2
    assert second["account"] is None


def test_unknown_method_and_script(smsc: Smsc, sandbox: SandboxHandle) -> None:
    # SMSC-style errors (HTTP 200) rather than bare 405/404 pages; see test_compat_wire.py
    put = smsc.http.put(sandbox.endpoint("balance") + "?fmt=3")
    assert put.status_code == 200
    assert put.json()["error_code"] == 1
    status = smsc.http.post(sandbox.endpoint("status"), data={"fmt": "3"})
    assert status.status_code == 200
    assert status.json() == {
        "error": "status.php is not simulated by the SMSC sandbox",
        "error_code": 1,
    }
    assert smsc.http.get(f"{sandbox.url}/elsewhere.php").status_code == 404


def test_multipart_form_is_accepted(smsc: Smsc, sandbox: SandboxHandle) -> None:
    r = smsc.http.post(
        sandbox.endpoint("balance"),
        data={**sandbox.auth(), "fmt": "3", "cur": "1"},
        files={"unused": ("a.txt", b"x")},
    )
    assert r.json() == {"balance": "5000.00", "currency": "RUR"}


def test_query_and_body_are_merged(smsc: Smsc, sandbox: SandboxHandle) -> None:
    r = smsc.http.post(
        sandbox.endpoint("balance") + "?fmt=0&cur=1", data={**sandbox.auth(), "fmt": "3"}
    )
    assert r.json() == {"balance": "5000.00", "currency": "RUR"}
