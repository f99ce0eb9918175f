"""The shared parts of money confirmations: the warning, Cancel as default, one acceptance."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLabel

from smsc_desktop.ui.widgets.payment import PayButtons, show_money_warning


def test_cancel_is_the_default_and_the_pay_button_accepts_once(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = PayButtons(dialog, "Pay 10", object_name="pay", enabled=True)
    accepted: list[int] = []
    dialog.accepted.connect(lambda: accepted.append(1))
    assert buttons.cancel_button.isDefault()
    assert not buttons.pay_button.isDefault()
    assert not buttons.pay_button.autoDefault()
    buttons.pay_button.click()
    buttons.confirm()  # a second click on the way out
    assert accepted == [1]
    assert not buttons.pay_button.isEnabled()


def test_a_disabled_pay_button_accepts_nothing(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = PayButtons(dialog, "Pay 10", object_name="pay", enabled=False)
    buttons.confirm()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not buttons.confirmed


def test_the_warning_says_short_or_unchecked_and_hides_when_enough(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.show()
    show_money_warning(label, False, short="short", unchecked="unknown")
    assert (label.text(), label.isVisible()) == ("short", True)
    show_money_warning(label, None, short="short", unchecked="unknown")
    assert (label.text(), label.isVisible()) == ("unknown", True)
    show_money_warning(label, True, short="short", unchecked="unknown")
    assert not label.isVisible()
