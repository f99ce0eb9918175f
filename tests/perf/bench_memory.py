"""Memory of SMSC Desktop against an empty PySide6 window, measured in the same run.

Every variant is a fresh process on the offscreen platform with its own home, started
together in each round (they sit idle, so they barely disturb each other), and reports its
own memory through the probe (``SMSC_DESKTOP_MEMORY_PROBE``, ``smsc_desktop.ui.startup_probe``):
once ready it stays idle ``SMSC_PERF_MEMORY_IDLE`` seconds (60), then writes its RSS.

- ``empty_window``: tests/perf/empty_window.py, the baseline (the bare window);
- ``account``: ``python -m smsc_desktop`` on the real account of the startup benchmark (a
  sandbox process, a saved profile, the password in a private gnome-keyring);
- ``demo``: ``python -m smsc_desktop --demo`` (the budget is the app's RSS; the built-in
  sandbox runs in a child process, whose RSS is reported apart as ``demo_children_rss``);
- ``account_full``: the account on a sandbox offering 100,000 free numbers, after showing
  every tab once (each until its data has loaded), then idle;
- ``installed_account``: the installed launcher on the account, when there is one
  (``SMSC_PERF_INSTALLED``);
- ``before_account``, ``before_demo``, ``before_account_full``: the same from the checkout in
  ``SMSC_PERF_BEFORE_SOURCE``, to compare two versions in one run (not budgeted). An older
  version may not know the probe, so these are measured from outside (/proc/PID/status after
  ``SMSC_PERF_MEMORY_SETTLE`` seconds, 15, plus the idle time) and without the tour (a version
  that builds every tab at startup has made its tour by then).

Medians of ``SMSC_PERF_MEMORY_RUNS`` rounds (3). Budgets: ``account`` ≤ 1.6 × the empty
window's RSS, ``demo`` ≤ 2.2 ×, ``account_full`` ≤ the empty window + 120 MB.

Then one more ``account_full`` run under ``tracemalloc`` (not budgeted: tracing costs memory
of its own) says where the memory goes: RSS split into Python's allocations (traced), the
rest of the heap (Qt, fonts, C libraries) and mapped files (libraries), and the ten source
lines and files that hold the most Python memory. Printed to stderr and as rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from tests.perf.bench_startup import (
    EMPTY_WINDOW,
    Account,
    Variant,
    app_environment,
    installed_launcher,
    open_account,
)
from tests.perf.common import median, result

BENCH = "memory"
FULL_NUMBERS = 100_000
RATIO_BUDGETS = {"account": 1.6, "demo": 2.2, "installed_account": 1.6}
FULL_BUDGET_MB = 120.0
TIMEOUT_MARGIN_S = 120.0


def variants(installed: str) -> dict[str, tuple[Variant, str]]:
    """name -> (how to start it, which account: "", "account" or "full")."""
    source = [sys.executable, "-m", "smsc_desktop"]
    found = {
        "empty_window": (Variant([sys.executable, str(EMPTY_WINDOW)]), ""),
        "account": (Variant(source, account=True), "account"),
        "demo": (Variant([*source, "--demo"]), ""),
        "account_full": (Variant(source, account=True), "full"),
    }
    if installed:
        found["installed_account"] = (Variant([installed], account=True), "account")
    before = os.environ.get("SMSC_PERF_BEFORE_SOURCE", "")
    if before:
        root = Path(before).resolve()
        found["before_account"] = (Variant(source, root, account=True), "account")
        found["before_demo"] = (Variant([*source, "--demo"], root), "")
        found["before_account_full"] = (Variant(source, root, account=True), "full")
    return found


class Run:
    """One started process and where it writes its report."""

    def __init__(
        self,
        variant: Variant,
        account: Account | None,
        *,
        tour: bool,
        idle: float,
        trace: bool = False,
        external: bool = False,
    ) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="smsc-memory-")
        home = Path(self._tmp.name)
        self.report = home / "memory.json"
        self.external = external
        self.idle = idle
        extra = {
            "SMSC_DESKTOP_STARTUP_PROBE": str(home / "marks.txt"),
            "SMSC_DESKTOP_MEMORY_PROBE": str(self.report),
            "SMSC_DESKTOP_MEMORY_IDLE": str(idle),
        }
        if external:
            extra = {}
        if tour:
            extra["SMSC_DESKTOP_MEMORY_TOUR"] = "1"
        if trace:
            extra["PYTHONTRACEMALLOC"] = "1"
        env = app_environment(home, variant.root, **extra)
        if account is not None:
            env.update(account.prepare(home / "smsc-desktop"))
        self.command = variant.command
        self.proc = subprocess.Popen(
            variant.command,
            cwd=variant.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait(self, timeout: float) -> dict[str, Any]:
        if self.external:
            return self._measure_from_outside()
        try:
            _, stderr = self.proc.communicate(timeout=timeout)
            if self.proc.returncode != 0 or not self.report.exists():
                raise RuntimeError(
                    f"{self.command} exited {self.proc.returncode} without a report:\n"
                    f"{stderr[-3000:]}"
                )
            data: dict[str, Any] = json.loads(self.report.read_text(encoding="utf-8"))
            return data
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self._tmp.cleanup()

    def _measure_from_outside(self) -> dict[str, Any]:
        settle = float(os.environ.get("SMSC_PERF_MEMORY_SETTLE", "15"))
        try:
            self.proc.wait(settle + self.idle)
            raise RuntimeError(f"{self.command} exited {self.proc.returncode} early")
        except subprocess.TimeoutExpired:
            pass
        report: dict[str, Any] = {}
        names = {"VmRSS": "rss_kb", "RssAnon": "anon_kb", "RssFile": "file_kb"}
        try:
            with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as status:
                for line in status:
                    key, _, value = line.partition(":")
                    if key in names:
                        report[names[key]] = int(value.split()[0])
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self._tmp.cleanup()
        return report


def run(runs: int | None = None) -> Iterator[dict[str, Any]]:
    runs = runs or int(os.environ.get("SMSC_PERF_MEMORY_RUNS", "3"))
    idle = float(os.environ.get("SMSC_PERF_MEMORY_IDLE", "60"))
    with ExitStack() as stack:
        account = open_account(stack)
        full = open_account(stack, FULL_NUMBERS, account.keyring) if account else None
        accounts = {"": None, "account": account, "full": full}
        commands = {
            name: spec
            for name, spec in variants(installed_launcher()).items()
            if not spec[1] or accounts[spec[1]] is not None
        }
        samples: dict[str, list[dict[str, Any]]] = {name: [] for name in commands}
        for _ in range(runs):
            started = {
                name: Run(
                    variant,
                    accounts[which],
                    tour=which == "full",
                    idle=idle,
                    external=name.startswith("before_"),
                )
                for name, (variant, which) in commands.items()
            }
            for name, one in started.items():
                samples[name].append(one.wait(idle + TIMEOUT_MARGIN_S))
        traced = None
        if full is not None:
            variant = commands["account_full"][0]
            traced = Run(variant, full, tour=True, idle=idle, trace=True).wait(
                idle + 3 * TIMEOUT_MARGIN_S
            )

    def rss_mb(name: str, key: str = "rss_kb") -> float:
        return median([s[key] for s in samples[name]]) / 1024

    base = rss_mb("empty_window")
    yield result(BENCH, "empty_window_rss", base, "MB", None, runs=runs, idle_s=idle)
    for part in ("anon", "file"):
        value = rss_mb("empty_window", f"{part}_kb")
        yield result(BENCH, f"empty_window_{part}", value, "MB", None, runs=runs, idle_s=idle)
    for name in commands:
        if name == "empty_window":
            continue
        rss = rss_mb(name)
        extra: dict[str, Any] = {"runs": runs, "idle_s": idle}
        yield result(BENCH, f"{name}_rss", rss, "MB", None, **extra)
        yield result(BENCH, f"{name}_anon", rss_mb(name, "anon_kb"), "MB", None, **extra)
        yield result(BENCH, f"{name}_file", rss_mb(name, "file_kb"), "MB", None, **extra)
        children = [s.get("children_rss_kb") for s in samples[name]]
        if all(isinstance(kb, int) and kb for kb in children):  # the demo's sandbox process
            value = median(children) / 1024  # type: ignore[arg-type]
            yield result(BENCH, f"{name}_children_rss", value, "MB", None, **extra)
        before = name.startswith("before_")  # figures to compare with, not this checkout's
        if name.endswith("account_full"):
            budget = None if before else FULL_BUDGET_MB
            yield result(BENCH, f"{name}_over_empty", rss - base, "MB", budget, **extra)
        else:
            budget = None if before else RATIO_BUDGETS.get(name)
            yield result(BENCH, f"{name}_rss_ratio", rss / base, "x", budget, **extra)
    if traced is not None:
        yield from where_it_goes(traced, rss_mb("account_full"), rss_mb("account_full", "anon_kb"))


def where_it_goes(report: dict[str, Any], rss: float, anon: float) -> Iterator[dict[str, Any]]:
    """The Python/Qt split of ``account_full`` (its untraced median ``rss`` and ``anon``
    heap, MB) with what the traced run says Python holds, and a readable note."""
    files = rss - anon
    python = (report["python_kb"] or 0) / 1024
    other = max(anon - python, 0.0)
    yield result(BENCH, "account_full_python_heap", python, "MB", None, traced=True)
    yield result(BENCH, "account_full_other_heap", other, "MB", None)
    yield result(BENCH, "account_full_mapped_files", files, "MB", None)
    lines = [
        f"memory: account_full: RSS {rss:.1f} MB = heap {anon:.1f} MB (Python objects "
        f"{python:.1f} MB as tracemalloc counts them in a traced run; Qt, C libraries and "
        f"allocator slack {other:.1f} MB) + mapped files {files:.1f} MB (libraries, fonts); "
        f"{report['gc_objects']} objects tracked by the garbage collector",
        "memory: top 10 files by Python memory:",
    ]
    lines += [f"  {t['kb']:>8} KB {t['count']:>8}  {t['where']}" for t in report["top_filename"]]
    lines.append("memory: top 10 lines:")
    lines += [f"  {t['kb']:>8} KB {t['count']:>8}  {t['where']}" for t in report["top_lineno"]]
    print("\n".join(lines), file=sys.stderr, flush=True)
