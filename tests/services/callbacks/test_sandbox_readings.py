"""Callbacks the sandbox sends, read by the app's checker (issue 17, items 3, 4 and 9).

The sandbox reads the handler URL and signs on its own (``sandbox/callbacks.py``), and plays
each reading of what SMSC's documentation leaves open: which fields a call-verification
callback carries (``waitcall_callback``) and which string signs an incoming SMS or a call
(``incoming_signing``, ``waitcall_signing``). The callbacks travel over real HTTP to a local
handler; what the handler received is pasted into the checker as a user would.
"""

from __future__ import annotations

import httpx
import pytest

from smsc_desktop.services.callbacks import (
    INCOMING_CANDIDATES,
    CallbackKind,
    Charset,
    Verdict,
    check_callback,
    parse_handler_url,
)
from tests.helpers.handler import LocalHandler, expected_hash, received_fields
from tests.helpers.sandbox import SandboxHandle

SECRET = "sandbox_secret-1"
CALLER = "79161234567"


def confirm_a_call(sandbox: SandboxHandle) -> None:
    """A wait_call request, then the subscriber calls: the sandbox POSTs the callback."""
    reply = httpx.post(
        sandbox.endpoint("wait_call"), data={**sandbox.auth(), "phone": CALLER, "fmt": 3}
    )
    assert "phone" in reply.json()
    sandbox.simulate_call(CALLER)


@pytest.mark.parametrize("reading", ["waitcall", "waitcall_mes"])
def test_a_call_verification_callback_is_one_also_when_it_carries_mes(
    sandbox: SandboxHandle, local_handler: LocalHandler, reading: str
) -> None:
    sandbox.reset(
        callback_url=f"{local_handler.url}/cb.php?md5={SECRET}", waitcall_callback=reading
    )
    confirm_a_call(sandbox)
    (request,) = local_handler.wait_received(1)
    fields = received_fields(request, "cp1251")
    assert fields["waitcall"] == b"1"
    assert ("mes" in fields) is (reading == "waitcall_mes")
    report = check_callback(request.as_pasted(), SECRET)
    assert report.kind is CallbackKind.WAITCALL  # waitcall is looked for before mes
    assert report.verdict is Verdict.MATCH
    assert [s.template for s in report.guessed] == ["phone:ts:<secret>"]


@pytest.mark.parametrize("signing", [s.fields for s in INCOMING_CANDIDATES])
def test_the_checker_finds_the_incoming_string_the_sandbox_signed_with(
    sandbox: SandboxHandle, local_handler: LocalHandler, signing: tuple[str, ...]
) -> None:
    sandbox.reset(
        callback_url=f"{local_handler.url}/cb.php?charset=utf-8&md5={SECRET}",
        incoming_signing=":".join(signing),
    )
    sandbox.add_incoming("79035550011", "Привет, это проверка")
    (request,) = local_handler.wait_received(1)
    report = check_callback(request.as_pasted(), SECRET)
    assert report.kind is CallbackKind.INCOMING
    assert report.verdict is Verdict.MATCH
    matched = report.signatures[0].matched
    assert matched is not None
    assert matched.scheme.fields == signing
    assert report.guessed == (matched.scheme,)  # a match with a guess is labelled a guess
    assert report.tried == INCOMING_CANDIDATES  # and every candidate tried is known


def test_a_string_none_of_the_candidates_is_shows_every_candidate_tried(
    sandbox: SandboxHandle, local_handler: LocalHandler
) -> None:
    sandbox.reset(
        callback_url=f"{local_handler.url}/cb.php?sha1={SECRET}",
        incoming_signing="id:phone:mes:to",
    )
    sandbox.add_incoming("79035550011", "STOP")
    (request,) = local_handler.wait_received(1)
    report = check_callback(request.as_pasted(), SECRET)
    assert report.verdict is Verdict.MISMATCH
    assert report.guessed == ()
    assert report.tried == INCOMING_CANDIDATES
    fields = received_fields(request, "cp1251")
    data = b":".join([fields["id"], fields["phone"], fields["mes"], fields["to"], SECRET.encode()])
    assert fields["sha1"].decode() == expected_hash("sha1", data)  # the sandbox did sign


@pytest.mark.parametrize("fmt", ["1", "3"])
def test_koi8_r_is_not_used_when_fmt_is_given_whatever_fmt(
    sandbox: SandboxHandle, local_handler: LocalHandler, fmt: str
) -> None:
    url = f"{local_handler.url}/cb.php?charset=koi8-r&fmt={fmt}&md5={SECRET}"
    assert parse_handler_url(url).charset is Charset.WINDOWS_1251
    sandbox.reset(callback_url=url)
    text = "Когда будет доставка?"
    sandbox.add_incoming("79261112233", text)
    (request,) = local_handler.wait_received(1)
    assert "charset=windows-1251" in request.content_type
    fields = received_fields(request, "cp1251")
    assert fields["mes"] == text.encode("cp1251")  # the sandbox's own reading of the rule
    assert fields["charset"] == b"koi8-r"  # the URL's parameters are posted as written
    report = check_callback(request.as_pasted("cp1251"), SECRET)
    assert report.charset is Charset.WINDOWS_1251
    assert report.verdict is Verdict.MATCH


def test_the_sandbox_records_what_it_sent(
    sandbox: SandboxHandle, local_handler: LocalHandler
) -> None:
    sandbox.reset(callback_url=f"{local_handler.url}/h!site=1?md5={SECRET}&source=smsc")
    sandbox.add_incoming("79035550011", "OK")
    (request,) = local_handler.wait_received(1)
    assert request.query == [("site", "1")]  # the ! parameters come by GET
    assert request.user_agent == "SMSC-sandbox callback"
    (sent,) = sandbox.state()["callbacks"]
    assert sent["kind"] == "incoming"
    assert sent["signing"] == "id:phone:mes"
    assert ["source", "smsc"] in sent["fields"]
    report = check_callback(sent["http"], SECRET)  # the record pastes into the checker
    assert report.verdict is Verdict.MATCH


def test_seeded_history_sends_no_callbacks(sandbox: SandboxHandle) -> None:
    sandbox.reset(callback_url="http://127.0.0.1:9/cb.php")
    assert sandbox.state()["callbacks"] == []
