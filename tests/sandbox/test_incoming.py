"""Incoming SMS on the sandbox: simulated now or later (``/sandbox/incoming``), only on the
account's rented numbers, and the demo's trickle — all on the sandbox clock."""

from __future__ import annotations

from typing import Any

import httpx

from smsc_desktop.sandbox import SandboxConfig
from smsc_desktop.sandbox.incoming import TRICKLE_CATCH_UP, TRICKLE_TEXTS
from smsc_desktop.sandbox.state import SandboxState
from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc

MINE = "79165550101"


def answers(smsc: Smsc, **params: Any) -> list[dict[str, Any]]:
    got = smsc.json("get", get_answers=1, **params)
    assert isinstance(got, list)
    return got


def test_a_delayed_sms_lands_later_with_an_id_given_then(
    sandbox: SandboxHandle, http: httpx.Client, smsc: Smsc
) -> None:
    newest = answers(smsc)[-1]["id"]
    r = http.post(
        f"{sandbox.url}/sandbox/incoming",
        json={"phone": "+79001112233", "text": "Позже", "to_phone": MINE, "delay": 30},
    )
    assert r.status_code == 200
    scheduled = r.json()
    assert scheduled["id"] is None
    assert scheduled["scheduled"] is True
    assert 29 < scheduled["due_in"] <= 30
    assert scheduled["to_phone"] == MINE
    assert sandbox.account_state()["scheduled"][0]["message"] == "Позже"
    assert answers(smsc, after_id=newest) == []  # not yet

    # Meanwhile another SMS lands at once: the late one must not hide behind it.
    now = sandbox.add_incoming("79001112233", "Сразу", to_phone=MINE)
    assert [m["message"] for m in answers(smsc, after_id=newest)] == ["Сразу"]
    sandbox.advance_clock(31)
    late = answers(smsc, after_id=now["id"])  # a reader polling with after_id sees it
    assert [m["message"] for m in late] == ["Позже"]
    assert late[0]["id"] > now["id"]
    assert sandbox.account_state()["scheduled"] == []


def test_an_sms_only_lands_on_a_number_the_account_rents(
    sandbox: SandboxHandle, http: httpx.Client
) -> None:
    url = f"{sandbox.url}/sandbox/incoming"
    stranger = http.post(url, json={"phone": "79001112233", "text": "x", "to_phone": "79990000000"})
    assert stranger.status_code == 404
    assert "does not rent" in stranger.json()["error"]
    poor = http.post(url, json={"phone": "79001112233", "text": "x", "login": "poor"})
    assert poor.status_code == 404  # rents nothing
    negative = http.post(url, json={"phone": "79001112233", "text": "x", "delay": -1})
    assert negative.status_code == 400
    first = http.post(url, json={"phone": "79001112233", "text": "x"}).json()
    assert first["to_phone"] == MINE  # the first rented number when none is named


def test_the_trickle_lands_the_same_sms_on_the_demo_numbers() -> None:
    def trickled(state: SandboxState, seconds: float) -> list[tuple[str, str, str]]:
        seeded = len(state.accounts["demo"].inbox)
        state.clock.advance(seconds)
        state.deliver_due()
        return [(m.phone, m.to_phone, m.message) for m in state.accounts["demo"].inbox[seeded:]]

    one = SandboxState(SandboxConfig(trickle_seconds=45))
    two = SandboxState(SandboxConfig(trickle_seconds=45))
    first = trickled(one, 45 * 3 + 10)
    assert first == trickled(two, 45 * 3 + 10)  # deterministic
    assert len(first) == 3
    assert {to for _, to, _ in first} == {"79165550101", "79265550102"}
    assert all(text in TRICKLE_TEXTS for _, _, text in first)
    kz = one.accounts["kz_demo"].inbox
    assert kz[-1].to_phone == "77015550201"  # every account with seeded data gets its own
    assert one.accounts["poor"].inbox == []

    # A jump of a day lands a few, not two thousand.
    assert len(trickled(one, 86_400)) == TRICKLE_CATCH_UP

    quiet = SandboxState(SandboxConfig())
    assert trickled(quiet, 3600) == []  # off unless asked for


def test_trickle_times_are_their_due_times(sandbox: SandboxHandle, smsc: Smsc) -> None:
    sandbox.reset(trickle_seconds=60)
    before = answers(smsc)[-1]["id"]
    sandbox.advance_clock(125)
    landed = answers(smsc, after_id=before)
    assert len(landed) == 2
    assert landed[0]["received"] != landed[1]["received"]  # a minute apart, not "now" twice
