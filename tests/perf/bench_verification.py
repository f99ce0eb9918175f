"""Verification tab: the once-a-second tick, the history on disk, the signature checker.

- ``tick_ms``: the call panel's per-second update (countdowns of 20 waiting cards, 520 rows
  of history) against a baseline of repainting a plain 520-row table; budget one frame.
- ``history_load_ms`` / ``history_save_stall_ms``: 500 finished verifications read back
  into the model (worker thread + model reset), and the longest event-loop stall while
  they are written (the write runs in a worker thread); baseline: ``json.loads`` of the file.
- ``check_ms``: one signature check of a pasted callback (run on every pause in typing)
  against a baseline of hashing the same string once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.perf.common import StallMeter, median, percentile, result

BENCH = "verification"
ROWS = 500
WAITING = 20


class _Client:
    """Stands in for SmscClient: the inbox is always empty."""

    def retry_after(self, *_args: Any, **_kwargs: Any) -> float:
        return 0.0

    async def incoming_messages(self, **_kwargs: Any) -> list[Any]:
        return []


class _Session:
    def __init__(self, folder: Path) -> None:
        self.client = _Client()
        self.data_dir = folder


def _history(now: datetime) -> list[Any]:
    from smsc_desktop.services.verification import Failure, Verification, VerificationState

    items = []
    for index in range(ROWS):
        created = now - timedelta(minutes=ROWS - index)
        state = [VerificationState.CONFIRMED, VerificationState.EXPIRED, VerificationState.FAILED][
            index % 3
        ]
        items.append(
            Verification(
                id=f"h{index:05d}",
                phone=f"7916{index:07d}",
                state=state,
                created_at=created,
                requested_at=created,
                call_to="74993801001",
                all_phones=("74993801001", "74993801002"),
                expires_at=created + timedelta(minutes=15),
                finished_at=created + timedelta(seconds=40),
                duration=40.0 if state is VerificationState.CONFIRMED else None,
                failure=Failure("AuthError", 2, "Wrong login")
                if state is VerificationState.FAILED
                else None,
            )
        )
    for index in range(WAITING):
        items.append(
            Verification(
                id=f"w{index:03d}",
                phone=f"7903{index:07d}",
                state=VerificationState.WAITING,
                created_at=now,
                requested_at=now,
                call_to="74993801003",
                all_phones=("74993801003",),
                expires_at=now + timedelta(minutes=15),
            )
        )
    return items


def _quiet(service: Any) -> Any:
    """No inbox watch: this benchmark measures the UI and the disk, not the network."""
    service.inbox.ensure_running = lambda: None
    return service


def _pump(app: Any, loop: asyncio.AbstractEventLoop, coro: Any) -> Any:
    return loop.run_until_complete(coro)


def run() -> Iterator[dict[str, Any]]:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from smsc_desktop.services.callbacks import CallbackKind, check_callback, prepare_callback
    from smsc_desktop.services.clock import ManualClock
    from smsc_desktop.services.verification import VerificationService
    from smsc_desktop.ui import aio
    from smsc_desktop.ui.panels.verification.call_verification import CallVerificationPanel

    app = QApplication.instance() or QApplication([])
    loop = aio.new_event_loop(app)
    asyncio.set_event_loop(loop)
    clock = ManualClock(datetime(2024, 6, 12, 12, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as folder:
        service = _quiet(VerificationService(_Session(Path(folder)), clock=clock))  # type: ignore[arg-type]
        service._items = _history(clock.now())

        # --- saving and loading the history ------------------------------------------
        meter = StallMeter()
        stalls = []
        for _ in range(5):
            meter.start()
            service.history.schedule_save()
            _pump(app, loop, service.flush())
            meter.stop()
            stalls.append(meter.longest_stall_ms)
        raw = Path(service.history_path).read_bytes()
        baseline_parse = []
        loads = []
        for _ in range(7):
            t0 = time.perf_counter()
            json.loads(raw)
            baseline_parse.append((time.perf_counter() - t0) * 1000)
            fresh = _quiet(VerificationService(_Session(Path(folder)), clock=clock))  # type: ignore[arg-type]
            panel = CallVerificationPanel()
            panel.resize(1000, 600)
            panel.set_service(fresh)
            t0 = time.perf_counter()
            _pump(app, loop, fresh.load())
            app.processEvents()
            loads.append((time.perf_counter() - t0) * 1000)
            fresh.close()
            panel.set_service(None)
            panel.deleteLater()
        load_ms = median(loads)
        yield result(
            BENCH,
            "history_load_ms",
            load_ms,
            "ms",
            100.0,
            rows=len(service._items),
            baseline_json_loads_ms=round(median(baseline_parse), 3),
            ratio=round(load_ms / max(median(baseline_parse), 1e-6), 1),
            file_kb=round(len(raw) / 1024, 1),
        )
        yield result(
            BENCH, "history_save_stall_ms", max(stalls), "ms", 30.0, rows=len(service._items)
        )

        # --- the per-second tick ------------------------------------------------------------
        panel = CallVerificationPanel()
        panel.resize(1100, 700)
        panel.show()
        panel.set_service(service)
        app.processEvents()
        ticks = []
        for _ in range(30):
            clock.advance(1)
            t0 = time.perf_counter()
            panel._on_tick()
            panel.repaint()
            app.processEvents()
            ticks.append((time.perf_counter() - t0) * 1000)
        model = QStandardItemModel(len(service._items), 5)
        for row in range(len(service._items)):
            for column in range(5):
                model.setItem(row, column, QStandardItem(f"r{row}c{column}"))
        view = QTableView()
        view.setModel(model)
        view.resize(1100, 400)
        view.show()
        app.processEvents()
        base = []
        for _ in range(30):
            t0 = time.perf_counter()
            view.viewport().repaint()
            app.processEvents()
            base.append((time.perf_counter() - t0) * 1000)
        tick = median(ticks)
        yield result(
            BENCH,
            "tick_ms",
            tick,
            "ms",
            16.0,
            p90=round(percentile(ticks, 90), 3),
            waiting=WAITING,
            rows=len(service._items),
            baseline_table_repaint_ms=round(median(base), 3),
            ratio=round(tick / max(median(base), 1e-6), 1),
        )
        service.close()
        panel.set_service(None)
        panel.close()
        view.close()

    # --- the signature checker ------------------------------------------------------------
    samples = {
        "form": prepare_callback("https://a.ru/h?md5=k&sha1=k&crc32=k", CallbackKind.INCOMING),
        "json": prepare_callback("https://a.ru/h?charset=utf-8&fmt=3&md5=k", CallbackKind.STATUS),
        "xml": prepare_callback("https://a.ru/h?charset=utf-8&fmt=2&md5=k", CallbackKind.WAITCALL),
    }
    for name, prepared in samples.items():
        text = prepared.body.decode(prepared.charset.codec)
        data = prepared.signatures[0].data
        checks, hashes = [], []
        for _ in range(200):
            t0 = time.perf_counter()
            check_callback(text, "k")
            checks.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            hashlib.md5(data).hexdigest()
            hashes.append((time.perf_counter() - t0) * 1000)
        check = median(checks)
        yield result(
            BENCH,
            f"check_{name}_ms",
            check,
            "ms",
            2.0,
            p90=round(percentile(checks, 90), 4),
            baseline_md5_ms=round(median(hashes), 5),
            ratio=round(check / max(median(hashes), 1e-9), 0),
        )
    loop.close()
    asyncio.set_event_loop(None)
