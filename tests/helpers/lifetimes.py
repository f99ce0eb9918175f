"""Every connection the UI makes to a service signal names its owner (issue #10/#11).

An autouse fixture wraps ``Signal.connect`` for the whole suite: a slot that belongs to the
UI (a bound method of a Qt object or of a class under ``smsc_desktop.ui``, or a function
defined there) connected without ``owner=`` fails the test at the point of connection, so a
widget can never be called by a service after it is gone.
"""

from __future__ import annotations

from typing import Any

import pytest

from smsc_desktop.services import observable


def is_ui_slot(slot: Any) -> bool:
    target = getattr(slot, "__self__", None)
    if target is not None and not isinstance(target, type):
        module = type(target).__module__
        if module.startswith(("PySide6", "shiboken6")):
            return True
        return module.startswith("smsc_desktop.ui")
    module = getattr(slot, "__module__", None) or ""
    return module.startswith("smsc_desktop.ui")


@pytest.fixture(autouse=True)
def ui_connections_have_owners(monkeypatch: pytest.MonkeyPatch) -> None:
    original = observable.Signal.connect

    def connect(self: observable.Signal, slot: Any, *, owner: Any = None) -> Any:
        if owner is None and is_ui_slot(slot):
            raise AssertionError(
                f"{slot!r} is connected to {self!r} without owner=: a UI slot must be "
                "disconnected when its widget is destroyed (Signal.connect(slot, owner=...))"
            )
        return original(self, slot, owner=owner)

    monkeypatch.setattr(observable.Signal, "connect", connect)
