"""The Insights window on a million-row export against Python's csv module, same file, same run.

A demo export of about 1,000,000 rows (≈145 MB, windows-1251, ``;``) is written once. Each
round reads it with the baseline — ``csv.reader`` over the decoded file, rows counted and
nothing else — and then opens ``InsightsDialog`` on it as the app does (offscreen, on the
qasync loop, a 10 ms heartbeat running) and waits until its charts are drawn.

Rows:
- ``seconds``: file opened → every chart drawn (≤ 3 s; the machine is shared: see the ratio);
- ``ratio_to_csv``: those seconds / the baseline's (≤ 2: reading *and* charting in at most
  twice what the csv module needs just to read the rows; measured 1.5-1.65 on the shared
  2-core machine, 1.0-1.3 for the reading alone without a window);
- ``cpu_ratio_to_csv`` (no budget): the same in CPU seconds, steadier on a busy machine;
- ``longest_stall_ms``: the longest late beat of the heartbeat from the window's first paint
  until its charts are drawn (≤ 50 ms), with
  ``idle_ms``: the longest late beat over 3 s of doing nothing, and ``csv_thread_ms``: the
  longest while the csv module reads the file in a worker thread (the baseline: what any
  Python thread reading the file costs the window on this machine at that moment);
- ``memory_growth_mb``: peak RSS during the read minus RSS before it (≤ 300 MB);
- ``charts_import_ms``, ``open_window_ms`` and ``charts_first_paint_ms`` (no budget):
  importing the window's module with its charts, building and painting the empty window
  (before the meter starts), and painting the charts of the result once more.
Medians over the rounds (``SMSC_BENCH_ROUNDS``, default 3); every figure is in ``samples``.
``SMSC_BENCH_ROWS`` (default 1,000,000) changes the workload.
"""

from __future__ import annotations

import asyncio
import csv
import gc
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.perf.bench_exports import PeakRss
from tests.perf.common import StallMeter, median, result

BENCH = "insights"
ROWS = int(os.environ.get("SMSC_BENCH_ROWS", "1000000"))
ROUNDS = int(os.environ.get("SMSC_BENCH_ROUNDS", "3"))


def write_export(folder: Path, rows: int) -> tuple[Path, int]:
    """A demo export of about ``rows`` rows; (path, rows in it)."""
    from smsc_desktop.sandbox.exportfile import ExportFile

    size = rows * 145
    path = folder / "export_1m.csv"
    with path.open("wb") as out:
        for _, piece in ExportFile(size).pieces():
            out.write(piece)
    with path.open("rb") as raw:
        count = sum(piece.count(b"\n") for piece in iter(lambda: raw.read(1 << 22), b"")) - 1
    return path, count


def baseline(path: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) for Python's csv module to read every row."""
    started, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as raw:
        stream = io.TextIOWrapper(raw, encoding="cp1251", newline="")
        rows = sum(1 for _ in csv.reader(stream, delimiter=";"))
    assert rows > 0
    return time.perf_counter() - started, time.process_time() - cpu


class Window:
    """The app's Insights window on a qasync loop, offscreen."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        from smsc_desktop.ui import aio

        self.app = QApplication.instance() or QApplication([])
        self.loop = aio.new_event_loop(self.app)
        asyncio.set_event_loop(self.loop)
        started = time.perf_counter()
        from smsc_desktop.ui.dialogs.insights import InsightsDialog

        self.import_ms = (time.perf_counter() - started) * 1000
        self.dialog_class = InsightsDialog
        self.stalls = StallMeter()
        self.open_ms: list[float] = []

    def idle_stall(self, seconds: float = 3.0) -> float:
        """The longest late beat with nothing to do: what the machine's load alone costs."""

        async def run() -> float:
            self.stalls.start()
            await asyncio.sleep(seconds)
            self.stalls.stop()
            return self.stalls.longest_stall_ms

        return self.loop.run_until_complete(run())

    def csv_thread_stall(self, path: Path) -> float:
        """The longest late beat while the csv module reads the file in a worker thread: what
        any Python thread reading this file costs the window on this machine now."""

        async def run() -> float:
            self.stalls.start()
            await asyncio.to_thread(baseline, path)
            self.stalls.stop()
            return self.stalls.longest_stall_ms

        return self.loop.run_until_complete(run())

    def open(self, path: Path) -> tuple[float, float, float, float, float]:
        """(seconds to charts drawn, longest stall ms, memory growth bytes, paint ms, CPU s)."""
        memory = PeakRss()
        cpu = time.process_time()

        async def run() -> tuple[float, float, float, float]:
            memory.start()
            started = time.perf_counter()
            dialog = self.dialog_class(path)
            dialog.show()
            dialog.repaint()  # the window's first paint, before the meter starts
            opened = time.perf_counter()
            self.stalls.start()
            loaded = asyncio.get_running_loop().create_future()
            dialog.loaded.connect(lambda: None if loaded.done() else loaded.set_result(None))
            await loaded
            read = time.perf_counter()
            for chart in dialog.panel.charts:
                chart.repaint()
            painted = time.perf_counter()
            self.stalls.stop()
            if dialog.insights is None or dialog.insights.rows < 0.9 * ROWS:
                raise RuntimeError(f"the file was not read: {dialog.message.message()}")
            dialog.close()
            dialog.deleteLater()
            return (
                painted - started,
                self.stalls.longest_stall_ms,
                (painted - read) * 1000,
                (opened - started) * 1000,
            )

        seconds, stall, paint_ms, open_ms = self.loop.run_until_complete(run())
        self.open_ms.append(open_ms)
        return seconds, stall, memory.stop(), paint_ms, time.process_time() - cpu

    def close(self) -> None:
        asyncio.set_event_loop(None)
        self.loop.close()


def run() -> Iterator[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="smsc-bench-insights-"))
    window: Window | None = None
    try:
        path, rows = write_export(folder, ROWS)
        size_mb = path.stat().st_size / 1e6
        window = Window()
        window.open(path)  # warm: the page cache and the first paint's fonts
        gc.freeze()  # as the app does once it has started (smsc_desktop/app.py)
        base: list[float] = []
        base_cpu: list[float] = []
        ours: list[float] = []
        ours_cpu: list[float] = []
        stalls: list[float] = []
        idle: list[float] = []
        csv_stalls: list[float] = []
        growth: list[float] = []
        paints: list[float] = []
        for _ in range(ROUNDS):
            wall, cpu = baseline(path)
            base.append(wall)
            base_cpu.append(cpu)
            idle.append(window.idle_stall())
            csv_stalls.append(window.csv_thread_stall(path))
            seconds, stall, grown, paint_ms, cpu = window.open(path)
            ours.append(seconds)
            ours_cpu.append(cpu)
            stalls.append(stall)
            growth.append(grown)
            paints.append(paint_ms)
        ratios = [o / b for o, b in zip(ours, base, strict=True)]
        cpu_ratios = [o / b for o, b in zip(ours_cpu, base_cpu, strict=True)]
        common = {"rows": rows, "file_mb": round(size_mb, 1)}
        yield result(
            BENCH,
            "seconds",
            median(ours),
            "s",
            3.0,
            samples=[round(s, 2) for s in ours],
            csv_module_s=[round(s, 2) for s in base],
            **common,
        )
        yield result(
            BENCH,
            "ratio_to_csv",
            median(ratios),
            "x csv",
            2.0,
            samples=[round(r, 2) for r in ratios],
            **common,
        )
        yield result(
            BENCH,
            "cpu_ratio_to_csv",
            median(cpu_ratios),
            "x csv",
            None,
            note="CPU time of the whole process (both threads) / the csv module's",
            samples=[round(r, 2) for r in cpu_ratios],
        )
        yield result(
            BENCH,
            "longest_stall_ms",
            max(stalls),
            "ms",
            50.0,
            samples=[round(s, 1) for s in stalls],
            idle_ms=[round(s, 1) for s in idle],
            csv_thread_ms=[round(s, 1) for s in csv_stalls],
        )
        yield result(
            BENCH,
            "memory_growth_mb",
            max(growth) / 1e6,
            "MB",
            300.0,
            samples=[round(g / 1e6, 1) for g in growth],
        )
        yield result(
            BENCH,
            "charts_import_ms",
            window.import_ms,
            "ms",
            None,
            note="import of ui/dialogs/insights with its charts",
        )
        yield result(
            BENCH,
            "open_window_ms",
            median(window.open_ms[1:]),
            "ms",
            None,
            note="building and painting the empty window, before the stall meter starts",
            samples=[round(o, 1) for o in window.open_ms[1:]],
        )
        yield result(
            BENCH,
            "charts_first_paint_ms",
            median(paints),
            "ms",
            None,
            samples=[round(p, 1) for p in paints],
        )
    finally:
        if window is not None:
            window.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    import json

    for row in run():
        print(json.dumps(row, ensure_ascii=False), file=sys.stdout, flush=True)
