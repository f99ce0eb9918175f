"""qasync inside pytest-qt: an asyncio loop that runs while qtbot pumps Qt events.

Pattern from ../shared/platform-notes.md (green in repeated runs): the loop is created with
``already_running=True`` so asyncio callbacks run as Qt events while ``qtbot.waitUntil`` /
``qtbot.waitSignal`` spin the Qt loop. Never call ``qtbot.wait*`` from inside a coroutine.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtWidgets import QApplication


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        _shutdown(loop, qapp)


def _shutdown(loop: Any, qapp: QApplication) -> None:
    from smsc_desktop.ui import aio

    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    # Let the cancellations run (each is a Qt event).
    for _ in range(20):
        qapp.processEvents()
        if all(t.done() for t in pending):
            break
    aio.set_error_handler(None)
    with contextlib.suppress(RuntimeError, TypeError):
        qapp.aboutToQuit.disconnect(loop._after_run_forever)
    loop._QEventLoop__is_running = False
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
    # The closed loop's QObjects sit in reference cycles (timer → handles → loop); if the
    # garbage collector met them on another thread (the sandbox's, a to_thread worker) it
    # would delete them there and leave Qt with dangling timers: a segfault in a later
    # test. Delete them here, on the GUI thread. (Cancelled call_later handles, e.g. httpx
    # timeouts, keep their Qt timers registered until they would have fired.)
    for name in ("_timer", "_QEventLoop__call_soon_signaller"):
        obj = getattr(loop, name, None)
        if obj is not None and shiboken6.isValid(obj):
            shiboken6.delete(obj)


def run(loop: Any, qtbot: Any, coro: Any, timeout: int = 10_000) -> Any:
    """Run ``coro`` on ``loop`` while qtbot pumps Qt events; return its result."""
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()
