"""Shared pieces of the benchmarks: result rows, statistics, an event-loop stall meter, the
plain table that is the floor under a table's update."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def result(
    bench: str,
    metric: str,
    value: float,
    unit: str,
    budget: float | None,
    *,
    lower_is_better: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    """One JSON row; ``ok`` compares ``value`` with ``budget`` (no budget: always ok)."""
    if budget is None:
        ok = True
    else:
        ok = value <= budget if lower_is_better else value >= budget
    row: dict[str, Any] = {
        "bench": bench,
        "metric": metric,
        "value": round(value, 4),
        "unit": unit,
        "budget": budget,
        "ok": ok,
    }
    row.update(extra)
    return row


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


class StallMeter:
    """A 10 ms heartbeat QTimer; ``longest_stall_ms`` is the largest gap beyond the period.

    Start it before the work, stop it after; it measures how long the Qt event loop (and so
    the window) could not react.
    """

    def __init__(self, period_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self.period_ms = period_ms
        self.gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setInterval(period_ms)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def longest_stall_ms(self) -> float:
        """The longest time between two beats minus the period (0 when always on time)."""
        return max((g - self.period_ms for g in self.gaps), default=0.0)


def plain_table_floor(rows: Sequence[Sequence[str]], size: Any, rounds: int = 20) -> float:
    """Median ms to reset and repaint a plain model of ``rows`` (strings, no roles beyond
    the display) in a view of ``size``: the floor under any update of a real table of as
    many rows and columns, measured in the same run."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    columns = len(rows[0]) if rows else 0

    class Plain(QAbstractTableModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else columns

        def data(self, index: Any, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return rows[index.row()][index.column()]
            return None

    model = Plain()
    view = QTableView()
    view.setModel(model)
    view.resize(size)
    view.show()
    QApplication.processEvents()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        model.beginResetModel()
        model.endResetModel()
        view.viewport().repaint()
        samples.append((time.perf_counter() - start) * 1000)
    view.close()
    return median(samples)


@dataclass(frozen=True)
class ChildPytest:
    """What a test file run in a child pytest reported (see :func:`run_pytest_report`)."""

    rows: list[dict[str, Any]]
    returncode: int
    stdout: str
    wall_s: float


def run_pytest_report(test_file: str, report_env: str, timeout_s: int, **env: str) -> ChildPytest:
    """Run ``test_file`` in a child pytest from the repository's root, with ``env`` added
    and ``report_env`` naming a temporary file the tests append one JSON object per line to;
    the rows it holds afterwards, with pytest's exit code and output."""
    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.jsonl"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", test_file, "-q", "-p", "no:cacheprovider",
             f"--timeout={timeout_s}"],
            cwd=root,
            env=dict(os.environ, **env, **{report_env: str(report)}),
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        wall = time.perf_counter() - started
        text = report.read_text(encoding="utf-8") if report.exists() else ""
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return ChildPytest(rows, done.returncode, done.stdout, wall)
