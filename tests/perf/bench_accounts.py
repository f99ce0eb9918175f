"""The account layer's costs, each against a baseline measured in the same run.

- ``request_log``: appending 5,000 API records while the request log panel is on screen with
  a text filter (model + filter proxy + table), per record, against appending them to the
  bare in-memory log. Budget: p99 under 2 ms a record, longest event-loop stall under 50 ms.
- ``keyring``: a secret read through ``SecretStore`` (daemon thread, timeout, lock) against
  the same read through ``asyncio.to_thread``. Budget: median under 5 ms.
- ``keyring_timeout``: the event loop's longest stall while a keyring hangs until the
  store's timeout. Budget: 50 ms.
- ``dialog``: the account dialog with 100 accounts built and painted, against an empty
  QDialog of the same size. Budget: 250 ms.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.perf.common import StallMeter, median, percentile, result

BENCH = "accounts"
RECORDS = 5000


def _record(n: int) -> Any:
    from smsc_desktop.api import RequestRecord

    return RequestRecord(
        started_at=datetime(2025, 3, 1, tzinfo=UTC) + timedelta(milliseconds=n),
        host="smsc.ru",
        endpoint="receive_phones" if n % 3 else "balance",
        command="get" if n % 3 else "balance",
        params={"get": "1"} if n % 3 else {"cur": "1"},
        duration=0.05,
        http_status=200,
        outcome="ok" if n % 17 else "error",
        error=None if n % 17 else "9",
        error_code=None if n % 17 else 9,
    )


def bench_request_log(app: Any) -> Iterator[dict[str, Any]]:
    from smsc_desktop.services.request_log import RequestLog
    from smsc_desktop.ui.widgets.request_log import RequestLogPanel

    records = [_record(n) for n in range(RECORDS)]
    bare = RequestLog()
    observe = bare.observer_for("Client")
    started = time.perf_counter()
    for record in records:
        observe(record)
    baseline = (time.perf_counter() - started) / RECORDS * 1000

    log = RequestLog()
    panel = RequestLogPanel(log)
    panel.resize(1200, 300)
    panel.show()
    panel.filter_edit.setText("receive")
    app.processEvents()
    observe = log.observer_for("Client")
    meter = StallMeter()
    meter.start()
    times = []
    for n, record in enumerate(records):
        t0 = time.perf_counter()
        observe(record)
        times.append((time.perf_counter() - t0) * 1000)
        if n % 50 == 0:
            app.processEvents()  # paints in between, as the event loop would
    app.processEvents()
    meter.stop()
    panel.close()
    per_record = median(times)
    yield result(
        BENCH,
        "request_log_append_median",
        per_record,
        "ms",
        None,
        baseline_ms=round(baseline, 4),
        ratio=round(per_record / baseline, 1),
    )
    yield result(BENCH, "request_log_append_p99", percentile(times, 99), "ms", 2.0)
    yield result(BENCH, "request_log_longest_stall", meter.longest_stall_ms, "ms", 50.0)


def bench_keyring(loop: asyncio.AbstractEventLoop) -> Iterator[dict[str, Any]]:
    from smsc_desktop.services.secrets import SecretStore
    from tests.helpers.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    backend.set_password("smsc-desktop", "profile:x", "secret-value")
    store = SecretStore(backend_factory=lambda: backend)

    async def measure() -> tuple[list[float], list[float]]:
        await store.probe()
        ours, plain = [], []
        for _ in range(200):
            t0 = time.perf_counter()
            await store.get("profile:x")
            ours.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            await asyncio.to_thread(backend.get_password, "smsc-desktop", "profile:x")
            plain.append((time.perf_counter() - t0) * 1000)
        return ours, plain

    ours, plain = loop.run_until_complete(measure())
    yield result(
        BENCH,
        "keyring_read_median",
        median(ours),
        "ms",
        5.0,
        baseline_ms=round(median(plain), 4),
        ratio=round(median(ours) / median(plain), 2),
    )


def bench_keyring_timeout(loop: asyncio.AbstractEventLoop) -> Iterator[dict[str, Any]]:
    from smsc_desktop.services.secrets import SecretStore
    from tests.helpers.fake_keyrings import HangingKeyring

    backend = HangingKeyring()
    store = SecretStore(backend_factory=lambda: backend, timeout=0.5)
    meter = StallMeter()
    meter.start()
    started = time.perf_counter()
    loop.run_until_complete(store.get("profile:x"))
    waited = time.perf_counter() - started
    meter.stop()
    backend.release.set()
    yield result(
        BENCH,
        "keyring_timeout_longest_stall",
        meter.longest_stall_ms,
        "ms",
        50.0,
        waited_s=round(waited, 3),
        problem=str(store.status.problem),
    )


def bench_dialog(app: Any, loop: asyncio.AbstractEventLoop) -> Iterator[dict[str, Any]]:
    from PySide6.QtWidgets import QDialog

    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.profiles import Profile
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui.context import AppContext
    from smsc_desktop.ui.dialogs.accounts import AccountsDialog

    root = Path(tempfile.mkdtemp(prefix="bench-accounts-"))
    ctx = AppContext(AppPaths(root), Settings(root / "settings.json"))
    for n in range(100):
        ctx.profiles.add(Profile(name=f"Client {n:03d}", server="smsc.ru", login=f"c{n}"))

    def painted(make: Any) -> float:
        t0 = time.perf_counter()
        dialog = make()
        dialog.resize(860, 560)
        dialog.show()
        dialog.grab()  # a full paint
        elapsed = (time.perf_counter() - t0) * 1000
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
        return elapsed

    ours, bare = [], []
    for _ in range(7):
        bare.append(painted(QDialog))
        ours.append(painted(lambda: AccountsDialog(ctx)))
    yield result(
        BENCH,
        "dialog_100_accounts_painted",
        median(ours[1:]),
        "ms",
        250.0,
        baseline_ms=round(median(bare[1:]), 2),
        ratio=round(median(ours[1:]) / median(bare[1:]), 1),
    )


def run() -> Iterator[dict[str, Any]]:
    from PySide6.QtWidgets import QApplication

    from smsc_desktop.ui import aio

    app = QApplication.instance() or QApplication([])
    loop = aio.new_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        yield from bench_request_log(app)
        yield from bench_keyring(loop)
        yield from bench_keyring_timeout(loop)
        yield from bench_dialog(app, loop)
    finally:
        asyncio.set_event_loop(None)
        loop.close()
