"""Issue 18, items 1, 4 and 5: get_answers in the live shape, and the compatibility settings
(``phones_param``, ``domestic_phones``, ``get_file_charset``) with today's defaults."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import httpx
import pytest

from smsc_desktop.sandbox import SandboxConfig
from smsc_desktop.sandbox.__main__ import main as sandbox_main
from smsc_desktop.sandbox.__main__ import parse_args
from smsc_desktop.sandbox.numbers import read_phone
from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc

LIVE_KEYS = ["id", "received", "phone", "message", "to_phone", "sent"]


# --- item 1: get_answers as a live SMSC reply has it ----------------------------------------


def test_get_answers_has_the_live_key_order_and_sent_as_a_date(
    smsc: Smsc, sandbox: SandboxHandle
) -> None:
    added = sandbox.add_incoming("79001112233", "hello", to_phone="79165550101")
    assert list(added) == LIVE_KEYS
    response = smsc.call("get", get_answers=1)
    raw = response.text
    # key order on the wire, not only in a parsed dict
    positions = [raw.index(f'"{key}"') for key in LIVE_KEYS]
    assert positions == sorted(positions)
    for message in json.loads(raw):
        assert list(message) == LIVE_KEYS
        sent = dt.datetime.strptime(message["sent"], "%d.%m.%Y %H:%M:%S")
        received = dt.datetime.strptime(message["received"], "%d.%m.%Y %H:%M:%S")
        assert dt.timedelta(0) <= received - sent <= dt.timedelta(seconds=5)
    inbox = sandbox.account_state()["inbox"]
    assert [list(m) for m in inbox] == [LIVE_KEYS] * len(inbox)


def test_get_answers_values_in_live_positions_for_fmt_1(smsc: Smsc, sandbox: SandboxHandle) -> None:
    """A poller that inserts fmt=1 values by position gets them in the live columns."""
    added = sandbox.add_incoming("79001112233", "hello", to_phone="79165550101")
    line = smsc.text("get", fmt=1, get_answers=1, after_id=added["id"] - 1)
    assert line.split(",") == [str(added[key]) for key in LIVE_KEYS]


# --- item 5: phones= and domestic forms -----------------------------------------------------


def test_phones_param_is_off_by_default(smsc: Smsc, sandbox: SandboxHandle) -> None:
    assert smsc.json("wait_call", phones="79161234567") == {
        "error": "parameters error",
        "error_code": 1,
    }


def test_phones_param_reads_phones_where_phone_is_expected(
    smsc: Smsc, sandbox: SandboxHandle
) -> None:
    sandbox.reset(phones_param=True, enforce_limits=False)
    assert "phone" in smsc.json("wait_call", phones="+79161234567")
    # phone wins when both are sent
    smsc.json("wait_call", phone="79161230000", phones="79161234567")
    assert [v["phone"] for v in sandbox.state()["verifications"]] == [
        "79161234567",
        "79161230000",
    ]
    free = smsc.json("receive_phones", get=1)[0]["phone"]
    assert "cost" in smsc.json("receive_phones", buy=1, phones=free)
    changed = smsc.json("receive_phones", chg=1, phones=free, noprolong=1)
    assert changed == {"result": "OK", "phone": free, "noprolong": 1}


@pytest.mark.parametrize(
    ("setting", "typed", "expected"),
    [
        ("as_is", "89161234567", "89161234567"),
        ("as_is", "9161234567", "9161234567"),
        ("international", "89161234567", "79161234567"),
        ("international", "9161234567", "79161234567"),
        ("international", "+89161234567", "89161234567"),
        ("international", "4951234567", "4951234567"),
        ("reject", "89161234567", None),
        ("reject", "9161234567", None),
        ("reject", "79161234567", "79161234567"),
        ("reject", "+89161234567", "89161234567"),
    ],
)
def test_domestic_phones_settings(
    smsc: Smsc, sandbox: SandboxHandle, setting: str, typed: str, expected: str | None
) -> None:
    assert read_phone(typed, setting) == expected
    sandbox.reset(domestic_phones=setting)
    data = smsc.json("wait_call", phone=typed)
    if expected is None:
        assert data == {"error": "invalid phone", "error_code": 1}
    else:
        assert "phone" in data
        assert sandbox.state()["verifications"][-1]["phone"] == expected


def test_domestic_phones_apply_to_renting(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.reset(domestic_phones="international")
    free = smsc.json("receive_phones", get=1)[0]["phone"]
    assert "cost" in smsc.json("receive_phones", buy=1, phone="8" + free[1:])
    assert free in {r["phone"] for r in sandbox.account_state()["rented"]}


# --- item 4: the charset of get_file ---------------------------------------------------------

CYRILLIC_JOB_ID = 1844


@pytest.mark.parametrize(
    ("setting", "requested", "served"),
    [
        ("windows-1251", "utf-8", "windows-1251"),
        ("windows-1251", None, "windows-1251"),
        ("utf-8", "windows-1251", "utf-8"),
        ("koi8-r", "utf-8", "koi8-r"),
        ("request", "utf-8", "utf-8"),
        ("request", "koi8-r", "koi8-r"),
        ("request", "cp1251", "windows-1251"),
        ("request", None, "windows-1251"),
    ],
)
def test_get_file_charset_setting(
    smsc: Smsc, sandbox: SandboxHandle, setting: str, requested: str | None, served: str
) -> None:
    sandbox.reset(get_file_charset=setting)
    response = smsc.call("downloads", fmt=None, charset=requested, get_file=1, id=CYRILLIC_JOB_ID)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"text/csv; charset={served}"
    body = response.content
    info = sandbox.server.job_info(CYRILLIC_JOB_ID, charset=served)
    assert len(body) == info["size"] == int(response.headers["Content-Length"])
    assert hashlib.sha256(body).hexdigest() == info["sha256"]
    codec = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}[served]
    text = body.decode(codec)  # strict: the whole file is in that charset
    assert text.startswith("Дата отправки;Телефон;Отправитель;Статус")
    assert text.endswith("\r\n")
    assert "Доставлено" in text


def test_utf8_file_ranges_and_control_sha(
    smsc: Smsc, sandbox: SandboxHandle, http: httpx.Client
) -> None:
    sandbox.reset(get_file_charset="request")
    whole = smsc.call("downloads", get_file=1, id=CYRILLIC_JOB_ID).content
    part = smsc.call("downloads", get_file=1, id=CYRILLIC_JOB_ID, headers={"Range": "bytes=100-"})
    assert part.status_code == 206
    assert part.content == whole[100:]
    r = http.get(f"{sandbox.url}/sandbox/jobs/{CYRILLIC_JOB_ID}", params={"charset": "utf-8"})
    assert r.json()["sha256"] == hashlib.sha256(whole).hexdigest()
    assert (
        http.get(
            f"{sandbox.url}/sandbox/jobs/{CYRILLIC_JOB_ID}", params={"charset": "latin-1"}
        ).status_code
        == 400
    )


# --- the settings themselves ----------------------------------------------------------------


def test_defaults_are_todays_behaviour(sandbox: SandboxHandle) -> None:
    config = sandbox.state()["config"]
    assert config["phones_param"] is False
    assert config["domestic_phones"] == "as_is"
    assert config["get_file_charset"] == "windows-1251"


def test_settings_through_the_control_api(sandbox: SandboxHandle, http: httpx.Client) -> None:
    wanted = {"phones_param": True, "domestic_phones": "reject", "get_file_charset": "request"}
    assert http.post(f"{sandbox.url}/sandbox/reset", json=wanted).json() == {"ok": True}
    config = http.get(f"{sandbox.url}/sandbox/state").json()["config"]
    assert {key: config[key] for key in wanted} == wanted
    for bad in ({"domestic_phones": "maybe"}, {"get_file_charset": "latin-1"}, {"phones_param": 1}):
        r = http.post(f"{sandbox.url}/sandbox/reset", json=bad)
        assert r.status_code == 400, bad


def test_invalid_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="domestic_phones"):
        SandboxConfig(domestic_phones="strict")
    with pytest.raises(ValueError, match="get_file_charset"):
        SandboxConfig().with_overrides({"get_file_charset": "cp866"})


def test_command_line_options() -> None:
    args = parse_args(
        ["--phones-param", "--domestic-phones", "reject", "--file-charset", "request"]
    )
    assert (args.phones_param, args.domestic_phones, args.file_charset) == (
        True,
        "reject",
        "request",
    )
    defaults = parse_args([])
    assert (defaults.phones_param, defaults.domestic_phones, defaults.file_charset) == (
        False,
        None,
        None,
    )
    with pytest.raises(SystemExit):
        parse_args(["--domestic-phones", "nope"])
    assert callable(sandbox_main)


def test_command_line_options_of_send_php() -> None:
    args = parse_args(["--captcha-error", "6", "--send-identity", "message"])
    assert (args.captcha_error, args.send_identity) == (6, "message")
    defaults = parse_args([])
    assert (defaults.captcha_error, defaults.send_identity) == (None, None)
    with pytest.raises(SystemExit):
        parse_args(["--send-identity", "text"])
    with pytest.raises(SystemExit):
        parse_args(["--captcha-error", "2"])
