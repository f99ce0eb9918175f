"""The call tester (request form, cards, history), driven like a user would through the
Verification tab against the sandbox (``tests/helpers/verification_tab.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from smsc_desktop.services.verification import (
    LIMIT_PER_MINUTE,
    Verification,
    VerificationState,
)
from smsc_desktop.ui import theme
from smsc_desktop.ui.models.verification_history import Column, Role, VerificationHistoryModel
from smsc_desktop.ui.theme import Tone
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.verification_tab import OTHER, PHONE, RU_POOL, Harness, open_ui


@pytest.fixture
def ui(qtbot: QtBot, qloop: Any, sandbox: SandboxHandle) -> Iterator[Harness]:
    yield from open_ui(qtbot, qloop, sandbox)


def test_a_wrong_number_gets_an_inline_message_and_no_request(ui: Harness) -> None:
    ui.request("916 123")
    assert ui.panel.form.phone_message.isVisible()
    assert "country code" in ui.panel.form.phone_message.text()
    ui.request("9161234567")  # a Russian mobile without the 7
    assert "add 7 in front" in ui.panel.form.phone_message.text()
    ui.request("79l61234567")
    assert "only digits" in ui.panel.form.phone_message.text()
    assert ui.panel.cards_area.cards == {}
    assert ui.sandbox.state()["requests"].get("wait_call", 0) == 0
    # While typing, a good number says how it will be sent.
    ui.panel.form.phone_edit.setText("8 (916) 123-00-01")
    assert ui.panel.form.phone_message.text().startswith("Will be sent as 79161230001")
    assert "8 became the country code 7" in ui.panel.form.phone_message.text()


def test_request_shows_the_number_to_call_large_and_copyable(ui: Harness) -> None:
    ui.request("+7 916 123-00-01")
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    item = card.verification
    assert item.call_to in RU_POOL
    assert card.number.text() == "+7 499 380-10-0" + item.call_to[-1]
    assert card.number.font().pointSizeF() > ui.panel.font().pointSizeF() * 1.5
    assert card.number.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    others = sorted(RU_POOL - {item.call_to})
    for other in others:
        assert f"+7 499 380-10-0{other[-1]}" in card.details.text()
    ui.qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "+" + item.call_to
    assert card.countdown.text() == "15:00"
    assert ui.panel.history.model.rowCount() == 1
    assert ui.model_text(0, Column.CALLED) == card.number.text()
    assert "Waiting · 15:00 left" in ui.model_text(0, Column.OUTCOME)
    assert ui.panel.cards_area.empty_state.isHidden()
    assert "Watching incoming messages" in ui.panel.status_label.text()
    assert ui.sandbox.state()["requests"]["wait_call"] == 1


def test_card_and_history_count_down_together(ui: Harness) -> None:
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    ui.clock.advance(0.6)  # between two ticks: both still show the moment of the last one
    assert card.countdown.text() == "15:00"
    assert "Waiting · 15:00 left" in ui.model_text(0, Column.OUTCOME)
    ui.panel._on_tick()
    assert card.countdown.text() == "15:00"  # 14:59.4 left: a countdown rounds up
    assert "Waiting · 15:00 left" in ui.model_text(0, Column.OUTCOME)
    ui.clock.advance(0.5)
    ui.panel._on_tick()
    assert card.countdown.text() == "14:59"
    assert "Waiting · 14:59 left" in ui.model_text(0, Column.OUTCOME)


def test_countdown_follows_the_clock(ui: Harness) -> None:
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    ui.clock.advance(65)
    ui.qtbot.waitUntil(lambda: card.countdown.text() == "13:55", timeout=3000)
    assert "13:55 left" in ui.model_text(0, Column.OUTCOME)
    ui.clock.advance(13 * 60 + 5)
    ui.qtbot.waitUntil(lambda: card.countdown.text() == "0:50", timeout=3000)
    assert theme.tone_of(card.countdown) is Tone.BAD


def test_simulated_call_confirms_with_the_time_it_took(ui: Harness) -> None:
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    assert card.simulate.isVisible()
    ui.clock.advance(42)
    ui.sandbox.advance_clock(42)
    ui.qtbot.mouseClick(card.simulate, Qt.MouseButton.LeftButton)
    card = ui.wait_card(PHONE, VerificationState.CONFIRMED)
    duration = card.verification.duration
    assert duration is not None
    assert 40 <= duration <= 42
    assert card.countdown.text() == f"✔ 0:{round(duration):02d}"
    assert card.badge.text() == "Confirmed"
    assert not card.simulate.isVisible()
    assert ui.model_text(0, Column.OUTCOME) == "Confirmed"
    assert ui.model_text(0, Column.DURATION) == f"0:{round(duration):02d}"


def test_no_call_expires_after_15_minutes(ui: Harness) -> None:
    ui.request(PHONE)
    ui.wait_card(PHONE, VerificationState.WAITING)
    ui.clock.advance(15 * 60 + 1)
    card = ui.wait_card(PHONE, VerificationState.EXPIRED)
    assert card.badge.text() == "Expired"
    assert "did not call within 15 minutes" in card.title.text()
    assert ui.model_text(0, Column.OUTCOME) == "Expired: no call within 15 minutes"
    ui.qtbot.waitUntil(lambda: "Not checking" in ui.panel.status_label.text())


@pytest.mark.parametrize(
    ("fault", "text"),
    [
        ({"error_code": 2}, "Wrong login or password"),
        ({"error_code": 1, "error_message": "invalid phone"}, "invalid phone"),
        ({"http_500": True}, "unexpected"),
        ({"error_code": 9}, "too many"),
    ],
)
def test_server_errors_fail_with_the_reason(ui: Harness, fault: dict[str, Any], text: str) -> None:
    ui.sandbox.set_fault("wait_call", count=1, **fault)
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.FAILED)
    assert card.badge.text() == "Failed"
    assert text.lower() in card.details.text().lower()
    assert card.number_row.isHidden()
    model = ui.panel.history.model
    tooltip = model.data(model.index(0, Column.OUTCOME), Qt.ItemDataRole.ToolTipRole)
    assert text.lower() in tooltip.lower()
    assert "Not checking" in ui.panel.status_label.text()
    # The card can be dismissed; the history keeps the row.
    ui.qtbot.mouseClick(card.dismiss, Qt.MouseButton.LeftButton)
    assert ui.panel.cards_area.cards == {}
    assert model.rowCount() == 1


def test_inbox_errors_are_shown_and_waiting_goes_on(ui: Harness) -> None:
    ui.request(PHONE)
    ui.wait_card(PHONE, VerificationState.WAITING)
    ui.sandbox.set_fault("get", http_500=True)
    ui.qtbot.waitUntil(lambda: "could not be read" in ui.panel.status_label.text(), timeout=5000)
    assert ui.card(PHONE).verification.state is VerificationState.WAITING
    ui.sandbox.clear_faults()
    ui.sandbox.simulate_call(PHONE)
    assert ui.tab.service is not None
    ui.tab.service.poll_now()
    ui.wait_card(PHONE, VerificationState.CONFIRMED)
    assert "could not be read" not in ui.panel.status_label.text()


def test_two_verifications_at_once(ui: Harness) -> None:
    ui.request(PHONE)
    ui.wait_card(PHONE, VerificationState.WAITING)
    ui.request(OTHER)
    second = ui.wait_card(OTHER, VerificationState.WAITING)
    first = ui.card(PHONE)
    assert first.verification.call_to != second.verification.call_to
    ui.qtbot.mouseClick(second.simulate, Qt.MouseButton.LeftButton)
    ui.wait_card(OTHER, VerificationState.CONFIRMED)
    assert first.verification.state is VerificationState.WAITING
    assert ui.tab.service is not None
    assert ui.tab.service.is_polling
    assert ui.panel.history.model.rowCount() == 2
    assert ui.model_text(0, Column.OUTCOME) == "Confirmed"  # newest first
    assert ui.model_text(1, Column.OUTCOME).startswith("Waiting")


def test_polling_stops_when_nothing_is_pending(ui: Harness) -> None:
    service = ui.tab.service
    assert service is not None
    assert not service.is_polling
    assert "Not checking" in ui.panel.status_label.text()
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    assert service.is_polling
    ui.qtbot.mouseClick(card.simulate, Qt.MouseButton.LeftButton)
    ui.wait_card(PHONE, VerificationState.CONFIRMED)
    ui.qtbot.waitUntil(lambda: not service.is_polling)
    assert "Not checking" in ui.panel.status_label.text()
    assert not ui.panel.timer.isActive()  # nothing ticks either
    reads = ui.sandbox.state()["requests"]["get"]
    # Wait for the next second's tick to prove nothing reads the inbox any more: force the
    # tick handler and the service's wake-up directly instead.
    ui.panel._on_tick()
    service.poll_now()
    service.tick()
    ui.qtbot.waitUntil(lambda: not service.is_polling)
    assert ui.sandbox.state()["requests"]["get"] == reads


def test_the_limit_of_50_a_minute_is_shown(ui: Harness) -> None:
    service = ui.tab.service
    assert service is not None
    for _ in range(LIMIT_PER_MINUTE):
        run(ui.loop, ui.qtbot, service.request(PHONE))
    ui.panel.form.phone_edit.setText(PHONE)
    assert "next request is possible in" in ui.panel.form.limit_label.text()
    assert not ui.panel.form.request_button.isEnabled()
    ui.qtbot.mouseClick(ui.panel.form.request_button, Qt.MouseButton.LeftButton)
    assert ui.sandbox.state()["requests"]["wait_call"] == LIMIT_PER_MINUTE
    ui.panel.form.phone_edit.setText(OTHER)
    assert ui.panel.form.request_button.isEnabled()
    assert "50 requests a minute" in ui.panel.form.limit_label.text()
    ui.request(OTHER)
    ui.wait_card(OTHER, VerificationState.WAITING)
    assert "Used for this number in the last minute: 1" in ui.panel.form.limit_label.text()


def test_history_model(qtmodeltester: Any, ui: Harness) -> None:
    ui.request(PHONE)
    ui.wait_card(PHONE, VerificationState.WAITING)
    ui.sandbox.set_fault("wait_call", count=1, error_code=2)
    ui.request(OTHER)
    ui.wait_card(OTHER, VerificationState.FAILED)
    model: VerificationHistoryModel = ui.panel.history.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.columnCount() == 5
    item = model.data(model.index(0, 0), Role.VERIFICATION)
    assert isinstance(item, Verification)
    assert model.data(model.index(0, 0), Role.STATE) == "failed"
    assert model.headerData(Column.DURATION, Qt.Orientation.Horizontal) == "Time to call"
    assert isinstance(model.data(model.index(0, Column.REQUESTED), Role.SORT), float)


def test_rate_limit_errors_are_described(qapp: Any) -> None:
    from smsc_desktop.api import RateLimitedError
    from smsc_desktop.ui.texts.errors import describe_error

    assert describe_error(RateLimitedError(11.2, limit=50)).endswith("Try again in 12 s.")


def test_clearing_the_history_asks_first(ui: Harness) -> None:
    from PySide6.QtWidgets import QMessageBox

    ui.sandbox.set_fault("wait_call", count=1, error_code=2)
    ui.request(PHONE)
    ui.wait_card(PHONE, VerificationState.FAILED)
    ui.request(OTHER)
    ui.wait_card(OTHER, VerificationState.WAITING)
    assert ui.panel.history.clear_button.isEnabled()
    for button, rows in (
        (QMessageBox.StandardButton.Cancel, 2),
        (QMessageBox.StandardButton.Yes, 1),
    ):
        task = ui.loop.create_task(ui.panel.history.clear_finished())
        ui.qtbot.waitUntil(lambda: ui.panel.history._confirm_box is not None)
        box = ui.panel.history._confirm_box
        assert "1 finished verification" in box.text()
        box.button(button).click()
        ui.qtbot.waitUntil(task.done)
        assert task.result() is (button == QMessageBox.StandardButton.Yes)
        assert ui.panel.history.model.rowCount() == rows
    assert ui.panel.history.model.verification(0).phone == OTHER  # the waiting one stays


def test_a_waiting_verification_can_be_cancelled(ui: Harness) -> None:
    service = ui.tab.service
    assert service is not None
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    assert card.cancel.isVisible()
    assert service.is_polling
    ui.qtbot.mouseClick(card.cancel, Qt.MouseButton.LeftButton)
    assert card.verification.state is VerificationState.CANCELLED
    assert not card.cancel.isVisible()
    assert card.dismiss.isVisible()
    assert ui.model_text(0, Column.OUTCOME) == "Cancelled"
    ui.qtbot.waitUntil(lambda: not service.is_polling)
    assert "Not checking" in ui.panel.status_label.text()
    assert ui.panel.history.clear_button.isEnabled()
    assert not service.cancel(card.verification)  # only a waiting one
    assert ui.sandbox.state()["requests"]["wait_call"] == 1  # nothing sent to SMSC
