"""The callback workbench widgets: URL builder, signature checker, test callbacks."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from smsc_desktop.services.callback_sender import SendFailure
from smsc_desktop.services.callbacks import (
    Algorithm,
    BodyFormat,
    CallbackKind,
    Charset,
    HandlerSpec,
    Param,
    Verdict,
    check_callback,
    hash_hex,
)
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.tabs.verification import VerificationTab
from smsc_desktop.ui.widgets.handler_url_builder import HandlerUrlBuilder
from smsc_desktop.ui.widgets.send_callback_panel import SendCallbackPanel
from smsc_desktop.ui.widgets.signature_checker import EXAMPLE_SECRET, SignatureChecker
from tests.helpers.handler import LocalHandler, expected_hash, received_fields
from tests.helpers.sessions import app_paths

# --- handler URL builder ------------------------------------------------------------------


@pytest.fixture
def builder(qtbot: QtBot) -> HandlerUrlBuilder:
    widget = HandlerUrlBuilder()
    qtbot.addWidget(widget)
    return widget


def _choose(combo: Any, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


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
    _choose(builder.charset_combo, charset)
    _choose(builder.format_combo, body_format)
    _choose(builder.algorithm_combo, algorithm)
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


def test_builder_validates_and_explains(builder: HandlerUrlBuilder, qtbot: QtBot) -> None:
    assert builder.url() == ""
    assert "Enter the address" in builder.issues.text()
    builder.script_edit.setText("https://mysite.ru/cb.php")
    _choose(builder.algorithm_combo, "md5")
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
    _choose(builder.format_combo, "json")
    _choose(builder.charset_combo, "koi8-r")
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


# --- signature checker --------------------------------------------------------------------


@pytest.fixture
def checker(qtbot: QtBot) -> SignatureChecker:
    widget = SignatureChecker()
    qtbot.addWidget(widget)
    return widget


EXAMPLES = [
    (CallbackKind.STATUS, ""),
    (CallbackKind.STATUS, "&charset=utf-8&fmt=3"),
    (CallbackKind.STATUS, "&charset=koi8-r"),
    (CallbackKind.INCOMING, ""),
    (CallbackKind.INCOMING, "&charset=utf-8&fmt=2"),
    (CallbackKind.INCOMING, "&charset=koi8-r"),
    (CallbackKind.INCOMING, "&fmt=3"),
    (CallbackKind.WAITCALL, "&charset=utf-8&fmt=2"),
    (CallbackKind.WAITCALL, ""),
]


@pytest.mark.parametrize(("kind", "query"), EXAMPLES)
def test_checker_on_matching_and_tampered_callbacks(
    checker: SignatureChecker, kind: CallbackKind, query: str
) -> None:
    checker.load_example(kind, query)
    report = checker.report
    assert report is not None
    assert report.kind is kind
    assert report.verdict is Verdict.MATCH
    page = checker.result.toPlainText()
    assert "The signature matches" in page
    assert {
        CallbackKind.STATUS: "Delivery status",
        CallbackKind.INCOMING: "Incoming SMS",
        CallbackKind.WAITCALL: "Call verification",
    }[kind] in page
    if kind is not CallbackKind.STATUS:
        assert "unconfirmed" in page
    # Tamper with the pasted text: change the phone in it.
    text = checker.input.toPlainText().replace("79161234567", "79161234568", 1)
    checker.input.setPlainText(text)
    report = checker.check()
    assert report is not None
    assert report.verdict is Verdict.MISMATCH
    page = checker.result.toPlainText()
    assert "does not match" in page
    assert "79161234568" in page  # the exact string that was hashed is shown


def test_checker_shows_where_the_handler_string_differs(checker: SignatureChecker) -> None:
    checker.load_example(CallbackKind.STATUS, "", tampered=True)
    assert "does not match" in checker.result.toPlainText()
    checker.handler_string.setText(f"84215:+79161234567:3:{EXAMPLE_SECRET}")
    checker.check()
    page = checker.result.toPlainText()
    assert "at character 7, in the phone part" in page
    assert "“79161234567”" in page
    assert "“+79161234567”" in page


def test_checker_charset_choice_and_hints(checker: SignatureChecker) -> None:
    values = {"id": "42", "phone": "79161234567", "mes": "Привет", "to": "7"}
    digest = hash_hex(Algorithm.MD5, "42:79161234567:Привет:abc".encode())
    checker.input.setPlainText(json.dumps({**values, "md5": digest}, ensure_ascii=False))
    checker.secret_edit.setText("abc")
    report = checker.check()
    assert report is not None
    assert report.verdict is Verdict.MISMATCH  # windows-1251 by default
    assert "encoded in utf-8" in checker.result.toPlainText()
    checker.charset_combo.setCurrentIndex(checker.charset_combo.findData("utf-8"))
    report = checker.check()
    assert report is not None
    assert report.verdict is Verdict.MATCH


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{broken", "cannot be read"),
        ("first line\nsecond line", "No fields found"),
        ("id=1&phone=7&status=1", "No signature in this callback"),
    ],
)
def test_checker_explains_bad_input(checker: SignatureChecker, text: str, message: str) -> None:
    checker.secret_edit.setText("abc")
    checker.input.setPlainText(text)
    checker.check()
    assert message in checker.result.toPlainText()


def test_checker_rejects_a_bad_secret(checker: SignatureChecker) -> None:
    checker.load_example(CallbackKind.STATUS)
    checker.secret_edit.setText("bad secret")
    report = checker.check()
    assert report is not None
    assert report.verdict is Verdict.BAD_SECRET
    assert "Latin letters" in checker.result.toPlainText()


# --- sending test callbacks ---------------------------------------------------------------


@pytest.fixture
def sender_panel(qtbot: QtBot, qloop: Any) -> SendCallbackPanel:
    widget = SendCallbackPanel()
    qtbot.addWidget(widget)
    return widget


KIND_FIELDS = {
    CallbackKind.STATUS: ("id", "phone", "status"),
    CallbackKind.INCOMING: ("id", "phone", "mes"),
    CallbackKind.WAITCALL: ("phone", "ts"),
}


@pytest.mark.parametrize("kind", list(CallbackKind))
@pytest.mark.parametrize(
    ("query", "codec"),
    [
        ("md5=Key-1&sha1=Key-1&crc32=Key-1", "cp1251"),
        ("charset=utf-8&fmt=3&md5=Key-1", "utf-8"),
        ("charset=utf-8&fmt=2&crc32=Key-1", "utf-8"),
        ("charset=koi8-r&sha1=Key-1", "koi8_r"),
    ],
)
def test_test_callback_reaches_the_handler_signed(
    sender_panel: SendCallbackPanel,
    local_handler: LocalHandler,
    qtbot: QtBot,
    kind: CallbackKind,
    query: str,
    codec: str,
) -> None:
    sender_panel.set_url(f"{local_handler.url}/sms/cb.php!site=shop&x?{query}&extra=1")
    sender_panel.set_kind(kind)
    sender_panel.phone_edit.setText("79031112233")
    sender_panel.text_edit.setText("Проверка связи")
    assert (
        "POST " + local_handler.url + "/sms/cb.php?site=shop&x"
        in sender_panel.request_view.toPlainText()
    )
    with qtbot.waitSignal(sender_panel.sent, timeout=10_000) as blocker:
        qtbot.mouseClick(sender_panel.send_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.ok
    assert "HTTP 200 OK" in sender_panel.outcome.text()
    assert "OK" in sender_panel.response_view.toPlainText()
    (request,) = local_handler.received
    assert request.query == [("site", "shop"), ("x", "")]
    fields = received_fields(request, codec)
    assert fields["phone"] == b"79031112233"
    assert fields["extra"] == b"1"
    if kind is CallbackKind.INCOMING:
        assert fields["mes"] == "Проверка связи".encode(codec)
    data = b":".join([*(fields[n] for n in KIND_FIELDS[kind]), b"Key-1"])
    signed = [a for a in ("md5", "sha1", "crc32") if a in fields]
    assert signed
    for algorithm in signed:
        assert fields[algorithm].decode() == expected_hash(algorithm, data)
    # And the app's own checker agrees, on the body as the handler logged it.
    body = request.body.decode(codec) if "fmt=" in query else request.body.decode("ascii")
    assert check_callback(body, "Key-1").verdict is Verdict.MATCH


def test_test_callback_errors_name_the_cause(
    sender_panel: SendCallbackPanel, local_handler: LocalHandler, qtbot: QtBot
) -> None:
    from aiohttp import web

    async def respond(request: web.Request) -> web.StreamResponse:
        return web.Response(status=403, text="bad signature")

    local_handler.respond = respond
    sender_panel.set_url(local_handler.url + "/cb.php?md5=k")
    with qtbot.waitSignal(sender_panel.sent, timeout=10_000) as blocker:
        sender_panel.send()
    assert blocker.args[0].failure is SendFailure.HTTP_STATUS
    assert "HTTP 403 Forbidden instead of 2xx" in sender_panel.outcome.text()
    assert "bad signature" in sender_panel.response_view.toPlainText()

    sender_panel.set_url("http://127.0.0.1:9/cb.php")  # the discard port: nothing listens
    with qtbot.waitSignal(sender_panel.sent, timeout=10_000) as blocker:
        sender_panel.send()
    assert blocker.args[0].failure is SendFailure.REFUSED
    assert "Connection refused" in sender_panel.outcome.text()

    sender_panel.set_url("not a url")
    assert not sender_panel.send_button.isEnabled()
    assert "not an http(s) address" in sender_panel.request_view.toPlainText()


# --- the tab ties them together -----------------------------------------------------------


def test_builder_hands_its_url_to_the_sender(qtbot: QtBot, qloop: Any) -> None:
    paths = app_paths()
    tab = VerificationTab(AppContext(paths, Settings(paths.settings_file)))
    qtbot.addWidget(tab)
    assert tab.current_page() == "call"
    tab.show_page("url")
    builder = tab.url_builder
    builder.script_edit.setText("https://mysite.ru/cb.php")
    _choose(builder.algorithm_combo, "md5")
    builder.secret_edit.setText("Key-1")
    qtbot.mouseClick(builder.send_button, Qt.MouseButton.LeftButton)
    assert tab.current_page() == "send"
    assert tab.sender_panel.url_edit.text() == "https://mysite.ru/cb.php?md5=Key-1"
    tab.show_page("checker")
    assert tab.checker.secret_edit.text() == "Key-1"
    tab.shutdown()
