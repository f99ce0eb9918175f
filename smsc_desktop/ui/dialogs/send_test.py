"""The confirmation before a test SMS: to whom, what, the price SMSC quoted and the balance
after it. One confirmation sends one request (a second click on the way out does nothing)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.captcha import SendQuote
from smsc_desktop.ui.formatting import format_money, format_phone
from smsc_desktop.ui.texts import captcha as texts
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.payment import PayButtons, show_money_warning

SHOWN_TEXT = 300
"""Characters of the message shown in the confirmation."""


class SendTestDialog(QDialog):
    """States the charge and the balance after it; the send button is disabled when the
    balance is known to be too low."""

    def __init__(
        self, quote: SendQuote, parent: QWidget | None = None, *, account: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendTestDialog")
        self.quote = quote
        draft, currency = quote.draft, quote.currency
        self.setWindowTitle(self.tr("Send a test message"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This is a real SMS: SMSC sends it to the phone and charges the account. It is "
                "sent once; if no answer comes back, the app checks the balance instead of "
                "sending it again."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("To:"), QLabel(format_phone(draft.phone), self))
        form.addRow(
            self.tr("Sender:"),
            QLabel(draft.sender or self.tr("the account's default sender name"), self),
        )
        shown = draft.text if len(draft.text) <= SHOWN_TEXT else draft.text[:SHOWN_TEXT] + "…"
        text = QLabel(shown, self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Text:"), text)
        form.addRow(
            self.tr("Captcha:"),
            QLabel(
                self.tr("code %1 for the visitor at %2")
                .replace("%1", draft.imgcode)
                .replace("%2", draft.userip),
                self,
            ),
        )
        self.charge_label = QLabel(
            self.tr("<b>%1</b> for %2 (SMSC's price)")
            .replace("%1", format_money(quote.cost, currency))
            .replace("%2", texts.parts(quote.count)),
            self,
        )
        form.addRow(self.tr("Charged:"), self.charge_label)
        self.after_label: QLabel | None = None
        after = quote.balance_after
        if quote.balance is not None and after is not None:
            form.addRow(
                self.tr("Balance now:"), QLabel(format_money(quote.balance, currency), self)
            )
            self.after_label = QLabel(format_money(after, currency), self)
            if after < 0:
                set_tone(self.after_label, Tone.BAD)
            form.addRow(self.tr("Balance after:"), self.after_label)
        if account:
            form.addRow(self.tr("Account:"), QLabel(account, self))
        layout.addLayout(form)

        self.warning = QLabel(self)
        self.warning.setObjectName("sendWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)
        show_money_warning(
            self.warning,
            quote.enough_money,
            short=self.tr(
                "Not enough money: the message costs %1 and the balance is %2. Nothing has "
                "been sent."
            )
            .replace("%1", format_money(quote.cost, currency))
            .replace("%2", format_money(quote.balance or Decimal(0), currency)),
            unchecked=self.tr(
                "The balance could not be checked just now. If there is not enough money, "
                "SMSC refuses the message and charges nothing."
            ),
        )

        self.buttons = PayButtons(
            self,
            self.tr("Send for %1").replace("%1", format_money(quote.cost, currency)),
            object_name="confirmSend",
            enabled=quote.enough_money is not False,
        )
        self.send_button = self.buttons.pay_button
        self.cancel_button = self.buttons.cancel_button
        layout.addWidget(self.buttons)

    def _confirm(self) -> None:
        self.buttons.confirm()
