"""The filter bar above the free numbers: type, operator, price cap, calls, digits, free text.

Two rows (what a number is; how it reads), so the bar fits a 1024-pixel screen in Russian."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import NumberKind
from smsc_desktop.services.free_numbers import DigitsMode, NumberFilter
from smsc_desktop.ui import a11y
from smsc_desktop.ui.formatting import currency_sign


class NumbersFilterBar(QWidget):
    """Emits ``filterChanged(NumberFilter)`` on every change, at once (no debounce: the
    table filters 100,000 rows within a keystroke's budget)."""

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        layout = QHBoxLayout()
        layout.setSpacing(6)
        second = QHBoxLayout()
        second.setSpacing(6)
        rows.addLayout(layout)
        rows.addLayout(second)

        self.kind = QComboBox(self)
        self.kind.setObjectName("kindFilter")
        self.kind.addItem(self.tr("All types"), None)
        self.kind.addItem(self.tr("Virtual numbers"), NumberKind.VIRTUAL)
        self.kind.addItem(self.tr("SIM hosting"), NumberKind.SIM_HOSTING)
        self.kind.setToolTip(self.tr("Type of number"))

        self.operator = QComboBox(self)
        self.operator.setObjectName("operatorFilter")
        self.operator.addItem(self.tr("All operators"), None)
        self.operator.setToolTip(self.tr("Mobile operator"))
        self.operator.setMinimumContentsLength(10)
        self.operator.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )

        price_label = QLabel(self.tr("Up to"), self)
        self.max_cost = QDoubleSpinBox(self)
        self.max_cost.setObjectName("maxCostFilter")
        self.max_cost.setRange(0, 10_000_000)
        self.max_cost.setDecimals(0)
        self.max_cost.setSingleStep(100)
        self.max_cost.setSpecialValueText(self.tr("any price"))
        self.max_cost.setToolTip(self.tr("Highest price per month"))
        self.max_cost.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.max_cost.setMinimumWidth(110)
        price_label.setBuddy(self.max_cost)

        self.digits_mode = QComboBox(self)
        self.digits_mode.setObjectName("digitsMode")
        self.digits_mode.addItem(self.tr("Contains"), DigitsMode.CONTAINS)
        self.digits_mode.addItem(self.tr("Ends with"), DigitsMode.ENDS_WITH)
        self.digits_mode.setToolTip(self.tr("How the digits are matched"))
        self.digits = QLineEdit(self)
        self.digits.setObjectName("digitsFilter")
        self.digits.setPlaceholderText(self.tr("digits, e.g. 777"))
        self.digits.setClearButtonEnabled(True)
        self.digits.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9 +()\-]{0,24}"), self.digits)
        )
        self.digits.setMinimumWidth(
            self.digits.fontMetrics().horizontalAdvance(self.digits.placeholderText()) + 40
        )
        self.digits.setMaximumWidth(self.digits.minimumWidth() + 40)

        self.calls = QCheckBox(self.tr("Also takes calls"), self)
        self.calls.setObjectName("callsFilter")
        self.calls.setToolTip(self.tr("Only numbers that receive calls as well as SMS"))

        self.search = QLineEdit(self)
        self.search.setObjectName("searchFilter")
        self.search.setPlaceholderText(self.tr("Search operator, SMS, calls, number…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)

        self.clear = QToolButton(self)
        self.clear.setText(self.tr("Clear filters"))
        self.clear.setAutoRaise(True)
        self.clear.clicked.connect(self.reset)

        for widget in (self.kind, self.operator):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(price_label)
        layout.addWidget(self.max_cost)
        layout.addSpacing(6)
        layout.addWidget(self.calls)
        layout.addStretch(1)
        self.trailing = layout
        """The end of the first row, for the list's counter (``addWidget``)."""
        second.addWidget(self.digits_mode)
        second.addWidget(self.digits)
        second.addSpacing(6)
        second.addWidget(self.search, 1)
        second.addWidget(self.clear)

        for combo in (self.kind, self.operator, self.digits_mode):
            a11y.name(combo, combo.toolTip())
        a11y.name(self.digits, self.tr("Digits in the number"))
        a11y.name(self.search, self.tr("Search the numbers"))

        self._quiet = False
        self.kind.currentIndexChanged.connect(self._changed)
        self.operator.currentIndexChanged.connect(self._changed)
        self.max_cost.valueChanged.connect(self._changed)
        self.calls.toggled.connect(self._changed)
        self.digits_mode.currentIndexChanged.connect(self._changed)
        self.digits.textChanged.connect(self._changed)
        self.search.textChanged.connect(self._changed)
        self._update_clear()

    def set_operators(self, names: list[str]) -> None:
        current = self.operator.currentData()
        self._quiet = True
        try:
            self.operator.clear()
            self.operator.addItem(self.tr("All operators"), None)
            for name in names:
                self.operator.addItem(name, name)
            index = self.operator.findData(current) if current else 0
            self.operator.setCurrentIndex(max(0, index))
        finally:
            self._quiet = False
        if current and index < 0:
            self._changed()

    def set_currency(self, currency: str) -> None:
        sign = currency_sign(currency)
        self.max_cost.setSuffix(f" {sign}" if sign else "")

    def current_filter(self) -> NumberFilter:
        cap = self.max_cost.value()
        return NumberFilter(
            kind=self.kind.currentData(),
            operator=self.operator.currentData(),
            max_cost=Decimal(str(round(cap, 2))) if cap > 0 else None,
            digits=self.digits.text(),
            digits_mode=DigitsMode(self.digits_mode.currentData() or DigitsMode.CONTAINS),
            text=self.search.text(),
            calls=self.calls.isChecked(),
        )

    def reset(self) -> None:
        self._quiet = True
        try:
            self.kind.setCurrentIndex(0)
            self.operator.setCurrentIndex(0)
            self.max_cost.setValue(0)
            self.calls.setChecked(False)
            self.digits_mode.setCurrentIndex(0)
            self.digits.clear()
            self.search.clear()
        finally:
            self._quiet = False
        self._changed()

    def _changed(self, *_args: object) -> None:
        if self._quiet:
            return
        self._update_clear()
        self.filterChanged.emit(self.current_filter())

    def _update_clear(self) -> None:
        self.clear.setEnabled(not self.current_filter().is_empty)
