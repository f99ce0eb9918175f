"""The three main flows with the keyboard only (keys go where the focus is): rent a number,
verify a phone, download a job's file. Escape closes a dialog; the focus never goes nowhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.services.verification import VerificationState
from smsc_desktop.ui.dialogs.rent import RentDialog
from smsc_desktop.ui.formatting import format_phone
from tests.helpers.exports_tab import WAIT, Harness, harness
from tests.helpers.keyboard import Keyboard
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.verification_tab import PHONE, open_ui
from tests.helpers.verification_tab import Harness as VerificationHarness

__all__ = ["harness"]

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.usefixtures("qloop")
def test_rent_a_number_with_the_keyboard(open_tab: Any) -> None:
    h = open_tab()
    tab = h.tab
    keys = Keyboard(h.qtbot, tab)
    wanted = tab.free.model.number_at(5)
    assert wanted is not None
    keys.press(Key.Key_F, CTRL)  # find
    assert keys.focus() is tab.free.filter_bar.search
    keys.type(wanted.phone[-7:])
    h.wait(lambda: tab.free.count_label.text().startswith("1 of"))
    keys.tab_to(tab.free.view)  # the one row found is selected on the way in
    h.wait(lambda: tab.free.selected_number() is not None)
    assert tab.free.selected_number().phone == wanted.phone
    keys.press(Key.Key_Return)  # open the confirmation
    dialog: RentDialog = keys.wait_modal(RentDialog)
    assert keys.focus() is not dialog.rent_button  # Enter alone never rents
    keys.tab_to(dialog.rent_button)
    keys.press(Key.Key_Space)  # confirm
    h.wait_message("Rented", format_phone(wanted.phone))
    assert h.requests("receive_phones.buy") == 1
    h.wait(lambda: QApplication.focusWidget() is not None)
    assert tab.isAncestorOf(keys.focus())  # back where the user was


@pytest.mark.usefixtures("qloop")
def test_escape_cancels_the_rent_and_gives_the_focus_back(open_tab: Any) -> None:
    h = open_tab()
    tab = h.tab
    keys = Keyboard(h.qtbot, tab)
    tab.free.view.setFocus()
    keys.press(Key.Key_Down)
    h.wait(lambda: tab.free.selected_number() is not None)
    keys.press(Key.Key_Enter)
    dialog = keys.wait_modal(RentDialog)
    keys.press(Key.Key_Escape)
    h.wait(lambda: not dialog.isVisible())
    h.wait(lambda: not tab.rent_flow.running)
    assert h.requests("receive_phones.buy") == 0
    h.wait(lambda: QApplication.focusWidget() is tab.free.view)


@pytest.fixture
def ui(qtbot: QtBot, qloop: Any, sandbox: SandboxHandle) -> Iterator[VerificationHarness]:
    yield from open_ui(qtbot, qloop, sandbox)


def test_verify_a_phone_with_the_keyboard(ui: VerificationHarness) -> None:
    keys = Keyboard(ui.qtbot, ui.tab)
    form = ui.panel.form
    keys.tab_to(form.phone_edit)
    keys.type(PHONE)
    keys.press(Key.Key_Return)  # request
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    assert card.verification.call_to
    QGuiApplication.clipboard().clear()
    passed = keys.tab_to(card.copy_button)
    assert passed[:3] == ["phoneEdit", "requestButton", "QScrollArea"]
    assert "historyTable" not in passed  # the card is read before the history under it
    keys.press(Key.Key_Space)  # copy the number to call
    assert QGuiApplication.clipboard().text() == "+" + card.verification.call_to
    assert keys.focus() is card.copy_button


def test_download_pause_and_resume_with_the_keyboard(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any
) -> None:
    record = sandbox.create_job(4_000_000, status=2)
    sandbox.set_fault("downloads", rate=1_000_000)
    tab = harness.tab()
    harness.open(tab)
    keys = Keyboard(qtbot, tab)
    jobs = tab.jobs.jobs_view
    keys.tab_to(jobs)
    row = harness.job_row(tab, record["id"])
    keys.press(Key.Key_Home)
    for _ in range(row):
        keys.press(Key.Key_Down)
    assert [j.id for j in tab.jobs.selected_jobs()] == [record["id"]]
    keys.press(Key.Key_Return)  # download
    queue = tab.downloads.queue
    assert queue is not None
    qtbot.waitUntil(lambda: any(i.job_id == record["id"] for i in queue.items), timeout=WAIT)
    item = next(i for i in queue.items if i.job_id == record["id"])
    qtbot.waitUntil(lambda: item.received > 200_000, timeout=WAIT)
    keys.tab_to(tab.downloads.downloads_view)
    keys.press(Key.Key_Home)
    qtbot.waitUntil(lambda: tab.downloads.selected_items() == [item])
    keys.press(Key.Key_P, CTRL)  # pause
    qtbot.waitUntil(lambda: item.state is DownloadState.PAUSED, timeout=WAIT)
    sandbox.clear_faults()
    keys.press(Key.Key_S, CTRL)  # resume
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    assert keys.focus() is tab.downloads.downloads_view
