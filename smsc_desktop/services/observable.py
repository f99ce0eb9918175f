"""A tiny Qt-free signal, so services can be observed without importing Qt.

Slots are called synchronously on the thread that emits. Services that own worker
threads hand results to the asyncio loop (``loop.call_soon_threadsafe``) before emitting,
so UI slots always run on the GUI thread.

Lifetimes: ``connect(slot, owner=widget)`` ties the connection to the owner: when the owner
is destroyed, its slots are disconnected, and a service that outlives a widget never calls
into it. How an owner's end is noticed is installed by the UI (``set_owner_watcher``; the
UI watches a ``QObject``); without one, an owner is anything with a Qt-style ``destroyed``
signal (duck-typed, so this module stays Qt-free). Every connection made from ``ui/`` names its owner
(``tests/test_lifetimes.py`` checks it). ``disconnect_all(obj)`` drops every slot of every
signal an object has (services call it when they close, so the UI's references go too).
"""

from __future__ import annotations

import contextlib
import logging
import weakref
from collections.abc import Callable
from typing import Any

log = logging.getLogger("smsc_desktop.services")

Slot = Callable[..., Any]
OwnerWatcher = Callable[[Any, Callable[[], None]], Callable[[], None]]
"""``watch(owner, callback) -> cancel``: call ``callback()`` once when ``owner`` ends."""


def _watch_destroyed(owner: Any, callback: Callable[[], None]) -> Callable[[], None]:
    def hook(*_args: Any) -> None:
        callback()

    owner.destroyed.connect(hook)

    def cancel() -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            owner.destroyed.disconnect(hook)

    return cancel


_watch_owner: OwnerWatcher = _watch_destroyed


def set_owner_watcher(watcher: OwnerWatcher) -> None:
    """How owners are watched (the UI installs a QObject-aware watcher at import)."""
    global _watch_owner
    _watch_owner = watcher


class _Connection:
    """A slot and (weakly) its owner: the owner's life is not prolonged by a service."""

    __slots__ = ("_owner", "cancel", "slot")

    def __init__(self, slot: Slot, owner: object | None) -> None:
        self.slot = slot
        self._owner = weakref.ref(owner) if owner is not None else None
        self.cancel: Callable[[], None] | None = None

    def owned_by(self, owner: object) -> bool:
        return self._owner is not None and self._owner() is owner

    def release(self) -> None:
        """Stop watching the owner (it may already be gone)."""
        cancel, self.cancel = self.cancel, None
        self._owner = None
        if cancel is not None:
            cancel()


class Signal:
    """A list of callbacks; ``emit`` calls each, and one failing slot does not stop the rest."""

    __slots__ = ("_connections", "_name")

    def __init__(self, name: str = "") -> None:
        self._name = name
        self._connections: list[_Connection] = []

    def connect(self, slot: Slot, *, owner: object | None = None) -> Slot:
        """Add a slot (returned, so this also works as a decorator).

        With ``owner``, the slot is disconnected when the owner is destroyed.
        """
        if any(c.slot == slot for c in self._connections):
            return slot
        connection = _Connection(slot, owner)
        if owner is not None:
            connection.cancel = _watch_owner(owner, lambda: self._drop(connection))
        self._connections.append(connection)
        return slot

    def disconnect(self, slot: Slot | None = None) -> None:
        """Remove one slot, or all of them when called without an argument."""
        for connection in list(self._connections):
            if slot is None or connection.slot == slot:
                self._drop(connection)

    def disconnect_owner(self, owner: object) -> None:
        """Remove every slot connected with ``owner``."""
        for connection in list(self._connections):
            if connection.owned_by(owner):
                self._drop(connection)

    def _drop(self, connection: _Connection) -> None:
        with contextlib.suppress(ValueError):
            self._connections.remove(connection)
        connection.release()

    def emit(self, *args: Any) -> None:
        for connection in list(self._connections):
            if connection not in self._connections:
                continue  # disconnected by an earlier slot of this emit
            try:
                connection.slot(*args)
            except Exception:
                log.exception("Slot %r of signal %s failed", connection.slot, self._name or "?")

    def __len__(self) -> int:
        return len(self._connections)

    def __repr__(self) -> str:
        return f"<Signal {self._name or '?'} with {len(self._connections)} slot(s)>"


def disconnect_all(obj: object) -> None:
    """Disconnect every slot of every ``Signal`` attribute of ``obj`` (when it closes)."""
    for value in vars(obj).values():
        if isinstance(value, Signal):
            value.disconnect()
