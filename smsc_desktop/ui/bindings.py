"""The connections one widget makes to the services of one account.

``Bindings(owner)`` connects service signals (``services.observable.Signal``) to the owner's
slots with ``owner=`` (so they end when the widget is destroyed) and remembers them, so a
widget that follows the active account drops the old account's connections in one call,
``clear()``, before it connects to the new one. Tabs get one as ``TabPage.bindings``,
cleared on every account change.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from smsc_desktop.services.observable import Signal
from smsc_desktop.ui.lifetime import when_destroyed


class Bindings:
    def __init__(self, owner: QObject) -> None:
        self._owner = weakref.ref(owner)  # the owner holds its bindings, not the reverse
        self._connections: list[tuple[Signal, Callable[..., Any]]] = []
        # The slots are the owner's bound methods: let go of them with the owner, or the
        # owner's Python wrapper would outlive its C++ object in a cycle.
        when_destroyed(owner, self._forget)

    def connect(self, signal: Signal, slot: Callable[..., Any]) -> None:
        owner = self._owner()
        if owner is None:
            raise RuntimeError("the owner of these bindings is gone")
        signal.connect(slot, owner=owner)
        self._connections.append((signal, slot))

    def clear(self) -> None:
        """Disconnect everything connected through these bindings."""
        connections, self._connections = self._connections, []
        for signal, slot in connections:
            signal.disconnect(slot)

    def _forget(self) -> None:
        self._connections = []  # the signals drop their side themselves (owner=)

    def __len__(self) -> int:
        return len(self._connections)
