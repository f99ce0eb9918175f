"""For the client's web team: the HTML of the form's captcha for the account's server, and
what the site's send script passes to ``send.php`` (``imgcode``, ``userip``) with a sample
request to paste into curl. The password or API key is masked unless the user asks to see it
(the choice is forgotten when the account changes); nothing here is logged."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.captcha import SiteCaptchaService
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.styles import monospace


def _code_view(parent: QWidget, name: str, lines: int, *, wrap: bool) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setFont(monospace())
    if not wrap:
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    height = view.fontMetrics().lineSpacing() * lines + 14
    view.setFixedHeight(height)
    return view


class CaptchaSetup(QWidget):
    """The snippet and the send script's parameters for the service's account."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: SiteCaptchaService | None = None
        self._fields = {"phone": "", "text": "", "sender": "", "imgcode": "", "userip": ""}

        form_title = QLabel(self.tr("1. On the client's form"), self)
        form_title.setObjectName("sectionTitle")
        self.form_intro = QLabel(self)
        self.form_intro.setWordWrap(True)
        set_tone(self.form_intro, Tone.MUTED)
        self.snippet_view = _code_view(self, "captchaSnippet", 6, wrap=True)
        self.snippet_view.setAccessibleName(self.tr("HTML for the client's form"))
        self.copy_snippet = QPushButton(self.tr("Copy HTML"), self)
        self.copy_snippet.setObjectName("copySnippet")

        script_title = QLabel(self.tr("2. In the site's send script"), self)
        script_title.setObjectName("sectionTitle")
        self.script_text = QLabel(
            self.tr(
                "The script that sends the message passes two more parameters to send.php: "
                "imgcode, the code the visitor typed, and userip, the visitor's IP address, the "
                "one the picture was shown to (in PHP, $_SERVER['REMOTE_ADDR']). SMSC checks "
                "the pair and sends nothing when the code is wrong, too old or was shown to "
                "another address. The request goes from the site's server, never from the "
                "visitor's browser, so the password stays on the server. Like this:"
            ),
            self,
        )
        self.script_text.setWordWrap(True)
        self.sample_view = _code_view(self, "captchaSample", 11, wrap=False)
        self.sample_view.setAccessibleName(self.tr("Sample request of the send script"))
        self.reveal_box = QCheckBox(self)
        self.reveal_box.setObjectName("revealSecret")
        self.copy_sample = QPushButton(self.tr("Copy command"), self)
        self.copy_sample.setObjectName("copySample")
        self.copied = QLabel(self)
        set_tone(self.copied, Tone.MUTED)

        snippet_row = QHBoxLayout()
        snippet_row.addWidget(self.copy_snippet)
        snippet_row.addStretch(1)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.reveal_box)
        sample_row.addStretch(1)
        sample_row.addWidget(self.copied)
        sample_row.addWidget(self.copy_sample)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form_title)
        layout.addWidget(self.form_intro)
        layout.addWidget(self.snippet_view)
        layout.addLayout(snippet_row)
        layout.addSpacing(8)
        layout.addWidget(script_title)
        layout.addWidget(self.script_text)
        layout.addWidget(self.sample_view)
        layout.addLayout(sample_row)
        layout.addStretch(1)

        self.copy_snippet.clicked.connect(self._copy_snippet)
        self.copy_sample.clicked.connect(self._copy_sample)
        self.reveal_box.toggled.connect(self._render_sample)
        self.set_service(None)

    def set_service(self, service: SiteCaptchaService | None) -> None:
        self.service = service
        self.reveal_box.setChecked(False)
        self.copied.clear()
        self.setEnabled(service is not None)
        if service is None:
            self.form_intro.setText(self.tr("Open an account to see its snippet."))
            self.snippet_view.clear()
            self.sample_view.clear()
            return
        self.form_intro.setText(
            self.tr(
                "The picture comes from %1, the server of this account; a click on it loads a "
                "new one. Put this where the form asks for the phone number:"
            ).replace("%1", service.image_url)
        )
        self.snippet_view.setPlainText(service.snippet(self.tr("Code from the picture:")))
        api_key = service.client.credentials.uses_api_key
        self.reveal_box.setText(
            self.tr("Show the API key") if api_key else self.tr("Show the password")
        )
        self._render_sample()

    def set_fields(self, **fields: str) -> None:
        """The test message's fields, as the sample request shows them."""
        self._fields.update(fields)
        self._render_sample()

    def _render_sample(self) -> None:
        self.copied.clear()
        service = self.service
        if service is None:
            return
        f = self._fields
        sample = service.sample_request(
            phone=f["phone"] or "79161234567",
            text=f["text"],
            sender=f["sender"],
            imgcode=f["imgcode"] or "CODE",
            userip=f["userip"] or "VISITOR_IP",
            reveal=self.reveal_box.isChecked(),
        )
        self.sample_view.setPlainText(sample)

    @property
    def revealed(self) -> bool:
        return self.reveal_box.isChecked()

    def _copy_snippet(self) -> None:
        QGuiApplication.clipboard().setText(self.snippet_view.toPlainText())
        self.copied.setText(self.tr("HTML copied."))

    def _copy_sample(self) -> None:
        QGuiApplication.clipboard().setText(self.sample_view.toPlainText())
        self.copied.setText(self.tr("Command copied."))
