"""SiteCaptchaService against the sandbox: the snippet and sample, the picture, the quote and
a test send journaled as money (once per confirmation; an unknown outcome is checked against
the balance, never sent again)."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import BadParametersError, Credentials, UnknownApiError
from smsc_desktop.services.captcha import (
    MASK,
    DraftProblem,
    NotSentReason,
    SendCheck,
    SendQuote,
    SendStatus,
    SiteCaptchaService,
    SmsDraft,
    check_draft,
    curl_sample,
    form_snippet,
)
from smsc_desktop.services.journal import JournalOutcome
from smsc_desktop.services.phones import PhoneProblem
from smsc_desktop.services.session import AccountSession, SessionOptions
from tests.api.fake_smsc import FakeClock
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session

PHONE = "79161234567"
LOCAL = "127.0.0.1"


def advancing_sleep(clock: FakeClock, sandbox: SandboxHandle) -> Any:
    async def sleep(seconds: float) -> None:
        clock.advance(seconds)
        sandbox.advance_clock(seconds)
        await asyncio.sleep(0)

    return sleep


def open_session(sandbox: SandboxHandle, tmp_path: Path, **kwargs: Any) -> AccountSession:
    clock = FakeClock()
    options = SessionOptions(clock=clock, sleep=advancing_sleep(clock, sandbox))
    return sandbox_session(sandbox, tmp_path, options=options, **kwargs)


def journal(session: AccountSession) -> list[dict[str, Any]]:
    path = session.data_dir / "journal.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def draft(code: str, *, text: str = "Ваш код: 1234", userip: str = LOCAL) -> SmsDraft:
    checked = check_draft("8 (916) 123-45-67", text, "SMSC.RU", code, userip)
    assert checked.draft is not None
    return checked.draft


async def picture_code(service: SiteCaptchaService, sandbox: SandboxHandle) -> str:
    await service.load_picture()
    return str(sandbox.server.captcha(LOCAL)["code"])


# --- what is typed -------------------------------------------------------------------------


def test_check_draft_normalises_and_lists_every_problem() -> None:
    ok = check_draft(" +7 916 123 45 67 ", "hi", " SHOP ", " 1234 ", " ::1 ")
    assert ok.draft == SmsDraft(PHONE, "hi", "SHOP", "1234", "::1")
    bad = check_draft("916 123 45 67", " ", "Магазин", "", "1.2.3")
    assert bad.draft is None
    assert bad.problems == (
        DraftProblem.PHONE,
        DraftProblem.NO_TEXT,
        DraftProblem.SENDER,
        DraftProblem.NO_CODE,
        DraftProblem.USERIP,
    )
    assert bad.phone.problem is PhoneProblem.MISSING_COUNTRY_CODE
    more = check_draft(PHONE, "x" * 1001, "A" * 12, "1\n2", "")
    assert more.problems == (
        DraftProblem.TEXT_TOO_LONG,
        DraftProblem.SENDER,
        DraftProblem.CODE,
        DraftProblem.NO_USERIP,
    )


def test_the_snippet_is_smscs_own_for_the_server() -> None:
    html = form_snippet("https://smsc.kz/sys/imgcode.php", "Код с картинки:")
    assert html.splitlines()[0] == "Код с картинки:"
    assert (
        '<img src="https://smsc.kz/sys/imgcode.php?1.1" onclick="src+=1" width="50" '
        'height="18" border="1">'
    ) in html
    assert 'name="imgcode"' in html


def test_the_sample_masks_the_secret_unless_revealed() -> None:
    creds = Credentials.from_password("client", "s3cret pass")
    fields = {"phones": PHONE, "mes": "Код: 1", "imgcode": "4821", "userip": "203.0.113.5"}
    masked = curl_sample("https://smsc.ru/sys/send.php", creds, fields)
    assert "s3cret" not in masked
    assert f"'psw={MASK}'" in masked
    assert "--data-urlencode login=client" in masked
    assert "--data-urlencode 'mes=Код: 1'" in masked
    assert "--data-urlencode imgcode=4821" in masked
    assert "--data-urlencode userip=203.0.113.5" in masked
    assert masked.startswith("curl https://smsc.ru/sys/send.php \\\n")
    revealed = curl_sample("https://smsc.ru/sys/send.php", creds, fields, reveal=True)
    assert "'psw=s3cret pass'" in revealed
    key = curl_sample("https://smsc.ru/sys/send.php", Credentials.from_api_key("K3Y"), fields)
    assert f"apikey={MASK}" in key
    assert "K3Y" not in key


async def test_snippet_and_sample_for_the_account(sandbox: SandboxHandle, tmp_path: Path) -> None:
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    assert service.image_url == f"{sandbox.url}/sys/imgcode.php"
    assert f'src="{sandbox.url}/sys/imgcode.php?1.1"' in service.snippet("Code:")
    sample = service.sample_request(phone=PHONE, text="hi", sender="", imgcode="1", userip=LOCAL)
    assert f"curl {sandbox.url}/sys/send.php" in sample
    assert sandbox.password not in sample
    assert "sender=" not in sample
    await session.close()


# --- sending -------------------------------------------------------------------------------


async def test_quote_then_send_is_journaled(sandbox: SandboxHandle, tmp_path: Path) -> None:
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    appended: list[Any] = []
    session.numbers.journal_appended.connect(appended.append)
    code = await picture_code(service, sandbox)
    quote = await service.quote(draft(code))
    assert (quote.cost, quote.count, quote.balance, quote.currency) == (
        Decimal("2.50"),
        1,
        Decimal("5000.00"),
        "RUR",
    )
    assert quote.balance_after == Decimal("4997.50")
    assert sandbox.state()["sms"]["outbox"] == []
    outcome = await service.send(quote)
    assert outcome.status is SendStatus.SENT
    assert outcome.result is not None
    assert outcome.result.id == 3001
    assert (outcome.balance_before, outcome.balance_after) == (
        Decimal("5000.00"),
        Decimal("4997.50"),
    )
    assert outcome.picture_age is not None
    lines = journal(session)
    assert [(x["action"], x["outcome"]) for x in lines] == [("send", "requested"), ("send", "ok")]
    assert lines[1]["message_id"] == 3001
    assert lines[1]["amount"] == "2.50"
    assert lines[0]["op"] == lines[1]["op"]
    assert lines[1]["phone"] == PHONE
    assert [e.outcome for e in appended] == [JournalOutcome.REQUESTED, JournalOutcome.OK]
    assert session.balance is not None
    assert session.balance.amount == Decimal("4997.50")
    await session.close()


@pytest.mark.parametrize(("reading", "expected"), [(1, BadParametersError), (6, UnknownApiError)])
async def test_a_wrong_code_is_refused_and_journaled(
    sandbox: SandboxHandle, tmp_path: Path, reading: int, expected: type[Exception]
) -> None:
    sandbox.reset(captcha_error=reading)
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    code = await picture_code(service, sandbox)
    quote = await service.quote(draft("0000" if code != "0000" else "1111"))
    outcome = await service.send(quote)
    assert outcome.status is SendStatus.REFUSED
    assert isinstance(outcome.error, expected)
    assert outcome.reached_smsc
    refused = journal(session)[-1]
    assert (refused["outcome"], refused["error_code"]) == ("refused", reading)
    assert refused["error"].endswith("wrong imgcode")
    assert sandbox.account_state()["balance"] == "5000.00"
    await session.close()


@pytest.mark.parametrize("fault", [{"drop_after": 0}, {"truncate": True}])
async def test_a_lost_answer_is_checked_against_the_balance_never_resent(
    sandbox: SandboxHandle, tmp_path: Path, fault: dict[str, Any]
) -> None:
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    code = await picture_code(service, sandbox)
    quote = await service.quote(draft(code))
    sandbox.set_fault("send", count=1, **fault)
    outcome = await service.send(quote)
    assert outcome.status is SendStatus.UNKNOWN
    assert outcome.check is SendCheck.PROBABLY_SENT
    assert (outcome.balance_before, outcome.balance_after) == (
        Decimal("5000.00"),
        Decimal("4997.50"),
    )
    assert sandbox.state()["requests"]["send.send"] == 1
    lines = journal(session)
    assert [(x["action"], x["outcome"]) for x in lines] == [
        ("send", "requested"),
        ("send", "unknown"),
        ("check", "probably_sent"),
    ]
    assert (lines[2]["balance_before"], lines[2]["balance_after"]) == ("5000.00", "4997.50")
    await session.close()


async def test_an_unknown_send_that_did_not_happen(sandbox: SandboxHandle, tmp_path: Path) -> None:
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    code = await picture_code(service, sandbox)
    quote = await service.quote(draft(code))
    sandbox.set_fault("send", count=1, http_500=True)  # not processed, the answer unreadable
    outcome = await service.send(quote)
    assert outcome.status is SendStatus.UNKNOWN
    assert outcome.check is SendCheck.PROBABLY_NOT_SENT
    assert journal(session)[-1]["outcome"] == "probably_not_sent"
    await session.close()


async def test_a_double_click_sends_one_request(sandbox: SandboxHandle, tmp_path: Path) -> None:
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    code = await picture_code(service, sandbox)
    quote = await service.quote(draft(code))
    states: list[bool] = []
    service.sending_changed.connect(states.append)
    first, second = await asyncio.gather(service.send(quote), service.send(quote))
    assert first.status is SendStatus.SENT
    assert (second.status, second.reason) == (SendStatus.NOT_SENT, NotSentReason.BUSY)
    third = await service.send(quote)  # the same request again: SMSC's limit, held back here
    assert (third.status, third.reason) == (SendStatus.NOT_SENT, NotSentReason.RATE_LIMITED)
    assert sandbox.state()["requests"]["send.send"] == 1
    assert states == [True, False]
    assert [x["outcome"] for x in journal(session)] == ["requested", "ok"]
    await session.close()


async def test_no_journal_no_send(sandbox: SandboxHandle, tmp_path: Path) -> None:
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    quote = SendQuote(draft("1234"), Decimal("2.50"), 1, None, "RUR")
    session.data_dir.mkdir(parents=True, exist_ok=True)
    (session.data_dir / "journal.jsonl").mkdir()  # a folder where the file should be
    outcome = await service.send(quote)
    assert (outcome.status, outcome.reason) == (SendStatus.NOT_SENT, NotSentReason.JOURNAL)
    assert "send" not in sandbox.state()["requests"]
    await session.close()


async def test_a_send_cancelled_in_flight_leaves_an_unknown_line(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    session = open_session(sandbox, tmp_path)
    service = session.captcha
    quote = SendQuote(draft("1234"), Decimal("2.50"), 1, Decimal("5000.00"), "RUR")
    sandbox.set_fault("send", latency=5.0, count=1)
    requested = asyncio.Event()  # the "requested" line is written: the request goes next
    session.numbers.journal_appended.connect(lambda _entry: requested.set())
    task = asyncio.ensure_future(service.send(quote))
    await requested.wait()
    await asyncio.sleep(0)  # into send_sms
    assert service.sending
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    lines = journal(session)
    assert [x["outcome"] for x in lines] == ["requested", "unknown"]
    assert lines[1]["error"] == "CancelledError"
    await session.close()
