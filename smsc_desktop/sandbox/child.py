"""The demo's SMSC sandbox in a process of its own, as a real SMSC server would be.

``--demo`` (or a demo profile) needs the built-in sandbox. Run inside the app it cost the
app ~210 ms of imports (aiohttp and the server) on the interpreter lock the window needs,
~10 MB of memory, and a server thread contending with the window for the whole session.
So the app starts it as a child process of its own executable (``--sandbox-child``) as
early as it can, before it imports Qt; the child serves on the second core while the
window is built, and the app connects to it over HTTP on 127.0.0.1 like to any SMSC.

Protocol: the child writes one JSON line, ``{"url": ...}`` once it listens, or
``{"error": ...}`` if it cannot (a port taken); then it serves until its input is closed:
the app closes it when it stops the sandbox, and the system closes it when the app dies
(killed included), so no child outlives its app.

:class:`SandboxChild` is the app's side. :func:`start_demo_server` starts the same demo
server in this process (``python -m smsc_desktop.sandbox`` is the standalone server).
"""

from __future__ import annotations

import json
import time
from typing import IO, TYPE_CHECKING, Any

from smsc_desktop.launch import child_pipes, own_command, retire, take

if TYPE_CHECKING:
    import subprocess

    from smsc_desktop.sandbox.server import SandboxServer

FLAG = "--sandbox-child"
DEMO_TRICKLE = 45.0
"""Seconds between the SMS the demo sandbox lands on the demo account's rented numbers."""
STOP_TIMEOUT = 3.0
"""Seconds a child has to stop after its input closed, before it is killed."""


class SandboxChildError(OSError):
    """The child could not start the sandbox (``reason``: its words), or ended without
    saying (``reason`` gives its exit code)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the demo sandbox could not start: {reason}")
        self.reason = reason


def start_demo_server(port: int = 0) -> tuple[SandboxServer, str]:
    """The demo's sandbox, serving from a thread of this process: the server and its URL."""
    from smsc_desktop.sandbox import SandboxConfig, SandboxServer

    # A slow trickle of SMS on the demo's rented numbers keeps its inbox alive.
    server = SandboxServer(SandboxConfig(trickle_seconds=DEMO_TRICKLE), port=port)
    url = server.start()
    stage_demo_exports(server)
    return server, url


DEMO_JOB_EPOCH = 1_735_689_600
"""2025-01-01 00:00 UTC: the demo numbers the jobs its user makes by the seconds since."""
FIRST_DEMO_JOB_NUMBER = 10_000
"""Never below this: above the seeded and staged jobs, whatever the clock says."""


def demo_job_numbers_from(now: float) -> int:
    """The first number of the export jobs the demo's user makes, in a sandbox started at
    ``now`` (Unix time): the seconds since :data:`DEMO_JOB_EPOCH`.

    The app keeps the demo's downloads between runs and resumes a failed one by its job's
    number, as SMSC's numbers never repeat. Numbered from the same place in every run, a
    job made after a restart would take the number of a job of the run before, and a
    download of that one, retried, would go on into the new job's file. Making a job takes
    more than a second, so a later run starts above every number an earlier one gave. The
    seeded and staged jobs keep their numbers (1841…): their files are the same in every
    run, so resuming one of them is right.
    """
    return max(FIRST_DEMO_JOB_NUMBER, int(now) - DEMO_JOB_EPOCH)


def stage_demo_exports(server: SandboxServer, now: float | None = None) -> None:
    """Big finished export jobs, sent at an office-network pace, so the demo's download
    manager has something to show (a fresh demo session downloads its done jobs once:
    ``AccountSession.start_exports``); the jobs made after them are numbered from
    :func:`demo_job_numbers_from` (``now``: the time it starts from, the clock's)."""
    # Ten days of messages, done in about two seconds: what the Insights window shows first.
    server.create_job(9 * 1024 * 1024, name="Рассылки за 10 дней", status=2)
    server.create_job(48 * 1024 * 1024, name="Выгрузка за квартал", status=2)
    server.create_job(160 * 1024 * 1024, name="messages_year_full", status=2)
    server.create_job(32 * 1024 * 1024, name="messages_viber_q3", status=2)
    server.set_fault("downloads", rate=5_000_000)
    server.number_new_jobs_from(demo_job_numbers_from(time.time() if now is None else now))


class SandboxChild:
    """The app's side: :meth:`spawn` starts the child (it returns at once), :meth:`url`
    waits for its answer (blocking: call it on a worker thread), :meth:`stop` ends it."""

    def __init__(self, port: int = 0, command: list[str] | None = None) -> None:
        self.command = command or own_command(FLAG, str(port))
        self.process: subprocess.Popen[str] | None = None
        self._url: str | None = None

    def spawn(self) -> None:
        if self.process is None:
            self.process = take(self.command)  # started early by app.main, or now

    def url(self) -> str:
        """The child's base URL once it listens (it is spawned if it was not yet)."""
        if self._url is not None:
            return self._url
        self.spawn()
        process = self.process
        assert process is not None
        assert process.stdout is not None
        line = process.stdout.readline()
        try:
            answer: Any = json.loads(line) if line else None
        except ValueError:
            answer = None
        if isinstance(answer, dict) and isinstance(answer.get("url"), str):
            self._url = answer["url"]
            return self._url
        self.stop()
        if isinstance(answer, dict) and answer.get("error"):
            raise SandboxChildError(str(answer["error"]))
        raise SandboxChildError(f"it ended before it started (exit code {process.returncode})")

    def exit_code(self) -> int | None:
        """The process's exit code once it has ended (None: running, or not started)."""
        process = self.process
        return process.poll() if process is not None else None

    def wait(self) -> int | None:
        """Block until the process ends: its exit code (None: it was not started)."""
        process = self.process
        return process.wait() if process is not None else None

    def stop(self) -> None:
        """Close the child's input (it stops serving and exits), kill it if it lingers."""
        process, self.process = self.process, None
        self._url = None
        if process is not None:
            retire(process, kill=False, timeout=STOP_TIMEOUT)


def main(argv: list[str], stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """``smsc-desktop --sandbox-child [PORT]``: the demo sandbox until the input closes."""
    source, sink = child_pipes(stdin, stdout)

    def say(answer: dict[str, str]) -> None:
        sink.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sink.flush()

    try:
        port = int(argv[0]) if argv else 0
        server, url = start_demo_server(port)
    except Exception as exc:  # the app shows these words
        say({"error": f"{type(exc).__name__}: {exc}"})
        return 1
    say({"url": url})
    try:
        source.read()  # until the app closes it, or ends
    finally:
        server.stop()
    return 0
