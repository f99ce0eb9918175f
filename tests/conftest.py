"""Test isolation shared by the whole suite.

Every test gets its own HOME, XDG folders and SMSC Desktop data folder under tmp_path, an
in-memory keyring, and Qt on the offscreen platform. No test touches the user's settings,
the user's keyring or the internet.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.helpers.memory_keyring.MemoryKeyring"
# Keep proxies configured on a developer machine away from loopback traffic.
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ.pop(_var, None)
os.environ["NO_PROXY"] = "127.0.0.1,localhost"

pytest_plugins = [
    "tests.helpers.sandbox",
    "tests.helpers.qt",
    "tests.helpers.handler",
    "tests.helpers.lifetimes",
    "tests.helpers.exports_tab",
]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point HOME, the XDG folders and the app's own folder into tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("SMSC_DESKTOP_HOME", str(home / "smsc-desktop"))
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[object]:
    """A fresh in-memory keyring for every test."""
    from tests.helpers.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
