"""A rent's outcome states what SMSC reports it charged, and says so when that is not the
price the confirmation showed (SMSC's answer wins; the list's price was SMSC's earlier)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from smsc_desktop.services.numbers import RentResult, RequestStatus
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.widgets.message_bar import Level


def outcome(charged: str | None, renew: bool = True) -> tuple[Level, str]:
    result = RentResult(
        "79001234567", RequestStatus.OK, charged=None if charged is None else Decimal(charged)
    )
    return texts.rent_outcome(
        result, Decimal("3900.00"), Decimal("3648.39"), renew, "RUR", date(2027, 1, 1)
    )


def test_the_charge_confirmed_is_a_plain_success(qapp: Any) -> None:
    level, text = outcome("3648.39")
    assert level is Level.SUCCESS
    assert "for 3,648.39 ₽" in text
    assert "3,900.00 ₽ a month from 1 January 2027" in text
    assert "confirmation showed" not in text
    level, text = outcome(None)  # SMSC's answer did not say: the confirmed price
    assert level is Level.SUCCESS
    assert "for 3,648.39 ₽" in text


def test_a_different_charge_is_said(qapp: Any) -> None:
    level, text = outcome("3522.58")
    assert level is Level.WARNING
    assert "for 3,522.58 ₽" in text
    assert "SMSC reports this charge; the confirmation showed 3,648.39 ₽." in text
    _, text = outcome("3522.58", renew=False)
    assert "Auto-renewal is off" in text
