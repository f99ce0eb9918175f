"""Send a test callback: a correctly signed sample status, incoming SMS or call-verification
message is posted to a handler URL the way SMSC would; the handler's answer is shown."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.callback_sender import CallbackSender, SendResult
from smsc_desktop.services.callbacks import (
    CallbackKind,
    PreparedCallback,
    SampleValues,
    parse_handler_url,
    prepare_callback,
)
from smsc_desktop.ui import a11y
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.texts.verification import (
    guessed_signature_note,
    kind_text,
    scheme_tooltip,
    send_failure_text,
)
from smsc_desktop.ui.theme import Box, Tone, css, set_box, theme
from smsc_desktop.ui.widgets.styles import monospace, page_labels


class SendCallbackPanel(QWidget):
    sent = Signal(object)  # SendResult

    def __init__(
        self, parent: QWidget | None = None, *, sender: CallbackSender | None = None
    ) -> None:
        super().__init__(parent)
        self.sender_service = sender or CallbackSender()
        self._slot = TaskSlot(self, "test-callback")
        self.result: SendResult | None = None
        self._sending = False

        heading, intro = page_labels(
            self,
            self.tr("Send a test callback"),
            self.tr(
                "Posts a correctly signed sample callback to the handler, exactly as SMSC "
                "would: charset, XML/JSON format, ! parameters by GET and the signature are "
                "taken from the handler URL. Use it to see whether the client's script "
                "accepts SMSC's calls. Remember when testing with real messages: SMSC sends "
                "delivery statuses only for messages sent over HTTP/HTTPS, SMTP or SMPP, never "
                "for messages sent from the SMSC cabinet."
            ),
        )

        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("handlerUrl")
        self.url_edit.setFont(monospace())
        self.url_edit.setPlaceholderText("https://mysite.ru/handler.php?charset=utf-8&md5=secret")
        self.kind_group = QButtonGroup(self)
        kinds = QHBoxLayout()
        self.kind_buttons: dict[CallbackKind, QRadioButton] = {}
        for kind in CallbackKind:
            button = QRadioButton(kind_text(kind), self)
            button.setProperty("kind", kind.value)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        self.kind_buttons[CallbackKind.STATUS].setChecked(True)
        self.kind_buttons[CallbackKind.WAITCALL].setToolTip(
            scheme_tooltip_for(CallbackKind.WAITCALL)
        )
        self.kind_buttons[CallbackKind.INCOMING].setToolTip(
            scheme_tooltip_for(CallbackKind.INCOMING)
        )

        defaults = SampleValues()
        self.phone_edit = QLineEdit(defaults.phone, self)
        self.id_edit = QLineEdit(defaults.id, self)
        self.status_combo = QComboBox(self)
        for code, label in (
            ("1", self.tr("1 — delivered")),
            ("0", self.tr("0 — handed to the operator")),
            ("3", self.tr("3 — expired")),
            ("20", self.tr("20 — cannot be delivered")),
            ("22", self.tr("22 — wrong number")),
        ):
            self.status_combo.addItem(label, code)
        self.text_edit = QLineEdit(defaults.mes, self)

        self.send_button = QPushButton(self.tr("Send test callback"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(True)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("sendOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Handler URL:"), self), 0, 0)
        grid.addWidget(self.url_edit, 0, 1, 1, 5)
        grid.addWidget(QLabel(self.tr("Callback:"), self), 1, 0)
        grid.addLayout(kinds, 1, 1, 1, 5)
        grid.addWidget(QLabel(self.tr("Phone:"), self), 2, 0)
        grid.addWidget(self.phone_edit, 2, 1)
        grid.addWidget(QLabel(self.tr("Message id:"), self), 2, 2)
        grid.addWidget(self.id_edit, 2, 3)
        self.status_label = QLabel(self.tr("Status:"), self)
        grid.addWidget(self.status_label, 2, 4)
        grid.addWidget(self.status_combo, 2, 5)
        self.text_label = QLabel(self.tr("SMS text:"), self)
        grid.addWidget(self.text_label, 3, 0)
        grid.addWidget(self.text_edit, 3, 1, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.send_button)
        actions.addWidget(self.outcome, 1)
        self.guess_note = QLabel(self)
        self.guess_note.setObjectName("guessNote")
        self.guess_note.setWordWrap(True)
        set_box(self.guess_note, Box.NOTE)
        self.guess_note.hide()

        self.request_view = QPlainTextEdit(self)
        self.request_view.setObjectName("requestView")
        self.request_view.setReadOnly(True)
        self.request_view.setFont(monospace())
        self.response_view = QPlainTextEdit(self)
        self.response_view.setObjectName("responseView")
        self.response_view.setReadOnly(True)
        self.response_view.setFont(monospace())
        self.views = QTabWidget(self)
        self.views.addTab(self.request_view, self.tr("What is sent"))
        self.views.addTab(self.response_view, self.tr("Handler's answer"))
        a11y.name(self.url_edit, self.tr("Handler URL:"))
        a11y.name(self.phone_edit, self.tr("Phone:"))
        a11y.name(self.id_edit, self.tr("Message id:"))
        a11y.name(self.status_combo, self.tr("Status:"))
        a11y.name(self.text_edit, self.tr("SMS text:"))
        a11y.name(self.request_view, self.tr("What is sent"))
        a11y.name(self.response_view, self.tr("Handler's answer"))

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(grid)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.guess_note)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.views)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)

        self.url_edit.textChanged.connect(self.update_preview)
        self.kind_group.buttonToggled.connect(lambda *_: self.update_preview())
        for edit in (self.phone_edit, self.id_edit, self.text_edit):
            edit.textChanged.connect(self.update_preview)
        self.status_combo.currentIndexChanged.connect(self.update_preview)
        self.send_button.clicked.connect(self.send)
        theme().changed.connect(self._render_outcome)  # rich text in the tones' colours
        self.update_preview()

    # --- inputs ------------------------------------------------------------------------------

    def kind(self) -> CallbackKind:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return CallbackKind.STATUS

    def set_kind(self, kind: CallbackKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def set_url(self, url: str) -> None:
        self.url_edit.setText(url)

    def sample(self) -> SampleValues:
        return SampleValues(
            id=self.id_edit.text().strip() or "1",
            phone=self.phone_edit.text().strip() or "79161234567",
            status=self.status_combo.currentData(),
            mes=self.text_edit.text(),
        )

    def prepared(self) -> PreparedCallback | None:
        try:
            handler = parse_handler_url(self.url_edit.text())
        except ValueError:
            return None
        return prepare_callback(handler, self.kind(), self.sample())

    def update_preview(self) -> None:
        kind = self.kind()
        status = kind is CallbackKind.STATUS
        self.status_label.setVisible(status)
        self.status_combo.setVisible(status)
        incoming = kind is CallbackKind.INCOMING
        self.text_label.setVisible(incoming)
        self.text_edit.setVisible(incoming)
        self.id_edit.setEnabled(kind is not CallbackKind.WAITCALL)
        prepared = self.prepared()
        busy = self._slot.running
        self.send_button.setEnabled(prepared is not None and not busy)
        guessed = _guessed_template(prepared)
        self.guess_note.setText(guessed_signature_note(guessed) if guessed else "")
        self.guess_note.setVisible(bool(guessed))
        if prepared is None:
            self.request_view.setPlainText(
                self.tr("Enter the handler URL as it is written in the SMSC settings.")
                if not self.url_edit.text().strip()
                else self.tr("This is not an http(s) address.")
            )
            return
        self.request_view.setPlainText(self._describe_request(prepared))

    def _describe_request(self, prepared: PreparedCallback) -> str:
        body = prepared.body.decode(prepared.charset.codec, errors="replace")
        lines = [
            f"POST {prepared.url}",
            f"Content-Type: {prepared.content_type}",
            "",
            body,
            "",
        ]
        for signed in prepared.signatures:
            string = signed.data.decode(prepared.charset.codec, errors="replace")
            note = "" if signed.scheme.confirmed else "  " + self.tr("(the app's guess)")
            lines.append(
                f"{signed.algorithm.value} = {signed.algorithm.value}(“{string}”) = {signed.value}{note}"
            )
        if not prepared.signatures:
            lines.append(self.tr("No signature: the URL has no md5, sha1 or crc32 parameter."))
        return "\n".join(lines)

    # --- sending -----------------------------------------------------------------------------

    def send(self) -> None:
        prepared = self.prepared()
        if prepared is None or self._slot.running:
            return
        self.send_button.setEnabled(False)
        self._sending = True
        self._render_outcome()
        self._slot.start(self._send(self.url_edit.text(), self.kind(), self.sample()))

    async def _send(self, url: str, kind: CallbackKind, sample: SampleValues) -> None:
        # A cancellation (the panel is gone) ends this at the await, touching no widget.
        try:
            result = await self.sender_service.send(url, kind, sample)
        except Exception:
            self._sending = False
            self.send_button.setEnabled(True)
            raise
        self._sending = False
        self.send_button.setEnabled(True)
        self.show_result(result)
        self.sent.emit(result)

    def show_result(self, result: SendResult) -> None:
        self.result = result
        self._render_outcome()
        if result.status is not None:
            head = f"HTTP {result.status} {result.reason}"
            if result.content_type:
                head += f"\nContent-Type: {result.content_type}"
            body = result.body or self.tr("(empty body)")
            if result.body_truncated:
                body += "\n" + self.tr("… (cut after 4 KB)")
            self.response_view.setPlainText(f"{head}\n\n{body}")
            self.views.setCurrentWidget(self.response_view)
        else:
            self.response_view.setPlainText(result.detail)
        if result.request is not None:
            self.request_view.setPlainText(self._describe_request(result.request))

    def _render_outcome(self) -> None:
        """The line next to the button (again when the colour scheme changes)."""
        result = self.result
        if self._sending:
            text, tone = self.tr("Sending…"), Tone.MUTED
        elif result is None:
            self.outcome.setText("")
            return
        else:
            elapsed = self.tr("%1 ms").replace("%1", str(round(result.elapsed * 1000)))
            if result.ok:
                text = (
                    self.tr("✔ The handler answered HTTP %1 %2 in %3.")
                    .replace("%1", str(result.status))
                    .replace("%2", result.reason)
                    .replace("%3", elapsed)
                )
                tone = Tone.GOOD
                if _guessed_template(result.request):
                    text += " " + self.tr(
                        "It was signed with a guessed string: this shows the handler "
                        "accepts the app's guess, not that it accepts SMSC's callbacks."
                    )
                    tone = Tone.WARNING
            else:
                text = "✘ " + send_failure_text(result)
                if result.elapsed:
                    text += " " + self.tr("(after %1)").replace("%1", elapsed)
                tone = Tone.BAD
        body = html.escape(text) if tone is Tone.MUTED else f"<b>{html.escape(text)}</b>"
        self.outcome.setText(f"<span style='color:{css(tone)}'>{body}</span>")

    def shutdown(self) -> None:
        self._slot.cancel()


def _guessed_template(prepared: PreparedCallback | None) -> str:
    """The signing string of a prepared callback when it is the app's guess ("": none)."""
    if prepared is None:
        return ""
    for signed in prepared.signatures:
        if not signed.scheme.confirmed:
            return signed.scheme.template
    return ""


def scheme_tooltip_for(kind: CallbackKind) -> str:
    from smsc_desktop.services.callbacks import schemes_for

    return scheme_tooltip(schemes_for(kind)[0])
