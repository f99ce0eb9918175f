"""Background work of a service: the one place services create asyncio tasks.

``TaskSet`` keeps every task a service starts until it ends (asyncio itself holds only a
weak reference), logs a failure instead of losing it, and cancels and awaits them all when
the service closes. The UI has its own equivalent bound to widget lifetimes
(``ui/aio.py``); nothing else in the package calls ``create_task``/``ensure_future``
(``tests/test_architecture.py`` checks it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

log = logging.getLogger("smsc_desktop.services.tasks")

T = TypeVar("T")


class TaskSet:
    """The tasks of one owner (a service). The loop is the one running at the first
    ``start`` (or the one given); later starts from callbacks outside a coroutine use it."""

    def __init__(self, name: str, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._name = name
        self._loop = loop
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        return self._loop

    def bind_loop(self) -> None:
        """Remember the running loop now (call from a coroutine of the service)."""
        self._loop = asyncio.get_running_loop()

    def start(
        self, coro: Coroutine[Any, Any, T], *, name: str | None = None, awaited: bool = False
    ) -> asyncio.Task[T]:
        """Run ``coro``. A failure is logged unless ``awaited`` (the caller awaits the task
        and handles its exception itself)."""
        task = self.loop.create_task(coro, name=f"{self._name}:{name}" if name else self._name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if not awaited:
            task.add_done_callback(_log_failure)
        return task

    def pending(self) -> list[asyncio.Task[Any]]:
        return [t for t in self._tasks if not t.done()]

    def cancel(self) -> list[asyncio.Task[Any]]:
        """Cancel every pending task; returns them (to await if wanted)."""
        pending = self.pending()
        for task in pending:
            task.cancel()
        return pending

    async def aclose(self, timeout: float | None = None) -> None:
        """Cancel every pending task and wait until they have ended."""
        pending = self.cancel()
        if pending:
            await asyncio.wait(pending, timeout=timeout)

    def __iter__(self) -> Iterator[asyncio.Task[Any]]:
        return iter(self.pending())

    def __len__(self) -> int:
        return len(self.pending())


def _log_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("Task %s failed", task.get_name(), exc_info=task.exception())
