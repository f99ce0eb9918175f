"""The signature checker on matching, tampered and unreadable callbacks."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot

from smsc_desktop.services.callbacks import (
    Algorithm,
    CallbackKind,
    Verdict,
    hash_hex,
)
from smsc_desktop.ui.panels.verification.signature_checker import EXAMPLE_SECRET, SignatureChecker


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
    guessed = kind is not CallbackKind.STATUS
    assert ("matches a guessed string" in page) is guessed  # the app's own round trip
    assert ("delivery-status string" in page) is guessed  # is never shown as proof
    assert {
        CallbackKind.STATUS: "Delivery status",
        CallbackKind.INCOMING: "Incoming SMS",
        CallbackKind.WAITCALL: "Call verification",
    }[kind] in page
    if kind is CallbackKind.INCOMING:  # every candidate tried is shown, the match first
        for template in ("id:phone:mes:<secret>", "phone:mes:to:<secret>", "id:phone:<secret>"):
            assert template in page
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


def test_a_callback_from_the_test_sender_is_never_proof(checker: SignatureChecker) -> None:
    from smsc_desktop.services.callbacks import prepare_callback

    prepared = prepare_callback("https://mysite.ru/cb.php?md5=k", CallbackKind.WAITCALL)
    checker.input.setPlainText(
        "POST /cb.php HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n"
        "User-Agent: SMSC-Desktop/1.0 (test callback)\n\n" + prepared.body.decode("ascii")
    )
    checker.secret_edit.setText("k")
    report = checker.check()
    assert report is not None
    assert report.verdict is Verdict.MATCH
    page = checker.result.toPlainText()
    assert "matches a guessed string" in page
    assert "sent by SMSC Desktop's test sender" in page
