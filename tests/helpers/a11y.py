"""What a screen reader gets: focusable widgets that have no name.

``unnamed(root)`` lists the widgets under ``root`` (pages of stacked widgets and tabs
included, explicitly hidden widgets left out) that take keyboard focus but whose accessible
interface has no name. Qt names a widget from ``setAccessibleName``, from its own text
(buttons, check boxes) or from the label whose buddy it is; anything else is silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QWidget,
)

from tests.helpers.app import AppHarness
from tests.helpers.sandbox import SandboxHandle


@pytest.fixture
def demo(qtbot: Any, qloop: Any, tmp_path: Path, sandbox: SandboxHandle) -> Iterator[AppHarness]:
    harness = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
    profile = harness.add_sandbox_profile("Demo")
    harness.ctx.profiles.set_active(profile.id)
    harness.run(harness.controller.start())
    harness.wait_session(profile.id)
    harness.window.show()
    qtbot.waitExposed(harness.window)
    yield harness
    harness.close()


def _present(widget: QWidget, root: QWidget) -> bool:
    """Shown when ``root`` is, on whichever page of a stack it sits."""
    current: QWidget | None = widget
    while current is not None and current is not root:
        parent = current.parentWidget()
        explicitly_hidden = current.testAttribute(
            Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        ) and current.testAttribute(Qt.WidgetAttribute.WA_WState_Hidden)
        if explicitly_hidden and not isinstance(parent, QStackedWidget):
            return False
        if current.isWindow():
            return False
        current = parent
    return True


def _part_of_another(widget: QWidget) -> bool:
    """An inner piece of a composite widget (a spin box's or combo's line edit)."""
    parent = widget.parentWidget()
    return isinstance(parent, (QAbstractSpinBox, QComboBox))


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return ""
    return iface.text(QAccessible.Text.Name).strip()


def describe(widget: QWidget) -> str:
    path = []
    current: QWidget | None = widget
    while current is not None and len(path) < 4:
        path.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__} {'/'.join(reversed(path))} {shown!r}"


def _buddies(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}


def _named(widget: QWidget, buddies: set[int]) -> bool:
    """Named by the app, not by Qt's guess: its accessible name, a label whose buddy it is,
    or its own text (a button's, a label's); a tab bar's tabs name themselves. A combo box
    or a line edit is not named by the value it shows."""
    if widget.accessibleName().strip() or id(widget) in buddies:
        return True
    if isinstance(widget, (QAbstractButton, QLabel)):
        return bool(accessible_name(widget))
    return isinstance(widget, QTabBar)


def unnamed(root: QWidget) -> list[str]:
    buddies = _buddies(root)
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
            continue  # not reached from the keyboard (none, or a mouse-selectable label)
        if widget is not root and not _present(widget, root):
            continue
        if _part_of_another(widget) or widget.focusProxy() is not None:
            continue  # the proxy (a tab widget's tab bar) takes the focus and is checked
        if isinstance(widget, QStackedWidget) or widget.isWindow():
            continue
        if not _named(widget, buddies):
            found.append(describe(widget))
    return found


def icon_only_without_tip(root: QWidget) -> list[str]:
    """Buttons that show only an icon but lack a tooltip or an accessible name of their own."""
    found = []
    for button in root.findChildren(QAbstractButton):
        if button.text().strip() or button.icon().isNull():
            continue
        if button.objectName().startswith("qt_") or isinstance(button.parentWidget(), QLineEdit):
            continue  # Qt's own (a dock's float button, a line edit's clear button)
        if isinstance(button, QToolButton) and button.defaultAction() is not None:
            action = button.defaultAction()
            if action.text().strip() and action.toolTip().strip():
                continue
        if not button.toolTip().strip() or not accessible_name(button):
            found.append(describe(button))
    return found
