"""The download manager against curl: a 1 GiB job file from the same sandbox, same run.

The sandbox runs in a process of its own (so this process's CPU time is the client's
alone). Each round downloads a fresh 1 GiB job with curl and with the app's download path
(``DownloadQueue`` → ``api.fast_download``, progress shown in a ``DownloadsModel`` +
``QTableView`` on the qasync loop), both written to disk in the same folder, alternating.

Rows:
- ``throughput_ratio_capped``: ours / curl with the sandbox capped at 100 MB/s (≥ 0.97);
- ``cpu_capped``: this process's CPU time / wall time on the capped link, as a fraction of
  one core (≤ 0.25);
- ``throughput_ratio_uncapped``: ours / curl on loopback without a cap (≥ 0.6);
- ``memory_growth_mb``: peak RSS during the transfers minus RSS before them (≤ 50 MB);
- ``longest_stall_ms``: the longest late beat of a 10 ms Qt heartbeat during our transfers
  (≤ 20 ms).
(An httpx transport on the qasync loop measured 0.35-0.42 of curl with 20-30 ms stalls here;
it was removed, ``api.fast_download`` is the one download transport.)
Medians over the rounds; every single figure is in the row's ``samples``.

``SMSC_BENCH_ROUNDS=uncapped,capped`` (default ``5,3``) and ``SMSC_BENCH_SIZE`` (bytes, default 1 GiB) change the workload.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.perf.common import StallMeter, median, result

BENCH = "exports"
SIZE = int(os.environ.get("SMSC_BENCH_SIZE", str(1 << 30)))
CAP = 100_000_000  # bytes per second: a gigabit office network
LOGIN, PASSWORD = "demo", "demo-password"


class Sandbox:
    """``python -m smsc_desktop.sandbox`` in a child process, limits off."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smsc_desktop.sandbox", "--port", "0", "--no-limits"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = re.search(r"(http://\S+)", line)
        if not match:
            self.process.kill()
            raise RuntimeError(f"the sandbox did not start: {line!r}")
        self.url = match.group(1)
        # Keep reading its output so the pipe never fills.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def control(self, path: str, body: Any = None, method: str = "POST") -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def new_job(self) -> int:
        return int(self.control("/sandbox/jobs", {"size": SIZE, "status": 2})["id"])

    def cap(self, rate: int | None) -> None:
        if rate is None:
            self.control("/sandbox/faults", method="DELETE")
        else:
            self.control("/sandbox/faults", {"endpoint": "downloads", "rate": rate})

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def curl(sandbox: Sandbox, job_id: int, dest: Path) -> float:
    """curl's own average download speed (bytes/s) for the job's file."""
    form = f"login={LOGIN}&psw={PASSWORD}&get_file=1&id={job_id}&fmt=3"
    url = f"{sandbox.url}/sys/downloads.php"
    out = subprocess.run(
        ["curl", "-s", "-o", str(dest), "-w", "%{speed_download}", "-d", form, url],
        capture_output=True,
        text=True,
        check=True,
    )
    size = dest.stat().st_size
    dest.unlink()
    if size != SIZE:
        raise RuntimeError(f"curl got {size} bytes instead of {SIZE}")
    return float(out.stdout)


def rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRss:
    """Peak resident memory while running: the kernel's high-water mark, reset at start
    (``/proc/self/clear_refs``), or 20 ms sampling where that is not allowed."""

    def __init__(self) -> None:
        self.base = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._hwm = False

    def start(self) -> None:
        gc.collect()
        self.base = self.peak = rss_bytes()
        try:
            with open("/proc/self/clear_refs", "w") as fh:
                fh.write("5")
            self._hwm = True
        except OSError:
            self._hwm = False
            self._stop.clear()
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_bytes())

    def stop(self) -> float:
        """Growth in bytes."""
        if self._hwm:
            with open("/proc/self/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        self.peak = int(line.split()[1]) * 1024
        else:
            self._stop.set()
            if self._thread is not None:
                self._thread.join()
        return max(0, self.peak - self.base)


class Ours:
    """The app's download path on a qasync loop with a visible downloads table."""

    def __init__(self, url: str, folder: Path) -> None:
        from PySide6.QtWidgets import QApplication, QTableView

        from smsc_desktop.api import Credentials, SmscClient
        from smsc_desktop.services.downloads import DownloadQueue, SmscTransport
        from smsc_desktop.ui import aio
        from smsc_desktop.ui.models.downloads import DownloadColumn, DownloadsModel
        from smsc_desktop.ui.widgets.progress_delegate import ProgressDelegate

        self.app = QApplication.instance() or QApplication([])
        self.loop = aio.new_event_loop(self.app)
        asyncio.set_event_loop(self.loop)
        self.folder = folder
        self.client = SmscClient(url, Credentials.from_password(LOGIN, PASSWORD))
        self.queue = DownloadQueue(SmscTransport(self.client), None, concurrency=1)
        self.model = DownloadsModel()
        self.model.set_queue(self.queue)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(DownloadColumn.PROGRESS, ProgressDelegate(self.view))
        self.view.resize(900, 300)
        self.view.show()
        self.stalls = StallMeter()

    def download(self, job_id: int, size: int = SIZE) -> tuple[float, float, float, float]:
        """(bytes/s, CPU fraction of one core, longest stall ms, memory growth bytes)."""
        from smsc_desktop.api import ExportJob, JobStatus
        from smsc_desktop.services.downloads import DownloadState

        job = ExportJob(
            job_id, f"bench {job_id}", JobStatus.DONE, None, None, f"bench_{job_id}.csv"
        )
        memory = PeakRss()

        async def run() -> tuple[float, float, float]:
            done = asyncio.Event()

            def finished(item: Any) -> None:
                done.set()

            self.queue.item_finished.connect(finished)
            memory.start()
            self.stalls.start()
            wall0, cpu0 = time.perf_counter(), time.process_time()
            item = await self.queue.add(job, self.folder)
            await done.wait()
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            self.stalls.stop()
            self.queue.item_finished.disconnect(finished)
            if item.state is not DownloadState.DONE or item.target.stat().st_size != size:
                raise RuntimeError(f"download failed: {item.state} {item.problem}")
            item.target.unlink()
            await self.queue.remove(item)
            return size / wall, cpu / wall, self.stalls.longest_stall_ms

        speed, cpu, stall = self.loop.run_until_complete(run())
        return speed, cpu, stall, memory.stop()

    def warm_up(self, job_id: int) -> None:
        """Import aiohttp, start the worker thread and the session before measuring."""
        self.download(job_id, 1 << 20)

    def close(self) -> None:
        self.loop.run_until_complete(self.queue.aclose())
        self.loop.run_until_complete(self.client.aclose())
        self.view.close()
        asyncio.set_event_loop(None)
        self.loop.close()


def _rounds() -> tuple[int, int]:
    raw = os.environ.get("SMSC_BENCH_ROUNDS", "5,3")
    uncapped, capped = (int(x) for x in raw.split(","))
    return uncapped, capped


def run() -> Iterator[dict[str, Any]]:
    if shutil.which("curl") is None:
        raise RuntimeError("curl is needed as the baseline (apt-get install curl)")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    uncapped_rounds, capped_rounds = _rounds()
    folder = Path(tempfile.mkdtemp(prefix="smsc-bench-exports-"))
    sandbox = Sandbox()
    ours: Ours | None = None
    try:
        small = sandbox.control("/sandbox/jobs", {"size": 1 << 20, "status": 2})["id"]
        ours = Ours(sandbox.url, folder)
        ours.warm_up(int(small))
        gc.freeze()  # as the app does once it has started (smsc_desktop/app.py)
        ratios_free: list[float] = []
        ratios_capped: list[float] = []
        cpu_capped: list[float] = []
        stalls: list[float] = []
        growth: list[float] = []
        speeds: dict[str, list[float]] = {
            "curl_free": [],
            "ours_free": [],
            "curl_cap": [],
            "ours_cap": [],
        }

        def measure(capped: bool) -> None:
            assert ours is not None
            job = sandbox.new_job()
            base = curl(sandbox, job, folder / "curl.csv")
            job = sandbox.new_job()
            speed, cpu, stall, grown = ours.download(job)
            key = "cap" if capped else "free"
            speeds[f"curl_{key}"].append(base)
            speeds[f"ours_{key}"].append(speed)
            (ratios_capped if capped else ratios_free).append(speed / base)
            if capped:
                cpu_capped.append(cpu)
            stalls.append(stall)
            growth.append(grown)

        sandbox.cap(None)
        for _ in range(uncapped_rounds):
            measure(capped=False)
        sandbox.cap(CAP)
        for _ in range(capped_rounds):
            measure(capped=True)
        sandbox.cap(None)

        def mbps(values: list[float]) -> list[float]:
            return [round(v / 1e6, 1) for v in values]

        yield result(
            BENCH,
            "throughput_ratio_capped",
            median(ratios_capped),
            "x curl",
            0.97,
            lower_is_better=False,
            cap_mb_s=CAP / 1e6,
            curl_mb_s=mbps(speeds["curl_cap"]),
            ours_mb_s=mbps(speeds["ours_cap"]),
            samples=[round(r, 3) for r in ratios_capped],
        )
        yield result(
            BENCH,
            "cpu_capped",
            median(cpu_capped),
            "cores",
            0.25,
            samples=[round(c, 3) for c in cpu_capped],
        )
        yield result(
            BENCH,
            "throughput_ratio_uncapped",
            median(ratios_free),
            "x curl",
            0.6,
            lower_is_better=False,
            curl_mb_s=mbps(speeds["curl_free"]),
            ours_mb_s=mbps(speeds["ours_free"]),
            samples=[round(r, 3) for r in ratios_free],
        )
        yield result(
            BENCH,
            "memory_growth_mb",
            max(growth) / 1e6,
            "MB",
            50.0,
            samples=[round(g / 1e6, 1) for g in growth],
        )
        yield result(
            BENCH,
            "longest_stall_ms",
            max(stalls),
            "ms",
            20.0,
            samples=[round(s, 1) for s in stalls],
        )
    finally:
        if ours is not None:
            ours.close()
        sandbox.stop()
        shutil.rmtree(folder, ignore_errors=True)
