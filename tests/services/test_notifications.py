"""The notification hub's policy (switched off, in view, repeated) and what the active
account's services make of it (``SessionNotifications``)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import BadParametersError, Balance, IncomingMessage
from smsc_desktop.services.downloads import DownloadItem, DownloadState, Problem, ProblemKind
from smsc_desktop.services.notification_sources import SessionNotifications
from smsc_desktop.services.notifications import Event, Focus, Kind, NotificationHub
from smsc_desktop.services.numbers import RenewalResult, RequestStatus
from smsc_desktop.services.settings import OPTIONS, Settings
from smsc_desktop.services.verification import Verification, VerificationState
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json")


def hub_with(settings: Settings) -> tuple[NotificationHub, list[Event], Clock]:
    clock = Clock()
    hub = NotificationHub(settings, clock=clock)
    shown: list[Event] = []
    hub.shown.connect(shown.append)
    return hub, shown, clock


def test_every_kind_has_a_switch_declared_once(settings: Settings) -> None:
    for kind in Kind:
        option = OPTIONS[kind.setting]
        assert option.type is bool
        assert option.default is True
        assert settings.get(kind.setting) is True
    assert sorted(k for k in OPTIONS if k.startswith("notifications/")) == sorted(
        k.setting for k in Kind
    )


def test_a_kind_switched_off_shows_nothing(settings: Settings) -> None:
    hub, shown, _ = hub_with(settings)
    settings.set(Kind.NEW_MESSAGE.setting, False)
    assert not hub.notify(Event(Kind.NEW_MESSAGE, "acc", subject="79165550101"))
    assert hub.notify(Event(Kind.DOWNLOAD_FINISHED, "acc", subject="a.csv"))
    assert [e.kind for e in shown] == [Kind.DOWNLOAD_FINISHED]


def test_nothing_is_shown_for_what_the_user_is_looking_at(settings: Settings) -> None:
    hub, shown, clock = hub_with(settings)
    sms = Event(Kind.NEW_MESSAGE, "acc", subject="79165550101")
    low = Event(Kind.LOW_BALANCE, "acc", amount=Decimal("10"), currency="RUR")
    other_account = Event(Kind.NEW_MESSAGE, "other", subject="79165550101")

    hub.set_focus(Focus(window_active=True, tab="numbers", account_id="acc"))
    assert not hub.notify(sms)  # the Numbers tab of this account is in view
    assert not hub.notify(low)  # the balance shows on every tab
    assert hub.notify(other_account)

    hub.set_focus(Focus(window_active=True, tab="exports", account_id="acc"))
    assert hub.notify(sms)  # another tab is in view
    assert not hub.notify(low)
    clock.now += 60
    hub.set_focus(Focus(window_active=False, tab="numbers", account_id="acc"))
    assert hub.notify(sms)  # the window is in the background
    assert hub.notify(low)
    assert [e.kind for e in shown] == [Kind.NEW_MESSAGE] * 3 + [Kind.LOW_BALANCE]


def test_the_same_event_at_once_shows_once(settings: Settings) -> None:
    hub, shown, clock = hub_with(settings)
    done = Event(Kind.DOWNLOAD_FINISHED, "acc", subject="a.csv")
    assert hub.notify(done)
    assert not hub.notify(done)
    assert hub.notify(Event(Kind.DOWNLOAD_FINISHED, "acc", subject="b.csv"))
    clock.now += 11
    assert hub.notify(done)
    assert len(shown) == 3


# --- from the account's services --------------------------------------------------------------


def events_of(sandbox: SandboxHandle, act: Any) -> list[Event]:
    async def main() -> list[Event]:
        session = sandbox_session(sandbox)
        hub = NotificationHub()
        shown: list[Event] = []
        hub.shown.connect(shown.append)
        source = SessionNotifications(hub, session)
        try:
            await act(session)
        finally:
            source.detach()
            await session.close()
        return shown

    return asyncio.run(main())


def test_what_the_services_report_becomes_events(sandbox: SandboxHandle) -> None:
    async def act(session: Any) -> None:
        now = datetime.now(UTC)
        confirmed = Verification("v1", "79161230001", VerificationState.CONFIRMED, now)
        confirmed.duration = 42.0
        session.verification.changed.emit(confirmed)
        session.verification.changed.emit(
            Verification("v2", "79161230002", VerificationState.WAITING, now)
        )
        session.verification.changed.emit(
            Verification("v3", "79161230003", VerificationState.EXPIRED, now)
        )
        done = DownloadItem(1, "job", "a.csv", Path("/tmp"), state=DownloadState.DONE)
        failed = DownloadItem(2, "job", "b.csv", Path("/tmp"), state=DownloadState.FAILED)
        failed.problem = Problem(ProblemKind.DISK_FULL)
        session.downloads.item_finished.emit(done)
        session.downloads.item_finished.emit(failed)
        session.low_balance_reached.emit(Balance(Decimal("12.50"), "RUR"))
        refused = BadParametersError(1, server_message="номер не ваш")
        session.numbers.renewal_finished.emit(
            RenewalResult("79165550101", True, RequestStatus.REFUSED, refused)
        )
        session.numbers.renewal_finished.emit(RenewalResult("79165550101", True, RequestStatus.OK))

    shown = events_of(sandbox, act)
    assert [(e.kind, e.subject) for e in shown] == [
        (Kind.VERIFICATION_CONFIRMED, "79161230001"),
        (Kind.VERIFICATION_EXPIRED, "79161230003"),
        (Kind.DOWNLOAD_FINISHED, "a.csv"),
        (Kind.DOWNLOAD_FAILED, "b.csv"),
        (Kind.LOW_BALANCE, ""),
        (Kind.RENEWAL_REFUSED, "79165550101"),
    ]
    assert shown[0].seconds == 42.0
    assert shown[3].detail == "disk_full"
    assert (shown[4].amount, shown[4].currency) == (Decimal("12.50"), "RUR")
    assert shown[5].detail == "номер не ваш"
    assert {e.account_id for e in shown} == {"sandbox-demo"}


def test_new_sms_after_the_first_read_are_one_event_per_number(sandbox: SandboxHandle) -> None:
    async def act(session: Any) -> None:
        await session.inbox.read_once()  # the first read: history, not news
        for to, text in (
            ("79165550101", "Раз"),
            ("79165550101", "Два"),
            ("79265550102", "Три"),
            ("79165550101", "[waitcall]"),
        ):
            await asyncio.to_thread(sandbox.add_incoming, "79001112233", text, to_phone=to)
        await session.inbox.read_once()
        await session.inbox.read_once()  # nothing new: nothing told twice

    shown = events_of(sandbox, act)
    assert [(e.kind, e.subject, e.count, e.detail) for e in shown] == [
        (Kind.NEW_MESSAGE, "79165550101", 2, "Два"),
        (Kind.NEW_MESSAGE, "79265550102", 1, "Три"),
    ]
    assert shown[0].sender == "79001112233"


def test_detached_sources_tell_nothing(sandbox: SandboxHandle) -> None:
    async def main() -> list[Event]:
        session = sandbox_session(sandbox)
        hub = NotificationHub()
        shown: list[Event] = []
        hub.shown.connect(shown.append)
        SessionNotifications(hub, session).detach()
        session.low_balance_reached.emit(Balance(Decimal("1"), "RUR"))
        message = IncomingMessage(1, "7900", "79165550101", "x", None, None)
        session.inbox.arrived.emit([message])
        await session.close()
        return shown

    assert asyncio.run(main()) == []


def test_what_the_overview_found_is_in_view_on_the_overview_tab_for_any_account(
    settings: Settings,
) -> None:
    hub, shown, clock = hub_with(settings)
    found = Event(Kind.RENEWALS_NOT_COVERED, "other", "Other", overview=True)
    hub.set_focus(Focus(window_active=True, tab="overview", account_id="mine"))
    assert not hub.notify(found)
    hub.set_focus(Focus(window_active=True, tab="numbers", account_id="mine"))
    assert hub.notify(found)
    clock.now += 60
    hub.set_focus(Focus(window_active=False, tab="overview", account_id="mine"))
    assert hub.notify(found)
    assert len(shown) == 2


def test_services_are_watched_from_when_they_are_made(sandbox: SandboxHandle) -> None:
    """SessionNotifications makes none of the session's services (at startup that would
    import them all before the window is ready); one made before it, or after, is watched."""

    async def main() -> tuple[list[str], list[Event]]:
        session = sandbox_session(sandbox)
        early = session.verification  # made before the source
        hub = NotificationHub()
        shown: list[Event] = []
        hub.shown.connect(shown.append)
        source = SessionNotifications(hub, session)
        made = [n for n in session.SERVICES if session.made_service(n) is not None]
        now = datetime.now(UTC)
        early.changed.emit(Verification("v1", "79161230001", VerificationState.EXPIRED, now))
        result = RenewalResult("79161230004", True, RequestStatus.REFUSED)
        session.numbers.renewal_finished.emit(result)  # made after the source
        source.detach()
        await session.close()
        return made, shown

    made, shown = asyncio.run(main())
    assert "numbers" not in made
    assert "downloads" not in made
    assert [e.kind for e in shown] == [Kind.VERIFICATION_EXPIRED, Kind.RENEWAL_REFUSED]
