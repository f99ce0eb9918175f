"""Startup marks for the benchmark ``python -m tests.perf startup``.

With ``SMSC_DESKTOP_STARTUP_PROBE=PATH`` set, the app appends two lines to ``PATH``:

    paint <time.monotonic()>   when the main window receives its first paint event
    ready <time.monotonic()>   when the window is attached and its current tab has loaded

and then closes the window, so the app shuts down as usual. ``time.monotonic()`` is a
system-wide clock, so the benchmark compares the marks with the time it started the process.
The benchmark's baseline (``tests/perf/empty_window.py``) uses this same probe, so both pay the
same for the instrument. This module imports nothing beyond QtCore: it must not change what it
measures.

For ``python -m tests.perf memory``, ``SMSC_DESKTOP_MEMORY_PROBE=PATH`` keeps the window open
after ``ready``: with ``SMSC_DESKTOP_MEMORY_TOUR=1`` it first shows every tab once and waits
until each has loaded, then it stays idle for ``SMSC_DESKTOP_MEMORY_IDLE`` seconds (60) and
writes one JSON object to ``PATH`` (see :func:`memory_report`) before closing the window.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smsc_desktop.ui.main_window import MainWindow

ENV_VAR = "SMSC_DESKTOP_STARTUP_PROBE"
MEMORY_ENV_VAR = "SMSC_DESKTOP_MEMORY_PROBE"
TOUR_ENV_VAR = "SMSC_DESKTOP_MEMORY_TOUR"
IDLE_ENV_VAR = "SMSC_DESKTOP_MEMORY_IDLE"


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
            memory_path = os.environ.get(MEMORY_ENV_VAR)
            if memory_path:
                MemoryProbe(self.window, memory_path)
            else:
                self.window.close()

    def mark(self, name: str) -> None:
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(f"{name} {time.monotonic():.6f}\n")


class MemoryProbe(QObject):
    """After ``ready``: every tab once (``SMSC_DESKTOP_MEMORY_TOUR``), then idle, then a
    :func:`memory_report` into ``path`` and the window closes."""

    def __init__(self, window: QWidget, path: str) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.idle_ms = int(float(os.environ.get(IDLE_ENV_VAR, "60")) * 1000)
        self._tabs: list[int] = []
        tabs = getattr(window, "tabs", None)
        if os.environ.get(TOUR_ENV_VAR) and tabs is not None:
            self._tabs = [*range(tabs.count()), tabs.currentIndex()]
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def _step(self) -> None:
        tabs = getattr(self.window, "tabs", None)
        if tabs is not None and self._tabs:
            page = tabs.currentWidget()
            if page is not None and not getattr(page, "is_loaded", lambda: True)():
                return  # the tab shown last is still loading
            tabs.setCurrentIndex(self._tabs.pop(0))
            return
        self._timer.stop()
        QTimer.singleShot(self.idle_ms, self, self._report)

    def _report(self) -> None:
        with open(self.path, "w", encoding="utf-8") as out:
            json.dump(memory_report(), out)
        self.window.close()


def memory_report(top: int = 10) -> dict[str, Any]:
    """This process's memory: ``rss_kb`` and its parts from /proc (``anon_kb``: heaps of
    Python and Qt; ``file_kb``: mapped libraries and fonts), ``python_kb`` (what Python's
    allocators hold, from ``tracemalloc`` when it traces, else None) with the ``top``
    allocating source lines, and the number of objects the garbage collector tracks."""
    import gc

    report: dict[str, Any] = {"rss_kb": None, "anon_kb": None, "file_kb": None, "shmem_kb": None}
    names = {"VmRSS": "rss_kb", "RssAnon": "anon_kb", "RssFile": "file_kb", "RssShmem": "shmem_kb"}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in names:
                    report[names[key]] = int(value.split()[0])
    except OSError:  # not Linux
        pass
    report["children_rss_kb"] = _children_rss_kb()
    report["gc_objects"] = len(gc.get_objects()) + gc.get_freeze_count()
    report["python_kb"] = None
    if os.environ.get("PYTHONTRACEMALLOC"):
        _add_traced(report, top)
    return report


def _children_rss_kb() -> int | None:
    """The RSS of this process's children (the demo's sandbox, a keyring helper not let go
    yet), from /proc; None where there is no /proc."""
    from pathlib import Path

    try:
        pids = {
            pid
            for task in Path("/proc/self/task").iterdir()
            for pid in (task / "children").read_text("ascii").split()
        }
    except OSError:
        return None
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text("ascii").splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:  # ended meanwhile
            continue
    return total


def _add_traced(report: dict[str, Any], top: int) -> None:
    """What Python's allocators hold and where (only imported when tracing)."""
    import tracemalloc

    if tracemalloc.is_tracing():
        snapshot = tracemalloc.take_snapshot()
        report["python_kb"] = tracemalloc.get_traced_memory()[0] // 1024
        for key in ("lineno", "filename"):
            report[f"top_{key}"] = [
                {"where": str(stat.traceback[0]), "kb": stat.size // 1024, "count": stat.count}
                for stat in snapshot.statistics(key)[:top]
            ]


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
