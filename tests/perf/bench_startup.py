"""Time to the first painted window of ``smsc-desktop --demo`` against an empty PySide6 window.

Each variant is started as a fresh process on the offscreen platform, with its own HOME;
the process appends ``paint <t>`` (and for the app ``ready <t>``) to the file named by
``SMSC_DESKTOP_STARTUP_PROBE`` (see ``smsc_desktop.ui.startup_probe``), where ``t`` is
``time.monotonic()``, a system-wide clock, so the time counts from just before the process was
started to its first paint: interpreter start, imports, window, paint.

Variants, run interleaved (one warm-up round, then ``SMSC_PERF_STARTUP_RUNS`` rounds, default
9) and reported as medians:

- ``empty_window``: ``tests/perf/empty_window.py``, the baseline;
- ``source``: ``python -m smsc_desktop --demo`` from this checkout;
- ``installed``: the installed package's launcher, ``$SMSC_PERF_INSTALLED`` or
  ``/opt/smsc-desktop/smsc-desktop`` when it exists (skipped otherwise).

Budget: the app's first paint at most 1.1 times the empty window's. ``ready`` (window filled,
demo account open) is reported without a budget.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.perf.common import median, result

BENCH = "startup"
BUDGET_RATIO = 1.1
ROOT = Path(__file__).resolve().parents[2]
EMPTY_WINDOW = Path(__file__).resolve().with_name("empty_window.py")
DEFAULT_INSTALLED = Path("/opt/smsc-desktop/smsc-desktop")
TIMEOUT_S = 60.0


def variants() -> dict[str, list[str]]:
    found = {
        "empty_window": [sys.executable, str(EMPTY_WINDOW)],
        "source": [sys.executable, "-m", "smsc_desktop", "--demo"],
    }
    installed = os.environ.get("SMSC_PERF_INSTALLED") or (
        str(DEFAULT_INSTALLED) if DEFAULT_INSTALLED.exists() else ""
    )
    if installed:
        found["installed"] = [installed, "--demo"]
    else:
        print(
            "startup: no installed package (set SMSC_PERF_INSTALLED), measuring from source only",
            file=sys.stderr,
        )
    return found


def launch(command: list[str]) -> dict[str, float]:
    """Start ``command`` once; return the marks in ms since just before the start."""
    with tempfile.TemporaryDirectory(prefix="smsc-startup-") as tmp:
        home = Path(tmp)
        marks_file = home / "marks.txt"
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "SMSC_DESKTOP_HOME": str(home / "smsc-desktop"),
            "SMSC_DESKTOP_STARTUP_PROBE": str(marks_file),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
        }
        start = time.monotonic()
        proc = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
        marks: dict[str, float] = {}
        if marks_file.exists():
            for line in marks_file.read_text(encoding="utf-8").splitlines():
                name, _, value = line.partition(" ")
                marks.setdefault(name, (float(value) - start) * 1000)
        if "paint" not in marks or proc.returncode != 0:
            raise RuntimeError(
                f"{command} exited {proc.returncode} with marks {marks}:\n{proc.stderr[-3000:]}"
            )
        return marks


def run(runs: int | None = None) -> Iterator[dict[str, Any]]:
    runs = runs or int(os.environ.get("SMSC_PERF_STARTUP_RUNS", "9"))
    commands = variants()
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in commands}
    for round_no in range(runs + 1):
        for name, command in commands.items():
            marks = launch(command)
            if round_no == 0:
                continue  # warm-up: page cache, font cache, .pyc files
            for mark, value in marks.items():
                samples[name].setdefault(mark, []).append(value)

    base = median(samples["empty_window"]["paint"])
    yield result(BENCH, "empty_window_paint", base, "ms", None, runs=runs)
    for name in commands:
        if name == "empty_window":
            continue
        paint = median(samples[name]["paint"])
        yield result(BENCH, f"{name}_paint", paint, "ms", None, runs=runs)
        yield result(BENCH, f"{name}_paint_ratio", paint / base, "x", BUDGET_RATIO, runs=runs)
        if samples[name].get("ready"):
            ready = median(samples[name]["ready"])
            yield result(BENCH, f"{name}_ready", ready, "ms", None, runs=runs)
            yield result(BENCH, f"{name}_ready_ratio", ready / base, "x", None, runs=runs)
