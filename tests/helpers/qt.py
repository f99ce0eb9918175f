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
    _release_qt_objects(loop)


def _release_qt_objects(loop: Any) -> None:
    """Kill the closed loop's Qt timers and delete its QObjects here, on the GUI thread.

    qasync's timer object keeps every timer it ever started (a 5 s ``wait_for`` timeout
    included) registered until it fires. Left to the garbage collector, the object may be
    freed on another thread (the sandbox's, a keyring worker's), where Qt cannot unregister
    its timers; the next timer event then goes to a deleted object: a segfault in
    QTimerInfoList::activateTimers, seen here about one run in three.
    """
    import gc

    import shiboken6

    timer = loop._timer
    callbacks = getattr(timer, "_SimpleTimer__callbacks", {})
    for timer_id in list(callbacks):
        timer.killTimer(timer_id)
    callbacks.clear()
    for obj in (timer, getattr(loop, "_QEventLoop__call_soon_signaller", None)):
        if obj is not None and shiboken6.isValid(obj):
            shiboken6.delete(obj)
    gc.collect()  # this test's cyclic garbage (windows, contexts) goes here, not elsewhere


def run(loop: Any, qtbot: Any, coro: Any, timeout: int = 10_000) -> Any:
    """Run ``coro`` on ``loop`` while qtbot pumps Qt events; return its result."""
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()
