"""Startup marks for the benchmark ``python -m tests.perf startup``.

With ``SMSC_DESKTOP_STARTUP_PROBE=PATH`` set, the app appends two lines to ``PATH``:

    paint <time.monotonic()>   when the main window receives its first paint event
    ready <time.monotonic()>   when the window is attached and its current tab has loaded

and then closes the window, so the app shuts down as usual. ``time.monotonic()`` is a
system-wide clock, so the benchmark compares the marks with the time it started the process.
The benchmark's baseline (``tests/perf/empty_window.py``) uses this same probe, so both pay the
same for the instrument. This module imports nothing beyond QtCore: it must not change what it
measures.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smsc_desktop.ui.main_window import MainWindow

ENV_VAR = "SMSC_DESKTOP_STARTUP_PROBE"


class StartupProbe(QObject):
    """Marks the first paint of ``window``, then polls ``ready()`` and closes the window."""

    def __init__(self, window: QWidget, path: str, ready: Callable[[], bool]) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.ready = ready
        self._painted = False
        self._poll = QTimer(self)
        self._poll.setInterval(2)
        self._poll.timeout.connect(self._check_ready)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self.window and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.mark("paint")
            self._poll.start()
        return False

    def _check_ready(self) -> None:
        if self.ready():
            self._poll.stop()
            self.mark("ready")
            self.window.close()

    def mark(self, name: str) -> None:
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(f"{name} {time.monotonic():.6f}\n")


def main_window_ready(window: MainWindow) -> bool:
    """The app is ready when the window is attached and its current tab has loaded."""
    if window.ctx is None:
        return False
    page = window.tabs.currentWidget()
    return page is None or bool(getattr(page, "is_loaded", lambda: True)())


def install_from_env(window: MainWindow) -> StartupProbe | None:
    """Install the probe on ``window`` when ``SMSC_DESKTOP_STARTUP_PROBE`` is set."""
    path = os.environ.get(ENV_VAR)
    return StartupProbe(window, path, lambda: main_window_ready(window)) if path else None
