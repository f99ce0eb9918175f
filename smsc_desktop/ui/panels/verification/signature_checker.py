"""Signature checker: paste a callback a handler received, enter the secret, see whether the
signature matches, and if not, the exact string that was hashed and where it differs."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.callbacks import (
    CallbackKind,
    CallbackParseError,
    Charset,
    CheckReport,
    SampleValues,
    SchemeResult,
    SignatureCheck,
    Verdict,
    check_callback,
    encode_body,
    prepare_callback,
)
from smsc_desktop.ui import a11y
from smsc_desktop.ui.texts.verification import (
    charset_text,
    guessed_match_text,
    hint_text,
    kind_detail,
    kind_text,
    parse_problem_text,
    payload_text,
    scheme_source_text,
    secret_problem_text,
    spelling_text,
    tried_text,
)
from smsc_desktop.ui.theme import Tone, css, theme
from smsc_desktop.ui.widgets.styles import monospace, page_labels

EXAMPLE_SECRET = "demo_secret-1"


def _show_bytes(data: bytes, charset: Charset) -> str:
    return data.decode(charset.codec, errors="replace")


class SignatureChecker(QWidget):
    checked = Signal(object)  # CheckReport | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: CheckReport | None = None
        self._unreadable: CallbackParseError | None = None

        heading, intro = page_labels(
            self,
            self.tr("Signature checker"),
            self.tr(
                "Paste a callback the client's handler received — the POST body, query "
                "string, JSON, XML or the whole HTTP request — and the secret from the handler "
                "URL. The app tells what kind of callback it is and recomputes the signature."
            ),
        )

        self.input = QPlainTextEdit(self)
        self.input.setObjectName("callbackInput")
        self.input.setFont(monospace())
        self.input.setPlaceholderText(
            "id=84215&phone=79161234567&status=1&err=0&md5=…\n\n"
            + self.tr("or JSON / XML / the whole request; “Examples” shows each kind")
        )
        self.examples = QToolButton(self)
        self.examples.setText(self.tr("Examples"))
        self.examples.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.examples)
        for label, kind, fmt, tamper in (
            (self.tr("Delivery status, form fields"), CallbackKind.STATUS, "", False),
            (
                self.tr("Delivery status, JSON, utf-8"),
                CallbackKind.STATUS,
                "&charset=utf-8&fmt=3",
                False,
            ),
            (self.tr("Incoming SMS, form fields, windows-1251"), CallbackKind.INCOMING, "", False),
            (
                self.tr("Incoming SMS, XML, utf-8"),
                CallbackKind.INCOMING,
                "&charset=utf-8&fmt=2",
                False,
            ),
            (self.tr("Call verification, form fields"), CallbackKind.WAITCALL, "", False),
            (
                self.tr("Delivery status with a changed value (fails)"),
                CallbackKind.STATUS,
                "",
                True,
            ),
        ):
            action = QAction(label, menu)
            action.triggered.connect(
                lambda _=False, k=kind, f=fmt, t=tamper: self.load_example(k, f, tampered=t)
            )
            menu.addAction(action)
        self.examples.setMenu(menu)

        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("checkerSecret")
        self.secret_edit.setFont(monospace())
        self.secret_edit.setPlaceholderText(self.tr("the secret written in the handler URL"))
        self.charset_combo = QComboBox(self)
        self.charset_combo.addItem(self.tr("Automatic (the callback's charset field)"), "")
        for charset in Charset:
            self.charset_combo.addItem(charset_text(charset), charset.value)
        self.charset_combo.setToolTip(
            self.tr(
                "Values are hashed as bytes in the callback's charset. Automatic uses the "
                "charset field SMSC posts when the handler URL has one, else windows-1251."
            )
        )
        self.handler_string = QLineEdit(self)
        self.handler_string.setObjectName("handlerString")
        self.handler_string.setFont(monospace())
        self.handler_string.setPlaceholderText(
            self.tr("optional: the string the handler hashed, to see where it differs")
        )

        inputs = QGridLayout()
        inputs.addWidget(QLabel(self.tr("Callback:"), self), 0, 0, Qt.AlignmentFlag.AlignTop)
        inputs.addWidget(self.input, 0, 1, 1, 3)
        inputs.addWidget(self.examples, 0, 4, Qt.AlignmentFlag.AlignTop)
        inputs.addWidget(QLabel(self.tr("Secret:"), self), 1, 0)
        inputs.addWidget(self.secret_edit, 1, 1)
        inputs.addWidget(QLabel(self.tr("Charset:"), self), 1, 2)
        inputs.addWidget(self.charset_combo, 1, 3)
        inputs.addWidget(QLabel(self.tr("Handler's string:"), self), 2, 0)
        inputs.addWidget(self.handler_string, 2, 1, 1, 3)
        inputs.setColumnStretch(1, 1)
        top = QWidget(self)
        top.setLayout(inputs)

        self.result = QTextBrowser(self)
        self.result.setObjectName("checkResult")
        self.result.setOpenLinks(False)
        a11y.name(self.input, self.tr("Callback:"))
        a11y.name(self.secret_edit, self.tr("Secret:"))
        a11y.name(self.charset_combo, self.tr("Charset:"))
        a11y.name(self.handler_string, self.tr("Handler's string:"))
        a11y.name(self.result, self.tr("Result of the check"))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.result)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.check)
        self.input.textChanged.connect(self._debounce.start)
        self.secret_edit.textChanged.connect(self._debounce.start)
        self.handler_string.textChanged.connect(self._debounce.start)
        self.charset_combo.currentIndexChanged.connect(self._debounce.start)
        theme().changed.connect(self._render)  # the result is rich text in the tones' colours
        self.check()

    # --- examples -------------------------------------------------------------------------

    def load_example(self, kind: CallbackKind, query: str = "", *, tampered: bool = False) -> None:
        url = f"https://mysite.ru/handler.php?md5={EXAMPLE_SECRET}{query}"
        prepared = prepare_callback(url, kind, SampleValues(ts="1718190190"))
        fields = list(prepared.fields)
        if tampered:
            fields = [(n, "3" if n == "status" else v) for n, v in fields]
        body, _ = encode_body(fields, prepared.body_format, prepared.charset)
        if prepared.body_format.fmt is None:
            text = body.decode("ascii")
        else:
            text = body.decode(prepared.charset.codec)
        self.secret_edit.setText(EXAMPLE_SECRET)
        self.charset_combo.setCurrentIndex(0)
        self.handler_string.clear()
        self.input.setPlainText(text)
        self.check()

    # --- checking --------------------------------------------------------------------------

    def check(self) -> CheckReport | None:
        self._debounce.stop()
        text = self.input.toPlainText()
        self.report = None
        self._unreadable = None
        if text.strip():
            try:
                self.report = check_callback(
                    text,
                    self.secret_edit.text(),
                    Charset(self.charset_combo.currentData())
                    if self.charset_combo.currentData()
                    else None,
                    self.handler_string.text() or None,
                )
            except CallbackParseError as exc:
                self._unreadable = exc
        self._render()
        self.checked.emit(self.report)
        return self.report

    def _render(self) -> None:
        """Show the last check (again when the colour scheme changes)."""
        if self._unreadable is not None:
            problem = self._unreadable
            self.result.setHtml(
                self._banner(
                    css(Tone.BAD), "✘ " + parse_problem_text(problem.problem, problem.detail)
                )
            )
        elif self.report is not None:
            self.result.setHtml(self._report_html(self.report))
        else:
            self.result.setHtml(self._help_html())

    def _banner(self, colour: str, text: str, sub: str = "") -> str:
        sub_html = f"<div style='color:{colour}'>{html.escape(sub)}</div>" if sub else ""
        return (
            f"<div style='font-size:large; font-weight:bold; color:{colour}'>"
            f"{html.escape(text)}</div>{sub_html}"
        )

    def _help_html(self) -> str:
        return (
            f"<p style='color:{css(Tone.MUTED)}'>"
            + html.escape(
                self.tr(
                    "The result appears here. Kinds are told apart the way SMSC documents it: a "
                    "mes field means an incoming SMS, waitcall a call-verification message, "
                    "anything else a delivery status. Delivery statuses are signed over "
                    "“id:phone:status:<secret>”."
                )
            )
            + "</p>"
        )

    def _report_html(self, report: CheckReport) -> str:
        charset = report.charset
        source = {
            "field": self.tr("from the callback's charset field"),
            "header": self.tr("from the Content-Type header"),
            "chosen": self.tr("chosen here"),
            "default": self.tr("SMSC's default: the callback names no charset"),
        }[report.charset_source]
        verdict = report.verdict
        if verdict is Verdict.MATCH and report.guessed:
            banner = self._banner(
                css(Tone.WARNING),
                "✔ " + self.tr("The signature matches a guessed string"),
                guessed_match_text(
                    [scheme.template for scheme in report.guessed],
                    report.callback.from_test_sender,
                ),
            )
        elif verdict is Verdict.MATCH:
            banner = self._banner(css(Tone.GOOD), "✔ " + self.tr("The signature matches"))
        elif verdict is Verdict.MISMATCH:
            banner = self._banner(
                css(Tone.BAD),
                "✘ " + self.tr("The signature does not match"),
                self.tr(
                    "Either the secret differs from the handler URL's, or the values were "
                    "changed after SMSC signed them."
                ),
            )
        elif verdict is Verdict.NO_SIGNATURE:
            banner = self._banner(
                css(Tone.WARNING),
                "⚠ " + self.tr("No signature in this callback"),
                self.tr(
                    "There is no md5, sha1 or crc32 field: the handler URL has no signature "
                    "parameter, so anyone could forge these calls."
                ),
            )
        elif verdict is Verdict.BAD_SECRET:
            assert report.secret_problem is not None
            banner = self._banner(
                css(Tone.WARNING), "⚠ " + secret_problem_text(*report.secret_problem)
            )
        else:
            banner = self._banner(
                css(Tone.WARNING), "⚠ " + self.tr("Fields needed for the signature are missing")
            )
        summary = (
            self.tr("<b>%1</b> callback (%2) · %3 · values read as %4 (%5)")
            .replace("%1", html.escape(kind_text(report.kind)))
            .replace("%2", html.escape(kind_detail(report.kind)))
            .replace("%3", html.escape(payload_text(report.callback.format)))
            .replace("%4", f"<b>{charset.value}</b>")
            .replace("%5", html.escape(source))
        )
        parts = [banner, f"<p>{summary}</p>"]
        tried = [scheme for scheme in report.tried if not scheme.confirmed]
        if tried and report.signatures:
            parts.append(
                f"<p style='color:{css(Tone.MUTED)}'>"
                + html.escape(tried_text([scheme.template for scheme in tried]))
                + "</p>"
            )
        for check in report.signatures:
            parts.append(self._signature_html(check, report))
        if report.difference is not None:
            diff = report.difference
            parts.append(
                f"<p style='color:{css(Tone.BAD)}'>"
                + html.escape(
                    self.tr(
                        "The handler's string departs from the expected one at character %1, "
                        "in the %2 part: expected “%3”, the handler used “%4”."
                    )
                    .replace("%1", str(diff.position + 1))
                    .replace("%2", diff.part_name)
                    .replace("%3", _show_bytes(diff.expected, charset))
                    .replace("%4", _show_bytes(diff.actual, charset))
                )
                + "</p>"
            )
        elif self.handler_string.text().strip() and report.signatures:
            parts.append(
                f"<p style='color:{css(Tone.GOOD)}'>"
                + html.escape(self.tr("The handler's string is exactly the expected one."))
                + "</p>"
            )
        parts.append(self._fields_html(report))
        return "".join(parts)

    def _signature_html(self, check: SignatureCheck, report: CheckReport) -> str:
        name = check.algorithm.value
        # outside the f-strings: lupdate does not read calls inside them
        received = html.escape(self.tr("received"))
        expected = html.escape(self.tr("expected"))
        hashed = html.escape(self.tr("hashed"))
        rows = [f"<tr><td>{received}</td><td><code>{html.escape(check.received)}</code></td></tr>"]
        if not check.results:
            return f"<h4>{name}</h4><table cellpadding='2'>{''.join(rows)}</table>"
        # Every string tried, the match first: a match with a guess is no proof on its own.
        matched = check.matched
        shown: list[SchemeResult] = [matched] if matched else []
        shown += [r for r in check.results if r is not matched]
        for result in shown:
            if result.missing:
                rows.append(
                    "<tr><td colspan='2' style='color:{}'>{}</td></tr>".format(
                        css(Tone.WARNING),
                        html.escape(
                            self.tr("“%1” needs the missing field(s): %2")
                            .replace("%1", result.scheme.template)
                            .replace("%2", ", ".join(result.missing))
                        ),
                    )
                )
                continue
            assert result.data is not None
            assert result.expected is not None
            mark = "✔" if result.matches else "✘"
            colour = css(Tone.GOOD) if result.matches else css(Tone.BAD)
            string = _show_bytes(result.data, report.charset)
            rows.append(
                f"<tr><td>{expected}</td>"
                f"<td><code style='color:{colour}'>{html.escape(result.expected)}</code> "
                f"<span style='color:{colour}'>{mark}</span></td></tr>"
            )
            rows.append(f"<tr><td>{hashed}</td><td><code>{html.escape(string)}</code></td></tr>")
            rows.append(
                f"<tr><td></td><td style='color:{css(Tone.MUTED)}'>"
                f"{html.escape(result.scheme.template)} · "
                f"{html.escape(scheme_source_text(result.scheme))}</td></tr>"
            )
            if result.spelling:
                rows.append(
                    f"<tr><td></td><td style='color:{css(Tone.WARNING)}'>"
                    f"{html.escape(spelling_text(result.spelling))}</td></tr>"
                )
        for hint in check.hints:
            rows.append(
                f"<tr><td></td><td style='color:{css(Tone.WARNING)}'>💡 {html.escape(hint_text(hint))}</td></tr>"
            )
        return f"<h4 style='margin-bottom:2px'>{name}</h4><table cellpadding='2'>{''.join(rows)}</table>"

    def _fields_html(self, report: CheckReport) -> str:
        rows = "".join(
            f"<tr><td><code>{html.escape(name)}</code></td><td><code>"
            f"{html.escape(report.callback.text(name, report.charset) or '')}</code></td></tr>"
            for name in report.callback.names()
        )
        title = html.escape(self.tr("Fields as received"))
        return f"<h4 style='margin-bottom:2px'>{title}</h4><table cellpadding='2'>{rows}</table>"
