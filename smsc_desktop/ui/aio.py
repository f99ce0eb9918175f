"""The one place that wraps qasync for the widgets.

- ``spawn(coro)`` starts a task on the running loop, keeps a strong reference until it ends
  and reports an unexpected exception to the app's crash handler instead of losing it.
- ``TaskSlot`` runs at most one task at a time for a widget (a new request cancels the
  previous one); ``running`` tells whether a task is in flight.
- ``exec_dialog(dialog)`` opens a dialog window-modally with ``open()`` and awaits its result:
  never ``dialog.exec()`` or a static ``QMessageBox`` call inside a coroutine.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog

log = logging.getLogger("smsc_desktop.ui.aio")

T = TypeVar("T")

_tasks: set[asyncio.Task[Any]] = set()
_error_handler: Callable[[BaseException], None] | None = None


def set_error_handler(handler: Callable[[BaseException], None] | None) -> None:
    """Where exceptions that escape spawned tasks go (the crash dialog in the app)."""
    global _error_handler
    _error_handler = handler


def _report(task: asyncio.Task[Any]) -> None:
    _tasks.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is None:
        return
    if _error_handler is not None:
        _error_handler(exc)
    else:
        log.error("Task %s failed", task.get_name(), exc_info=exc)


def spawn(coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
    """Run ``coro`` on the running loop; the task is kept alive until it finishes."""
    task = asyncio.get_event_loop().create_task(coro, name=name)
    _tasks.add(task)
    task.add_done_callback(_report)
    return task


def running_tasks() -> set[asyncio.Task[Any]]:
    return set(_tasks)


async def cancel_all(timeout: float = 2.0) -> None:
    """Cancel every spawned task and wait (briefly) for them to finish."""
    current = asyncio.current_task()
    tasks = [t for t in _tasks if t is not current and not t.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=timeout)


class TaskSlot:
    """At most one task at a time: starting a new one cancels the previous."""

    def __init__(self, name: str = "") -> None:
        self._name = name
        self._task: asyncio.Task[Any] | None = None

    @property
    def task(self) -> asyncio.Task[Any] | None:
        """The current (or last) task, e.g. for a test to wait on."""
        return self._task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        self.cancel()
        task = spawn(coro, name=self._name or None)
        self._task = task
        return task

    def start_if_idle(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T] | None:
        """Start ``coro`` unless a task is already running (then ``coro`` is closed unused)."""
        if self.running:
            coro.close()
            return None
        return self.start(coro)

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None


async def exec_dialog(dialog: QDialog) -> int:
    """Show ``dialog`` window-modally and wait for its result code without nesting loops."""
    future: asyncio.Future[int] = asyncio.get_event_loop().create_future()

    def done(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(done)
    dialog.open()
    try:
        return await future
    finally:
        with contextlib.suppress(RuntimeError):  # the dialog was deleted with its parent
            dialog.finished.disconnect(done)
