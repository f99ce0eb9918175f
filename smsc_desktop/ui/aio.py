"""The one place that wraps qasync for the widgets, and the one place widgets make tasks.

- ``TaskGroup(owner)`` holds the tasks one widget started; they are cancelled when the
  widget is destroyed (or on ``cancel()``), and an unexpected exception is reported to the
  app's crash handler instead of being lost. Every widget that runs coroutines has one.
- ``TaskSlot(owner, name)`` runs at most one task at a time for a widget (a new request
  cancels the previous one); ``running`` tells whether a task is in flight. Its tasks belong
  to the owner like a group's.
- ``spawn(coro)`` is for the application itself (app.py, the main window): tasks that live
  as long as the app and are cancelled at quit by ``cancel_all()``.
- ``new_event_loop(app)`` makes the asyncio loop that runs on Qt's (app.py, the self-test,
  the tests' ``qloop``, the benchmarks): qasync's, with worker threads started as work
  comes.
- ``exec_dialog(dialog)`` opens a dialog window-modally with ``open()`` and awaits its result:
  never ``dialog.exec()`` or a static ``QMessageBox`` call inside a coroutine.

No code under ``ui/`` other than this module calls ``create_task``/``ensure_future``/
``get_event_loop`` (ruff's banned-api rule and ``tests/test_lifetimes.py`` check it).

A coroutine that is cancelled because its widget went away must not touch the widget on the
way out (no widget calls in ``finally`` or ``except CancelledError``): the cancellation
arrives after the widget's C++ object is gone. ``TaskGroup.alive`` tells whether the owner
still exists, for the rare ``finally`` that must decide.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from smsc_desktop.ui.lifetime import when_destroyed

if TYPE_CHECKING:
    import qasync

log = logging.getLogger("smsc_desktop.ui.aio")

WORKER_THREADS = 10
"""The most worker threads ``asyncio.to_thread`` runs at once (file reads and writes, the
keyring, the TLS set-up): as many as qasync would start."""


def new_event_loop(app: QCoreApplication, *, already_running: bool = False) -> qasync.QEventLoop:
    """The asyncio loop on ``app``'s Qt loop, for this thread only (app.py says why not
    ``qasync.run``).

    Its default executor (``asyncio.to_thread``, ``run_in_executor(None, ...)``) is a
    ``ThreadPoolExecutor`` of up to :data:`WORKER_THREADS`: it starts a thread when work
    finds none idle. qasync's own starts all ten QThreads with the first call, and they
    stay for the whole run: an idle account had 15 threads, of which 10 idle workers
    (measured: 6 threads without them, 0.3-0.45 MB less RSS). Closing the loop waits for
    the workers (``shutdown(wait=True)``), as qasync's does.
    """
    from concurrent.futures import ThreadPoolExecutor

    import qasync

    loop = qasync.QEventLoop(app, already_running=already_running)
    loop.set_default_executor(ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="worker"))
    return loop


T = TypeVar("T")

_tasks: set[asyncio.Task[Any]] = set()
_error_handler: Callable[[BaseException], None] | None = None


def set_error_handler(handler: Callable[[BaseException], None] | None) -> None:
    """Where exceptions that escape tasks go (the crash dialog in the app)."""
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


def _start(coro: Coroutine[Any, Any, T], name: str | None) -> asyncio.Task[T]:
    task = asyncio.get_event_loop().create_task(coro, name=name)
    _tasks.add(task)
    task.add_done_callback(_report)
    return task


def spawn(coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
    """An application-lifetime task (app.py, the main window); widgets use a TaskGroup."""
    return _start(coro, name)


_cleanups: set[asyncio.Task[Any]] = set()


def cleanup(coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
    """Clean-up work that must finish (closing an account's client and saving its files):
    kept alive, reported on failure, and never cancelled by ``cancel_all`` at quit, which
    waits for it instead (``wait_cleanups``)."""
    task = asyncio.get_event_loop().create_task(coro, name=name)
    _cleanups.add(task)
    task.add_done_callback(_cleanups.discard)
    task.add_done_callback(_report)
    return task


async def wait_cleanups(timeout: float = 10.0) -> None:
    """Wait until the clean-up work started with ``cleanup`` has ended."""
    pending = [t for t in _cleanups if not t.done()]
    if pending:
        await asyncio.wait(pending, timeout=timeout)


def pending_tasks() -> list[asyncio.Task[Any]]:
    """Every task started through this module that has not finished (tests check none is
    left behind when a widget closes)."""
    return [t for t in _tasks if not t.done()]


async def settle(timeout: float = 2.0) -> None:
    """Wait (briefly) until every task that was asked to cancel has ended: before a client
    closes, so no cancelled request is still unwinding on it."""
    current = asyncio.current_task()
    cancelling = [t for t in _tasks if t is not current and not t.done() and t.cancelling()]
    if cancelling:
        await asyncio.wait(cancelling, timeout=timeout)


async def cancel_all(timeout: float = 2.0) -> None:
    """Cancel every task started here and wait (briefly) for them to finish."""
    current = asyncio.current_task()
    tasks = [t for t in _tasks if t is not current and not t.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=timeout)


class TaskGroup:
    """The tasks of one owner: cancelled together when the owner is destroyed."""

    def __init__(self, owner: QObject, name: str = "") -> None:
        self._name = name or type(owner).__name__
        self._tasks: set[asyncio.Task[Any]] = set()
        self._alive = True
        when_destroyed(owner, self._owner_destroyed)

    @property
    def alive(self) -> bool:
        """False once the owner was destroyed."""
        return self._alive

    @property
    def tasks(self) -> set[asyncio.Task[Any]]:
        return {t for t in self._tasks if not t.done()}

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        """Run ``coro`` as one of the owner's tasks."""
        if not self._alive:
            coro.close()
            raise RuntimeError(f"{self._name} is gone; its tasks cannot start")
        task = _start(coro, name or self._name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def cancel(self) -> None:
        """Cancel every task of the owner (e.g. when the account changes)."""
        for task in list(self._tasks):
            task.cancel()

    def _owner_destroyed(self) -> None:
        self._alive = False
        self.cancel()

    def __len__(self) -> int:
        return len(self.tasks)


class TaskSlot:
    """At most one task at a time for an owner: starting a new one cancels the previous."""

    def __init__(self, owner: QObject | TaskGroup, name: str = "") -> None:
        self._group = owner if isinstance(owner, TaskGroup) else TaskGroup(owner, name)
        self._name = name
        self._task: asyncio.Task[Any] | None = None

    @property
    def task(self) -> asyncio.Task[Any] | None:
        """The current (or last) task, e.g. for a test to wait on."""
        return self._task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def alive(self) -> bool:
        return self._group.alive

    def start(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        self.cancel()
        task = self._group.spawn(coro, name=self._name or None)
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


def _give_focus_back(widget: QWidget | None) -> None:
    """The focus goes back where it was before a dialog, not nowhere (window managers do
    not always activate the parent again, and the offscreen platform never does)."""
    if widget is None or not shiboken6.isValid(widget) or not widget.isVisible():
        return
    window = widget.window()
    if QApplication.activeWindow() is None or QApplication.activeWindow() is window:
        window.activateWindow()
        widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


async def exec_dialog(dialog: QDialog) -> int:
    """Show ``dialog`` window-modally and wait for its result code without nesting loops."""
    future: asyncio.Future[int] = asyncio.get_event_loop().create_future()

    had_focus = QApplication.focusWidget()

    def done(result: int) -> None:
        if not future.done():
            future.set_result(result)
        _give_focus_back(had_focus)

    def gone() -> None:
        if not future.done():
            future.set_result(QDialog.DialogCode.Rejected.value)

    dialog.finished.connect(done)
    forget = when_destroyed(dialog, gone)
    dialog.open()
    try:
        return await future
    finally:
        forget()
        with contextlib.suppress(RuntimeError):  # the dialog was deleted with its parent
            dialog.finished.disconnect(done)
