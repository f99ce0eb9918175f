"""Shared pieces of the exports/downloads tests: a clock that tests move, a sleep that moves
it (and the sandbox's clock) instead of waiting, a read-only folder, signal waits."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smsc_desktop.api import Credentials, ExportJob, JobStatus, RequestRecord, SmscClient
from tests.helpers.sandbox import SandboxHandle


class MovingClock:
    """Monotonic seconds that only move when told (by the test or by :meth:`sleep`)."""

    def __init__(self, sandbox: SandboxHandle | None = None, start: float = 10_000.0) -> None:
        self.now = start
        self.sandbox = sandbox
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
        if self.sandbox is not None and seconds > 0:
            self.sandbox.advance_clock(seconds)

    async def sleep(self, seconds: float) -> None:
        """An ``asyncio.sleep`` stand-in: time jumps at once (for both clocks)."""
        self.slept.append(seconds)
        self.advance(seconds)
        await asyncio.sleep(0)


def sandbox_client(
    sandbox: SandboxHandle,
    clock: Callable[[], float] | None = None,
    records: list[RequestRecord] | None = None,
) -> SmscClient:
    kwargs: dict[str, Any] = {}
    if clock is not None:
        kwargs["clock"] = clock
    if records is not None:
        kwargs["observer"] = records.append
    return SmscClient(
        sandbox.url, Credentials.from_password(sandbox.login, sandbox.password), **kwargs
    )


def done_job(record: dict[str, Any]) -> ExportJob:
    """An ``ExportJob`` for a sandbox job record (as the list would show it)."""
    return ExportJob(
        id=int(record["id"]),
        name=str(record["name"]),
        status=JobStatus.DONE,
        created=None,
        time=None,
        file=str(record["file"]),
        status_code=2,
    )


def file_requests(sandbox: SandboxHandle) -> list[dict[str, Any]]:
    return [e for e in sandbox.state()["log"] if e["command"] == "get_file"]


def _writable(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


@contextlib.contextmanager
def read_only_folder(parent: Path) -> Iterator[Path]:
    """A folder nobody may write into, root included (chmod, else chattr +i)."""
    folder = parent / "read-only"
    folder.mkdir()
    os.chmod(folder, 0o555)
    immutable = False
    if _writable(folder) and shutil.which("chattr"):
        # root ignores the mode bits; the immutable flag stops root as well
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
        immutable = done.returncode == 0
    if _writable(folder):
        os.chmod(folder, 0o755)
        pytest.skip("no way to make a read-only folder here (root on a filesystem without chattr)")
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        os.chmod(folder, 0o755)


async def until(signal: Any, predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait (on a services ``Signal``) until *predicate* holds."""
    if predicate():
        return
    event = asyncio.Event()

    def check(*_args: Any) -> None:
        if predicate():
            event.set()

    signal.connect(check)
    try:
        await asyncio.wait_for(event.wait(), timeout)
    finally:
        signal.disconnect(check)
