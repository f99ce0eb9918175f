"""Shared pieces of the download-queue tests: a queue on the sandbox with a moved clock,
waiting until items stop, downloading one file start to end."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from smsc_desktop.services.downloads import (
    DownloadItem,
    DownloadQueue,
    DownloadState,
    SmscTransport,
)
from tests.helpers.exports import MovingClock, done_job, sandbox_client, until
from tests.helpers.sandbox import SandboxHandle


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_queue(client: Any, store: Path | None, clock: MovingClock, **kwargs: Any) -> DownloadQueue:
    return DownloadQueue(SmscTransport(client), store, clock=clock, sleep=clock.sleep, **kwargs)


def finished(queue: DownloadQueue, *items: DownloadItem) -> Any:
    return until(
        queue.item_changed,
        lambda: all(not i.state.is_unfinished or i.state is DownloadState.PAUSED for i in items),
    )


def download_once(
    sandbox: SandboxHandle,
    record: dict[str, Any],
    folder: Path,
    before_start: Callable[[DownloadItem], None] | None = None,
) -> DownloadItem:
    """Queue the job's file and wait until it stops. With *before_start*, the item is
    paused before its first request, *before_start(item)* changes the world, and it resumes."""

    async def scenario() -> DownloadItem:
        async with sandbox_client(sandbox) as client:
            queue = make_queue(client, None, MovingClock())
            item = await queue.add(done_job(record), folder)
            if before_start is not None:
                queue.pause(item)
                await until(queue.item_changed, lambda: item.state is DownloadState.PAUSED)
                before_start(item)
                queue.resume(item)
            await finished(queue, item)
            await queue.aclose()
            return item

    item: DownloadItem = run(scenario())
    return item
