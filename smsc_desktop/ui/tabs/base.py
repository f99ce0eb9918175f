"""What every tab of the main window has in common."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from smsc_desktop.services.session import AccountSession
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.context import AppContext

if TYPE_CHECKING:
    import asyncio


class TabPage(QWidget):
    """A tab: follows the active account and says when its first data has loaded.

    ``dataLoaded`` is emitted once the tab shows real data for the current account (or a
    final error), which is when ``--screenshot`` takes its picture.

    What a tab does for one account lives as long as that account is active: connect to the
    session's services through ``self.bindings`` and start the account's work in
    ``self.session_tasks``; both are cleared before ``session_changed`` runs for the next
    account (and end with the tab). ``self.tasks`` holds work that outlives an account
    switch (a file export, a dialog).
    """

    name: ClassVar[str] = ""
    dataLoaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session: AccountSession | None = None
        self._loaded = False
        self.bindings = Bindings(self)
        self.tasks = TaskGroup(self, f"{self.name}-tab")
        self.session_tasks = TaskGroup(self, f"{self.name}-session")
        ctx.sessionChanged.connect(self._on_session_changed)

    def title(self) -> str:
        raise NotImplementedError

    def is_loaded(self) -> bool:
        return self._loaded

    def mark_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.dataLoaded.emit()

    def _on_session_changed(self, session: AccountSession | None) -> None:
        self.bindings.clear()
        self.session_tasks.cancel()
        self.session = session
        self._loaded = False
        self.session_changed(session)

    def session_changed(self, session: AccountSession | None) -> None:
        """Override: drop the old account's data and load the new one's."""

    def follow_session(self) -> None:
        """Take the account open now: a tab built after the session opened (the window
        builds a tab the first time it is shown) starts as if it had seen the change."""
        if self.ctx.session is not self.session:
            self._on_session_changed(self.ctx.session)

    def refresh(self) -> asyncio.Task[Any] | None:
        """Override: the tab's read action, reloading its data for the current account.

        Returns the task that does it (``aio.spawn``/``TaskSlot``), or None when there is
        nothing to read (no account, or SMSC's limit says wait). Read only: never spend
        money here. Tests use this hook to exercise every tab's reads (see
        tests/test_full_session.py, which checks that no secret reaches any file).
        """
        return None

    def shutdown(self) -> None:
        """Override: stop timers and tasks before the window closes."""
