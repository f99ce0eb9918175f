"""A tiny Qt-free signal, so services can be observed without importing Qt.

Slots are called synchronously on the thread that emits. Services that own worker
threads hand results to the asyncio loop (``loop.call_soon_threadsafe``) before emitting,
so UI slots always run on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("smsc_desktop.services")


class Signal:
    """A list of callbacks; ``emit`` calls each, and one failing slot does not stop the rest."""

    __slots__ = ("_name", "_slots")

    def __init__(self, name: str = "") -> None:
        self._name = name
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> Callable[..., Any]:
        """Add a slot (returned, so this also works as a decorator)."""
        if slot not in self._slots:
            self._slots.append(slot)
        return slot

    def disconnect(self, slot: Callable[..., Any] | None = None) -> None:
        """Remove one slot, or all of them when called without an argument."""
        if slot is None:
            self._slots.clear()
        elif slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            try:
                slot(*args)
            except Exception:
                log.exception("Slot %r of signal %s failed", slot, self._name or "?")

    def __len__(self) -> int:
        return len(self._slots)

    def __repr__(self) -> str:
        return f"<Signal {self._name or '?'} with {len(self._slots)} slot(s)>"
