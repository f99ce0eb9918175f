"""qasync inside pytest-qt: an asyncio loop that runs while qtbot pumps Qt events.

Pattern from ../shared/platform-notes.md (green in repeated runs): the loop is created with
``already_running=True`` so asyncio callbacks run as Qt events while ``qtbot.waitUntil`` /
``qtbot.waitSignal`` spin the Qt loop. Never call ``qtbot.wait*`` from inside a coroutine.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Iterator
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtWidgets import QApplication


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    from smsc_desktop.ui import aio

    loop = aio.new_event_loop(qapp, already_running=True)
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
    _kill_timers(loop)


def _kill_timers(loop: Any) -> None:
    """Stop the Qt timers a closed qasync loop still holds, on the GUI thread.

    qasync keeps one Qt timer per ``call_later`` until it fires, cancelled or not (an httpx
    timeout leaves one for its whole duration). A closed loop is garbage in a reference
    cycle; if the cycle collector then runs on another thread (a test server's, a worker's),
    the timer object dies there while Qt still has its timers queued on the GUI thread, and
    the next timer event crashes the process. Killing the timers here and collecting on this
    thread leaves nothing for another thread to tear down.
    """
    timer = getattr(loop, "_timer", None)
    callbacks = getattr(timer, "_SimpleTimer__callbacks", None)
    if timer is not None and isinstance(callbacks, dict):
        for timer_id in list(callbacks):
            timer.killTimer(timer_id)
        callbacks.clear()
    # The loop's own QObjects (timer, call_soon signaller) die here too, not on a worker.
    for obj in (timer, getattr(loop, "_QEventLoop__call_soon_signaller", None)):
        if obj is not None and shiboken6.isValid(obj):
            shiboken6.delete(obj)
    gc.collect()


def run(loop: Any, qtbot: Any, coro: Any, timeout: int = 10_000) -> Any:
    """Run ``coro`` on ``loop`` while qtbot pumps Qt events; return its result."""
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()
