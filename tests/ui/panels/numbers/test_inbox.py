"""The inbox under My numbers, against the sandbox over real HTTP: the SMS newest first in
local time, the number and text filters, new SMS on top (once), copy, CSV export, and the
reads stopping while another tab is shown."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.ui.models.inbox import InboxColumn, local_time
from tests.helpers.numbers import TabHarness

pytestmark = pytest.mark.usefixtures("qloop")

MINE = "79165550101"
OTHER = "79265550102"
SEEDED_NEWEST_FIRST = [
    "Ок, жду курьера",
    "Сәлеметсіз бе! Тапсырыс қашан келеді?",
    "Код из SMS: 5821; спасибо",
    "Когда будет доставка?",
]


def service_of(h: TabHarness) -> NumbersService:
    assert h.tab.service is not None
    return h.tab.service


def with_numbers(h: TabHarness, *phones: str) -> None:
    """The numbers the sandbox's demo account rents, added to My numbers."""
    for phone in phones or (MINE, OTHER):
        h.run(service_of(h).add_external(phone))
    h.wait(lambda: h.tab.inbox.model.total >= 4)


def texts_shown(h: TabHarness) -> list[str]:
    model = h.tab.inbox.model
    return [model.index(r, InboxColumn.TEXT).data() for r in range(model.rowCount())]


def test_the_sms_of_my_numbers_newest_first_in_local_time(
    open_tab: Any, qtmodeltester: Any
) -> None:
    h = open_tab()
    pane = h.tab.inbox
    assert pane.view.placeholder().startswith("SMS sent to the account's numbers")
    assert not service_of(h).inbox.is_polling  # no number rented yet: nothing to read
    with_numbers(h)
    assert service_of(h).inbox.is_polling
    assert texts_shown(h) == SEEDED_NEWEST_FIRST  # two older than 24 hours are not read
    model = pane.model
    qtmodeltester.check(model)
    first = model.message_at(0)
    assert first is not None
    assert first.received is not None
    assert model.index(0, InboxColumn.RECEIVED).data() == local_time(first.received)
    assert first.received.astimezone().strftime("%H:%M") in model.index(0, 0).data()
    assert "UTC" in model.index(0, InboxColumn.RECEIVED).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, InboxColumn.NUMBER).data() == "+7 926 555-01-02"
    assert model.index(0, InboxColumn.SENDER).data() == "+7 916 123-45-67"
    combo = pane.number_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All my numbers",
        "+7 916 555-01-01",
        "+7 926 555-01-02",
    ]
    assert "4 SMS" in pane.status_label.text()
    assert "checked at" in pane.status_label.text()

    pane.view.selectRow(1)
    assert pane.detail.isVisible()
    assert "Сәлеметсіз бе! Тапсырыс қашан келеді?" in pane.detail.toPlainText()


def test_filter_by_number_and_by_sender_or_text(open_tab: Any) -> None:
    h = open_tab()
    with_numbers(h)
    pane = h.tab.inbox
    pane.search.setText("ДОСТАВКА")  # QTest types ASCII only
    assert texts_shown(h) == ["Когда будет доставка?"]
    pane.search.setText("+7 985 765")  # a sender, written as people write it
    assert texts_shown(h) == ["Код из SMS: 5821; спасибо"]
    pane.search.setText("нет такого")
    assert texts_shown(h) == []
    assert pane.view.placeholder() == "No SMS match the filter."
    pane.search.clear()

    pane.show_number(MINE)
    assert texts_shown(h) == [SEEDED_NEWEST_FIRST[1], SEEDED_NEWEST_FIRST[3]]
    assert pane.view.isColumnHidden(InboxColumn.NUMBER)
    assert pane.test_button.isEnabled()
    assert "2 of 4 shown" in pane.status_label.text()

    # Choosing a row of My numbers shows that number's SMS.
    h.tab.mine.select(OTHER)
    assert pane.chosen_number() == OTHER
    assert texts_shown(h) == [SEEDED_NEWEST_FIRST[0], SEEDED_NEWEST_FIRST[2]]
    pane.show_number(None)
    assert len(texts_shown(h)) == 4
    assert not pane.test_button.isEnabled()


def test_a_new_sms_comes_on_top_once_in_bold(open_tab: Any, sandbox: Any) -> None:
    h = open_tab()
    with_numbers(h)
    pane = h.tab.inbox
    pane.view.selectRow(2)
    kept = pane.model.message_at(2)
    sandbox.add_incoming("+79001112233", "Новое сообщение\nво второй строке", to_phone=MINE)
    service_of(h).inbox.poll_now()
    h.wait(lambda: pane.model.total == 5)
    assert texts_shown(h)[0] == "Новое сообщение ↵ во второй строке"
    assert pane.model.index(0, InboxColumn.TEXT).data(Qt.ItemDataRole.FontRole).bold()
    assert pane.model.message_at(pane.view.currentIndex().row()) is kept  # selection kept
    assert "Incoming SMS" in pane.view.accessibleName()
    polls = h.sandbox.state()["requests"].get("get.get_answers", 0)
    service_of(h).inbox.poll_now()
    h.wait(lambda: h.sandbox.state()["requests"].get("get.get_answers", 0) > polls)
    assert pane.model.total == 5  # read again: not shown twice
    pane.view.selectRow(0)
    assert pane.model.index(0, InboxColumn.TEXT).data(Qt.ItemDataRole.FontRole) is None  # seen
    assert "во второй строке" in pane.detail.toPlainText()


def test_copy_one_or_several(open_tab: Any) -> None:
    h = open_tab()
    with_numbers(h)
    pane = h.tab.inbox
    pane.view.selectRow(0)
    pane.view.setFocus()
    h.qtbot.keyClick(pane.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "Ок, жду курьера"
    pane.view.selectAll()
    pane.copy_selected()
    lines = QApplication.clipboard().text().splitlines()
    assert len(lines) == 4
    assert lines[1].split("\t")[1:] == [
        "+7 916 555-01-01",
        "+7 701 234-56-78",
        "Сәлеметсіз бе! Тапсырыс қашан келеді?",
    ]


def test_csv_export_is_the_apps_excel_safe_csv(open_tab: Any, sandbox: Any, tmp_path: Path) -> None:
    h = open_tab()
    with_numbers(h)
    pane = h.tab.inbox
    sandbox.add_incoming("79001112233", '=HYPERLINK("http://x";"y")', to_phone=OTHER)
    sandbox.add_incoming("79001112233", 'Две\nстроки; и кавычки "да"', to_phone=MINE)
    service_of(h).inbox.poll_now()
    h.wait(lambda: pane.model.total == 6)
    pane.search.setText("79001112233")
    path = tmp_path / "sms.csv"
    assert h.run(pane.export_csv(path)) == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    text = data.decode("utf-8-sig")
    assert text.startswith("Received;On number;From;Text\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ["Received", "On number", "From", "Text"]
    newest, other = rows[1:]
    assert newest[1:] == ["+7 916 555-01-01", "+7 900 111-22-33", 'Две\nстроки; и кавычки "да"']
    assert other[3] == '\'=HYPERLINK("http://x";"y")'  # never run as a formula
    assert newest[0].endswith(")")
    assert "(UTC" in newest[0]
    assert "Saved 2 messages" in h.message()


def test_the_inbox_is_read_only_while_the_tab_is_shown(open_tab: Any) -> None:
    h = open_tab()
    with_numbers(h)
    inbox = service_of(h).inbox
    assert inbox.is_polling
    assert inbox.shown
    h.tab.hide()  # another tab of the main window is chosen
    assert not inbox.is_polling
    h.wait(lambda: inbox.watch.task is None)
    assert "paused while another tab is open" in h.tab.inbox.status_label.text()
    h.tab.show()
    assert inbox.is_polling
