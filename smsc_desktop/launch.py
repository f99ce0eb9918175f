"""Helper processes of the app: this program started again with a flag of its own.

The app runs two things in child processes of its own executable, so that what they import
never enters the app's memory nor contends for its interpreter lock: the OS keyring
(``--keyring-child``, :mod:`smsc_desktop.services.keyring_child`) and the demo's SMSC
sandbox (``--sandbox-child``, :mod:`smsc_desktop.sandbox.child`). ``app.main`` hands those
flags over before it imports Qt. Standard library only: ``services`` and ``sandbox`` both
use this module.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from typing import IO

_early: list[subprocess.Popen[str]] = []
"""Helpers started ahead of their first use (:func:`spawn_early`), not yet taken."""
_early_lock = threading.Lock()
"""Held to change :data:`_early`: the keyring's thread takes while the loop discards."""


def own_command(*arguments: str) -> list[str]:
    """How to start this program again with ``arguments``: the installed bundle's launcher
    is ``sys.executable`` itself; from source it is ``python -m smsc_desktop``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "smsc_desktop", *arguments]


def spawn(command: list[str]) -> subprocess.Popen[str]:
    """Start a helper: lines of UTF-8 text over its input and output, its stderr dropped
    (a helper says what went wrong in its answers), no other file of the app inherited."""
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        bufsize=1,
        close_fds=True,
    )


def spawn_early(*arguments: str) -> None:
    """Start this program with ``arguments`` now, for a use that comes later: ``app.main``
    starts the demo's sandbox (or, for any other start, the keyring's helper) before it
    imports Qt, so that its start (Python, aiohttp and the server: ~250 ms; the keyring's
    imports and its D-Bus connection: ~200 ms) runs on the other core while the app builds
    the window. (Started after the first paint instead, the keyring's helper made a real
    account ready no sooner: 522 against 519 ms; before Qt, 437 against 461 ms from source,
    15 rounds each.) The first :func:`take` of that command gets
    it; one never taken ends with :func:`discard_early` (or with the app: its input closes).
    A helper that cannot be started here is started again where it is needed, and fails
    there with its error."""
    with contextlib.suppress(OSError):
        process = spawn(own_command(*arguments))
        with _early_lock:
            _early.append(process)


def take(command: list[str]) -> subprocess.Popen[str]:
    """The helper started early with ``command`` if there is one still running, else a new
    one (:func:`spawn`)."""
    while True:
        with _early_lock:
            process = next((each for each in _early if each.args == command), None)
            if process is None:
                break
            _early.remove(process)
        if process.poll() is None:
            return process
        retire(process, kill=False, timeout=0)  # it ended: the next one, or a new one
    return spawn(command)


def discard_early() -> None:
    """End the helpers started early and not taken yet (the first view is shown without
    them, or the app is closing)."""
    with _early_lock:
        untaken = list(_early)
        _early.clear()
    for process in untaken:
        retire(process, kill=False, timeout=2.0)


def retire(process: subprocess.Popen[str], *, kill: bool, timeout: float) -> None:
    """End ``process`` (killed, or its input closed so that it exits by itself within
    ``timeout`` seconds, else killed), reap it and close its pipes."""
    if kill:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    with contextlib.suppress(OSError):
        if process.stdin is not None:
            process.stdin.close()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def child_pipes(
    stdin: IO[str] | None = None, stdout: IO[str] | None = None
) -> tuple[IO[str], IO[str]]:
    """In a helper process: the pipes to the app (its input, and the answers' line stream).

    A windowed build may start without ``sys.stdin``/``sys.stdout`` objects: the pipes are
    then fds 0 and 1. Afterwards ``sys.stdout`` is ``sys.stderr``, so that whatever a library
    prints stays off the answers' pipe."""
    source = stdin or sys.stdin or open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sink = stdout or sys.stdout or open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = sys.stderr
    return source, sink
