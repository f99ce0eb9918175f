"""Small layout promises: the message bar's icon sits on its text's first line; the account
switcher's arrow has a column of its own."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from smsc_desktop.ui.widgets.account_switcher import AccountSwitcher
from smsc_desktop.ui.widgets.message_bar import Level, MessageBar


def first_line_top(label: QLabel, bar: QWidget) -> int:
    """Where ``label`` draws its first line of text, in ``bar``'s coordinates."""
    top = label.mapTo(bar, QPoint(0, 0)).y() + label.contentsMargins().top()
    if label.alignment() & label.alignment().AlignVCenter:
        top += (label.contentsRect().height() - label.heightForWidth(label.width())) // 2
    return top


def test_the_icon_sits_on_the_first_line_of_the_text(qtbot: Any) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.resize(700, 60)
    bar.show()
    for text in ("Connected. Balance: 5 000,00 ₽", "A longer message. " * 12):
        bar.show_message(Level.SUCCESS, text, action="Open", action_id="open")
        qtbot.waitUntil(lambda: bar.text.height() > 0)
        for widget in [bar, *bar.findChildren(QWidget)]:
            if widget.layout() is not None:
                widget.layout().activate()
        assert abs(first_line_top(bar.icon, bar) - first_line_top(bar.text, bar)) <= 2, text


def test_the_switcher_arrow_has_a_column_of_its_own(qtbot: Any) -> None:
    switcher = AccountSwitcher()
    qtbot.addWidget(switcher)
    assert switcher.button.popupMode() is QToolButton.ToolButtonPopupMode.MenuButtonPopup
