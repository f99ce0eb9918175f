"""What the Numbers tab lends its panels for the active account."""

from __future__ import annotations

from dataclasses import dataclass

from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.widgets.message_bar import MessageBar


@dataclass(frozen=True, slots=True)
class AccountScope:
    """``bindings`` and ``tasks`` are the tab's ``TabPage.bindings`` and
    ``TabPage.session_tasks``: the tab clears them (connections dropped, tasks cancelled)
    before it hands its panels the next account's service. So a panel connects to the
    service and starts the account's work through them, and never asks after an ``await``
    whether the service is still the current one: a task of the old account does not resume.

    ``keep`` holds work that outlives an account switch (a file export); ``message`` is the
    tab's message bar, shared by the panels; ``settings`` the app's settings.
    """

    bindings: Bindings
    tasks: TaskGroup
    keep: TaskGroup
    message: MessageBar
    settings: Settings
