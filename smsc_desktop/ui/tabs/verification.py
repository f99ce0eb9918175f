"""The Verification tab: the call-verification tester, the callback workbench and the site
captcha.

Left, a list of the tab's tools; right, the tool:

- Call verification (``CallVerificationPanel``): request a number, watch the call arrive;
- Handler URL (``HandlerUrlBuilder``), Signature checker (``SignatureChecker``) and Test
  callback (``SendCallbackPanel``): the callback workbench;
- Site captcha (``SiteCaptchaPanel``): the client form's captcha and a test send.

The tab shows the active account's :class:`VerificationService` (``session.verification``);
its history is loaded (in a worker thread) before the tab reports that its data is shown.
"""

from __future__ import annotations

import asyncio
import html
import logging
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from smsc_desktop.services.callback_sender import CallbackSender
from smsc_desktop.services.sandbox_control import SandboxControl, is_sandbox_profile
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.verification import VerificationService
from smsc_desktop.ui import a11y
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.panels.verification.call_verification import CallVerificationPanel
from smsc_desktop.ui.panels.verification.handler_url_builder import HandlerUrlBuilder
from smsc_desktop.ui.panels.verification.send_callback import SendCallbackPanel
from smsc_desktop.ui.panels.verification.signature_checker import SignatureChecker
from smsc_desktop.ui.panels.verification.site_captcha import SiteCaptchaPanel
from smsc_desktop.ui.tabs.base import TabPage
from smsc_desktop.ui.theme import Tone, css, nav_colours, set_tone, theme

log = logging.getLogger("smsc_desktop.ui.verification")

PAGES = ("call", "url", "checker", "send", "captcha")


def _style() -> str:
    selected, marker, hover = nav_colours()
    return (
        "#pageHeading { font-size: 15pt; font-weight: 600; }"
        " #sectionTitle { font-weight: 600; }"
        " #verificationNav { border: none; border-right: 1px solid palette(mid);"
        " background: palette(window); }"
        " #verificationNav::item { padding: 0px; }"
        f" #verificationNav::item:selected {{ background: {selected};"
        f" border-left: 3px solid {marker}; }}"
        f" #verificationNav::item:hover:!selected {{ background: {hover}; }}"
    )


def _nav_html(title: str, subtitle: str) -> str:
    return (
        f"<div style='font-weight:600'>{html.escape(title)}</div>"
        f"<div style='color:{css(Tone.MUTED)}; font-size:small'>{html.escape(subtitle)}</div>"
    )


class VerificationTab(TabPage):
    name = "verification"

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        sender: CallbackSender | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.service: VerificationService | None = None
        self._load = TaskSlot(self.session_tasks, "verification-history")

        self.nav = QListWidget(self)
        self.nav.setObjectName("verificationNav")
        a11y.name(self.nav, self.tr("Pages"))
        self.nav.setFixedWidth(250)
        self.nav.setIconSize(QSize(0, 0))
        self.stack = QStackedWidget(self)
        self.call_panel = CallVerificationPanel(self)
        self.url_builder = HandlerUrlBuilder(self)
        self.checker = SignatureChecker(self)
        self.sender_panel = SendCallbackPanel(self, sender=sender)
        self.captcha_panel = SiteCaptchaPanel(self)
        self._rows: dict[str, int] = {}
        self._nav_labels: list[tuple[QLabel, str, str]] = []

        self._add_header(self.tr("Phone verification"))
        self._add_page(
            "call",
            self.tr("Call verification"),
            self.tr("Request a number; watch the subscriber's call arrive"),
            self.call_panel,
        )
        self._add_header(self.tr("Callback workbench"))
        self._add_page(
            "url",
            self.tr("Handler URL"),
            self.tr("Build the address SMSC posts callbacks to"),
            self.url_builder,
        )
        self._add_page(
            "checker",
            self.tr("Signature checker"),
            self.tr("Is a received callback genuine?"),
            self.checker,
        )
        self._add_page(
            "send",
            self.tr("Test callback"),
            self.tr("Post a signed sample to a handler"),
            self.sender_panel,
        )
        self._add_header(self.tr("Site integration"))
        self._add_page(
            "captcha",
            self.tr("Site captcha"),
            self.tr("A client's form: the picture, its code, a test send"),
            self.captcha_panel,
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._restyle()
        theme().changed.connect(self._restyle)

        self.nav.currentRowChanged.connect(self._on_nav)
        self.url_builder.sendTestRequested.connect(self._send_test_to)
        self.nav.setCurrentRow(self._rows["call"])
        self.call_panel.set_service(None)

    def _restyle(self) -> None:
        self.setStyleSheet(_style())
        for label, title, subtitle in self._nav_labels:
            label.setText(_nav_html(title, subtitle))

    # --- navigation ---------------------------------------------------------------------------

    def _add_header(self, text: str) -> None:
        item = QListWidgetItem()
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        item.setSizeHint(QSize(200, 36))
        self.nav.addItem(item)
        label = QLabel(text.upper(), self.nav)
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 0.82)
        font.setBold(True)
        label.setFont(font)
        set_tone(label, Tone.MUTED)
        label.setContentsMargins(10, 12, 6, 0)
        self.nav.setItemWidget(item, label)

    def _add_page(self, key: str, title: str, subtitle: str, widget: QWidget) -> None:
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}. {subtitle}")
        item.setToolTip(subtitle)
        item.setSizeHint(QSize(200, 54))
        self.nav.addItem(item)
        label = QLabel(_nav_html(title, subtitle), self.nav)
        self._nav_labels.append((label, title, subtitle))
        label.setObjectName("navLabel")
        label.setWordWrap(True)
        label.setContentsMargins(10, 4, 6, 4)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.nav.setItemWidget(item, label)
        self._rows[key] = self.nav.count() - 1
        widget.setProperty("page", key)
        self.stack.addWidget(widget)

    def _on_nav(self, row: int) -> None:
        item = self.nav.item(row)
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if key not in PAGES:
            return
        for index in range(self.stack.count()):
            widget = self.stack.widget(index)
            if widget is not None and widget.property("page") == key:
                self.stack.setCurrentWidget(widget)
        if key == "send" and not self.sender_panel.url_edit.text() and self.url_builder.built:
            self.sender_panel.set_url(self.url_builder.built.url)
        if key == "checker" and not self.checker.secret_edit.text():
            self.checker.secret_edit.setText(self.url_builder.secret_edit.text())

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self._rows[key])

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return str(widget.property("page")) if widget is not None else ""

    def _send_test_to(self, url: str) -> None:
        self.sender_panel.set_url(url)
        self.show_page("send")

    # --- the account ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Verification")

    def session_changed(self, session: AccountSession | None) -> None:
        # TabPage has cancelled the previous account's history load (self.session_tasks).
        self.service = None
        if session is None:
            self.call_panel.set_service(None)
            self.captcha_panel.set_service(None)
            return
        service = session.verification
        self.service = service
        sandbox = None
        if is_sandbox_profile(session.profile, self.ctx.sandbox_url):
            sandbox = SandboxControl(session.profile.server)
        self.call_panel.set_service(service, sandbox)
        self.captcha_panel.set_service(session.captcha, sandbox)
        self._load.start(self._load_history(service))

    def is_loaded(self) -> bool:
        """The history is shown, and on the captcha page its first picture (the screenshot)."""
        on_captcha = self.current_page() == "captcha"
        return super().is_loaded() and (not on_captcha or self.captcha_panel.is_ready())

    def refresh(self) -> asyncio.Task[Any] | None:
        """The tab's read action: reload the history; read the inbox now if a call is due."""
        service = self.service
        if service is None:
            return None
        if service.waiting:
            service.poll_now()
        return self._load.start(self._load_history(service))

    async def _load_history(self, service: VerificationService) -> None:
        try:
            await service.load()
        except Exception:
            self.mark_loaded()  # a final error counts as shown; a cancellation does not
            raise
        self.mark_loaded()

    def shutdown(self) -> None:
        self._load.cancel()
        self.call_panel.shutdown()
        self.sender_panel.shutdown()
        self.captcha_panel.shutdown()
