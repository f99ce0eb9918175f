"""Issue 12, item 2: ``imgcode.php`` serves a real PNG whose code is remembered per address;
``send.php`` checks ``imgcode`` + ``userip``, charges, answers id/cnt/cost/balance, honours
``cost=1`` and SMSC's limits on identical sends."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import httpx
import pytest

from smsc_desktop.sandbox.captcha import HEIGHT, WIDTH, encode_png
from smsc_desktop.sandbox.sms import sms_parts
from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc

PHONE = "79161234567"
LOCAL = "127.0.0.1"


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB rows of an 8-bit RGB PNG (every chunk's CRC checked)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        tag, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(tag + body) & 0xFFFFFFFF, tag
        if tag == b"IHDR":
            header = body
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, _ = struct.unpack(">IIBBBBB", header)
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(idat)
    stride = width * 3 + 1
    rows = [raw[i * stride : (i + 1) * stride] for i in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, [row[1:] for row in rows]


def picture(http: httpx.Client, sandbox: SandboxHandle, query: str = "1.1") -> httpx.Response:
    return http.get(f"{sandbox.url}/sys/imgcode.php?{query}")


def send(smsc: Smsc, **params: Any) -> Any:
    params.setdefault("phones", PHONE)
    params.setdefault("mes", "Ваш код: 1234")
    params.setdefault("cost", 3)
    return smsc.json("send", **params)


# --- the picture ---------------------------------------------------------------------------


def test_the_picture_is_a_real_png_of_the_documented_size(
    http: httpx.Client, sandbox: SandboxHandle
) -> None:
    response = picture(http, sandbox)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Cache-Control"] == "no-store"
    width, height, rows = read_png(response.content)
    assert (width, height) == (WIDTH, HEIGHT) == (50, 18)
    pixels = {row[i : i + 3] for row in rows for i in range(0, len(row), 3)}
    assert len(pixels) > 20  # digits, noise and lines, not a blank square
    dark = sum(1 for row in rows for i in range(0, len(row), 3) if sum(row[i : i + 3]) < 300)
    assert dark > 60  # four digits of 2x2 dots are drawn


def test_a_larger_picture_on_request(http: httpx.Client, sandbox: SandboxHandle) -> None:
    width, height, _ = read_png(picture(http, sandbox, "1.1&scale=3").content)
    assert (width, height) == (150, 54)
    assert picture(http, sandbox, "scale=9").text == "ERROR = 1 (parameters error)"
    assert picture(http, sandbox, "scale=0&fmt=3").json() == {
        "error": "parameters error",
        "error_code": 1,
    }


def test_encode_png_round_trip() -> None:
    rows = [bytes([1, 2, 3, 4, 5, 6]), bytes([7, 8, 9, 10, 11, 12])]
    assert read_png(encode_png(2, 2, rows)) == (2, 2, rows)


def test_each_picture_makes_a_new_code_for_the_address_that_asked(
    http: httpx.Client, sandbox: SandboxHandle
) -> None:
    picture(http, sandbox)
    first = sandbox.server.captcha(LOCAL)
    assert first["ip"] == LOCAL
    assert len(first["code"]) == 4
    assert first["code"].isdigit()
    codes = {first["code"]}
    for n in range(5):
        picture(http, sandbox, "1.1" + "1" * (n + 1))  # the snippet's onclick="src+=1"
        codes.add(sandbox.server.captcha()["code"])
    assert len(codes) > 1
    picture(http, sandbox, "userip=203.0.113.7")  # a site fetching it for its visitor
    assert sandbox.server.captcha("203.0.113.7")["ip"] == "203.0.113.7"
    assert sandbox.server.captcha()["ip"] == "203.0.113.7"  # the last one shown to anyone
    log = [e for e in sandbox.state()["log"] if e["endpoint"] == "imgcode"]
    assert len(log) == 7
    assert all(e["error_code"] == 0 for e in log)
    assert all("code" not in e for e in log)


def test_the_control_api_reads_the_code(http: httpx.Client, sandbox: SandboxHandle) -> None:
    control = f"{sandbox.url}/sandbox/captcha"
    assert http.post(control, json={}).status_code == 404
    picture(http, sandbox)
    answer = http.post(control, json={"ip": LOCAL}).json()
    assert answer["code"] == sandbox.server.captcha()["code"]
    assert answer["expires_in"] == pytest.approx(300, abs=2)
    assert http.get(control, params={"ip": LOCAL}).json()["code"] == answer["code"]
    assert http.post(control, json={"ip": "10.9.9.9"}).status_code == 404
    assert http.post(control, json={"ip": "nonsense"}).status_code == 400


# --- the captcha check on send -------------------------------------------------------------


def test_a_send_with_the_right_code_is_sent_once(
    smsc: Smsc, http: httpx.Client, sandbox: SandboxHandle
) -> None:
    picture(http, sandbox)
    code = sandbox.server.captcha(LOCAL)["code"]
    assert send(smsc, imgcode=code, userip=LOCAL) == {
        "id": 3001,
        "cnt": 1,
        "cost": "2.50",
        "balance": "4997.50",
    }
    (sent,) = sandbox.state()["sms"]["outbox"]
    assert (sent["phones"], sent["userip"], sent["mes"]) == ([PHONE], LOCAL, "Ваш код: 1234")
    # the code is used up: the same pair again is refused (a new text, so not identical)
    assert send(smsc, imgcode=code, userip=LOCAL, mes="again") == {
        "error": "parameters error: no imgcode for this userip",
        "error_code": 1,
    }


@pytest.mark.parametrize(("reading", "text"), [(1, "parameters error"), (6, "message is denied")])
def test_a_wrong_code_answers_the_configured_error_and_uses_the_code_up(
    smsc: Smsc, http: httpx.Client, sandbox: SandboxHandle, reading: int, text: str
) -> None:
    sandbox.reset(captcha_error=reading)
    picture(http, sandbox)
    code = sandbox.server.captcha(LOCAL)["code"]
    wrong = "0000" if code != "0000" else "1111"
    assert send(smsc, imgcode=wrong, userip=LOCAL) == {
        "error": f"{text}: wrong imgcode",
        "error_code": reading,
    }
    assert send(smsc, imgcode=code, userip=LOCAL) == {
        "error": f"{text}: no imgcode for this userip",
        "error_code": reading,
    }
    assert sandbox.account_state()["balance"] == "5000.00"
    assert sandbox.state()["sms"]["outbox"] == []


def test_an_expired_code(smsc: Smsc, http: httpx.Client, sandbox: SandboxHandle) -> None:
    picture(http, sandbox)
    code = sandbox.server.captcha(LOCAL)["code"]
    sandbox.advance_clock(301)
    assert send(smsc, imgcode=code, userip=LOCAL) == {
        "error": "parameters error: imgcode expired",
        "error_code": 1,
    }


def test_another_address_has_no_code(
    smsc: Smsc, http: httpx.Client, sandbox: SandboxHandle
) -> None:
    picture(http, sandbox)
    code = sandbox.server.captcha(LOCAL)["code"]
    assert send(smsc, imgcode=code, userip="198.51.100.20") == {
        "error": "parameters error: no imgcode for this userip",
        "error_code": 1,
    }
    # the code of 127.0.0.1 is untouched by a check for another address
    assert send(smsc, imgcode=code, userip="::ffff:127.0.0.1")["id"] == 3001


def test_a_price_request_checks_the_code_without_using_it_up(
    smsc: Smsc, http: httpx.Client, sandbox: SandboxHandle
) -> None:
    picture(http, sandbox)
    code = sandbox.server.captcha(LOCAL)["code"]
    assert send(smsc, imgcode=code, userip=LOCAL, cost=1) == {"cost": "2.50", "cnt": 1}
    assert send(smsc, imgcode=code, userip=LOCAL)["id"] == 3001


@pytest.mark.parametrize(
    "params",
    [{"imgcode": "1234"}, {"userip": LOCAL}, {"imgcode": "1234", "userip": "not-an-ip"}],
)
def test_the_pair_goes_together(smsc: Smsc, params: dict[str, str]) -> None:
    assert send(smsc, **params)["error_code"] == 1


# --- money, shapes, limits -----------------------------------------------------------------


def test_a_price_request_charges_nothing(smsc: Smsc, sandbox: SandboxHandle) -> None:
    assert send(smsc, cost=1) == {"cost": "2.50", "cnt": 1}
    assert sandbox.account_state()["balance"] == "5000.00"
    assert sandbox.state()["sms"]["outbox"] == []


@pytest.mark.parametrize(
    ("cost", "expected"),
    [
        (0, {"id": 3001, "cnt": 1}),
        (2, {"id": 3001, "cnt": 1, "cost": "2.50"}),
        (3, {"id": 3001, "cnt": 1, "cost": "2.50", "balance": "4997.50"}),
    ],
)
def test_the_cost_parameter(smsc: Smsc, cost: int, expected: dict[str, Any]) -> None:
    assert send(smsc, cost=cost) == expected


@pytest.mark.parametrize(
    ("fmt", "cost", "expected"),
    [
        (1, 3, "3001,1,2.50,4997.50"),
        (1, 1, "2.50,1"),
        (0, 3, "OK - 1 SMS, ID - 3001, COST - 2.50, BALANCE - 4997.50"),
        (0, 1, "COST - 2.50, 1 SMS"),
        (2, 2, "<result><id>3001</id><cnt>1</cnt><cost>2.50</cost></result>"),
    ],
)
def test_every_fmt(smsc: Smsc, fmt: int, cost: int, expected: str) -> None:
    assert smsc.text("send", fmt=fmt, phones=PHONE, mes="hi", cost=cost) == expected


def test_the_price_in_the_account_currency_and_parts(smsc: Smsc, sandbox: SandboxHandle) -> None:
    answer = send(smsc, account=sandbox.kz, cost=1, mes="x" * 161, phones=f"{PHONE},77011234567")
    assert answer == {"cost": "58.00", "cnt": 4}  # 2 parts x 2 phones x 14.50 KZT
    assert sms_parts("a" * 160) == 1
    assert sms_parts("a" * 161) == 2
    assert sms_parts("я" * 70) == 1
    assert sms_parts("я" * 71) == 2
    assert sms_parts("{" * 80) == 1
    assert sms_parts("{" * 81) == 2


def test_not_enough_money(smsc: Smsc, sandbox: SandboxHandle) -> None:
    assert send(smsc, account=sandbox.poor, mes="я" * 400) == {
        "error": "no money",
        "error_code": 3,
    }
    assert sandbox.account_state("poor")["balance"] == "10.00"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"phones": ""}, 1),
        ({"mes": " "}, 1),
        ({"cost": 7}, 1),
        ({"id": "x1"}, 1),
        ({"phones": "12345"}, 7),
        ({"phones": f"{PHONE},8-800"}, 7),
        ({"sender": "A very long sender"}, 6),
        ({"sender": "Shop<script>"}, 6),
    ],
)
def test_refusals(smsc: Smsc, sandbox: SandboxHandle, params: dict[str, Any], code: int) -> None:
    assert send(smsc, **params)["error_code"] == code
    assert sandbox.account_state()["balance"] == "5000.00"


def test_the_clients_own_id_and_a_sender(smsc: Smsc, sandbox: SandboxHandle) -> None:
    assert send(smsc, id="77", sender="SMSC.RU")["id"] == 77
    assert sandbox.state()["sms"]["outbox"][0]["sender"] == "SMSC.RU"


def test_identical_sends_and_price_requests_are_limited(smsc: Smsc, sandbox: SandboxHandle) -> None:
    assert "id" in send(smsc)
    assert send(smsc) == {"error": "duplicate request, wait a minute", "error_code": 9}
    assert "id" in send(smsc, mes="another text")  # not identical
    for _ in range(5):
        assert "cost" in send(smsc, cost=1)
    assert send(smsc, cost=1)["error_code"] == 9
    sandbox.advance_clock(61)
    assert "id" in send(smsc)
    assert "cost" in send(smsc, cost=1)
    commands = [e["command"] for e in sandbox.state()["log"] if e["endpoint"] == "send"]
    assert commands[:3] == ["send", "send", "send"]
    assert commands[3] == "cost"


def test_a_new_captcha_code_is_the_same_send_in_the_message_reading(
    smsc: Smsc, http: httpx.Client, sandbox: SandboxHandle
) -> None:
    sandbox.reset(send_identity="request")
    http.get(f"{sandbox.url}/sys/imgcode.php?1.1")
    first = str(sandbox.server.captcha(LOCAL)["code"])
    assert "id" in send(smsc, imgcode=first, userip=LOCAL)
    http.get(f"{sandbox.url}/sys/imgcode.php?1.2")
    second = str(sandbox.server.captcha(LOCAL)["code"])
    assert "id" in send(smsc, imgcode=second, userip=LOCAL)  # another request: another send
    sandbox.reset(send_identity="message")
    http.get(f"{sandbox.url}/sys/imgcode.php?1.3")
    first = str(sandbox.server.captcha(LOCAL)["code"])
    assert "id" in send(smsc, imgcode=first, userip=LOCAL)
    http.get(f"{sandbox.url}/sys/imgcode.php?1.4")
    second = str(sandbox.server.captcha(LOCAL)["code"])
    assert send(smsc, imgcode=second, userip=LOCAL)["error_code"] == 9  # the same message
    assert "id" in send(smsc, mes="another text", imgcode=second, userip=LOCAL)


def test_a_dropped_answer_was_still_sent(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_fault("send", drop_after=0, count=1)
    with pytest.raises(httpx.TransportError):
        send(smsc)
    state = sandbox.state()
    assert state["requests"]["send"] == 1
    assert state["log"][-1]["dropped"] is True
    assert len(state["sms"]["outbox"]) == 1
    assert sandbox.account_state()["balance"] == "4997.50"


def test_the_setting_is_validated(sandbox: SandboxHandle) -> None:
    from smsc_desktop.sandbox import SandboxConfig

    with pytest.raises(ValueError, match="captcha_error"):
        SandboxConfig(captcha_error=2)
    with pytest.raises(ValueError, match="captcha_error"):
        SandboxConfig().with_overrides({"captcha_error": 3})
    with pytest.raises(ValueError, match="send_identity"):
        SandboxConfig(send_identity="text")
    with pytest.raises(ValueError, match="send_identity"):
        SandboxConfig().with_overrides({"send_identity": "phones"})
    sandbox.reset(captcha_error=6, captcha_ttl=10, send_identity="MESSAGE")
    config = sandbox.state()["config"]
    assert (config["captcha_error"], config["captcha_ttl"]) == (6, 10.0)
    assert config["send_identity"] == "message"
