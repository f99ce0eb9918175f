"""The real app in demo mode, used like a user does for a long time (``./dev perf soak``).

    python -m tests.helpers.soak_child

Runs ``smsc_desktop.app.main(["--demo", "--sandbox-in-app", "--tab", "verification"])`` in this
process (the sandbox in it, so its lists are counted and its work is in the figures); once the
demo account is open, a workload drives the window through its widgets every second:

- a call verification requested every ``SMSC_SOAK_VERIFY_S`` seconds (6), the subscriber's
  call simulated (the card's sandbox button), the finished card dismissed — so the inbox is
  polled whenever one waits;
- the job list refreshed (the Refresh button) every 30 s;
- a small export file downloaded (the Download button) every 30 s, and deleted from disk
  once it is done (the user moves it away);
- every ``SMSC_SOAK_SWITCH_S`` seconds (60) the active account switched to another of the
  demo's accounts (low balance, tenge, in turn) for ``AWAY_S`` seconds and back: the session
  closed and opened, every tab reloaded;
- every second the next tab shown (verification, numbers, exports, overview, in turn).

A 10 ms heartbeat measures the event loop's stalls. Every 5 s ``status.json`` in
``SMSC_SOAK_DIR`` says what was done and the longest stall after the warm-up
(``SMSC_SOAK_WARMUP_S``, 120). ``SMSC_SOAK_WORK`` picks the parts of the workload
(``verify,jobs,download,switch,tabs``). With ``SMSC_SOAK_TRACE=1`` the child also writes, every
``SMSC_SOAK_TRACE_S`` seconds (120), the Python objects by type and tracemalloc's top growth
since the end of the warm-up to ``trace.txt`` (what found the leaks of issue #21 item 8).
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import gc
import json
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from tests.helpers.stall_sampler import GcClock, StallSampler

HERE = Path(os.environ.get("SMSC_SOAK_DIR", "."))
VERIFY_EVERY = float(os.environ.get("SMSC_SOAK_VERIFY_S", "6"))
WARMUP = float(os.environ.get("SMSC_SOAK_WARMUP_S", "120"))
TRACE = os.environ.get("SMSC_SOAK_TRACE") == "1"
TRACE_EVERY = float(os.environ.get("SMSC_SOAK_TRACE_S", "120"))
PROFILE = os.environ.get("SMSC_SOAK_PROFILE") == "1"
"""cProfile the GUI thread after the warm-up into ``profile.out`` (pstats), for finding costs."""
SAMPLE = os.environ.get("SMSC_SOAK_SAMPLE") == "1"
"""Sample the GUI thread's stack during stalls into ``stalls.txt`` (tests/helpers/stall_sampler.py)."""
TRACE_FRAMES = int(os.environ.get("SMSC_SOAK_TRACE_FRAMES", "1"))
"""Frames kept per allocation: 1 is cheap (top lines); more shows who called (slow)."""
WORK = set(os.environ.get("SMSC_SOAK_WORK", "verify,jobs,download,switch,tabs").split(","))
SWITCH_EVERY = float(os.environ.get("SMSC_SOAK_SWITCH_S", "60"))
AWAY_S = 12.0
AWAY_IDS = ("sandbox-poor", "sandbox-kz")  # smsc_desktop/ui/demo_accounts.py
TABS = ("verification", "numbers", "exports", "overview")
JOB_SIZE = 2 * 1024 * 1024


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def malloc_kb() -> dict[str, int]:
    """The C heap (glibc's mallinfo2, every arena): in use, free but kept, mmapped."""
    try:
        call = ctypes.CDLL(None).mallinfo2
    except (AttributeError, OSError):
        return {}
    call.restype = _MallInfo2
    info = call()
    return {
        "c_heap_used_kb": info.uordblks // 1024,
        "c_heap_free_kb": info.fordblks // 1024,
        "c_mmapped_kb": info.hblkhd // 1024,
    }


def rss_parts_mb() -> dict[str, float]:
    """Anonymous memory (heaps, stacks) apart from pages of mapped files (libraries)."""
    parts = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            parts[line.split(":")[0].lower() + "_mb"] = round(int(line.split()[1]) / 1024, 1)
    return parts


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Soak(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.started = time.monotonic()
        self.counts: collections.Counter[str] = collections.Counter()
        self.stall_ms = 0.0
        self.busy_stall_ms = 0.0
        self.stalls: list[tuple[float, float, float, str, float, int]] = []
        """The longest stalls: (wall ms, ms on the CPU in this thread, at s, last action,
        ms in the cyclic garbage collector, its oldest generation or -1)."""
        self.gc_clock = GcClock()
        self.sampler = StallSampler(lambda: self.last_beat) if SAMPLE else None
        self.last_beat = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.doing = "start"
        self.job_id: int | None = None
        self.next_verify = 0.0
        self.next_jobs = 0.0
        self.next_download = 0.0
        self.next_status = 0.0
        self.next_switch = SWITCH_EVERY
        self.back_at: float | None = None
        self.switches = 0
        self.tab_turn = 0
        self.next_trace = WARMUP
        self.phone = 79161000000
        self.errors: list[str] = []
        self.baseline: Any = None
        self.profiler: Any = None
        self.last_live: dict[str, Any] = {}
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(10)
        self.heartbeat.timeout.connect(self.beat)
        self.heartbeat.start()
        self.work = QTimer(self)
        self.work.setInterval(1000)
        self.work.timeout.connect(self.step)
        self.work.start()

    @property
    def session(self) -> Any:
        ctx = self.window.ctx
        return ctx.session if ctx is not None else None

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def beat(self) -> None:
        """A stall is the heartbeat's lateness; the part of it this (the GUI) thread spent
        on the CPU tells the app's own work from a machine too busy to run it."""
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self.last_beat) * 1000 - 10
        busy = min(gap, (cpu - self.last_cpu) * 1000)
        self.last_beat, self.last_cpu = now, cpu
        gc_ms, generation = self.gc_clock.take()
        if self.elapsed() > WARMUP and gap > 20:
            self.stall_ms = max(self.stall_ms, gap)
            self.busy_stall_ms = max(self.busy_stall_ms, busy)
            at = round(self.elapsed())
            stall = (round(gap, 1), round(busy, 1), at, self.doing, round(gc_ms, 1), generation)
            self.stalls.append(stall)
            self.stalls = sorted(self.stalls, reverse=True)[:8]
            if self.sampler is not None:
                self.sampler.ended(
                    wall_ms=round(gap, 1),
                    cpu_ms=round(busy, 1),
                    at_s=at,
                    doing=self.doing,
                    gc_ms=round(gc_ms, 1),
                    gc_generation=generation,
                )
        elif self.sampler is not None:
            self.sampler.discard()

    def on_demo(self) -> bool:
        from smsc_desktop.services.profiles import DEMO_PROFILE_ID

        session = self.session
        return session is not None and session.profile.id == DEMO_PROFILE_ID

    def step(self) -> None:
        try:
            now = self.elapsed()
            if now >= self.next_status:
                self.next_status = now + 5
                if self.counts["status_written"] % 6 == 0:  # every 30 s: what the app holds
                    # (not every 5 s: the count itself stalls the loop a few ms)
                    self.last_live = {"at_s": round(now), **self.live()}
                    with (HERE / "live.jsonl").open("a", encoding="utf-8") as fh:
                        fh.write(json.dumps(self.last_live) + "\n")
                self.write_status()
                self.counts["status_written"] += 1
            if PROFILE and now >= WARMUP:
                self.profile()
            if TRACE and now >= self.next_trace:
                self.next_trace = now + TRACE_EVERY
                self.trace()
            if "tabs" in WORK:
                self.next_tab()
            if "switch" in WORK:
                self.switch(now)
            if not self.on_demo() or not self.window.pages["exports"].is_loaded():
                return
            if self.job_id is None:
                self.create_job()
            if now >= self.next_verify and "verify" in WORK:
                self.next_verify = now + VERIFY_EVERY
                self.verify()
            self.tidy_cards()
            if now >= self.next_jobs and "jobs" in WORK:
                self.next_jobs = now + 30
                self.refresh_jobs()
            if now >= self.next_download and "download" in WORK:
                self.next_download = now + 30
                self.download()
            self.remove_done_files()
        except Exception as exc:  # reported, never fatal
            self.errors.append(repr(exc))

    # --- the workload -----------------------------------------------------------------------

    def next_tab(self) -> None:
        name = TABS[self.tab_turn % len(TABS)]
        self.tab_turn += 1
        if name in self.window.pages:
            self.window.show_tab(name)
            self.doing = f"tab {name}"
            self.counts["tabs_shown"] += 1

    def switch(self, now: float) -> None:
        """Away to another demo account for a while, then back to the demo account."""
        from smsc_desktop.services.profiles import DEMO_PROFILE_ID

        if self.back_at is not None:
            if now >= self.back_at:
                self.back_at = None
                self.window.accounts.switch_to(DEMO_PROFILE_ID)
                self.doing = "switch back to the demo account"
                self.counts["account_switches"] += 1
            return
        if now >= self.next_switch and self.on_demo():
            self.next_switch = now + SWITCH_EVERY
            self.back_at = now + AWAY_S
            away = AWAY_IDS[self.switches % len(AWAY_IDS)]
            self.switches += 1
            self.window.accounts.switch_to(away)
            self.doing = f"switch to {away}"
            self.counts["account_switches"] += 1

    def create_job(self) -> None:
        """A small finished export job on the built-in sandbox (in a worker thread)."""
        self.job_id = -1
        url = self.window.ctx.sandbox_url

        def create() -> None:
            import httpx

            answer = httpx.post(
                f"{url}/sandbox/jobs", json={"size": JOB_SIZE, "name": "soak", "status": 2}
            )
            self.job_id = int(answer.json()["id"])

        threading.Thread(target=create, daemon=True).start()

    def verify(self) -> None:
        panel = self.window.pages["verification"].call_panel
        self.phone += 1
        panel.form.phone_edit.setText(str(self.phone))
        if panel.form.request_button.isEnabled():
            panel.form.request_button.click()
            self.doing = "verification requested"
            self.counts["verifications_requested"] += 1

    def tidy_cards(self) -> None:
        from smsc_desktop.services.verification import VerificationState

        cards = self.window.pages["verification"].call_panel.cards_area.cards
        for card in list(cards.values()):
            state = card.verification.state
            if state is VerificationState.WAITING and card.simulate.isEnabled():
                card.simulate.click()
            elif state.is_final:
                self.counts[f"verifications_{state.value}"] += 1
                card.dismiss.click()

    def refresh_jobs(self) -> None:
        button = self.window.pages["exports"].jobs.refresh_button
        if button.isEnabled():
            button.click()
            self.doing = "job list refresh"
            self.counts["job_list_refreshes"] += 1

    def download(self) -> None:
        tab = self.window.pages["exports"]
        jobs, queue = tab.jobs, tab.downloads.queue
        if self.job_id is None or self.job_id < 0 or queue is None:
            return
        if any(i.job_id == self.job_id and i.state.is_active for i in queue.items):
            return
        row = jobs.jobs_model.row_of(self.job_id)
        if row is None:
            return
        index = jobs.jobs_proxy.mapFromSource(jobs.jobs_model.index(row, 0))
        jobs.jobs_view.clearSelection()
        jobs.jobs_view.selectRow(index.row())
        if jobs.download_button.isEnabled():
            jobs.download_button.click()
            self.doing = "download"
            self.counts["downloads_started"] += 1

    def remove_done_files(self) -> None:
        from smsc_desktop.services.downloads import DownloadState

        queue = self.window.pages["exports"].downloads.queue
        if queue is None:
            return
        for item in queue.items:
            if item.state is DownloadState.DONE and item.target.exists():
                item.target.unlink()
                self.counts["downloads_done"] += 1

    # --- reports ----------------------------------------------------------------------------

    def write_status(self) -> None:
        status = {
            "pid": os.getpid(),
            "elapsed_s": round(self.elapsed(), 1),
            "rss_mb": round(rss_mb(), 1),
            "longest_stall_ms": round(self.stall_ms, 1),
            "longest_busy_stall_ms": round(self.busy_stall_ms, 1),
            "stalls": self.stalls,
            "counts": dict(self.counts),
            "errors": self.errors,
            "live": self.last_live,
        }
        if self.sampler is not None:
            (HERE / "stalls.txt").write_text(self.sampler.report(), encoding="utf-8")
        path = HERE / "status.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(status), encoding="utf-8")
        os.replace(temporary, path)

    def live(self) -> dict[str, int]:
        """What the app holds: widgets, Qt objects, Python objects, the sandbox's state."""
        from PySide6.QtWidgets import QApplication

        found = {
            "widgets": len(QApplication.allWidgets()),
            "python_objects": len(gc.get_objects()),
            "allocated_blocks": sys.getallocatedblocks(),
            "request_log": len(self.window.ctx.request_log),
            "rss_mb": round(rss_mb(), 1),
            **rss_parts_mb(),
            **malloc_kb(),
        }
        if TRACE:
            # findChildren(QObject) wraps Qt's inner objects (a label's QTextDocument...),
            # and PySide keeps those wrappers after the objects are deleted: asked every
            # 5 s, it grew the heap it measures. Only a traced run asks.
            found["qobjects"] = len(self.window.findChildren(QObject))
        starter = getattr(self.window.ctx, "_sandbox_starter", None)
        server = getattr(getattr(starter, "__self__", None), "_server", None)
        state = getattr(server, "sandbox", None)
        if state is not None:
            found["sandbox_verifications"] = len(state.verifications)
            found["sandbox_limit_keys"] = len(state.limiter)
            found["sandbox_messages"] = sum(len(a.inbox) for a in state.accounts.values())
        return found

    def profile(self) -> None:
        import cProfile

        if self.profiler is None:
            self.profiler = cProfile.Profile()
            self.profiler.enable()
        elif self.counts["status_written"] % 6 == 0:
            self.profiler.dump_stats(str(HERE / "profile.out"))

    def qt_owners(self, names: set[str]) -> list[str]:
        """Where the newest Qt objects of the grown types sit: their chain of parents."""
        lines = []
        for name in sorted(names):
            found = [o for o in gc.get_objects() if type(o).__qualname__ == name][-3:]
            for obj in found:
                chain = []
                with contextlib.suppress(RuntimeError):
                    item = obj
                    while item is not None and len(chain) < 8:
                        chain.append(f"{type(item).__name__}({item.objectName()})")
                        item = item.parent()
                lines.append(f"    {name}: " + " < ".join(chain))
        return lines

    def trace(self) -> None:
        gc.collect()
        types = collections.Counter(type(o).__qualname__ for o in gc.get_objects())
        lines = [f"== {self.elapsed():.0f} s, RSS {rss_mb():.1f} MB, {sum(types.values())} objects"]
        if self.baseline is None:
            self.baseline = (tracemalloc.take_snapshot(), types)
        else:
            snapshot, before = self.baseline
            grown = sorted(((n - before.get(t, 0), t, n) for t, n in types.items()), reverse=True)[
                :25
            ]
            lines += [f"  +{d:6d} {t} ({n})" for d, t, n in grown if d > 0]
            lines += self.qt_owners({t for d, t, _ in grown if d > 0 and t.startswith("Q")})
            key = "traceback" if TRACE_FRAMES > 1 else "lineno"
            stats = tracemalloc.take_snapshot().compare_to(snapshot, key)[:15]
            for stat in stats:
                lines.append(f"  {stat.size_diff / 1024:+.0f} KiB {stat.count_diff:+d} blocks")
                lines += [f"      {frame}" for frame in stat.traceback.format()[-8:]]
        with (HERE / "trace.txt").open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")


def main() -> int:
    if TRACE:
        tracemalloc.start(TRACE_FRAMES)
    from smsc_desktop import app
    from smsc_desktop.ui.main_window import MainWindow

    attach = MainWindow.attach

    soaks: list[Soak] = []

    def attach_and_soak(window: MainWindow, ctx: Any, *args: Any, **kwargs: Any) -> None:
        attach(window, ctx, *args, **kwargs)
        window.soak = Soak(window)  # type: ignore[attr-defined]
        soaks.append(window.soak)  # type: ignore[attr-defined]

    MainWindow.attach = attach_and_soak  # type: ignore[method-assign]
    try:
        return app.main(["--demo", "--sandbox-in-app", "--tab", "verification"])
    finally:
        for soak in soaks:
            if soak.sampler is not None:
                soak.sampler.stop()


if __name__ == "__main__":
    sys.exit(main())
