"""A sandbox and the app as separate processes, for the tests and benchmarks that kill the app.

``kill_and_restart(...)`` is the whole scenario of issue #11's "kill and restart".

``SandboxProcess()`` runs ``python -m smsc_desktop.sandbox --port 0`` and talks to its
control endpoints over HTTP. ``AppChild(home, sandbox)`` saves a profile on that sandbox
into ``home`` (settings and the keyring entry the child gets) and runs the real app there
(tests/helpers/app_child.py); ``status()``, ``wait(...)``, ``command(...)``, ``kill()``.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a child with its own HOME, XDG folders and app folder."""
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "SMSC_DESKTOP_HOME": str(home / "smsc-desktop"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        # A file in the child's home: the app reaches its keyring through a process of its
        # own (services/keyring_child.py), which must see what the test stored.
        "PYTHON_KEYRING_BACKEND": "tests.helpers.file_keyring.FileKeyring",
        "SMSC_TEST_KEYRING_FILE": str(home / "keyring.json"),
    }
    env.pop("SMSC_DESKTOP_STARTUP_PROBE", None)
    env.update(extra)
    return env


class SandboxProcess:
    """The SMSC sandbox in a process of its own (it outlives the app it serves)."""

    def __init__(self, home: Path, timeout: float = 30.0) -> None:
        home.mkdir(parents=True, exist_ok=True)
        self.log = (home / "sandbox.out").open("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "smsc_desktop.sandbox", "--port", "0"],
            cwd=ROOT,
            env=child_env(home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()  # "SMSC sandbox on http://127.0.0.1:PORT  ..."
        if not first.startswith("SMSC sandbox on "):
            self.stop()
            raise RuntimeError(f"the sandbox did not start: {first!r}")
        self.url = first.split()[3]
        self.http = httpx.Client(base_url=self.url, timeout=timeout)

    def control(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        answer = self.http.request(method, f"/sandbox/{path}", json=body)
        answer.raise_for_status()
        return answer.json()

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = self.control("GET", "state")
        return state

    def requests(self, key: str) -> int:
        return int(self.state()["requests"].get(key, 0))

    def log_of(self, endpoint: str, command: str) -> list[dict[str, Any]]:
        return [
            e
            for e in self.state()["log"]
            if e["endpoint"] == endpoint and e.get("command") == command
        ]

    def set_fault(self, endpoint: str, **fields: Any) -> None:
        self.control("POST", "faults", {"endpoint": endpoint, **fields})

    def clear_faults(self) -> None:
        self.control("DELETE", "faults")

    def create_job(self, size: int, **fields: Any) -> dict[str, Any]:
        job: dict[str, Any] = self.control("POST", "jobs", {"size": size, **fields})
        return job

    def job_info(self, job_id: int) -> dict[str, Any]:
        info: dict[str, Any] = self.control("GET", f"jobs/{job_id}")
        return info

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()
        if hasattr(self, "http"):
            self.http.close()


def save_profile(home: Path, server: str, login: str) -> tuple[str, str]:
    """A saved, active profile on ``server`` in the app folder under ``home``; returns its
    id and keyring user name."""
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.profiles import Profile, ProfileStore
    from smsc_desktop.services.settings import Settings

    paths = AppPaths(home / "smsc-desktop")
    settings = Settings(paths.settings_file)
    store = ProfileStore(settings)
    profile = store.add(Profile(name="Client", server=server, login=login))
    store.set_active(profile.id)
    settings.flush()  # written behind: on disk before another process reads it
    return profile.id, profile.secret_key


class AppChild:
    """The real app on a saved profile, in a child process (tests/helpers/app_child.py)."""

    def __init__(self, home: Path, sandbox: SandboxProcess, login: str, password: str) -> None:
        self.home = home
        self.probe = home / "probe"
        self.probe.mkdir(parents=True, exist_ok=True)
        self.profile_id, self.secret_key = save_profile(home, sandbox.url, login)
        self.password = password
        self.process: subprocess.Popen[str] | None = None
        self.runs = 0

    @property
    def data_dir(self) -> Path:
        return self.home / "smsc-desktop" / "profiles" / self.profile_id

    def start(self) -> None:
        for name in ("status.json", "command.json"):
            (self.probe / name).unlink(missing_ok=True)
        self.runs += 1
        env = child_env(
            self.home,
            SMSC_CHILD_PROBE=str(self.probe),
            SMSC_CHILD_SECRET_KEY=self.secret_key,
            SMSC_CHILD_SECRET=self.password,
        )
        self.output = (self.home / f"app-{self.runs}.out").open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.app_child"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def status(self) -> dict[str, Any]:
        try:
            status: dict[str, Any] = json.loads(
                (self.probe / "status.json").read_text(encoding="utf-8")
            )
        except (OSError, ValueError):
            return {}
        return status

    def wait(
        self, condition: Callable[[dict[str, Any]], object], timeout: float = 60.0
    ) -> dict[str, Any]:
        """The first status ``condition`` holds for (polled every 50 ms; the child writes a
        new one every 100 ms). Fails when the child exits or the time is up."""
        deadline = time.monotonic() + timeout
        status: dict[str, Any] = {}
        assert self.process is not None
        while time.monotonic() < deadline:
            status = self.status()
            if status and condition(status):
                return status
            try:  # between two looks, wait for the one thing that ends all hope: an exit
                code = self.process.wait(0.05)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"the app exited ({code}):\n{self.tail()}")
        raise AssertionError(f"timed out; last status {status}\n{self.tail()}")

    def command(self, **command: Any) -> None:
        path = self.probe / "command.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(command), encoding="utf-8")
        os.replace(temporary, path)

    def kill(self) -> None:
        """SIGKILL: no shutdown code of the app runs."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.output.close()

    def tail(self, lines: int = 40) -> str:
        path = self.home / f"app-{self.runs}.out"
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        log = self.home / "smsc-desktop" / "logs" / "smsc-desktop.log"
        if log.exists():
            text += "\n--- log ---\n" + log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


RENT_LATENCY = 600.0
"""The rent's answer comes this late: long after the kill, whatever the machine's load."""


def kill_and_restart(root: Path, size: int, rate: int, kill_at: int) -> dict[str, Any]:
    """The app killed in the middle of a download of ``size`` bytes (sent at ``rate``
    bytes/s, killed once ``kill_at`` are on disk) and of a rent SMSC carried out and
    answers late; then started again and watched until the file is done and the rent
    reconciled. Returns what was seen (tests/test_kill_restart.py, tests/perf/bench_kill.py).
    """
    from smsc_desktop.sandbox import DEMO_LOGIN, DEMO_PASSWORD
    from smsc_desktop.services.journal import Journal

    sandbox = SandboxProcess(root / "sandbox")
    app = AppChild(root / "home", sandbox, DEMO_LOGIN, DEMO_PASSWORD)
    try:
        job = sandbox.create_job(size, name="kill-test", status=2)
        sandbox.set_fault("downloads", rate=rate)
        app.start()
        phone = app.wait(
            lambda s: s.get("numbers_loaded") and s.get("free") and job["id"] in s.get("jobs", ())
        )["free"][0]
        # The rent first: SMSC carries it out at once and answers only after RENT_LATENCY,
        # so it is on its way however long the download below takes to reach ``kill_at``.
        sandbox.set_fault("receive_phones", latency=RENT_LATENCY, count=1)
        app.command(rent=phone)
        app.wait(lambda s: sandbox.requests("receive_phones.buy") == 1)
        app.command(download=job["id"], folder=str(root / "Downloads"))
        status = app.wait(lambda s: any(d["received"] >= kill_at for d in s["downloads"]))
        part = Path(status["downloads"][0]["target"] + ".part")
        app.kill()
        cut = part.stat().st_size if part.exists() else 0
        sandbox.clear_faults()

        restarted = time.monotonic()
        app.start()
        done = app.wait(
            lambda s: (
                any(d["state"] == "done" for d in s.get("downloads", ()))
                and s.get("mine", {}).get(phone) == "probably_rented"
                and "most likely rented" in s.get("numbers_message", "")
            ),
            timeout=300.0,
        )
        finished = time.monotonic() - restarted
        (item,) = done["downloads"]
        target = Path(item["target"])
        return {
            "phone": phone,
            "cut": cut,
            "size": target.stat().st_size,
            "sha256": sha256_of(target),
            "server_sha256": sandbox.job_info(job["id"])["sha256"],
            "file_statuses": [e["http_status"] for e in sandbox.log_of("downloads", "get_file")],
            "rents": sandbox.requests("receive_phones.buy"),
            "shown": done["shown"],
            "errors": done["errors"],
            "journal": [(e.action.value, e.outcome.value) for e in Journal(app.data_dir).read()],
            "restart_to_done_s": finished,
        }
    finally:
        app.kill()
        sandbox.stop()
