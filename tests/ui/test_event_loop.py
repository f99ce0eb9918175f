"""The app's asyncio loop (``ui/aio.new_event_loop``): its worker threads start as work comes,
not ten at once for the whole run as qasync's own executor's do."""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Any

from tests.helpers.qt import run


def threads_of_this_process() -> int:
    return len(os.listdir("/proc/self/task"))


def test_a_call_on_a_worker_starts_one_thread_not_ten(qtbot: Any, qloop: Any) -> None:
    before = threads_of_this_process()

    async def on_a_worker() -> str:
        return await asyncio.to_thread(lambda: threading.current_thread().name)

    name = run(qloop, qtbot, on_a_worker())
    assert name.startswith("worker")
    # qasync's executor starts ten QThreads with the first call (threads of other tests that
    # end meanwhile can only make the count smaller)
    assert threads_of_this_process() - before < 5
