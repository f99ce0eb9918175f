"""The confirmation before renting a number: the honest price, renewal and the balance."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import NumberKind
from smsc_desktop.services.free_numbers import split_info
from smsc_desktop.services.numbers import RentQuote
from smsc_desktop.ui.formatting import format_money, format_phone, long_date, next_month_start
from smsc_desktop.ui.theme import Box, Tone, set_box, set_tone
from smsc_desktop.ui.widgets.payment import PayButtons, show_money_warning


class RentDialog(QDialog):
    """States what renting costs now and later; the rent button is disabled when the balance
    is known to be too low. ``renew`` is the renewal choice (default: renew)."""

    def __init__(
        self,
        quote: RentQuote,
        parent: QWidget | None = None,
        *,
        account: str = "",
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.quote = quote
        number = quote.number
        currency = quote.currency
        today = quote.today or today or date.today()  # SMSC's date, as the app reads it
        self._today = today
        locale = QLocale()
        phone = format_phone(number.phone)
        self.setWindowTitle(self.tr("Rent %1").replace("%1", phone))
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        title = QLabel(phone, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        operator, notices = split_info(number.info)
        kind = {
            NumberKind.VIRTUAL: self.tr("Virtual number"),
            NumberKind.SIM_HOSTING: self.tr("SIM hosting"),
        }.get(number.kind, self.tr("Number of SMSC type %1").replace("%1", str(number.type)))
        subtitle = " · ".join(p for p in (kind, operator, notices) if p)
        layout.addWidget(QLabel(subtitle, self))

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.charge_label = QLabel(
            "<b>%1</b> — %2".replace("%1", format_money(quote.charge_now, currency)).replace(
                "%2", self._covers(quote, today, locale)
            ),
            self,
        )
        self.charge_label.setWordWrap(True)
        form.addRow(self.tr("Charged now:"), self.charge_label)
        # The renewal choice comes first, and the "Then" line under it follows it.
        self.renew_box = QCheckBox(self.tr("Renew automatically every month"), self)
        self.renew_box.setChecked(True)
        self.renew_box.setToolTip(
            self.tr(
                "Off: the number is released at the end of this month. "
                "You can change this later in My numbers."
            )
        )
        form.addRow(self.tr("Renewal:"), self.renew_box)
        self.monthly_label = QLabel(self)
        self.monthly_label.setWordWrap(True)
        form.addRow(self.tr("Then:"), self.monthly_label)
        self.renew_box.toggled.connect(self._show_then)
        self._show_then()
        if quote.balance is not None:
            self.balance_label = QLabel(format_money(quote.balance, currency), self)
            after = quote.balance_after
            assert after is not None
            self.after_label = QLabel(format_money(after, currency), self)
            if after < 0:
                set_tone(self.after_label, Tone.BAD)
                font = self.after_label.font()
                font.setBold(True)
                self.after_label.setFont(font)
            form.addRow(self.tr("Balance now:"), self.balance_label)
            form.addRow(self.tr("Balance after:"), self.after_label)
        if account:
            form.addRow(self.tr("Account:"), QLabel(account, self))
        layout.addLayout(form)

        self.month_note = QLabel(self)
        self.month_note.setObjectName("monthNote")
        self.month_note.setWordWrap(True)
        self.month_note.setVisible(quote.price_changed)
        if quote.price_changed and quote.previous_charge is not None:
            self.month_note.setText(
                self.tr(
                    "A new day has begun for SMSC since the list was loaded, so its price "
                    "changed: %1 now, where the list said %2."
                )
                .replace("%1", format_money(quote.charge_now, currency))
                .replace("%2", format_money(quote.previous_charge, currency))
            )
            set_box(self.month_note, Box.NOTE)
        layout.addWidget(self.month_note)

        self.rules_label = QLabel(self)
        self.rules_label.setObjectName("rulesLabel")
        self.rules_label.setWordWrap(True)
        self.rules_label.setTextFormat(Qt.TextFormat.RichText)
        self.rules_label.setOpenExternalLinks(True)
        self.rules_label.setText(
            html.escape(
                self.tr("Renting a dedicated number means accepting SMSC's rules for such numbers.")
            )
            + " "
            + '<a href="%1">%2</a>'.replace("%1", html.escape(quote.rules_url, quote=True)).replace(
                "%2",
                html.escape(
                    self.tr("SMSC's page on these numbers (%1)").replace(
                        "%1", urlsplit(quote.rules_url).hostname or ""
                    )
                ),
            )
        )
        self.rules_label.setToolTip(quote.rules_url)
        self.rules_label.setVisible(bool(quote.rules_url))
        layout.addWidget(self.rules_label)

        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)
        show_money_warning(
            self.warning,
            quote.enough_money,
            short=self.tr(
                "Not enough money: renting costs %1 now and the balance is %2. Top up the "
                "account by at least %3, then try again. Nothing has been sent to SMSC."
            )
            .replace("%1", format_money(quote.charge_now, currency))
            .replace("%2", format_money(quote.balance or Decimal(0), currency))
            .replace("%3", format_money(quote.shortfall, currency)),
            unchecked=self.tr(
                "The balance could not be checked just now. If there is not enough money, "
                "SMSC refuses the rent and charges nothing."
            ),
        )

        self.buttons = PayButtons(
            self,
            self.tr("Rent for %1").replace("%1", format_money(quote.charge_now, currency)),
            object_name="confirmRent",
            enabled=quote.enough_money is not False,
        )
        self.rent_button = self.buttons.pay_button
        self.cancel_button = self.buttons.cancel_button
        layout.addWidget(self.buttons)

    @property
    def renew(self) -> bool:
        return self.renew_box.isChecked()

    def _covers(self, quote: RentQuote, today: date, locale: QLocale) -> str:
        """What the prorated charge pays for: "for 29 of 31 days of December"."""
        days, total = quote.days_paid, quote.days_in_month
        month = locale.monthName(today.month)  # Russian: the genitive form ("декабря")
        if days is None or total is None:
            return self.tr("for the days left in %1").replace("%1", month)
        return (
            self.tr("for %1 of %n days of %2", "", total)
            .replace("%1", locale.toString(days))
            .replace("%2", month)
        )

    def _show_then(self) -> None:
        """The "Then" line follows the renewal box: what is charged next, or nothing."""
        quote, locale = self.quote, QLocale()
        if self.renew_box.isChecked():
            start = quote.renews_from or next_month_start(self._today)
            text = (
                self.tr("%1 a month from %2, while auto-renewal is on")
                .replace("%1", format_money(quote.monthly, quote.currency))
                .replace("%2", long_date(start, locale))
            )
        else:
            text = self.tr(
                "Nothing more is charged: the number is released at the end of %1."
            ).replace("%1", locale.monthName(self._today.month))
        self.monthly_label.setText(text)

    def _confirm(self) -> None:
        self.buttons.confirm()
