"""A real account for the startup and memory benchmarks: a sandbox in its own process, a
saved profile pointing at it, and its password in a real Secret Service.

What a person's start of the app costs on a Linux desktop is reading the password from the
Secret Service over D-Bus (keyring → secretstorage → jeepney, a D-Bus round trip, the DH
session) and asking a server that runs in another process. So the benchmark runs both:

- ``SecretService``: a private D-Bus session bus (``dbus-daemon``) with an unlocked
  ``gnome-keyring-daemon``, the same pair as tests/services/test_secrets_real_keyring.py.
  The app finds it through ``DBUS_SESSION_BUS_ADDRESS`` and resolves keyring's real
  ``SecretService`` backend; nothing is faked. Without the tools the account variants are
  skipped (never measured against a fake keyring that would hide the real cost).
- ``SandboxProcess``: ``python -m smsc_desktop.sandbox --port 0`` as a separate process, as
  a real SMSC server would be.
- ``write_profile``: the settings file of a fresh home with one saved profile, the active one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PROFILE_ID = "perfaccount01"
SERVICE_NAME = "smsc-desktop"  # smsc_desktop.services.secrets.SERVICE_NAME
LOGIN = "demo"  # smsc_desktop.sandbox.config.DEMO_LOGIN
PASSWORD = "demo-password"  # smsc_desktop.sandbox.config.DEMO_PASSWORD
STARTUP_TIMEOUT_S = 30.0


def _check_demo_credentials() -> None:
    from smsc_desktop.sandbox.config import DEMO_LOGIN, DEMO_PASSWORD

    assert (LOGIN, PASSWORD) == (DEMO_LOGIN, DEMO_PASSWORD), "the sandbox's demo account moved"


class SecretService:
    """A private D-Bus session with an unlocked gnome-keyring (``env`` for the children)."""

    def __init__(self) -> None:
        self.env: dict[str, str] = {}
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._bus: subprocess.Popen[str] | None = None

    @staticmethod
    def available() -> bool:
        return bool(shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon"))

    def __enter__(self) -> SecretService:
        self._tmp = tempfile.TemporaryDirectory(prefix="smsc-perf-keyring-")
        home = Path(self._tmp.name)
        runtime = home / "run"
        runtime.mkdir(mode=0o700)
        self._bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # "Failed to set fd limit" when not allowed to: harmless
            stdin=subprocess.DEVNULL,
            text=True,
        )
        assert self._bus.stdout is not None
        address = self._bus.stdout.readline().strip()
        if not address:
            self.__exit__(None, None, None)
            raise RuntimeError("dbus-daemon printed no address")
        self.env = {
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_RUNTIME_DIR": str(runtime),
        }
        daemon_env = {
            **_without_keyring_overrides(os.environ),
            **self.env,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
        }
        subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input="perf-unlock",
            env=daemon_env,
            capture_output=True,
            text=True,
            timeout=STARTUP_TIMEOUT_S,
            check=True,
        )
        return self

    def store(self, key: str, secret: str) -> None:
        """Put ``secret`` under the app's service name and ``key``, through keyring."""
        code = (
            "import sys, keyring.backends.SecretService as s\n"
            "s.Keyring().set_password(sys.argv[1], sys.argv[2], sys.stdin.read())\n"
        )
        subprocess.run(
            [sys.executable, "-c", code, SERVICE_NAME, key],
            input=secret,
            env={**_without_keyring_overrides(os.environ), **self.env},
            capture_output=True,
            text=True,
            timeout=STARTUP_TIMEOUT_S,
            check=True,
        )

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bus is not None:
            self._bus.terminate()  # gnome-keyring-daemon leaves with its bus
            self._bus.wait(10)
            self._bus = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


class SandboxProcess:
    """``python -m smsc_desktop.sandbox --port 0`` in its own process; ``url`` once it serves."""

    def __init__(self, numbers: int | None = None) -> None:
        self.numbers = numbers
        self.url = ""
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> SandboxProcess:
        _check_demo_credentials()
        command = [sys.executable, "-m", "smsc_desktop.sandbox", "--port", "0", "--no-limits"]
        if self.numbers is not None:
            command += ["--numbers", str(self.numbers)]
        self._proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        assert self._proc.stdout is not None
        first = self._proc.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)", first)
        if not found:
            self.__exit__(None, None, None)
            raise RuntimeError(f"the sandbox did not start: {first!r}")
        self.url = found.group(1)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(10)
            self._proc = None


def write_profile(app_home: Path, server: str) -> None:
    """The settings of ``app_home`` (``SMSC_DESKTOP_HOME``): one account on ``server``."""
    from smsc_desktop.services.profiles import Profile, ProfileStore
    from smsc_desktop.services.settings import Settings

    app_home.mkdir(parents=True, exist_ok=True)
    settings = Settings(app_home / "settings.json")
    store = ProfileStore(settings)
    store.add(Profile(name="Perf account", server=server, login=LOGIN, id=PROFILE_ID))
    store.set_active(PROFILE_ID)
    settings.flush()  # written behind: on disk before the app's process reads it


def secret_key() -> str:
    return f"profile:{PROFILE_ID}"


def _without_keyring_overrides(env: Any) -> dict[str, str]:
    drop = ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")
    return {k: v for k, v in env.items() if k not in drop}
