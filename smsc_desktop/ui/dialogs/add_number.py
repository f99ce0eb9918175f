"""Add a number rented elsewhere (the SMSC cabinet, another tool) to My numbers."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.services.phones import PhoneProblem, check_phone
from smsc_desktop.ui.formatting import currency_sign, format_phone
from smsc_desktop.ui.texts.verification import phone_problem_text


class AddNumberDialog(QDialog):
    """Nothing is sent to SMSC: the number is only recorded, so its renewal can be switched
    and its price counted in the totals."""

    def __init__(self, parent: QWidget | None = None, *, currency: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a number rented elsewhere"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "SMSC's API cannot list the numbers an account rents. Add the ones rented in "
                "the SMSC cabinet or elsewhere, so that their renewal can be switched here "
                "and their price counted in the monthly total. Nothing is sent to SMSC."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("+7 900 123-45-67")
        self.phone.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9 +()\-]{0,24}"), self.phone)
        )
        self.phone_hint = QLabel(self)
        form.addRow(self.tr("Number:"), self.phone)
        form.addRow("", self.phone_hint)
        self.monthly = QDoubleSpinBox(self)
        self.monthly.setRange(0, 10_000_000)
        self.monthly.setDecimals(2)
        self.monthly.setSingleStep(100)
        self.monthly.setSpecialValueText(self.tr("unknown"))
        sign = currency_sign(currency)
        if sign:
            self.monthly.setSuffix(f" {sign}")
        form.addRow(self.tr("Price per month:"), self.monthly)
        self.renewal = QComboBox(self)
        self.renewal.addItem(self.tr("On: renewed every month"), True)
        self.renewal.addItem(self.tr("Off: released at the end of the month"), False)
        form.addRow(self.tr("Auto-renewal:"), self.renewal)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("optional, e.g. which client uses it"))
        form.addRow(self.tr("Note:"), self.note)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.phone.textChanged.connect(self._validate)
        self._validate()

    @property
    def digits(self) -> str:
        return check_phone(self.phone.text()).digits

    @property
    def monthly_cost(self) -> Decimal | None:
        value = self.monthly.value()
        return Decimal(f"{value:.2f}") if value > 0 else None

    @property
    def renew(self) -> bool:
        return bool(self.renewal.currentData())

    def _validate(self) -> None:
        checked = check_phone(self.phone.text())
        self.ok_button.setEnabled(checked.ok)
        if checked.ok:
            hint = format_phone(checked.digits)
            if checked.converted_trunk_prefix:
                hint += " " + self.tr("(8 at the start read as the country code 7)")
        elif checked.problem is PhoneProblem.EMPTY:
            hint = self.tr("International format, e.g. +7 916 123-45-67.")
        else:
            hint = phone_problem_text(checked.problem)  # type: ignore[arg-type]
        self.phone_hint.setText(hint)
