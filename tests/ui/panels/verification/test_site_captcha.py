"""The "Site captcha" page of the Verification tab, driven like a user would against the
sandbox: the snippet per server, the live picture, the confirmation and the outcome of a test
send, and its journal line (issue 12, items 3 and 4)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smsc_desktop.api import Credentials
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.dialogs.send_test import SendTestDialog
from smsc_desktop.ui.formatting import format_money
from smsc_desktop.ui.panels.verification.site_captcha import SiteCaptchaPanel
from smsc_desktop.ui.widgets.message_bar import Level
from tests.helpers.images import distinct_colours
from tests.helpers.qt import run
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import app_paths
from tests.helpers.verification_tab import Harness, open_ui

LOCAL = "127.0.0.1"


@pytest.fixture
def ui(qtbot: QtBot, qloop: Any, sandbox: SandboxHandle) -> Iterator[Harness]:
    yield from open_ui(qtbot, qloop, sandbox)


def page(ui: Harness) -> SiteCaptchaPanel:
    ui.tab.show_page("captcha")
    panel: SiteCaptchaPanel = ui.tab.captcha_panel
    ui.qtbot.waitUntil(panel.is_ready, timeout=10_000)
    return panel


def requests(ui: Harness, key: str) -> int:
    return int(ui.sandbox.state()["requests"].get(key, 0))


def modal(qtbot: QtBot, cls: type[QWidget]) -> Any:
    found: list[QWidget] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible, timeout=10_000)
    return found[0]


def click(ui: Harness, widget: QWidget) -> None:
    ui.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_message(ui: Harness, panel: SiteCaptchaPanel, *fragments: str) -> str:
    def shown() -> bool:
        text = panel.message.message()
        return all(f in text for f in fragments) and panel.send_button.isEnabled()

    ui.qtbot.waitUntil(shown, timeout=10_000)
    return panel.message.message()


def journal(ui: Harness) -> list[dict[str, Any]]:
    session = ui.ctx.session
    assert session is not None
    path = session.data_dir / "journal.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def fill(panel: SiteCaptchaPanel, code: str, userip: str = LOCAL) -> None:
    panel.code_edit.setText(code)
    panel.userip_edit.setText(userip)


def live_code(ui: Harness) -> str:
    return str(ui.sandbox.server.captcha(LOCAL)["code"])


def other_than(code: str) -> str:
    return "0000" if code != "0000" else "1111"


# --- the page ------------------------------------------------------------------------------


def test_the_page_is_listed_and_shows_the_live_picture(ui: Harness) -> None:
    assert "captcha" in [
        ui.tab.nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(ui.tab.nav.count())
    ]
    ui.tab.show_page("captcha")
    assert not ui.tab.is_loaded()  # the screenshot waits for the first picture
    panel = page(ui)
    assert ui.tab.current_page() == "captcha"
    assert ui.tab.is_loaded()
    pixmap = panel.picture.image.pixmap()
    assert (pixmap.width(), pixmap.height()) == (150, 54)  # 50x18, shown three times bigger
    assert requests(ui, "imgcode") == 1
    code = live_code(ui)
    assert panel.picture.hint.isVisible()
    assert code in panel.picture.hint_text.text()
    assert "/sandbox/captcha" in panel.picture.hint_text.text()
    click(ui, panel.picture.image)  # as on the site: a click loads a new picture
    ui.qtbot.waitUntil(lambda: requests(ui, "imgcode") == 2)
    ui.qtbot.waitUntil(lambda: live_code(ui) in panel.picture.hint_text.text())
    click(ui, panel.picture.fill_button)
    assert panel.code_edit.text() == live_code(ui)


@pytest.mark.parametrize(
    "server",
    [
        "https://smsc.ru",
        "https://smsc.kz",
        "https://smsc.ua",
        "https://smscentre.com",
        "https://www2.smsc.ru",
    ],
)
def test_the_snippet_and_sample_for_each_server(qtbot: QtBot, qloop: Any, server: str) -> None:
    profile = Profile(name="Client", server=server, login="client", id="p1")
    session = AccountSession(profile, Credentials.from_password("client", "pw-S3cret"), app_paths())
    panel = SiteCaptchaPanel()  # never shown: nothing is loaded from the real server
    qtbot.addWidget(panel)
    panel.set_service(session.captcha, None)
    snippet = panel.setup.snippet_view.toPlainText()
    assert f'<img src="{server}/sys/imgcode.php?1.1" onclick="src+=1"' in snippet
    assert 'name="imgcode"' in snippet
    sample = panel.setup.sample_view.toPlainText()
    assert sample.startswith(f"curl {server}/sys/send.php")
    assert "pw-S3cret" not in sample
    panel.userip_edit.setText("203.0.113.5")
    panel.code_edit.setText("4821")
    sample = panel.setup.sample_view.toPlainText()
    assert "--data-urlencode imgcode=4821" in sample
    assert "--data-urlencode userip=203.0.113.5" in sample
    panel.setup.reveal_box.setChecked(True)  # the user asks to see it
    assert "psw=pw-S3cret" in panel.setup.sample_view.toPlainText()
    panel.setup.copy_sample.click()
    assert "psw=pw-S3cret" in QGuiApplication.clipboard().text()
    panel.setup.copy_snippet.click()
    assert QGuiApplication.clipboard().text() == snippet
    panel.set_service(session.captcha, None)  # another account (here: the same) masks again
    assert not panel.setup.revealed
    assert "pw-S3cret" not in panel.setup.sample_view.toPlainText()
    assert panel.userip_edit.text() == ""  # a real server: this computer's public address
    assert not panel.picture.ready
    run(qloop, qtbot, session.close())


# --- a test send ---------------------------------------------------------------------------


def test_a_test_send_confirmed_sent_and_journaled(ui: Harness) -> None:
    panel = page(ui)
    click(ui, panel.picture.fill_button)
    click(ui, panel.send_button)
    dialog: SendTestDialog = modal(ui.qtbot, SendTestDialog)
    assert format_money(Decimal("2.50"), "RUR") in dialog.charge_label.text()
    assert "1 SMS" in dialog.charge_label.text()
    assert dialog.after_label is not None
    assert dialog.after_label.text() == format_money(Decimal("4997.50"), "RUR")
    assert format_money(Decimal("2.50"), "RUR") in dialog.send_button.text()
    assert requests(ui, "send.cost") == 1
    assert requests(ui, "send.send") == 0  # nothing sent before confirming
    click(ui, dialog.send_button)
    text = wait_message(ui, panel, "Sent", "id 3001")
    assert panel.message.level is Level.SUCCESS
    assert "The captcha worked" in text
    assert requests(ui, "send.send") == 1
    lines = journal(ui)
    assert [(x["action"], x["outcome"]) for x in lines] == [("send", "requested"), ("send", "ok")]
    assert lines[-1]["message_id"] == 3001
    # SMSC has seen the code: the field is cleared and a new picture loaded
    assert panel.code_edit.text() == ""
    ui.qtbot.waitUntil(lambda: requests(ui, "imgcode") == 2)
    session = ui.ctx.session
    assert session is not None
    ui.qtbot.waitUntil(
        lambda: session.balance is not None and session.balance.amount == Decimal("4997.50")
    )


@pytest.mark.parametrize("reading", [1, 6])
def test_a_wrong_code_is_explained_as_a_guess_with_smscs_words(ui: Harness, reading: int) -> None:
    ui.sandbox.reset(captcha_error=reading)
    panel = page(ui)
    panel.picture.reload()
    ui.qtbot.waitUntil(lambda: requests(ui, "imgcode") == 1 and panel.picture.ready)
    fill(panel, other_than(live_code(ui)))
    click(ui, panel.send_button)
    click(ui, modal(ui.qtbot, SendTestDialog).send_button)
    text = wait_message(ui, panel, "captcha check failed")
    assert panel.message.level is Level.ERROR
    assert "This is a guess" in text
    assert f"(here error {reading})" in text
    assert "wrong imgcode" in text  # SMSC's own words, quoted
    assert ("text or the sender name" in text) is (reading == 6)
    assert "the same message go again at" in text  # the refusal counts: the next try waits
    available_at(text)
    assert journal(ui)[-1]["outcome"] == "refused"
    assert ui.sandbox.account_state()["balance"] == "5000.00"


def test_an_address_mismatch_is_named(ui: Harness) -> None:
    panel = page(ui)
    fill(panel, live_code(ui), "198.51.100.7")
    click(ui, panel.send_button)
    click(ui, modal(ui.qtbot, SendTestDialog).send_button)
    text = wait_message(ui, panel, "captcha check failed")
    assert "198.51.100.7 is not the address the picture was shown to (127.0.0.1)" in text
    assert "no imgcode for this userip" in text


def test_an_old_picture_is_named(ui: Harness) -> None:
    panel = page(ui)
    code = live_code(ui)
    ui.sandbox.advance_clock(301)
    service = panel.service
    assert service is not None
    assert service.picture_loaded_at is not None
    service.picture_loaded_at -= 301  # the page's own clock: loaded five minutes ago
    fill(panel, code)
    click(ui, panel.send_button)
    click(ui, modal(ui.qtbot, SendTestDialog).send_button)
    text = wait_message(ui, panel, "captcha check failed")
    assert "min ago, so its code has probably expired" in text
    assert "imgcode expired" in text


def test_a_lost_answer_is_checked_and_never_resent(ui: Harness) -> None:
    panel = page(ui)
    click(ui, panel.picture.fill_button)
    click(ui, panel.send_button)
    dialog = modal(ui.qtbot, SendTestDialog)
    ui.sandbox.set_fault("send", drop_after=0, count=1)  # the price came; the send's answer won't
    click(ui, dialog.send_button)
    text = wait_message(ui, panel, "unknown whether the message was sent")
    assert panel.message.level is Level.WARNING
    assert "most likely sent" in text
    assert requests(ui, "send.send") == 1
    assert [x["outcome"] for x in journal(ui)] == ["requested", "unknown", "probably_sent"]


def test_double_clicks_make_one_confirmation_and_one_send(ui: Harness) -> None:
    panel = page(ui)
    click(ui, panel.picture.fill_button)
    for _ in range(3):
        panel.send_test()
    dialog: SendTestDialog = modal(ui.qtbot, SendTestDialog)
    assert not panel.send_button.isEnabled()
    assert (
        len(
            [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, SendTestDialog) and w.isVisible()
            ]
        )
        == 1
    )
    for _ in range(3):
        dialog._confirm()  # what every extra click on "Send" ends in
    wait_message(ui, panel, "Sent")
    assert requests(ui, "send.send") == 1
    assert requests(ui, "send.cost") == 1


def test_cancel_sends_nothing(ui: Harness) -> None:
    panel = page(ui)
    click(ui, panel.picture.fill_button)
    click(ui, panel.send_button)
    modal(ui.qtbot, SendTestDialog).reject()
    ui.qtbot.waitUntil(lambda: panel.send_button.isEnabled())
    assert requests(ui, "send.send") == 0
    assert not (ui.ctx.session.data_dir / "journal.jsonl").exists()  # type: ignore[union-attr]


def test_what_is_typed_wrong_is_said_before_anything_is_sent(ui: Harness) -> None:
    panel = page(ui)
    panel.phone_edit.setText("916 123")
    panel.userip_edit.setText("not an address")
    click(ui, panel.send_button)
    text = wait_message(ui, panel, "Type the code from the picture.")
    assert panel.message.level is Level.ERROR
    assert "country code" in text
    assert "not an IP address" in text
    assert requests(ui, "send") == 0


def available_at(text: str) -> datetime:
    """The time of day a held-back send may go, as the message says it (today, local)."""
    found = re.search(r"again at (\d\d):(\d\d):(\d\d) \(in (\d+) s\)", text)
    assert found is not None, text
    hour, minute, second, _ = (int(x) for x in found.groups())
    now = datetime.now().astimezone()
    at = now.replace(hour=hour, minute=minute, second=second, microsecond=0)
    return at if at >= now - timedelta(hours=12) else at + timedelta(days=1)


def test_the_same_send_again_is_held_back_with_the_time_it_may_go(ui: Harness) -> None:
    """SMSC takes one identical send a minute: the second is not priced, not confirmed, not
    sent, and the page says when it may go."""
    panel = page(ui)
    code = live_code(ui)
    fill(panel, code)
    assert panel.limit_label.text().startswith("SMSC accepts one identical send")
    click(ui, panel.send_button)
    click(ui, modal(ui.qtbot, SendTestDialog).send_button)
    wait_message(ui, panel, "Sent")
    fill(panel, code)  # the very same message with the very same code
    click(ui, panel.send_button)
    text = wait_message(ui, panel, "Held back")
    assert panel.message.level is Level.WARNING
    at = available_at(text)
    now = datetime.now().astimezone()
    assert now + timedelta(seconds=50) <= at <= now + timedelta(seconds=65)
    assert requests(ui, "send.cost") == 1
    assert requests(ui, "send.send") == 1
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, SendTestDialog) and w.isVisible()
    ]


def test_a_sixth_price_request_is_held_back(ui: Harness) -> None:
    """Five identical price requests a minute: cancelling the confirmation five times leaves
    the sixth unasked, with the time it may be asked again."""
    panel = page(ui)
    click(ui, panel.picture.fill_button)
    for _ in range(5):
        click(ui, panel.send_button)
        modal(ui.qtbot, SendTestDialog).reject()
        ui.qtbot.waitUntil(lambda: panel.send_button.isEnabled())
    assert requests(ui, "send.cost") == 5
    click(ui, panel.send_button)
    text = wait_message(ui, panel, "Held back", "Nothing was asked, sent or charged")
    available_at(text)
    assert requests(ui, "send.cost") == 5
    assert requests(ui, "send.send") == 0


def test_the_phone_is_normalised_as_everywhere_in_the_app(ui: Harness) -> None:
    panel = page(ui)
    note = panel.form.phone_note
    assert not note.isVisible()  # +7 916 123-45-67 is sent as written
    panel.phone_edit.setText("8 (916) 123-45-67")
    assert note.isVisible()
    assert note.text() == ("Will be sent as 79161234567 (the Russian 8 became the country code 7)")
    assert "phones=79161234567" in panel.setup.sample_view.toPlainText()
    panel.phone_edit.setText("916 123 45 67")
    assert "country code is missing" in note.text()
    panel.phone_edit.setText("916 12")  # not a whole number yet: nothing said
    assert not note.isVisible()


def test_every_field_and_view_has_an_accessible_name(ui: Harness) -> None:
    panel = page(ui)
    widgets = panel.findChildren(QLineEdit) + panel.findChildren(QPlainTextEdit)
    widgets += [*panel.findChildren(QAbstractButton), panel.picture.image]
    names = {}
    for widget in widgets:
        face = QAccessible.queryAccessibleInterface(widget)
        assert face is not None
        names[widget.objectName()] = face.text(QAccessible.Text.Name)
    assert not [name for name, text in names.items() if not text.strip()], names
    assert names["captchaCode"] == "Code from the picture"
    assert names["captchaSnippet"] == "HTML for the client's form"


def test_not_enough_money_is_said_in_the_confirmation(
    qtbot: QtBot, qloop: Any, sandbox: SandboxHandle
) -> None:
    from tests.helpers.sessions import sandbox_profile

    harness = Harness(qtbot, qloop, sandbox)
    profile = sandbox_profile(sandbox, account=sandbox.poor, demo=True)
    creds = Credentials.from_password(sandbox.poor.login, sandbox.poor.password)
    run(qloop, qtbot, harness.ctx.open_session(profile, creds))
    try:
        panel = page(harness)
        click(harness, panel.picture.fill_button)
        panel.text_edit.setText("я" * 400)  # 6 parts: 15.00 > 10.00
        click(harness, panel.send_button)
        dialog: SendTestDialog = modal(qtbot, SendTestDialog)
        assert dialog.warning.isVisible()
        assert "Not enough money" in dialog.warning.text()
        assert not dialog.send_button.isEnabled()
        dialog.reject()
        qtbot.waitUntil(lambda: panel.send_button.isEnabled())
        assert requests(harness, "send.send") == 0
    finally:
        harness.tab.shutdown()
        harness.close()


def test_the_page_in_light_and_dark(ui: Harness, tmp_path: Path) -> None:
    """Pictures to look at (saved to $SMSC_SCREENSHOT_DIR when set), and the page's boxes in
    each scheme's colours."""
    from smsc_desktop.ui import theme
    from smsc_desktop.ui.theme import Box, Scheme

    shots = Path(os.environ.get("SMSC_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    panel = page(ui)
    fill(panel, other_than(live_code(ui)))
    click(ui, panel.send_button)
    dialog = modal(ui.qtbot, SendTestDialog)
    assert dialog.grab().save(str(shots / "site-captcha-confirmation.png"))
    click(ui, dialog.send_button)
    wait_message(ui, panel, "captcha check failed")
    ui.qtbot.waitUntil(lambda: panel.picture.ready and panel.picture.hint.isVisible())
    try:
        for dark in (False, True):
            theme.set_scheme(Scheme.DARK if dark else Scheme.LIGHT)
            info, error = theme.box_colours(Box.INFO, dark), theme.box_colours(Box.ERROR, dark)
            assert info.background in panel.picture.hint.styleSheet()
            assert error.background in panel.message.styleSheet()
            name = f"site-captcha-{'dark' if dark else 'light'}.png"
            assert ui.tab.grab().save(str(shots / name))
            assert distinct_colours(shots / name) > 20
    finally:
        theme.set_scheme(Scheme.SYSTEM)
