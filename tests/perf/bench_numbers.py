"""The Numbers tab with 100,000 free numbers from the sandbox (issue 4's speed budgets), and
its inbox with 10,000 SMS (issue 13's: ``tests/perf/numbers_inbox.py`` has those figures).

Figures, each against its budget:

- ``load_ms``: from the list's response fully received (the last byte, seen by a transport
  wrapper) to the first paint of the table with rows; worst of ``LOADS`` loads. ≤ 1000 ms.
- ``load_stall_ms``: the longest stall of the event loop during those loads (10 ms
  heartbeat, from the request to the paint). ≤ 50 ms.
- ``filter_keystroke_ms`` (median ≤ 16 ms) and ``filter_keystroke_p90_ms`` (≤ 25 ms): from a
  key press in the digits or search field to the table repainted, over a series of typing
  and erasing in both fields, under two sort orders.
- ``sort_click_p90_ms``: from a click on a column header to the table repainted, over a
  series of clicks on every column (both directions). ≤ 100 ms.

The baseline, measured in the same run on the same view: a plain ``QAbstractTableModel``
with 100,000 rows reset and repainted (the floor any filtering adds to). Rows carry it as
``baseline_ms`` and ``ratio``. The sandbox runs in its own process, as the real SMSC is on
another machine.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import httpx

from tests.perf import numbers_inbox
from tests.perf.common import StallMeter, median, percentile, plain_table_floor, result

BENCH = "numbers"
NUMBERS = 100_000
LOADS = 3


class _TimedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, done: list[float]) -> None:
        self._inner = inner
        self._done = done

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk
        self._done.append(time.perf_counter())

    async def aclose(self) -> None:
        await self._inner.aclose()


class TimingTransport(httpx.AsyncBaseTransport):
    """Notes when the last byte of each answer of one script (the free list) has arrived."""

    def __init__(self, script: str = "/receive_phones.php") -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._script = script
        self.received: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if request.url.path.endswith(self._script):
            assert isinstance(response.stream, httpx.AsyncByteStream)
            response.stream = _TimedStream(response.stream, self.received)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _start_sandbox(*options: str) -> tuple[subprocess.Popen[str], str]:
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-m", "smsc_desktop.sandbox", "--port", "0", "--no-limits", *options],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+)", line)
    if match is None:
        proc.kill()
        raise RuntimeError(f"the sandbox did not start: {line!r}")
    return proc, match.group(1)


def run() -> Iterator[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    proc, url = _start_sandbox("--numbers", str(NUMBERS))
    try:
        with TemporaryDirectory() as home:
            os.environ["SMSC_DESKTOP_HOME"] = home
            yield from _measure(app, url, Path(home))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    # The inbox: a sandbox of its own, so the 100,000 free numbers do not load meanwhile.
    messages = numbers_inbox.MESSAGES - numbers_inbox.SEEDED_IN_LOOKBACK
    proc, url = _start_sandbox("--messages", str(messages))
    try:
        with TemporaryDirectory() as home:
            os.environ["SMSC_DESKTOP_HOME"] = home
            figures = _run_loop(app, numbers_inbox.scenario(url, Path(home), TimingTransport))
            yield from numbers_inbox.rows(figures, BENCH)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _run_loop(app: Any, coro: Any) -> dict[str, Any]:
    from smsc_desktop.ui import aio

    loop = aio.new_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        figures: dict[str, Any] = loop.run_until_complete(coro)
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()
    return figures


def _measure(app: Any, url: str, home: Path) -> Iterator[dict[str, Any]]:
    figures = _run_loop(app, _scenario(url, home))
    baseline = figures["baseline_ms"]
    if os.environ.get("BENCH_VERBOSE"):
        for entry in figures["key_log"]:
            print(entry, file=sys.stderr)
    extra = {"baseline_ms": round(baseline, 2), "rows": NUMBERS}
    yield result(
        BENCH,
        "load_ms",
        figures["load_ms"],
        "ms",
        1000,
        loads=[round(v, 1) for v in figures["loads"]],
        received_to_indexed_ms=round(figures["indexed_ms"], 1),
        **extra,
    )
    yield result(BENCH, "load_stall_ms", figures["stall_ms"], "ms", 50, heartbeat_ms=10)
    keys = figures["keys"]
    yield result(
        BENCH,
        "filter_keystroke_ms",
        median(keys),
        "ms",
        16,
        ratio=round(median(keys) / baseline, 2),
        keystrokes=len(keys),
        **extra,
    )
    yield result(
        BENCH,
        "filter_keystroke_p90_ms",
        percentile(keys, 90),
        "ms",
        25,
        ratio=round(percentile(keys, 90) / baseline, 2),
        keystrokes=len(keys),
        max_ms=round(max(keys), 2),
        **extra,
    )
    clicks = figures["clicks"]
    yield result(
        BENCH,
        "sort_click_p90_ms",
        percentile(clicks, 90),
        "ms",
        100,
        ratio=round(percentile(clicks, 90) / baseline, 2),
        clicks=len(clicks),
        median_ms=round(median(clicks), 2),
        max_ms=round(max(clicks), 2),
        **extra,
    )


async def _scenario(url: str, home: Path) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject, QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow

    from smsc_desktop.api import Credentials, SmscClient
    from smsc_desktop.sandbox import DEMO_LOGIN, DEMO_PASSWORD
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.profiles import Profile
    from smsc_desktop.services.session import AccountSession
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui.context import AppContext
    from smsc_desktop.ui.models.free_numbers import Column
    from smsc_desktop.ui.tabs.numbers import NumbersTab

    paths = AppPaths(home)
    ctx = AppContext(paths, Settings(paths.settings_file))
    window = QMainWindow()
    tab = NumbersTab(ctx)
    window.setCentralWidget(tab)
    window.resize(1200, 760)
    window.show()
    QApplication.processEvents()
    view = tab.free.view
    viewport = view.viewport()

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.shown: asyncio.Event = asyncio.Event()
            self.at = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            painted = event.type() == QEvent.Type.Paint and tab.free.model.rowCount() > 0
            if painted and not self.shown.is_set():
                self.at = time.perf_counter()
                self.shown.set()
            return False

    watch = PaintWatch()
    viewport.installEventFilter(watch)
    creds = Credentials.from_password(DEMO_LOGIN, DEMO_PASSWORD)
    profile = Profile(name="Benchmark", server=url, login=DEMO_LOGIN, id="bench")

    loads: list[float] = []
    parsed: list[float] = []
    stall = 0.0
    sessions: list[AccountSession] = []
    for _ in range(LOADS):
        session = AccountSession(profile, creds, paths)
        await session.client.aclose()
        transport = TimingTransport()
        session.client = SmscClient(url, creds, transport=transport)
        sessions.append(session)
        loaded_at: list[float] = []
        watch.shown = asyncio.Event()
        meter = StallMeter()
        meter.start()
        ctx.session = session
        ctx.sessionChanged.emit(session)
        service = tab.service
        assert service is not None
        service.list_loaded.connect(
            lambda _loaded, seen=loaded_at: seen.append(time.perf_counter())
        )
        await asyncio.wait_for(watch.shown.wait(), 60)
        meter.stop()
        assert transport.received, "no list answer seen"
        assert tab.free.model.rowCount() == NUMBERS, tab.free.model.rowCount()
        loads.append((watch.at - transport.received[-1]) * 1000)
        parsed.append((loaded_at[0] - transport.received[-1]) * 1000)
        stall = max(stall, meter.longest_stall_ms)
        await asyncio.sleep(0.2)

    def repaint_ms(action: Any, target: Any = viewport) -> float:
        start = time.perf_counter()
        action()
        target.repaint()
        return (time.perf_counter() - start) * 1000

    baseline = _baseline(view.size())

    # Keystrokes: type and erase in the digits field and in the search field, under the
    # phone order and under the price order.
    bar = tab.free.filter_bar
    keys: list[float] = []
    key_log: list[tuple[str, str, float]] = []
    for sort_column in (Column.PHONE, Column.COST):
        tab.free.model.sort(sort_column, Qt.SortOrder.AscendingOrder)
        for field, text in ((bar.digits, "9165"), (bar.digits, "777"), (bar.search, "mts calls")):
            field.setFocus()
            for char in text:
                keys.append(repaint_ms(lambda c=char, f=field: QTest.keyClick(f, c)))
                key_log.append((sort_column.name, field.text(), keys[-1]))
            for _ in text:
                keys.append(repaint_ms(lambda f=field: QTest.keyClick(f, Qt.Key.Key_Backspace)))
                key_log.append((sort_column.name, field.text(), keys[-1]))
            await asyncio.sleep(0)

    # Header clicks: every column, both directions, a few rounds.
    header = view.horizontalHeader()
    clicks: list[float] = []
    order = [
        Column.COST,
        Column.OPERATOR,
        Column.KIND,
        Column.CURRENT_COST,
        Column.NOTICES,
        Column.PHONE,
    ]
    for _ in range(2):
        for column in order:
            for _direction in range(2):
                x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
                point = QPoint(x, header.height() // 2)
                clicks.append(
                    repaint_ms(
                        lambda p=point: QTest.mouseClick(
                            header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), p
                        )
                    )
                )
                await asyncio.sleep(0)

    tab.shutdown()
    for session in sessions:
        await session.close()
    window.close()
    return {
        "load_ms": max(loads),
        "loads": loads,
        "indexed_ms": median(parsed),
        "stall_ms": stall,
        "keys": keys,
        "key_log": key_log,
        "clicks": clicks,
        "baseline_ms": baseline,
    }


def _baseline(size: Any) -> float:
    """A plain model with 100,000 rows in a view of the same size, reset and repainted: the
    floor under any update of the table."""
    rows = [
        (f"7900{i:07d}", "Virtual number", "MTS", "SMS", "500.00", "83.33") for i in range(NUMBERS)
    ]
    return plain_table_floor(rows, size)
