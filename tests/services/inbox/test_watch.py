"""The account's one inbox poller: what it asks SMSC, how often, for whom, and that nothing
is missed or shown twice.

Pacing is checked on a fake client and a fake time (the watch's ``monotonic`` and ``wait``),
so no test waits for real seconds; what goes over the wire is checked against the sandbox.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from smsc_desktop.api import ConnectFailedError, IncomingMessage
from smsc_desktop.services.inbox import InboxWatch
from smsc_desktop.services.inbox import watch as watch_module
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session

HOUR = 3600.0


@dataclass
class Call:
    at: float
    after_id: int | None
    hours: int | None
    limit: int | None


@dataclass
class FakeInbox:
    """Stands in for SmscClient.incoming_messages: an inbox, and the calls made to it."""

    time: FakeTime
    messages: list[IncomingMessage] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    fail: int = 0

    def add(self, text: str = "Привет", *, age: float = 0.0, to: str = "79165550101") -> None:
        received = datetime(2024, 6, 12, tzinfo=UTC) + timedelta(seconds=self.time.now - age)
        new_id = 90200 + len(self.messages) + 1
        self.messages.append(IncomingMessage(new_id, "79001112233", to, text, received, received))

    async def incoming_messages(
        self,
        after_id: int | None = None,
        hours: int | None = None,
        to_phone: str | None = None,
        limit: int | None = None,
    ) -> list[IncomingMessage]:
        self.calls.append(Call(self.time.now, after_id, hours, limit))
        await asyncio.sleep(0)
        if self.fail:
            self.fail -= 1
            raise ConnectFailedError("down")
        horizon = datetime(2024, 6, 12, tzinfo=UTC) + timedelta(
            seconds=self.time.now - (hours or 168) * HOUR
        )
        found = [
            m
            for m in self.messages
            if m.id > (after_id or 0) and m.received is not None and m.received >= horizon
        ]
        return found[: limit or 10_000]


class FakeTime:
    """The watch's monotonic clock and its wait: a wait moves the time on at once."""

    def __init__(self) -> None:
        self.now = 10_000.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def wait(self, event: asyncio.Event, seconds: float) -> None:
        self.waits.append(round(seconds, 3))
        self.now += seconds
        await asyncio.sleep(0)


def run_fake(body: Callable[[InboxWatch, FakeInbox, FakeTime], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        time = FakeTime()
        inbox = FakeInbox(time)
        watch = InboxWatch(
            inbox,  # type: ignore[arg-type]
            lookback_hours=24,
            monotonic=time.monotonic,
            wait=time.wait,
        )
        try:
            return await body(watch, inbox, time)
        finally:
            await watch.aclose()

    return asyncio.run(main())


async def until(condition: Callable[[], bool], limit: int = 10_000) -> None:
    for _ in range(limit):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the condition did not come true")


# --- one poller for every subscriber ---------------------------------------------------------


def test_two_subscribers_share_the_reads_at_the_shorter_interval() -> None:
    async def body(watch: InboxWatch, inbox: FakeInbox, time: FakeTime) -> None:
        numbers_tab = {"shown": True}
        verification = {"waiting": False}
        slow = watch.subscribe("numbers", 15, lambda: numbers_tab["shown"])
        fast = watch.subscribe("verification", 5, lambda: verification["waiting"])
        slow.ensure_running()
        await until(lambda: len(inbox.calls) >= 4)
        alone = [b.at - a.at for a, b in zip(inbox.calls, inbox.calls[1:], strict=False)]
        assert alone[:3] == [15, 15, 15]
        assert slow.is_polling
        assert not fast.is_polling

        verification["waiting"] = True
        fast.ensure_running()
        start = len(inbox.calls)
        await until(lambda: len(inbox.calls) >= start + 6)
        both = inbox.calls[start : start + 6]
        gaps = [b.at - a.at for a, b in itertools.pairwise(both)]
        assert gaps == [5] * 5  # one read per 5 s for both, never a read each
        assert fast.is_polling
        assert slow.is_polling
        assert watch.interval == 5

        verification["waiting"] = False
        fast.ensure_running()
        start = len(inbox.calls)
        await until(lambda: len(inbox.calls) >= start + 3)
        back = inbox.calls[start - 1 : start + 3]
        assert [b.at - a.at for a, b in itertools.pairwise(back)][1:] == [15, 15]
        assert not fast.is_polling

        numbers_tab["shown"] = False
        slow.ensure_running()
        await until(lambda: watch.task is None)
        calls = len(inbox.calls)
        for _ in range(50):
            await asyncio.sleep(0)
        assert len(inbox.calls) == calls  # paused: nobody wants the inbox
        assert not slow.is_polling

    run_fake(body)


def test_polling_changes_are_told_to_each_subscriber() -> None:
    async def body(watch: InboxWatch, inbox: FakeInbox, time: FakeTime) -> None:
        wants = {"a": False}
        sub = watch.subscribe("a", 5, lambda: wants["a"])
        seen: list[bool] = []
        sub.polling_changed.connect(seen.append)
        sub.ensure_running()
        assert seen == []
        assert watch.task is None
        wants["a"] = True
        sub.ensure_running()
        await until(lambda: len(inbox.calls) >= 2)
        wants["a"] = False
        await until(lambda: watch.task is None)
        assert seen == [True, False]

    run_fake(body)


# --- what is read -----------------------------------------------------------------------------


def test_first_read_looks_back_then_only_after_the_last_id() -> None:
    async def body(watch: InboxWatch, inbox: FakeInbox, time: FakeTime) -> None:
        inbox.add("вчера", age=30 * HOUR)  # older than the lookback
        inbox.add("утром", age=5 * HOUR)
        loaded: list[bool] = []
        arrived: list[list[IncomingMessage]] = []
        watch.loaded.connect(lambda: loaded.append(True))
        watch.arrived.connect(arrived.append)
        assert await watch.read_once()
        assert [m.text for m in watch.messages.all()] == ["утром"]
        assert (inbox.calls[0].after_id, inbox.calls[0].hours) == (None, 24)
        assert inbox.calls[0].limit == 10_000
        assert loaded == [True]
        assert arrived == []

        inbox.add("сейчас")
        time.now += 20
        assert await watch.read_once()
        assert await watch.read_once()
        second, third = inbox.calls[1:]
        assert second.after_id == third.after_id - 1 == inbox.messages[1].id
        assert [[m.text for m in batch] for batch in arrived] == [["сейчас"]]  # once
        assert loaded == [True]
        assert [m.text for m in watch.messages.all()] == ["утром", "сейчас"]

    run_fake(body)


def test_an_empty_first_read_does_not_let_old_messages_in_later() -> None:
    async def body(watch: InboxWatch, inbox: FakeInbox, time: FakeTime) -> None:
        inbox.add("давно", age=30 * HOUR)
        assert await watch.read_once()
        assert watch.last_id == 0
        time.now += 60
        assert await watch.read_once()
        assert inbox.calls[1].after_id == 0
        assert inbox.calls[1].hours == 24  # still only the lookback: the old one stays out
        assert watch.messages.all() == []

    run_fake(body)


def test_a_long_pause_reads_back_to_the_last_read() -> None:
    async def body(watch: InboxWatch, inbox: FakeInbox, time: FakeTime) -> None:
        assert await watch.read_once()
        time.now += 30 * HOUR  # nobody wanted the inbox for 30 hours
        inbox.add("ночью", age=29 * HOUR)
        assert await watch.read_once()
        assert inbox.calls[1].hours == 31
        assert [m.text for m in watch.messages.all()] == ["ночью"]  # not missed
        time.now += 400 * HOUR
        assert await watch.read_once()
        assert inbox.calls[2].hours == 168  # SMSC's most

    run_fake(body)


def test_a_full_page_is_followed_by_another_read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_module, "PAGE", 3)

    async def body(watch: InboxWatch, inbox: FakeInbox, time: FakeTime) -> None:
        for index in range(7):
            inbox.add(f"№{index}")
        sub = watch.subscribe("numbers", 15, lambda: True)
        sub.ensure_running()
        await until(lambda: len(watch.messages) == 7 and len(inbox.calls) >= 4)
        first, second, third, fourth = inbox.calls[:4]
        assert first.at == second.at == third.at  # full pages: the next read at once
        assert fourth.at - third.at == 15  # then the usual pace
        assert [c.limit for c in (first, second, third)] == [3, 3, 3]
        assert second.after_id is not None
        assert third.after_id is not None
        assert second.after_id < third.after_id

    run_fake(body)


def test_errors_back_off_and_are_told(monkeypatch: pytest.MonkeyPatch) -> None:
    async def body(watch: InboxWatch, inbox: FakeInbox, time: FakeTime) -> None:
        inbox.fail = 2
        sub = watch.subscribe("verification", 5, lambda: True)
        statuses: list[Any] = []
        sub.poll_status.connect(statuses.append)
        sub.ensure_running()
        await until(lambda: len(inbox.calls) >= 4)
        gaps = [b.at - a.at for a, b in zip(inbox.calls, inbox.calls[1:], strict=False)]
        assert gaps[:3] == [5, 10, 5]  # after two failures the wait doubled, then back to 5
        assert any(s.error is not None and s.consecutive_errors == 2 for s in statuses)
        assert sub.status().error is None

    run_fake(body)


# --- over the wire ----------------------------------------------------------------------------


def test_reads_against_the_sandbox_ask_what_smsc_documents(sandbox: SandboxHandle) -> None:
    async def main() -> tuple[list[str], list[dict[str, Any]], list[str]]:
        session = sandbox_session(sandbox)
        watch = session.inbox
        try:
            await watch.read_once()
            first = [m.text for m in watch.messages.all()]
            await asyncio.to_thread(
                sandbox.add_incoming, "+79001112233", "Новое: заказ №7", to_phone="79265550102"
            )
            arrived: list[str] = []
            watch.arrived.connect(lambda batch: arrived.extend(m.text for m in batch))
            await watch.read_once()
            await watch.read_once()
            log = [e for e in sandbox.state()["log"] if e["command"] == "get_answers"]
            return first, log, arrived
        finally:
            await session.close()

    first, log, arrived = asyncio.run(main())
    # The demo's seeded SMS of the last 24 hours (two are older), Cyrillic and Kazakh intact.
    assert first == [
        "Когда будет доставка?",
        "Код из SMS: 5821; спасибо",
        "Сәлеметсіз бе! Тапсырыс қашан келеді?",
        "Ок, жду курьера",
    ]
    assert arrived == ["Новое: заказ №7"]
    params = [entry["params"] for entry in log]
    assert (params[0].get("hour"), params[0].get("cnt"), params[0].get("after_id")) == (
        "24",
        "10000",
        None,
    )
    assert int(params[2]["after_id"]) > int(params[1]["after_id"]) > 0  # only what is new
    assert params[1]["hour"] == params[2]["hour"] == "24"
