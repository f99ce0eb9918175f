""" "Test this number" and, on the sandbox, "Simulate an incoming SMS", from My numbers and
from the inbox, against the sandbox over real HTTP."""

from __future__ import annotations

from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from smsc_desktop.services.numbers.probes import ProbeState
from smsc_desktop.ui.dialogs.number_test import NumberTestDialog
from smsc_desktop.ui.dialogs.simulate_sms import SimulateSmsDialog
from tests.helpers.numbers import TabHarness
from tests.ui.panels.numbers.test_inbox import MINE, OTHER, service_of, with_numbers

pytestmark = pytest.mark.usefixtures("qloop")


def open_test(h: TabHarness, phone: str) -> NumberTestDialog:
    h.tab.mine.select(phone)
    assert h.tab.mine.test_button.isVisible()
    h.click(h.tab.mine.test_button)
    dialog: NumberTestDialog = h.modal(NumberTestDialog)
    h.wait(lambda: dialog.probe is not None and dialog.probe.state is ProbeState.WAITING)
    return dialog


def test_test_this_number_waits_for_an_sms_and_says_how_long(open_tab: Any, sandbox: Any) -> None:
    h = open_tab()
    with_numbers(h)
    dialog = open_test(h, MINE)
    assert dialog.number.text() == "+7 916 555-01-01"
    assert dialog.accessibleName() == "Test +7 916 555-01-01"
    assert "Send any SMS to this number now" in dialog.instruction.text()
    assert dialog.countdown.text() in ("10:00", "9:59")
    assert dialog.progress.isVisible()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "+79165550101"
    assert dialog.simulate_button.isVisible()  # the demo account is on the sandbox

    sandbox.add_incoming("+79001112233", "Проверка: пришло?", to_phone=OTHER)  # another number
    sandbox.add_incoming("+79001112233", "Проверка: пришло!", to_phone=MINE)
    service_of(h).probes.poll_now()
    h.wait(lambda: dialog.probe is not None and dialog.probe.state is ProbeState.RECEIVED)
    assert dialog.countdown.text().startswith("✔ 0:0")
    assert dialog.state_label.text().startswith("The SMS arrived after 0:0")
    assert dialog.message_label.text() == "From +7 900 111-22-33: Проверка: пришло!"
    assert dialog.again_button.isVisible()
    assert not dialog.progress.isVisible()

    dialog.again_button.click()  # a second test starts anew: the first SMS is old now
    h.wait(lambda: dialog.probe is not None and dialog.probe.state is ProbeState.WAITING)
    probe = dialog.probe
    dialog.close()
    assert probe is not None
    assert probe.state is ProbeState.CANCELLED
    h.wait(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


def test_simulate_from_the_test_window(open_tab: Any, sandbox: Any) -> None:
    h = open_tab()
    with_numbers(h)
    dialog = open_test(h, OTHER)
    h.click(dialog.simulate_button)
    h.wait(lambda: dialog.probe is not None and dialog.probe.state is ProbeState.RECEIVED)
    assert "Hello! This is a test SMS." in dialog.message_label.text()
    inbox = sandbox.account_state()["inbox"]
    assert (inbox[-1]["to_phone"], inbox[-1]["message"]) == (OTHER, "Hello! This is a test SMS.")
    h.wait(lambda: h.tab.inbox.model.total == 5)  # the inbox shows it too


def test_simulate_an_incoming_sms_from_the_inbox(open_tab: Any, sandbox: Any) -> None:
    h = open_tab()
    with_numbers(h)
    pane = h.tab.inbox
    assert pane.simulate_button.isVisible()
    pane.show_number(OTHER)
    h.click(pane.simulate_button)
    dialog: SimulateSmsDialog = h.modal(SimulateSmsDialog)
    assert dialog.number.currentData() == OTHER
    dialog.sender_edit.setText("abc")
    assert not dialog.ok_button.isEnabled()
    dialog.sender_edit.setText("+7 903 555-00-11")
    dialog.text_edit.setPlainText("Здравствуйте, это клиент")
    h.click(dialog.ok_button)
    h.wait(lambda: pane.model.total == 5)
    assert pane.model.message_at(0) is not None
    assert pane.model.message_at(0).text == "Здравствуйте, это клиент"  # type: ignore[union-attr]
    assert "The sandbox delivered an SMS to +7 926 555-01-02" in h.message()

    h.click(pane.simulate_button)
    dialog = h.modal(SimulateSmsDialog)
    dialog.delay.setValue(60)
    h.click(dialog.ok_button)
    h.wait_message("in 60 s")
    assert sandbox.account_state()["scheduled"][0]["to_phone"] == OTHER


def test_no_simulation_for_a_real_server(open_tab: Any) -> None:
    h = open_tab()
    with_numbers(h)
    h.tab.sms_flow.set_service(service_of(h), None)
    h.tab.inbox.set_sandbox(False)
    assert not h.tab.inbox.simulate_button.isVisible()
    dialog = open_test(h, MINE)
    assert not dialog.simulate_button.isVisible()


def test_a_test_window_closes_with_its_account(open_tab: Any) -> None:
    h = open_tab()
    with_numbers(h)
    dialog = open_test(h, MINE)
    probe = dialog.probe
    h.tab.ctx.sessionChanged.emit(None)
    h.wait(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert probe is not None
    assert probe.state is ProbeState.CANCELLED
    assert h.tab.sms_flow.tests == {}
