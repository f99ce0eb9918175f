"""The sandbox in a long session keeps a bounded state (issue #21 item 8: the built-in
sandbox lives in the app's process in demo mode, so what it keeps is the app's memory)."""

from __future__ import annotations

from smsc_desktop.sandbox import protocol as p
from smsc_desktop.sandbox.config import DEMO_LOGIN
from smsc_desktop.sandbox.limits import RequestLimiter
from smsc_desktop.sandbox.state import SandboxState

KEPT = 1000  # state.KEPT


def test_the_limiter_forgets_requests_that_left_the_window() -> None:
    limiter = RequestLimiter()
    for second in range(10_000):  # a new phone number verified every second
        assert limiter.allow(("get", f"7916{second:07d}"), 10, float(second))
    assert len(limiter) <= 60 + 256 + 1  # the window's keys and those since the last sweep
    # the window still holds: the last minute's keys are counted
    recent = ("get", f"7916{9_999:07d}")
    for _ in range(9):
        assert limiter.allow(recent, 10, 9_999.5)
    assert not limiter.allow(recent, 10, 9_999.5)


def test_verifications_are_kept_up_to_a_bound_and_the_newest_still_answer() -> None:
    state = SandboxState()
    account = state.accounts[DEMO_LOGIN]
    for n in range(KEPT + 500):
        params = p.Params({"phone": f"7916{n:07d}"}, "utf-8", "utf-8", 3)
        state.wait_call(account, params)
    assert len(state.verifications) == KEPT
    newest = f"7916{KEPT + 499:07d}"
    assert state.simulate_call(newest)["phone"] == newest


def test_an_inbox_keeps_up_to_a_bound_and_a_poller_still_reads_the_new_ones() -> None:
    """A demo left open lands a call every few seconds: the inbox drops its oldest messages
    past the bound (the seeded ones count on top of it), and a poller's ``after_id`` read
    still gets exactly the messages after it."""
    from smsc_desktop.sandbox import incoming

    state = SandboxState()
    account = state.accounts[DEMO_LOGIN]
    cap = incoming.MAX_INBOX + state.config.inbox_messages
    for n in range(cap + incoming.INBOX_SLACK + 10):
        last = state.add_message(account, f"7916{n % 1000:07d}", "79001234567", f"call {n}")
    assert len(account.inbox) <= cap + incoming.INBOX_SLACK
    assert account.inbox[-1] is last
    ids = [m.id for m in account.inbox]
    assert ids == sorted(ids)
    params = p.Params({"after_id": str(last.id - 3)}, "utf-8", "utf-8", 3)
    assert [m.id for m in state.answers(account, params)] == [last.id - 2, last.id - 1, last.id]
