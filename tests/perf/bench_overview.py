"""The accounts overview with 200 accounts, each figure against a baseline of the same run.

The sandbox runs in a child process with 200 accounts of its own (so this process's time is
the app's alone, as with the real SMSC), limits on. The app side is an ``AppContext`` on a
temporary folder with 200 saved profiles, their passwords in an in-memory keyring read
through ``SecretStore``, and files in every account's folder (My numbers, a journal, a
verification history, a download queue).

Rows:
- ``refresh_200_service_only``: the baseline, the service refreshing 200 accounts with no
  page on screen (4 at a time);
- ``refresh_200_accounts``: the same with the Overview page on screen (≤ 60 s), and
  ``refresh_200_longest_stall``: the longest late beat of a 10 ms Qt heartbeat meanwhile
  (≤ 50 ms; with ``idle_baseline_ms``, the same heartbeat's longest late beat with nothing
  to do, ``idle_longest_stall``: on a busy machine other processes make beats late too),
  and ``refresh_200_longest_busy``: the main thread's CPU time in one late beat, the part
  of a stall that is the app's own work (≤ 50 ms);
- ``refresh_200_at_150ms``: the same with the sandbox answering each balance request after
  150 ms, as a distant server would (≤ 60 s), and its stalls (≤ 50 ms);
- ``scan_200_accounts``: reading every account's files (first time) in the worker thread,
  and the longest stall meanwhile (≤ 50 ms);
- ``open_200_accounts_painted``: building the page from ``overview.json`` (what the last
  run knew of 200 accounts) until it is painted, against an empty widget of the same size
  (≤ 100 ms), and ``open_200_accounts_cpu``: the main thread's CPU time for it (≤ 100 ms).
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.perf.common import StallMeter, median, result

BENCH = "overview"
ACCOUNTS = 200

_SANDBOX = """
import sys
from decimal import Decimal
from smsc_desktop.sandbox import SandboxServer
from smsc_desktop.sandbox.config import AccountConfig, SandboxConfig
accounts = tuple(
    AccountConfig(f"client{n:03d}", f"pw-{n:03d}", f"key{n:03d}".ljust(32, "0"),
                  balance=Decimal(100 + 37 * n), currency="KZT" if n % 10 == 0 else "RUR")
    for n in range(int(sys.argv[1]))
)
server = SandboxServer(SandboxConfig(accounts=accounts, numbers=10))
print(server.start(), flush=True)
sys.stdin.read()
server.stop()
"""


class Sandbox:
    def __init__(self, accounts: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SANDBOX, str(accounts)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = re.search(r"(http://\S+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        self.url = match.group(1)
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def latency(self, seconds: float) -> None:
        body = json.dumps({"endpoint": "balance", "latency": seconds}).encode()
        request = urllib.request.Request(
            self.url + "/sandbox/faults",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30):
            pass

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _write_files(folder: Path, n: int) -> None:
    """What an account that has been used for a while keeps in its folder."""
    from smsc_desktop.services.downloads import DownloadItem, DownloadState
    from smsc_desktop.services.journal import (
        Journal,
        JournalAction,
        JournalEntry,
        JournalOutcome,
    )
    from smsc_desktop.services.ledger import Ledger, OwnedNumber
    from smsc_desktop.services.storage import atomic_write_json
    from smsc_desktop.services.verification.history import HISTORY_FILE, snapshot
    from smsc_desktop.services.verification.models import Verification, VerificationState

    now = datetime.now(UTC)
    ledger = Ledger(folder)
    for k in range(3):
        ledger.put(OwnedNumber(f"7916{n:03d}{k:04d}", monthly_cost=Decimal("500.00")))
    ledger.save()
    journal = Journal(folder)
    for k in range(20):
        outcome = JournalOutcome.REQUESTED if k % 2 == 0 else JournalOutcome.OK
        journal.append(
            JournalEntry(
                time=now - timedelta(days=30 - k),
                profile=f"Client {n}",
                action=JournalAction.RENEWAL_ON,
                phone=f"7916{n:03d}{k % 3:04d}",
                outcome=outcome,
                op=f"op{k // 2}",
            )
        )
    history = [
        Verification(
            id=f"v{n}-{k}",
            phone=f"7999{n:03d}{k:04d}",
            state=VerificationState.CONFIRMED if k % 7 else VerificationState.EXPIRED,
            created_at=now - timedelta(hours=k),
            expires_at=now - timedelta(hours=k) + timedelta(minutes=15),
            finished_at=now - timedelta(hours=k) + timedelta(minutes=3),
        )
        for k in range(100)
    ]
    atomic_write_json(folder / HISTORY_FILE, snapshot(history))
    items = [
        DownloadItem(k, f"job {k}", f"job-{k}.csv", folder, state=DownloadState.DONE).to_json()
        for k in range(10)
    ]
    atomic_write_json(folder / "downloads.json", {"schema": 1, "items": items})


def _context(root: Path, backend: Any) -> Any:
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.secrets import SecretStore
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui.context import AppContext

    paths = AppPaths(root)
    return AppContext(
        paths, Settings(paths.settings_file), secrets=SecretStore(backend_factory=lambda: backend)
    )


class BusyMeter(StallMeter):
    """Also the main thread's CPU time between two beats: how much of a late beat was the
    app's own work, and how much the machine's (other processes on a busy machine)."""

    def __init__(self) -> None:
        super().__init__()
        self.busy: list[float] = []
        self._cpu = 0.0

    def start(self) -> None:
        self.busy.clear()
        self._cpu = time.thread_time()
        super().start()

    def _beat(self) -> None:
        cpu = time.thread_time()
        self.busy.append((cpu - self._cpu) * 1000)
        self._cpu = cpu
        super()._beat()

    @property
    def longest_busy_ms(self) -> float:
        return max((b - self.period_ms for b in self.busy), default=0.0)


def _idle(loop: asyncio.AbstractEventLoop, seconds: float) -> BusyMeter:
    meter = BusyMeter()
    meter.start()
    loop.run_until_complete(asyncio.sleep(seconds))
    meter.stop()
    return meter


def _refresh(loop: asyncio.AbstractEventLoop, service: Any) -> tuple[float, BusyMeter, Any]:
    meter = BusyMeter()
    meter.start()
    started = time.perf_counter()

    async def refresh() -> Any:
        return await service.refresh()

    summary = loop.run_until_complete(refresh())
    elapsed = time.perf_counter() - started
    meter.stop()
    # The figures file is written a second after the last change: inside the loop, not in a
    # later processEvents() of this script.
    loop.run_until_complete(asyncio.sleep(1.5))
    return elapsed, meter, summary


def _stall_rows(name: str, meter: BusyMeter, idle: BusyMeter) -> Iterator[dict[str, Any]]:
    yield result(
        BENCH,
        f"{name}_longest_stall",
        meter.longest_stall_ms,
        "ms",
        50.0,
        idle_baseline_ms=round(idle.longest_stall_ms, 1),
    )
    yield result(BENCH, f"{name}_longest_busy", meter.longest_busy_ms, "ms", 50.0)


def run() -> Iterator[dict[str, Any]]:
    from PySide6.QtWidgets import QApplication, QWidget

    from smsc_desktop.services.profiles import Profile
    from smsc_desktop.ui import aio
    from tests.helpers.memory_keyring import MemoryKeyring

    app = QApplication.instance() or QApplication([])
    loop = aio.new_event_loop(app)
    asyncio.set_event_loop(loop)
    sandbox = Sandbox(ACCOUNTS)
    root = Path(tempfile.mkdtemp(prefix="bench-overview-"))
    backend = MemoryKeyring()
    try:
        ctx = _context(root, backend)
        for n in range(ACCOUNTS):
            profile = Profile(
                name=f"Client {n:03d}",
                server=sandbox.url,
                login=f"client{n:03d}",
                low_balance=Decimal(1000) if n % 4 == 0 else None,
            )
            loop.run_until_complete(ctx.accounts.save(profile, f"pw-{n:03d}"))
            _write_files(ctx.paths.profile_dir(profile.id), n)
        service = ctx.overview
        gc.collect()
        gc.freeze()  # as the app does after start-up

        meter = BusyMeter()
        meter.start()
        started = time.perf_counter()
        loop.run_until_complete(service.rescan())
        scan = time.perf_counter() - started
        meter.stop()
        yield result(BENCH, "scan_200_accounts", scan * 1000, "ms", None)
        yield result(BENCH, "scan_200_longest_stall", meter.longest_stall_ms, "ms", 50.0)

        baseline, _meter, summary = _refresh(loop, service)
        assert summary.ok == ACCOUNTS, summary

        from smsc_desktop.ui.tabs.overview import OverviewTab

        page = OverviewTab(ctx)
        page.resize(1200, 700)
        page.show()

        async def loaded() -> None:
            shown = asyncio.Event()
            page.dataLoaded.connect(shown.set)
            if not page.is_loaded():
                await shown.wait()

        loop.run_until_complete(loaded())
        idle = _idle(loop, 3.0)
        yield result(BENCH, "idle_longest_stall", idle.longest_stall_ms, "ms", None)
        elapsed, meter, summary = _refresh(loop, service)
        assert summary.ok == ACCOUNTS, summary
        extra = {"baseline_s": round(baseline, 3), "ratio": round(elapsed / baseline, 2)}
        yield result(BENCH, "refresh_200_service_only", baseline, "s", None)
        yield result(BENCH, "refresh_200_accounts", elapsed, "s", 60.0, **extra)
        yield from _stall_rows("refresh_200", meter, idle)

        sandbox.latency(0.15)
        elapsed, meter, summary = _refresh(loop, service)
        assert summary.ok == ACCOUNTS, summary
        yield result(BENCH, "refresh_200_at_150ms", elapsed, "s", 60.0)
        yield from _stall_rows("refresh_200_at_150ms", meter, idle)
        page.close()
        page.deleteLater()
        loop.run_until_complete(ctx.close())
        app.processEvents()

        def painted(make: Any) -> tuple[float, float]:
            t0, c0 = time.perf_counter(), time.thread_time()
            widget = make()
            widget.resize(1200, 700)
            widget.show()
            widget.grab()  # a full paint
            elapsed = (time.perf_counter() - t0) * 1000
            cpu = (time.thread_time() - c0) * 1000
            widget.close()
            widget.deleteLater()
            app.processEvents()
            return elapsed, cpu

        ours, ours_cpu, bare = [], [], []
        for _ in range(9):
            fresh = _context(root, backend)
            bare.append(painted(QWidget)[0])
            wall, cpu = painted(lambda c=fresh: OverviewTab(c))
            ours.append(wall)
            ours_cpu.append(cpu)
            rows = fresh.overview.state(fresh.profiles.profiles()[0].id)
            assert rows is not None
            assert rows.figures.balance is not None  # the last run's figures
            loop.run_until_complete(fresh.close())
        yield result(
            BENCH,
            "open_200_accounts_painted",
            median(ours[1:]),
            "ms",
            100.0,
            baseline_ms=round(median(bare[1:]), 2),
            samples=[round(v, 1) for v in ours],
        )
        yield result(BENCH, "open_200_accounts_cpu", median(ours_cpu[1:]), "ms", 100.0)
    finally:
        sandbox.stop()
        gc.unfreeze()
        asyncio.set_event_loop(None)
        loop.close()
