"""The Verification tab: it follows the account, lays out its panels and ties them together,
and lets go of everything when it is deleted."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from smsc_desktop.services.callback_sender import SendResult
from smsc_desktop.services.callbacks import CallbackKind
from smsc_desktop.services.settings import Settings
from smsc_desktop.services.verification import Verification, VerificationState
from smsc_desktop.ui import aio, theme
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.models.verification_history import Column
from smsc_desktop.ui.panels.verification.card import VerificationCard
from smsc_desktop.ui.tabs.verification import VerificationTab
from smsc_desktop.ui.theme import Scheme, Tone
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import app_paths
from tests.helpers.verification_tab import OTHER, PHONE, Harness, choose, open_ui


@pytest.fixture
def ui(qtbot: QtBot, qloop: Any, sandbox: SandboxHandle) -> Iterator[Harness]:
    yield from open_ui(qtbot, qloop, sandbox)


def test_history_survives_a_restart(ui: Harness) -> None:
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    ui.qtbot.mouseClick(card.simulate, Qt.MouseButton.LeftButton)
    ui.wait_card(PHONE, VerificationState.CONFIRMED)
    ui.request(OTHER)
    ui.wait_card(OTHER, VerificationState.WAITING)
    # The app closes: the tab and the account go away.
    ui.tab.shutdown()
    ui.close()
    ui.tab.close()
    # A new start with the same profile.
    ui.tab = ui.new_tab()
    ui.open()
    model = ui.panel.history.model
    assert model.rowCount() == 2
    assert ui.model_text(1, Column.OUTCOME) == "Confirmed"
    assert ui.model_text(0, Column.OUTCOME).startswith("Waiting")
    # The waiting one is back as a card, and the inbox is watched again.
    card = ui.card(OTHER)
    assert ui.tab.service is not None
    assert ui.tab.service.is_polling
    ui.qtbot.mouseClick(card.simulate, Qt.MouseButton.LeftButton)
    ui.wait_card(OTHER, VerificationState.CONFIRMED)


def test_no_simulate_button_outside_the_sandbox(
    qtbot: QtBot, qloop: Any, sandbox: SandboxHandle
) -> None:
    harness = Harness(qtbot, qloop, sandbox)
    harness.ctx.sandbox_url = None
    harness.open(demo=False)  # a loopback server that is not the app's sandbox
    try:
        harness.request(PHONE)
        card = harness.wait_card(PHONE, VerificationState.WAITING)
        assert card.simulate.isHidden()
        assert harness.panel.sandbox is None
    finally:
        harness.tab.shutdown()
        harness.close()


def test_switching_the_account_off_clears_the_panel(ui: Harness) -> None:
    ui.request(PHONE)
    ui.wait_card(PHONE, VerificationState.WAITING)
    ui.close()
    assert ui.tab.service is None
    assert ui.panel.cards_area.cards == {}
    assert ui.panel.history.model.rowCount() == 0
    assert not ui.panel.isEnabled()


def test_builder_hands_its_url_to_the_sender(qtbot: QtBot, qloop: Any) -> None:
    paths = app_paths()
    tab = VerificationTab(AppContext(paths, Settings(paths.settings_file)))
    qtbot.addWidget(tab)
    assert tab.current_page() == "call"
    tab.show_page("url")
    builder = tab.url_builder
    builder.script_edit.setText("https://mysite.ru/cb.php")
    choose(builder.algorithm_combo, "md5")
    builder.secret_edit.setText("Key-1")
    qtbot.mouseClick(builder.send_button, Qt.MouseButton.LeftButton)
    assert tab.current_page() == "send"
    assert tab.sender_panel.url_edit.text() == "https://mysite.ru/cb.php?md5=Key-1"
    tab.show_page("checker")
    assert tab.checker.secret_edit.text() == "Key-1"
    tab.shutdown()


def test_deleting_the_tab_mid_request_and_mid_poll_leaves_nothing_behind(
    qtbot: QtBot, qloop: Any, sandbox: SandboxHandle, caplog: pytest.LogCaptureFixture
) -> None:
    """The tab goes away while wait_call and an inbox read are on the wire: its request is
    cancelled without touching a widget, the service's signals (the read finishing, the
    request failing) reach no slot of it, nothing is logged as an error, no task is left."""
    harness = Harness(qtbot, qloop, sandbox, register_tab=False)
    harness.open()
    try:
        service = harness.tab.service
        assert service is not None
        harness.request(PHONE)
        harness.wait_card(PHONE, VerificationState.WAITING)  # the inbox is watched now
        # Each fault is taken (and switched off) when its request arrives, which is then held
        # until the faults are cleared: both requests are on the wire when the tab goes,
        # however slow the machine.
        sandbox.set_fault("wait_call", latency=60.0, hold=True, count=1)
        harness.request(OTHER)
        qtbot.waitUntil(lambda: "wait_call" not in sandbox.state()["faults"])
        sandbox.set_fault("get", latency=60.0, hold=True, count=1)
        qtbot.waitUntil(lambda: "get" not in sandbox.state()["faults"])
        polls = service.polls  # the read on the wire adds one when it comes back
        caplog.clear()

        tab = harness.tab
        with qtbot.waitSignal(tab.destroyed):
            tab.deleteLater()
        del tab
        sandbox.clear_faults()  # both answers go out now, to no widget

        other = next(v for v in service.verifications if v.phone == OTHER)
        qtbot.waitUntil(lambda: other.state is VerificationState.FAILED)
        assert other.failure is not None
        assert other.failure.kind == "interrupted"  # the tab's request ended with the tab
        qtbot.waitUntil(lambda: service.polls > polls)  # the read came back, to no widget
        qtbot.waitUntil(lambda: sandbox.account_state()["in_flight"] == 0)  # handlers done
        assert service.is_polling  # the account's watch goes on without the tab
        assert aio.pending_tasks() == []
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert errors == []
    finally:
        harness.close()


def test_every_page_follows_the_colour_scheme(qtbot: QtBot, qloop: Any) -> None:
    """Rich text drawn in the tones' colours is drawn again when the scheme flips."""
    paths = app_paths()
    tab = VerificationTab(AppContext(paths, Settings(paths.settings_file)))
    qtbot.addWidget(tab)
    card = VerificationCard(
        Verification("v1", PHONE, VerificationState.CONFIRMED, datetime.now(UTC), duration=5.0)
    )
    qtbot.addWidget(card)
    card.refresh(datetime.now(UTC))
    tab.checker.load_example(CallbackKind.STATUS)  # a match, in the good tone
    tab.url_builder.script_edit.setText("ftp://mysite.ru/cb.php")  # an error, in the bad tone
    tab.sender_panel.show_result(SendResult(None, status=200, reason="OK", elapsed=0.01))
    nav = tab.nav.itemWidget(tab.nav.item(1))
    assert isinstance(nav, QLabel)

    def shown() -> dict[str, str]:
        return {
            "checker": tab.checker.result.toHtml(),
            "builder": tab.url_builder.issues.text(),
            "sender": tab.sender_panel.outcome.text(),
            "card": card.styleSheet(),
            "nav": nav.text(),
        }

    tones = {
        "checker": Tone.GOOD,
        "builder": Tone.BAD,
        "sender": Tone.GOOD,
        "card": Tone.GOOD,
        "nav": Tone.MUTED,
    }
    try:
        for dark in (False, True):
            theme.set_scheme(Scheme.DARK if dark else Scheme.LIGHT)
            for page, text in shown().items():
                assert theme.css(tones[page], dark) in text, (page, dark)
                assert theme.css(tones[page], not dark) not in text, (page, dark)
    finally:
        theme.set_scheme(Scheme.SYSTEM)
        tab.shutdown()
