"""Waiting in a service test's coroutine for a service's signal (never a sleep)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from smsc_desktop.services.observable import Signal


async def emitted(
    signal: Signal,
    condition: Callable[..., bool] = lambda *_args: True,
    *,
    already: Callable[[], bool] | None = None,
    timeout: float = 10.0,
) -> tuple[Any, ...]:
    """The arguments of the next emission of ``signal`` for which ``condition(*args)`` holds;
    at once (empty) when ``already()`` holds now."""
    if already is not None and already():
        return ()
    done: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def slot(*args: Any) -> None:
        if not done.done() and condition(*args):
            done.set_result(args)

    signal.connect(slot)
    try:
        return await asyncio.wait_for(done, timeout=timeout)
    finally:
        signal.disconnect(slot)
