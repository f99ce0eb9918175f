"""Status changes that matter are said to screen readers (``ui/a11y.announce``): a verification
confirmed, a download finished or failed, the outcome of a rent, new SMS in the inbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.services.verification import VerificationState
from smsc_desktop.ui.a11y import announcer
from smsc_desktop.ui.dialogs.rent import RentDialog
from smsc_desktop.ui.formatting import format_phone
from tests.helpers.exports import read_only_folder
from tests.helpers.exports_tab import WAIT, Harness, harness
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.verification_tab import PHONE, open_ui
from tests.helpers.verification_tab import Harness as VerificationHarness

__all__ = ["harness"]


@pytest.fixture
def said() -> Iterator[list[tuple[str, bool]]]:
    heard: list[tuple[str, bool]] = []

    def hear(text: str, urgent: bool) -> None:
        heard.append((text, urgent))

    announcer().announced.connect(hear)
    yield heard
    announcer().announced.disconnect(hear)


@pytest.fixture
def ui(qtbot: QtBot, qloop: Any, sandbox: SandboxHandle) -> Iterator[VerificationHarness]:
    yield from open_ui(qtbot, qloop, sandbox)


def test_a_confirmed_verification_is_announced(
    ui: VerificationHarness, said: list[tuple[str, bool]]
) -> None:
    ui.request(PHONE)
    card = ui.wait_card(PHONE, VerificationState.WAITING)
    assert said == []  # waiting is not news
    ui.qtbot.mouseClick(card.simulate, Qt.MouseButton.LeftButton)
    ui.wait_card(PHONE, VerificationState.CONFIRMED)
    ui.qtbot.waitUntil(lambda: bool(said))
    assert said == [(f"{format_phone(PHONE)} is confirmed: the subscriber called", False)]


@pytest.mark.usefixtures("qloop")
def test_the_outcome_of_a_rent_is_announced(open_tab: Any, said: list[tuple[str, bool]]) -> None:
    h = open_tab()
    h.select_row(0)
    number = h.tab.free.model.number_at(0)
    h.click(h.tab.free.rent_button)
    dialog: RentDialog = h.modal(RentDialog)
    h.click(dialog.rent_button)
    h.wait_message("Rented")
    h.wait(lambda: bool(said))
    text, urgent = said[0]
    assert "Rented" in text
    assert format_phone(number.phone) in text
    assert not urgent


def test_a_failed_download_is_announced(
    harness: Harness,
    sandbox: SandboxHandle,
    qtbot: Any,
    tmp_path: Path,
    said: list[tuple[str, bool]],
) -> None:
    record = sandbox.create_job(100_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    with read_only_folder(tmp_path) as folder:
        tab.downloads.set_folder(folder)
        item = harness.download(tab, record["id"])
        qtbot.waitUntil(lambda: item.state is DownloadState.FAILED, timeout=WAIT)
        qtbot.waitUntil(lambda: bool(said))
    text, urgent = said[0]
    assert text.startswith(item.file_name + ": ")
    assert "does not allow writing into" in text
    assert urgent


def test_a_finished_download_is_announced(
    harness: Harness, sandbox: SandboxHandle, qtbot: Any, said: list[tuple[str, bool]]
) -> None:
    record = sandbox.create_job(100_000, status=2)
    tab = harness.tab()
    harness.open(tab)
    item = harness.download(tab, record["id"])
    qtbot.waitUntil(lambda: item.state is DownloadState.DONE, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(said))
    assert said == [(f"{item.file_name}: downloaded", False)]


@pytest.mark.usefixtures("qloop")
def test_new_sms_are_announced_not_the_first_read(
    open_tab: Any, sandbox: SandboxHandle, said: list[tuple[str, bool]]
) -> None:
    h = open_tab()
    service = h.tab.service
    mine = "79165550101"
    h.run(service.add_external(mine))
    h.wait(lambda: h.tab.inbox.model.total >= 2)  # the first read: the last 24 h
    assert said == []
    sandbox.add_incoming("+79001112233", "Код 4711", to_phone=mine)
    service.inbox.poll_now()
    h.wait(lambda: bool(said))
    assert said == [(f"New SMS to {format_phone(mine)} from +7 900 111-22-33: Код 4711", False)]
    said.clear()
    sandbox.add_incoming("+79001112233", "Ещё одно", to_phone=mine)
    sandbox.add_incoming("+79001112244", "И ещё", to_phone=mine)
    service.inbox.poll_now()
    h.wait(lambda: bool(said))
    assert said == [("2 new SMS in the inbox", False)]
