"""The handler URL builder: the form becomes the URL for the SMSC settings, and back."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from smsc_desktop.services.callbacks import (
    Algorithm,
    BodyFormat,
    Charset,
    HandlerSpec,
    Param,
)
from smsc_desktop.ui.panels.verification.handler_url_builder import HandlerUrlBuilder
from tests.helpers.verification_tab import choose


@pytest.fixture
def builder(qtbot: QtBot) -> HandlerUrlBuilder:
    widget = HandlerUrlBuilder()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(
    ("charset", "body_format", "algorithm", "tail"),
    [
        ("windows-1251", "form", "", ""),
        ("utf-8", "form", "", "?charset=utf-8"),
        ("koi8-r", "form", "", "?charset=koi8-r"),
        ("windows-1251", "xml", "", "?fmt=2"),
        ("utf-8", "json", "", "?charset=utf-8&fmt=3"),
        ("windows-1251", "form", "md5", "?md5=Key_1"),
        ("utf-8", "xml", "sha1", "?charset=utf-8&fmt=2&sha1=Key_1"),
        ("windows-1251", "json", "crc32", "?fmt=3&crc32=Key_1"),
    ],
)
def test_builder_output_for_every_option(
    builder: HandlerUrlBuilder, charset: str, body_format: str, algorithm: str, tail: str
) -> None:
    builder.script_edit.setText("https://mysite.ru/cb.php")
    choose(builder.charset_combo, charset)
    choose(builder.format_combo, body_format)
    choose(builder.algorithm_combo, algorithm)
    builder.secret_edit.setText("Key_1")
    assert builder.url() == "https://mysite.ru/cb.php" + tail
    assert builder.url_edit.toPlainText() == builder.url()
    assert builder.copy_button.isEnabled()
    explanation = builder.explanation.text()
    assert "SMSC will POST" in explanation
    assert f"<b>{charset}</b>" in explanation
    if algorithm:
        assert "id:phone:status:&lt;secret&gt;" in explanation
    assert builder.secret_edit.isEnabled() == bool(algorithm)


def test_builder_get_and_post_parameters(builder: HandlerUrlBuilder) -> None:
    builder.script_edit.setText("https://mysite.ru/")
    builder.get_table.set_params((Param("param1"), Param("param2")))
    builder.post_table.set_params((Param("param3"), Param("param4", "a b")))
    assert builder.url() == "https://mysite.ru/!param1&param2?param3&param4=a%20b"
    assert "plus the fields param3, param4" in builder.explanation.text()
    assert "https://mysite.ru/?param1&amp;param2" in builder.explanation.text()
    builder.post_table.add_row("phone", "1")
    assert "a field SMSC sends itself" in builder.issues.text()
    assert builder.url().endswith("&phone=1")  # a warning, not an error


def test_parameters_are_edited_in_place(
    builder: HandlerUrlBuilder, qtbot: QtBot, qtmodeltester: Any
) -> None:
    builder.script_edit.setText("https://mysite.ru/")
    table = builder.post_table
    assert table.table.placeholder() == "No parameters"
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)  # a row, its name in edit
    assert table.table.state() == QAbstractItemView.State.EditingState
    assert table.params() == ()  # an empty row is no parameter
    model = table.model
    with qtbot.waitSignal(table.changed):
        assert model.setData(model.index(0, 0), "site")
    assert builder.url() == "https://mysite.ru/?site"
    model.setData(model.index(0, 1), "shop 1")
    assert builder.url() == "https://mysite.ru/?site=shop%201"
    table.add_row("x", "1")
    table.table.selectRow(0)
    table.remove_selected()
    assert table.params() == (Param("x", "1"),)
    assert builder.url() == "https://mysite.ru/?x=1"
    qtmodeltester.check(model)


def test_builder_validates_and_explains(builder: HandlerUrlBuilder, qtbot: QtBot) -> None:
    assert builder.url() == ""
    assert "Enter the address" in builder.issues.text()
    builder.script_edit.setText("https://mysite.ru/cb.php")
    choose(builder.algorithm_combo, "md5")
    assert builder.url() == ""
    assert "Enter the secret" in builder.issues.text()
    builder.secret_edit.setText("my secret!")
    assert builder.url() == ""
    assert "remove: ␣ !" in builder.issues.text()
    assert not builder.send_button.isEnabled()
    builder.secret_edit.clear()
    qtbot.mouseClick(builder.generate_button, Qt.MouseButton.LeftButton)
    assert builder.url().startswith("https://mysite.ru/cb.php?md5=")
    assert len(builder.secret_edit.text()) == 24
    choose(builder.format_combo, "json")
    choose(builder.charset_combo, "koi8-r")
    assert builder.url() == ""
    assert "koi8-r cannot be used" in builder.issues.text()
    qtbot.mouseClick(builder.copy_button, Qt.MouseButton.LeftButton)  # nothing to copy


def test_pasting_a_whole_url_fills_the_form(builder: HandlerUrlBuilder, qtbot: QtBot) -> None:
    url = "https://mysite.ru/sms.php!site=1?charset=utf-8&fmt=3&sha1=abc-1&source=x"
    builder.script_edit.setText(url)
    spec = builder.spec()
    assert spec == HandlerSpec(
        "https://mysite.ru/sms.php",
        Charset.UTF_8,
        BodyFormat.JSON,
        Algorithm.SHA1,
        "abc-1",
        (Param("site", "1"),),
        (Param("source", "x"),),
    )
    assert builder.url() == url
    qtbot.mouseClick(builder.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == url


def test_a_pasted_undocumented_fmt_is_kept_and_koi8_r_refused(builder: HandlerUrlBuilder) -> None:
    """Issue 17, item 9: koi8-r is not used when fmt is given, for every fmt (fmt=1 too)."""
    builder.script_edit.setText("https://mysite.ru/cb.php?charset=koi8-r&fmt=1&md5=Key_1")
    spec = builder.spec()
    assert (spec.body_format, spec.other_fmt) == (BodyFormat.FORM, "1")
    assert builder.url() == ""  # koi8-r would silently become windows-1251
    assert "koi8-r cannot be used together with fmt" in builder.issues.text()
    assert "fmt=1 is kept as written" in builder.issues.text()
    choose(builder.charset_combo, "utf-8")
    assert builder.url() == "https://mysite.ru/cb.php?charset=utf-8&fmt=1&md5=Key_1"
    choose(builder.format_combo, "form")  # another format drops the undocumented one
    assert builder.url() == "https://mysite.ru/cb.php?charset=utf-8&md5=Key_1"
    assert builder.format_combo.findData("fmt:1") == -1 or builder.spec().other_fmt is None


def test_where_statuses_come_from_is_said(builder: HandlerUrlBuilder) -> None:
    """Issue 17, item 2: no statuses for messages sent from the cabinet."""
    text = " ".join(label.text() for label in builder.findChildren(type(builder.issues)))
    assert "never for messages sent from the SMSC cabinet" in text
