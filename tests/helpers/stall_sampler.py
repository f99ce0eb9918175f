"""What the GUI thread was doing during an event-loop stall (the soak's ``SMSC_SOAK_SAMPLE=1``).

A daemon thread looks every 2 ms at the time of the last heartbeat; once the heartbeat is
late by more than ``late_ms``, it takes the GUI thread's Python stack
(``sys._current_frames``) each round until the heartbeat comes. The heartbeat then calls
``ended(...)``, which files the stall with its stacks counted, most frequent first. A stack
ending in Qt's C++ code shows the last Python frame that called into it.

``gc_ms()`` is the time the cyclic collector ran since the last call (``gc.callbacks``),
with the oldest generation collected, so a stall can be told from a full collection.
"""

from __future__ import annotations

import collections
import gc
import sys
import threading
import time
import traceback
from typing import Any


class GcClock:
    """Time spent in the cyclic collector, read and reset by ``take()``."""

    def __init__(self) -> None:
        self.total = 0.0
        self.oldest = -1
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._started
            self.oldest = max(self.oldest, int(info.get("generation", 0)))

    def take(self) -> tuple[float, int]:
        """(ms in the collector, the oldest generation collected or -1) since the last take."""
        taken = (self.total * 1000, self.oldest)
        self.total, self.oldest = 0.0, -1
        return taken


class StallSampler:
    def __init__(self, last_beat: Any, late_ms: float = 25.0, depth: int = 14) -> None:
        self._last_beat = last_beat  # () -> perf_counter of the last heartbeat
        self._late = late_ms / 1000
        self._depth = depth
        self._gui = threading.get_ident()
        self._stacks: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()
        self.filed: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # A sampling profiler's period (every 2 ms), not a wait for something to happen;
        # stop() ends the thread at once.
        while not self._stop.wait(0.002):
            if time.perf_counter() - self._last_beat() < self._late:
                continue
            frame = sys._current_frames().get(self._gui)
            if frame is None:
                continue
            lines = [
                f"{f.filename.split('/smsc_desktop/')[-1].split('/site-packages/')[-1]}"
                f":{f.lineno} {f.name}"
                for f in traceback.extract_stack(frame)[-self._depth :]
            ]
            with self._lock:
                self._stacks["\n".join(reversed(lines))] += 1

    def ended(self, **about: Any) -> None:
        """The heartbeat came: file the stacks seen since the last one (if any)."""
        with self._lock:
            stacks, self._stacks = self._stacks, collections.Counter()
        if stacks:
            self.filed.append({**about, "stacks": stacks.most_common(3)})
            self.filed = sorted(self.filed, key=lambda s: -s["wall_ms"])[:20]

    def stop(self) -> None:
        """End the sampling thread (before the report is written)."""
        self._stop.set()
        self._thread.join()

    def discard(self) -> None:
        with self._lock:
            self._stacks.clear()

    def report(self) -> str:
        out = []
        for stall in self.filed:
            head = {k: v for k, v in stall.items() if k != "stacks"}
            out.append(f"== {head}")
            for stack, n in stall["stacks"]:
                out.append(f"  {n} samples:")
                out += [f"      {line}" for line in stack.splitlines()]
        return "\n".join(out) + "\n"
