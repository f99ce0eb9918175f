"""Handler URL builder: the client's script, charset, format, signature and extra parameters
become the exact URL to paste into the SMSC settings, with one line saying what SMSC sends."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.callbacks import (
    STATUS_SCHEME,
    WAITCALL_SCHEME,
    Algorithm,
    BodyFormat,
    BuiltHandlerUrl,
    Charset,
    HandlerSpec,
    build_handler_url,
    generate_secret,
    parse_handler_url,
)
from smsc_desktop.ui import a11y
from smsc_desktop.ui.texts.verification import (
    algorithm_text,
    charset_text,
    format_text,
    issue_text,
    scheme_tooltip,
)
from smsc_desktop.ui.theme import Tone, css, theme
from smsc_desktop.ui.widgets.param_table import ParamTable
from smsc_desktop.ui.widgets.styles import monospace, page_labels

_OTHER_FMT = "fmt:"
"""Data prefix of the format item of an undocumented ``fmt`` taken from a pasted URL."""


class HandlerUrlBuilder(QWidget):
    sendTestRequested = Signal(str)  # the handler URL
    urlChanged = Signal(str)  # "" while the form has errors

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.built: BuiltHandlerUrl | None = None
        self._filling = False

        heading, intro = page_labels(
            self,
            self.tr("Handler URL builder"),
            self.tr(
                "SMSC calls the client's script (the “handler”) with every delivery status, "
                "incoming SMS and call-verification message. Delivery statuses come only for "
                "messages sent over HTTP/HTTPS, SMTP or SMPP, never for messages sent from the "
                "SMSC cabinet. Fill in the form to get the exact address to enter in the SMSC "
                "cabinet, under User settings."
            ),
        )

        self.script_edit = QLineEdit(self)
        self.script_edit.setObjectName("scriptEdit")
        self.script_edit.setPlaceholderText("https://mysite.ru/smsc/handler.php")
        self.script_edit.setToolTip(
            self.tr(
                "The address of the client's script. Pasting a whole handler URL fills the form."
            )
        )
        self.charset_combo = QComboBox(self)
        for charset in Charset:
            self.charset_combo.addItem(charset_text(charset), charset.value)
        self.charset_combo.setToolTip(
            self.tr("The encoding SMSC uses for the values it sends (and hashes).")
        )
        self.format_combo = QComboBox(self)
        for body_format in BodyFormat:
            self.format_combo.addItem(format_text(body_format), body_format.value)
        self.algorithm_combo = QComboBox(self)
        self.algorithm_combo.addItem(algorithm_text(None), "")
        for algorithm in Algorithm:
            self.algorithm_combo.addItem(algorithm_text(algorithm), algorithm.value)
        self.algorithm_combo.setToolTip(
            self.tr(
                "With a signature, SMSC adds md5, sha1 or crc32 to every callback: the hash "
                "of the data and the secret, so the handler can reject forged calls. md5 and "
                "sha1 are lower-case hex. crc32 is assumed to be the unsigned decimal number "
                "(as zlib.crc32 or PHP's crc32 on 64-bit give); the checker accepts hex too."
            )
        )
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("secretEdit")
        self.secret_edit.setPlaceholderText(self.tr("Latin letters, digits, - and _"))
        self.secret_edit.setFont(monospace())
        self.generate_button = QPushButton(self.tr("Generate"), self)
        self.generate_button.setToolTip(self.tr("Make a random secret of allowed characters"))
        secret_label = QLabel(self.tr("Secret:"), self)
        secret_label.setBuddy(self.secret_edit)
        # the signature and its secret on one line (a second line of options would make the
        # page too tall for a 600-pixel screen)
        secret_row = QHBoxLayout()
        secret_row.addWidget(self.algorithm_combo)
        secret_row.addSpacing(8)
        secret_row.addWidget(secret_label)
        secret_row.addWidget(self.secret_edit, 1)
        secret_row.addWidget(self.generate_button)

        self.get_table = ParamTable(self)
        self.get_table.setObjectName("getParams")
        self.post_table = ParamTable(self)
        self.post_table.setObjectName("postParams")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Handler script:"), self.script_edit)
        options = QGridLayout()
        options.addWidget(QLabel(self.tr("Charset:"), self), 0, 0)
        options.addWidget(self.charset_combo, 0, 1)
        options.addWidget(QLabel(self.tr("Format:"), self), 0, 2)
        options.addWidget(self.format_combo, 0, 3)
        options.setColumnStretch(4, 1)
        form.addRow(options)
        form.addRow(self.tr("Signature:"), secret_row)
        get_label = QLabel(self.tr("GET parameters:"), self)
        get_label.setToolTip(
            self.tr("Written between ! and ?: SMSC sends them in the handler's address.")
        )
        post_label = QLabel(self.tr("POST parameters:"), self)
        post_label.setToolTip(
            self.tr("Written after ?: SMSC posts them with every callback, next to its own fields.")
        )
        form.addRow(get_label, self.get_table)
        form.addRow(post_label, self.post_table)

        # --- the result ---------------------------------------------------------------------
        result_box = QFrame(self)
        result_box.setObjectName("resultBox")
        result_box.setStyleSheet(
            "#resultBox { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }"
        )
        result_title = QLabel(self.tr("URL to enter in the SMSC settings"), result_box)
        result_title.setObjectName("sectionTitle")
        self.url_edit = QPlainTextEdit(result_box)
        self.url_edit.setObjectName("urlOutput")
        self.url_edit.setReadOnly(True)
        self.url_edit.setFont(monospace())
        self.url_edit.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        a11y.name(self.charset_combo, self.tr("Charset:"))
        a11y.name(self.format_combo, self.tr("Format:"))
        a11y.name(self.algorithm_combo, self.tr("Signature:"))
        a11y.name(self.secret_edit, self.tr("Secret:"))
        a11y.name(self.url_edit, self.tr("URL to enter in the SMSC settings"))
        self.url_edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.url_edit.fontMetrics().lineSpacing()
        self.url_edit.setFixedHeight(line * 3 + 12)
        self.copy_button = QPushButton(self.tr("Copy"), result_box)
        self.send_button = QPushButton(self.tr("Send a test callback…"), result_box)
        self.send_button.setToolTip(self.tr("Post a signed sample callback to this URL"))
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        url_row.addLayout(buttons)
        self.explanation = QLabel(result_box)
        self.explanation.setObjectName("explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.issues = QLabel(result_box)
        self.issues.setObjectName("issues")
        self.issues.setWordWrap(True)
        self.issues.setTextFormat(Qt.TextFormat.RichText)
        result_layout = QVBoxLayout(result_box)
        result_layout.addWidget(result_title)
        result_layout.addLayout(url_row)
        result_layout.addWidget(self.explanation)
        result_layout.addWidget(self.issues)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(result_box)
        layout.addStretch(1)

        self.script_edit.textChanged.connect(self._on_script_changed)
        for combo in (self.charset_combo, self.format_combo, self.algorithm_combo):
            combo.currentIndexChanged.connect(self.rebuild)
        self.secret_edit.textChanged.connect(self.rebuild)
        self.get_table.changed.connect(self.rebuild)
        self.post_table.changed.connect(self.rebuild)
        self.generate_button.clicked.connect(self._generate)
        self.copy_button.clicked.connect(self._copy)
        self.send_button.clicked.connect(lambda: self.sendTestRequested.emit(self.url()))
        theme().changed.connect(self.rebuild)  # the issues are rich text in the tones' colours
        self.rebuild()

    # --- the form ----------------------------------------------------------------------------

    def spec(self) -> HandlerSpec:
        algorithm = self.algorithm_combo.currentData()
        data = str(self.format_combo.currentData())
        other_fmt = data.removeprefix(_OTHER_FMT) if data.startswith(_OTHER_FMT) else None
        return HandlerSpec(
            script_url=self.script_edit.text(),
            charset=Charset(self.charset_combo.currentData()),
            body_format=BodyFormat.FORM if other_fmt is not None else BodyFormat(data),
            algorithm=Algorithm(algorithm) if algorithm else None,
            secret=self.secret_edit.text(),
            get_params=self.get_table.params(),
            post_params=self.post_table.params(),
            other_fmt=other_fmt,
        )

    def _set_other_fmt(self, value: str | None) -> None:
        """Offer a pasted URL's undocumented ``fmt`` (``fmt=1``) as a format of its own, so
        the rebuilt URL means what the pasted one meant; choosing another format drops it."""
        for index in range(self.format_combo.count() - 1, -1, -1):
            if str(self.format_combo.itemData(index)).startswith(_OTHER_FMT):
                self.format_combo.removeItem(index)
        if value is not None:
            self.format_combo.addItem(
                self.tr("fmt=%1 (as pasted; not documented)").replace("%1", value),
                _OTHER_FMT + value,
            )

    def set_spec(self, spec: HandlerSpec) -> None:
        self._filling = True
        try:
            self.script_edit.setText(spec.script_url)
            self.charset_combo.setCurrentIndex(self.charset_combo.findData(spec.charset.value))
            other = spec.other_fmt if spec.body_format is BodyFormat.FORM else None
            self._set_other_fmt(other)
            wanted = _OTHER_FMT + other if other is not None else spec.body_format.value
            self.format_combo.setCurrentIndex(self.format_combo.findData(wanted))
            algorithm = spec.algorithm.value if spec.algorithm else ""
            self.algorithm_combo.setCurrentIndex(self.algorithm_combo.findData(algorithm))
            self.secret_edit.setText(spec.secret)
            self.get_table.set_params(spec.get_params)
            self.post_table.set_params(spec.post_params)
        finally:
            self._filling = False
        self.rebuild()

    def url(self) -> str:
        """The URL to paste into the SMSC settings ("" while the form has errors)."""
        return self.built.url if self.built is not None else ""

    def _on_script_changed(self, text: str) -> None:
        if self._filling:
            return
        if "://" in text and ("?" in text or "!" in text.split("://", 1)[1]):
            # A whole handler URL was pasted: take it apart into the form.
            try:
                spec = parse_handler_url(text).to_spec()
            except ValueError:
                self.rebuild()
                return
            self.set_spec(spec)
            return
        self.rebuild()

    def _generate(self) -> None:
        if not self.algorithm_combo.currentData():
            self.algorithm_combo.setCurrentIndex(self.algorithm_combo.findData(Algorithm.MD5.value))
        self.secret_edit.setText(generate_secret())

    def _copy(self) -> None:
        if self.url():
            QGuiApplication.clipboard().setText(self.url())

    # --- the result -----------------------------------------------------------------------

    def rebuild(self) -> BuiltHandlerUrl | None:
        if self._filling:
            return None
        spec = self.spec()
        koi8 = self.charset_combo.findData(Charset.KOI8_R.value)
        model = self.charset_combo.model()
        item = model.item(koi8) if hasattr(model, "item") else None
        if item is not None:
            item.setEnabled(spec.body_format is BodyFormat.FORM and spec.other_fmt is None)
        self.secret_edit.setEnabled(spec.algorithm is not None)
        self.generate_button.setEnabled(True)
        built = build_handler_url(spec)
        self.built = built
        self.url_edit.setPlainText(built.url)
        self.copy_button.setEnabled(bool(built.url))
        self.send_button.setEnabled(bool(built.url))
        self.explanation.setText(self._explain(built) if built.ok else "")
        lines = []
        for issue in built.errors:
            lines.append(
                f"<span style='color:{css(Tone.BAD)}'>✘ {html.escape(issue_text(issue))}</span>"
            )
        for issue in built.warnings:
            lines.append(
                f"<span style='color:{css(Tone.WARNING)}'>⚠ {html.escape(issue_text(issue))}</span>"
            )
        if not spec.script_url.strip() and len(built.errors) == 1:
            lines = [
                f"<span style='color:{css(Tone.MUTED)}'>{html.escape(issue_text(built.errors[0]))}</span>"
            ]
        self.issues.setText("<br>".join(lines))
        self.issues.setVisible(bool(lines))
        self.urlChanged.emit(built.url)
        return built

    def _explain(self, built: BuiltHandlerUrl) -> str:
        spec = self.spec()
        handler = built.handler
        assert handler is not None
        how = {
            BodyFormat.FORM: self.tr("as form fields"),
            BodyFormat.XML: self.tr("as an XML body"),
            BodyFormat.JSON: self.tr("as a JSON body"),
        }[spec.body_format]
        text = (
            self.tr("SMSC will POST each status, incoming SMS and call %1 in %2 to %3")
            .replace("%1", how)
            .replace("%2", f"<b>{spec.charset.value}</b>")
            .replace("%3", f"<code>{html.escape(handler.request_url)}</code>")
        )
        if spec.algorithm is not None:
            name = spec.algorithm.value
            text += ", " + self.tr(
                "with <b>%1</b> = %1 of “%2” for statuses (“%3” for calls, unconfirmed)"
            ).replace("%1", name).replace("%2", html.escape(STATUS_SCHEME.template)).replace(
                "%3", html.escape(WAITCALL_SCHEME.template)
            )
        extras = [p.name for p in spec.post_params if p.name.strip()]
        if extras:
            text += ", " + self.tr("plus the fields %1").replace(
                "%1", html.escape(", ".join(extras))
            )
        self.explanation.setToolTip(scheme_tooltip(WAITCALL_SCHEME) if spec.algorithm else "")
        return text + "."
