"""The toolbar's account switcher: the active account, one click to another one.

``[● Client A ▾]``: the button opens the list of accounts (each also on Ctrl+1…Ctrl+9),
with a dot per account, green for a production SMSC server and amber for the sandbox or any
other address. The server chip next to it is the window's ``AccountBadge``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from smsc_desktop.services.profiles import Profile
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.widgets.account_badge import (
    dot_icon,
    kind_colour,
    kind_tooltip,
    server_text,
)

MAX_SHORTCUTS = 9


class AccountSwitcher(QWidget):
    """Shows the active account; its menu switches, adds and manages accounts."""

    switchRequested = Signal(str)  # profile id
    addRequested = Signal()
    manageRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AccountSwitcher")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(8)
        self.button = QToolButton(self)
        self.button.setObjectName("AccountSwitcherButton")
        # The arrow in a column of its own (InstantPopup squeezes it into the corner); a
        # click on the name opens the same menu.
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.clicked.connect(self.button.showMenu)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setToolTip(
            self.tr("Switch account (Ctrl+Shift+P; Ctrl+1…9 for the first nine)")
        )
        font = self.button.font()
        font.setBold(True)
        self.button.setFont(font)
        self.menu = QMenu(self)
        self.button.setMenu(self.menu)
        layout.addWidget(self.button)

        self.switch_actions: list[QAction] = []
        for index in range(MAX_SHORTCUTS):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, i=index: self._switch_to_index(i))
            self.switch_actions.append(action)
        self.add_action = QAction(icon("add"), self.tr("&Add account…"), self)
        self.add_action.triggered.connect(self.addRequested)
        self.manage_action = QAction(icon("account"), self.tr("&Manage accounts…"), self)
        self.manage_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.manage_action.triggered.connect(self.manageRequested)
        self.popup_action = QAction(self.tr("Switch account…"), self)
        self.popup_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.popup_action.triggered.connect(self.button.showMenu)

        self._profiles: list[Profile] = []
        self._active_id = ""
        self.set_profiles([], "")

    def window_actions(self) -> list[QAction]:
        """Actions whose shortcuts must work anywhere in the window."""
        return [*self.switch_actions, self.manage_action, self.popup_action]

    def set_profiles(self, profiles: list[Profile], active_id: str) -> None:
        self._profiles = list(profiles)
        self._active_id = active_id
        self.menu.clear()
        for index, action in enumerate(self.switch_actions):
            if index < len(self._profiles):
                profile = self._profiles[index]
                action.setText(f"{profile.name}  —  {server_text(profile)}".replace("&", "&&"))
                action.setIcon(dot_icon(kind_colour(profile)))
                action.setToolTip(kind_tooltip(profile))
                action.setChecked(profile.id == active_id)
                action.setEnabled(True)
                self.menu.addAction(action)
            else:
                action.setEnabled(False)
                action.setChecked(False)
        for profile in self._profiles[MAX_SHORTCUTS:]:  # beyond nine: no shortcut
            extra = self.menu.addAction(
                dot_icon(kind_colour(profile)), f"{profile.name}  —  {server_text(profile)}"
            )
            extra.setCheckable(True)
            extra.setChecked(profile.id == active_id)
            extra.triggered.connect(lambda _=False, pid=profile.id: self.switchRequested.emit(pid))
        if self._profiles:
            self.menu.addSeparator()
        self.menu.addAction(self.add_action)
        self.menu.addAction(self.manage_action)
        self._show_active()

    def set_active(self, profile: Profile | None) -> None:
        self._active_id = profile.id if profile else ""
        for index, action in enumerate(self.switch_actions):
            action.setChecked(
                index < len(self._profiles) and self._profiles[index].id == self._active_id
            )
        self._show_active(profile)

    def _show_active(self, profile: Profile | None = None) -> None:
        if profile is None:
            profile = next((p for p in self._profiles if p.id == self._active_id), None)
        if profile is None:
            self.button.setIcon(icon("account"))
            self.button.setText(
                self.tr("Choose an account") if self._profiles else self.tr("Add an account")
            )
            return
        self.button.setIcon(dot_icon(kind_colour(profile)))
        self.button.setText(profile.name.replace("&", "&&"))

    def _switch_to_index(self, index: int) -> None:
        if index < len(self._profiles):
            # A checkable action toggles itself; the real state follows the session.
            self.set_active(next((p for p in self._profiles if p.id == self._active_id), None))
            self.switchRequested.emit(self._profiles[index].id)
