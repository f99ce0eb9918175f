"""The inbox model's times are the computer's local time, whatever zone SMSC writes in."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest

from smsc_desktop.api import IncomingMessage
from smsc_desktop.ui.models.inbox import InboxModel, full_time, local_time, one_line

MSK = timezone(timedelta(hours=3))


@pytest.fixture
def novosibirsk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Novosibirsk")  # UTC+7, no daylight saving
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("novosibirsk")
def test_times_are_shown_in_the_local_zone() -> None:
    received = datetime(2024, 6, 12, 14, 3, 11, tzinfo=MSK)  # SMSC writes Moscow time
    assert full_time(received) == "12.06.2024 18:03:11 (UTC+07:00)"
    assert local_time(received, today=date(2024, 6, 12)) == "18:03"
    assert local_time(received, today=date(2024, 6, 13)) == "12.06 18:03"
    assert local_time(received, today=date(2025, 1, 2)) == "12.06.2024 18:03"
    late = datetime(2024, 6, 12, 22, 30, tzinfo=MSK)  # already the 13th in Novosibirsk
    assert local_time(late, today=date(2024, 6, 13)) == "02:30"
    assert local_time(None) == "—"


def test_a_text_of_several_lines_shows_on_one(qapp: object) -> None:
    assert one_line("Раз\nДва\r\n\nТри ") == "Раз ↵ Два ↵ Три"
    model = InboxModel()
    when = datetime(2024, 6, 12, 14, 3, tzinfo=MSK)
    model.set_messages(
        [IncomingMessage(i, "7900", "79165550101", f"№{i}", when, when) for i in range(1, 4)]
    )
    assert [m.id for m in model.shown_messages()] == [3, 2, 1]
    assert model.add_messages([IncomingMessage(2, "7900", "79165550101", "№2", when, when)]) == 0
    assert model.add_messages([IncomingMessage(5, "7900", "79165550101", "№5", when, when)]) == 1
    assert model.add_messages([IncomingMessage(4, "7900", "79165550101", "№4", when, when)]) == 1
    assert [m.id for m in model.shown_messages()] == [5, 4, 3, 2, 1]
    assert model.unseen == 2
