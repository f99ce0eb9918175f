"""Money formatting is total: no amount raises, and the balance label always follows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from smsc_desktop.api import Balance
from smsc_desktop.ui.formatting import format_amount, format_money

C = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1234.5"), "1,234.50"),
        (Decimal("-0.005"), "-0.01"),
        (Decimal(10) ** 26, "100,000,000,000,000,000,000,000,000.00"),
        (Decimal("1E+40"), "10,000," + ",".join(["000"] * 12) + ".00"),
        (Decimal("-9.999E+30"), "-9,999," + ",".join(["000"] * 9) + ".00"),
        (Decimal("1E-40"), "0.00"),
        (Decimal("NaN"), "\u2014"),
        (Decimal("-Infinity"), "\u2014"),
    ],
)
def test_every_amount_has_a_text(qapp: Any, amount: Decimal, text: str) -> None:
    assert format_amount(amount, locale=C) == text


def test_a_huge_balance_replaces_the_old_one_in_the_label(qapp: Any, qtbot: Any) -> None:
    from smsc_desktop.ui.widgets.account_badge import BalanceLabel

    label = BalanceLabel()
    qtbot.addWidget(label)
    label.set_balance(Balance(Decimal("5000.00"), "RUR"))
    assert "5" in label.label.text()
    label.set_balance(Balance(Decimal(10) ** 26, "RUR"), threshold=Decimal(10) ** 27)
    assert format_money(Decimal(10) ** 26, "RUR") in label.label.text()
    assert "100" in label.label.text()
