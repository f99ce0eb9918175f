"""The Numbers tab's inbox with 10,000 SMS (issue 13's budget: load and filter without a
stall over 50 ms), measured by ``bench_numbers.py``.

Figures, each against its budget:

- ``inbox_load_ms``: from the inbox answer fully received (the last byte, seen by a
  transport wrapper) to the first paint of the inbox with rows; worst of ``LOADS``. ≤ 500 ms.
- ``inbox_load_stall_ms``: the longest stall of the event loop during those loads (10 ms
  heartbeat, from the account's opening to the paint). ≤ 50 ms.
- ``inbox_filter_keystroke_ms`` (median ≤ 16 ms) and ``inbox_filter_max_ms`` (the worst
  keystroke or number choice, ≤ 50 ms): from a key press in the filter field (or a choice
  in the number list) to the table repainted, typing and erasing words in Cyrillic and
  Latin, a phone, and every number in turn.

The baseline, measured in the same run on the same view size: a plain
``QAbstractTableModel`` with 10,000 rows of four columns reset and repainted. The sandbox runs
in its own process with the SMS seeded (``--messages``).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from tests.perf.common import StallMeter, median, percentile, plain_table_floor

MESSAGES = 10_000
"""SMS shown: SMSC's most for one read."""
SEEDED_IN_LOOKBACK = 4
"""The demo account's own seeded SMS of the last 24 hours (the rest are ``--messages``)."""
LOADS = 3


async def scenario(url: str, home: Path, timing_transport: Any) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow

    from smsc_desktop.api import Credentials, SmscClient
    from smsc_desktop.sandbox import DEMO_LOGIN, DEMO_PASSWORD
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.profiles import Profile
    from smsc_desktop.services.session import AccountSession
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui.context import AppContext, demo_numbers
    from smsc_desktop.ui.tabs.numbers import NumbersTab

    paths = AppPaths(home)
    ctx = AppContext(paths, Settings(paths.settings_file))
    window = QMainWindow()
    tab = NumbersTab(ctx)
    window.setCentralWidget(tab)
    window.resize(1200, 760)
    window.show()
    QApplication.processEvents()
    pane = tab.inbox
    viewport = pane.view.viewport()

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.shown = asyncio.Event()
            self.at = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            painted = event.type() == QEvent.Type.Paint and pane.model.rowCount() > 0
            if painted and not self.shown.is_set():
                self.at = time.perf_counter()
                self.shown.set()
            return False

    watch = PaintWatch()
    viewport.installEventFilter(watch)
    creds = Credentials.from_password(DEMO_LOGIN, DEMO_PASSWORD)
    sessions: list[AccountSession] = []
    loads: list[float] = []
    stall = 0.0
    for index in range(LOADS):
        # A profile of its own each time: My numbers start with the demo's numbers.
        profile = Profile(name="Inbox", server=url, login=DEMO_LOGIN, id=f"inbox-{index}")
        session = AccountSession(profile, creds, paths, demo_numbers=demo_numbers())
        await session.client.aclose()
        transport = timing_transport("/get.php")
        session.client = SmscClient(url, creds, transport=transport)
        sessions.append(session)
        watch.shown = asyncio.Event()
        meter = StallMeter()
        meter.start()
        ctx.session = session
        ctx.sessionChanged.emit(session)
        await asyncio.wait_for(watch.shown.wait(), 60)
        meter.stop()
        assert transport.received, "no inbox answer seen"
        assert pane.model.total == MESSAGES, pane.model.total
        loads.append((watch.at - transport.received[-1]) * 1000)
        stall = max(stall, meter.longest_stall_ms)
        await asyncio.sleep(0.2)

    def repaint_ms(action: Any) -> float:
        start = time.perf_counter()
        action()
        viewport.repaint()
        return (time.perf_counter() - start) * 1000

    baseline = _baseline(pane.view.size())
    field = pane.search
    field.setFocus()
    keys: list[float] = []
    for word in ("курьер", "доставка", "SMSC", "79161234567", "stop"):
        for char in word:
            if char.isascii():
                keys.append(repaint_ms(lambda c=char: QTest.keyClick(field, c)))
            else:  # QTest types ASCII only: a Cyrillic key press inserts its letter
                keys.append(repaint_ms(lambda c=char: field.insert(c)))
        for _ in word:
            keys.append(repaint_ms(lambda: QTest.keyClick(field, Qt.Key.Key_Backspace)))
        await asyncio.sleep(0)
    combo = pane.number_combo
    choices: list[float] = []
    for _ in range(2):
        for number in range(combo.count()):
            choices.append(repaint_ms(lambda n=number: combo.setCurrentIndex(n)))
        await asyncio.sleep(0)

    tab.shutdown()
    for session in sessions:
        await session.close()
    window.close()
    return {
        "load_ms": max(loads),
        "loads": loads,
        "stall_ms": stall,
        "keys": keys,
        "choices": choices,
        "baseline_ms": baseline,
    }


def rows(figures: dict[str, Any], bench: str) -> list[dict[str, Any]]:
    from tests.perf.common import result

    baseline = figures["baseline_ms"]
    extra = {"baseline_ms": round(baseline, 2), "messages": MESSAGES}
    keys, choices = figures["keys"], figures["choices"]
    worst = max([*keys, *choices])
    return [
        result(
            bench,
            "inbox_load_ms",
            figures["load_ms"],
            "ms",
            500,
            loads=[round(v, 1) for v in figures["loads"]],
            **extra,
        ),
        result(bench, "inbox_load_stall_ms", figures["stall_ms"], "ms", 50, heartbeat_ms=10),
        result(
            bench,
            "inbox_filter_keystroke_ms",
            median(keys),
            "ms",
            16,
            ratio=round(median(keys) / baseline, 2),
            keystrokes=len(keys),
            p90_ms=round(percentile(keys, 90), 2),
            **extra,
        ),
        result(
            bench,
            "inbox_filter_max_ms",
            worst,
            "ms",
            50,
            ratio=round(worst / baseline, 2),
            number_choices=len(choices),
            number_choice_median_ms=round(median(choices), 2),
            **extra,
        ),
    ]


def _baseline(size: Any) -> float:
    """A plain model with 10,000 rows of four columns in a view of the same size, reset and
    repainted: the floor under any update of the inbox table."""
    rows = [
        (f"{i % 24:02d}:{i % 60:02d}", "+7 916 555-01-01", "+7 916 123-45-67", f"Текст №{i}")
        for i in range(MESSAGES)
    ]
    return plain_table_floor(rows, size)
