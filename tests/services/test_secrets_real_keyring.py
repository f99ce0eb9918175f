"""The secret really is in a Secret Service (gnome-keyring under dbus-run-session), survives a
restart of the app's services, and is gone after the profile is deleted; a locked keyring
keeps it out of every file. Skipped without the tools, unless SMSC_CI says they must exist.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.keyring_child import SECRET

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.real_keyring


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("SMSC_CI"):
            pytest.fail(f"{tool} is not installed; .ci/run must install it")
        pytest.skip(f"{tool} is not installed")
    return path


def run_session(home: Path, script: str, via: str = "") -> list[dict[str, object]]:
    """Run ``script`` (sh) in a private D-Bus session; its steps print JSON lines."""
    dbus = require("dbus-run-session")
    require("gnome-keyring-daemon")
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_RUNTIME_DIR=str(home / "run"),
        PYTHONPATH=str(ROOT),
        PY=sys.executable,
        APPROOT=str(home / "smsc-desktop"),
        SMSC_KEYRING_VIA=via,
    )
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    done = subprocess.run(
        [dbus, "--", "sh", "-ec", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def files_containing(root: Path, needle: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


@pytest.mark.parametrize("via", ["", "child"], ids=["in-process", "child-process"])
def test_secret_is_stored_in_the_secret_service_and_read_back_after_a_restart(
    isolated_home: Path, via: str
) -> None:
    child = '"$PY" -m tests.helpers.keyring_child'
    results = run_session(
        isolated_home,
        "echo -n unlock-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null\n"
        f'{child} store "$APPROOT"\n'
        f'{child} read "$APPROOT"\n'
        f'{child} verify "$APPROOT"\n'
        f'{child} delete "$APPROOT"\n'
        f'{child} gone "$APPROOT"\n',
        via,
    )
    store, read, verify, delete, gone = results
    if via == "child":  # as the app does: keyring only in the child process
        assert not any(step["keyring_imported"] for step in (store, read, delete))
    assert store["backend"] == "keyring.backends.SecretService.Keyring"
    assert store["usable"]
    assert store["in_keyring"]
    assert read["match"]  # a new process found it in the keyring
    assert verify == {**verify, "count": 1, "match": True}  # seen through secretstorage too
    assert delete["deleted"]
    assert gone["count"] == 0
    app_root = isolated_home / "smsc-desktop"
    assert files_containing(app_root, SECRET) == []  # never in the settings


@pytest.mark.parametrize("via", ["", "child"], ids=["in-process", "child-process"])
def test_locked_secret_service_means_session_only_and_no_file(
    isolated_home: Path, via: str
) -> None:
    # No --unlock: the login collection cannot be created or unlocked (measured:
    # "Failed to create the collection: Prompt dismissed").
    results = run_session(
        isolated_home,
        "gnome-keyring-daemon --start --components=secrets >/dev/null\n"
        '"$PY" -m tests.helpers.keyring_child locked "$APPROOT"\n',
        via,
    )
    [locked] = results
    assert locked["in_keyring"] is False
    assert locked["problem"] in ("locked", "timeout")
    assert files_containing(isolated_home, SECRET) == []


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="elsewhere this would reach the user's keychain"
)
def test_no_secret_service_at_all_is_reported(isolated_home: Path, tmp_path: Path) -> None:
    """Without a D-Bus session keyring falls back to its fail backend: no keyring."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")
    }
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.keyring_child", "locked", str(tmp_path / "app")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["in_keyring"] is False
    assert result["problem"] in ("no-backend", "unreachable", "locked")
    assert files_containing(isolated_home, SECRET) == []
    assert files_containing(tmp_path, SECRET) == []
