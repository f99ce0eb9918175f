"""How a job file reaches the disk: the ``Transport`` the queue drives, and ``SmscTransport``,
the real one, over ``api.fast_download`` (aiohttp on a worker thread of its own)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from smsc_desktop.api import DownloadResult, Endpoint, SmscClient
from smsc_desktop.services.downloads.items import DownloadItem

ProgressCallback = Callable[[int, int | None], None]
"""``progress(bytes_done, total_or_None)``, called on the transfer's thread."""


class Transport(Protocol):
    """Moves one job file to disk; ``SmscTransport`` is the real one."""

    async def download(
        self, job_id: int, dest: Path, progress: ProgressCallback
    ) -> DownloadResult: ...

    def retry_after(self, job_id: int) -> float: ...

    async def aclose(self) -> None: ...


class SmscTransport:
    """Job files through ``api.fast_download`` (aiohttp on a worker thread).

    aiohttp is imported on a worker thread the first time a file is fetched, so opening
    the Exports tab costs the GUI thread nothing.
    """

    def __init__(self, client: SmscClient) -> None:
        self.client = client
        self._downloader: Any = None

    async def _ensure(self) -> Any:
        if self._downloader is None:
            module = await asyncio.to_thread(_import_fast_download)
            if self._downloader is None:
                self._downloader = module.FastDownloader(self.client)
        return self._downloader

    async def download(self, job_id: int, dest: Path, progress: ProgressCallback) -> DownloadResult:
        downloader = await self._ensure()
        result: DownloadResult = await downloader.download(
            job_id=job_id, dest=dest, resume=True, progress=progress
        )
        return result

    def retry_after(self, job_id: int) -> float:
        return self.client.wait_time(Endpoint.DOWNLOAD, job_id=job_id)

    def close(self) -> None:
        """Stop the transfers' thread without waiting (the app is quitting)."""
        if self._downloader is not None:
            self._downloader.close()

    async def aclose(self) -> None:
        if self._downloader is not None:
            await self._downloader.aclose()


def _import_fast_download() -> Any:
    from smsc_desktop.api import fast_download

    return fast_download


def on_loop(
    loop: asyncio.AbstractEventLoop,
    apply: Callable[[DownloadItem, int, int | None], None],
    item: DownloadItem,
    hz: float,
) -> ProgressCallback:
    """A progress callback for the transfer thread that calls ``apply(item, done, total)``
    on *loop* at most *hz* times a second (and always for the last chunk)."""
    interval = 1.0 / hz
    last = [0.0]
    monotonic = time.monotonic

    def progress(done: int, total: int | None) -> None:
        now = monotonic()
        if now - last[0] < interval and (total is None or done < total):
            return
        last[0] = now
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app is ending
            loop.call_soon_threadsafe(apply, item, done, total)

    return progress
