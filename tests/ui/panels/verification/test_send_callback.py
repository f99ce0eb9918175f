"""Test callbacks posted to a local handler, signed the way SMSC signs them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smsc_desktop.services.callback_sender import SendFailure
from smsc_desktop.services.callbacks import (
    CallbackKind,
    Verdict,
    check_callback,
)
from smsc_desktop.ui.panels.verification.send_callback import SendCallbackPanel
from tests.helpers.handler import LocalHandler, expected_hash, received_fields


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
    # Issue 17, item 3: a test callback signed with a guessed string says so, in the sender
    # and in the checker, so the app's own round trip never looks like proof.
    guessed = kind is not CallbackKind.STATUS
    assert sender_panel.guess_note.isVisibleTo(sender_panel) is guessed
    assert ("signed with a guessed string" in sender_panel.outcome.text()) is guessed
    assert ("(the app's guess)" in sender_panel.request_view.toPlainText()) is guessed
    report = check_callback(request.as_pasted(codec if "fmt=" in query else "ascii"), "Key-1")
    assert report.verdict is Verdict.MATCH
    assert report.callback.from_test_sender
    assert bool(report.guessed) is guessed


def test_the_test_page_says_where_statuses_come_from(sender_panel: SendCallbackPanel) -> None:
    from PySide6.QtWidgets import QLabel

    text = " ".join(label.text() for label in sender_panel.findChildren(QLabel))
    assert "never for messages sent from the SMSC cabinet" in text


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
