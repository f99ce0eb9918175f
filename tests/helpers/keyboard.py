"""Driving a window with the keyboard only: keys go to whatever has the focus, as they do for
a user, and a lost focus fails the test."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


class Keyboard:
    def __init__(self, qtbot: Any, window: QWidget) -> None:
        self.qtbot = qtbot
        window.activateWindow()
        window.raise_()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window.window())

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "the focus went nowhere"
        return widget

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)

    def tab_to(self, target: QWidget, limit: int = 60) -> list[str]:
        """Press Tab until ``target`` (or its focus proxy's child) has the focus; the widgets
        passed on the way, by object name or class."""
        passed: list[str] = []
        for _ in range(limit):
            focus = self.focus()
            if focus is target or target.isAncestorOf(focus):
                return passed
            passed.append(focus.objectName() or type(focus).__name__)
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {target!r}; passed {passed}")

    def wait_modal(self, cls: type[QWidget], timeout: int = 5_000) -> Any:
        """The modal dialog of ``cls`` once it is shown and has the focus."""
        found: list[QWidget] = []

        def shown() -> bool:
            focus = QApplication.focusWidget()
            found[:] = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, cls)
                and w.isVisible()
                and focus is not None
                and w.isAncestorOf(focus)
            ]
            return bool(found)

        self.qtbot.waitUntil(shown, timeout=timeout)
        return found[0]
