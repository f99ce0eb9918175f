"""A long session of demo use (issue #11 item 7, issue #21 item 8): ``./dev perf soak``.

The real app in demo mode in a child process (tests/helpers/soak_child.py), used through its
widgets the whole time: a call verification every 6 s (inbox polling while it waits, the
call simulated, the card dismissed), the job list refreshed and a 2 MB export file downloaded
every 30 s. The child's RSS is sampled from outside every 30 s.

Budgets: RSS growth after the first 2 minutes ≤ 30 MB (last sample minus the one at 2 min;
the slope after 2 min is reported too), 0 errors in the app's log, longest event-loop stall
after the first 2 minutes ≤ 50 ms. The stall is wall time (what the user feels); the part of
it the GUI thread spent on the CPU (``longest_busy_stall``) tells the app's own work from a
machine too busy to run it, and the longest stalls are listed with what the workload had
just done.

Length: ``SMSC_PERF_SOAK_MINUTES`` (default 5; the full soak is 15:
``SMSC_PERF_SOAK_MINUTES=15 ./dev perf soak``). ``SMSC_SOAK_TRACE=1`` makes the child write
object counts by type and tracemalloc's top growth to ``trace.txt`` every 2 minutes, in the
folder named by ``SMSC_PERF_SOAK_KEEP`` (kept after the run; a temporary folder otherwise).
``SMSC_SOAK_SAMPLE=1``: the GUI thread's Python stack sampled during every stall
(``stalls.txt``; tests/helpers/stall_sampler.py); ``SMSC_SOAK_PROFILE=1``: the GUI thread
cProfiled after the warm-up (``profile.out``). ``live.jsonl`` has, every 30 s, the widgets,
Python objects and blocks, the request log, the sandbox's lists, RSS and glibc's heap.
Each listed stall also says how long the cyclic garbage collector ran in it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.helpers.processes import ROOT, child_env
from tests.perf.common import result

BENCH = "soak"
SAMPLE_S = 30.0
WARMUP_S = 120.0


def rss_of(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares MB per minute."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(t for t, _ in points) / n
    my = sum(v for _, v in points) / n
    den = sum((t - mx) ** 2 for t, _ in points)
    return sum((t - mx) * (v - my) for t, v in points) / den * 60 if den else 0.0


def soak(folder: Path, minutes: float) -> dict[str, Any]:
    home = folder / "home"
    probe = folder / "probe"
    probe.mkdir(parents=True, exist_ok=True)
    env = child_env(home, SMSC_SOAK_DIR=str(probe), SMSC_SOAK_WARMUP_S=str(WARMUP_S))
    out = (folder / "app.out").open("w", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.soak_child"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    samples: list[tuple[float, float]] = []
    started = time.monotonic()
    try:
        while (elapsed := time.monotonic() - started) < minutes * 60:
            if child.poll() is not None:
                raise RuntimeError(f"the app exited ({child.returncode}); see {folder}/app.out")
            samples.append((round(elapsed, 1), round(rss_of(child.pid), 1)))
            print(f"soak: {elapsed / 60:5.1f} min  RSS {samples[-1][1]:6.1f} MB", file=sys.stderr)
            with contextlib.suppress(subprocess.TimeoutExpired):  # unless the app exits
                child.wait(max(0.1, min(SAMPLE_S, minutes * 60 - elapsed)))
        samples.append((round(time.monotonic() - started, 1), round(rss_of(child.pid), 1)))
        status = json.loads((probe / "status.json").read_text(encoding="utf-8"))
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        out.close()
    log = home / "smsc-desktop" / "logs" / "smsc-desktop.log"
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    errors = [line for line in lines if " ERROR " in line or " CRITICAL " in line]
    return {"samples": samples, "status": status, "log_errors": errors}


def run() -> Iterator[dict[str, Any]]:
    minutes = float(os.environ.get("SMSC_PERF_SOAK_MINUTES", "5"))
    keep = os.environ.get("SMSC_PERF_SOAK_KEEP")
    if keep:
        seen = soak(Path(keep), minutes)
    else:
        with tempfile.TemporaryDirectory(prefix="smsc-soak-") as folder:
            seen = soak(Path(folder), minutes)
    samples = seen["samples"]
    after = [(t, v) for t, v in samples if t >= WARMUP_S - 1]
    growth = after[-1][1] - after[0][1] if after else 0.0
    status = seen["status"]
    for line in seen["log_errors"][:10]:
        print(f"soak: log error: {line}", file=sys.stderr)
    yield result(BENCH, "minutes", minutes, "min", None, counts=status["counts"])
    yield result(BENCH, "rss_start", samples[0][1], "MB", None)
    yield result(BENCH, "rss_at_2_min", after[0][1] if after else 0.0, "MB", None)
    yield result(BENCH, "rss_end", samples[-1][1], "MB", None, curve=samples)
    yield result(BENCH, "rss_growth_after_2_min", growth, "MB", 30.0)
    yield result(BENCH, "rss_slope_after_2_min", slope(after), "MB/min", None)
    yield result(BENCH, "log_errors", len(seen["log_errors"]), "errors", 0)
    yield result(
        BENCH, "workload_errors", len(status["errors"]), "errors", 0, first=status["errors"][:3]
    )
    yield result(
        BENCH, "longest_stall", status["longest_stall_ms"], "ms", 50.0, top=status["stalls"]
    )
    # The part of the longest stall the GUI thread was on the CPU: its own work, not a
    # machine too busy (other processes) to run it.
    yield result(BENCH, "longest_busy_stall", status["longest_busy_stall_ms"], "ms", 50.0)
