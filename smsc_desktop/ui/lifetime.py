"""Telling when a QObject is destroyed, for connections and tasks that must end with it.

``when_destroyed(owner, callback)`` calls ``callback()`` once when ``owner`` is destroyed and
returns a function that cancels the call. It watches a hidden child of the owner rather than
the owner's own ``destroyed`` signal: PySide6 cannot disconnect a Python slot from
``destroyed`` while that signal is being emitted if any other Python slot is connected to
it (measured on 6.11/6.12: ``SystemError`` + ``RuntimeWarning``), which breaks anyone else
who waits on ``destroyed`` (pytest-qt's ``waitSignal`` among them). A child is destroyed
with its parent, so its ``destroyed`` says the same thing and nobody else listens to it.

Importing ``smsc_desktop.ui`` installs this as the way ``services.observable.Signal``
watches the owners of its connections.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

log = logging.getLogger("smsc_desktop.ui.lifetime")

_ATTRIBUTE = "_smsc_lifetime"
_tokens = itertools.count()


def _run(callbacks: dict[int, Callable[[], None]], *_args: object) -> None:
    pending = list(callbacks.values())
    callbacks.clear()
    for callback in pending:
        try:
            callback()
        except Exception:
            log.exception("A callback at the end of an object's life failed")


class _Lifetime(QObject):
    """The hidden child whose destruction says that its parent is going."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("smscLifetime")
        self.callbacks: dict[int, Callable[[], None]] = {}
        callbacks = self.callbacks  # the slot must not hold the object it watches
        self.destroyed.connect(lambda *_: _run(callbacks))


def when_destroyed(owner: QObject, callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback()`` when ``owner`` is destroyed; returns the cancel function."""
    lifetime = owner.__dict__.get(_ATTRIBUTE)
    if lifetime is None:
        lifetime = _Lifetime(owner)
        owner.__dict__[_ATTRIBUTE] = lifetime
    token = next(_tokens)
    callbacks = lifetime.callbacks
    callbacks[token] = callback

    def cancel() -> None:
        callbacks.pop(token, None)

    return cancel
