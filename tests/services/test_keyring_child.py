"""The keyring reached through a child process (services/keyring_child.py): the app never
imports keyring, the child answers as the keyring would and exits when idle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from smsc_desktop.services import keyring_child
from smsc_desktop.services.keyring_child import ChildKeyring, ChildKeyringError
from smsc_desktop.services.redaction import redact
from smsc_desktop.services.secrets import (
    SERVICE_NAME,
    KeyringProblem,
    SecretStore,
    keyring_in_child,
)
from tests.helpers.file_keyring import ENV
from tests.helpers.processes import ROOT

SECRET = "Child-secret-5531-unique"


@pytest.fixture
def child_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The child opens a file-backed test keyring (a new child sees what the last stored)."""
    store = tmp_path / "keyring.json"
    monkeypatch.setenv(ENV, str(store))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.helpers.file_keyring.FileKeyring")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.chdir(ROOT)
    return store


def stored(path: Path) -> str:
    return path.read_text("utf-8")


def use(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"tests.helpers.file_keyring.{backend}")


async def test_store_read_and_delete_through_children(child_keyring: Path) -> None:
    store = SecretStore(backend_factory=ChildKeyring.start)
    assert await store.set("profile:c", SECRET) is True
    assert SECRET in stored(child_keyring)
    assert store.status.usable
    assert store.status.backend == "tests.helpers.file_keyring.FileKeyring"

    fresh = SecretStore(backend_factory=ChildKeyring.start)  # the next run of the app
    assert await fresh.get("profile:c") == SECRET
    assert redact(f"log {SECRET}") == "log ***"
    assert await fresh.delete("profile:c") is True
    assert await fresh.delete("profile:c") is True  # nothing stored: fine
    assert await fresh.get("profile:c") is None
    assert SECRET not in stored(child_keyring)


async def test_the_first_read_comes_with_the_opening(child_keyring: Path) -> None:
    await SecretStore(backend_factory=ChildKeyring.start).set("profile:f", SECRET)
    store = SecretStore(backend_factory=ChildKeyring.start)
    store.open_soon(read_first="profile:f")
    assert await store.get("profile:f") == SECRET


def test_the_child_exits_when_idle_and_a_new_one_answers(
    child_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = ChildKeyring.start()
    backend.set_password(SERVICE_NAME, "profile:i", SECRET)
    first = backend._process
    assert first is not None
    assert first.wait(timeout=30) == 0  # idle for LINGER seconds: gone
    assert backend.get_password(SERVICE_NAME, "profile:i") == SECRET
    assert backend._process is not first
    backend.close()


async def test_a_locked_keyring_in_the_child_is_reported_as_locked(
    child_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use("LockedFileKeyring", monkeypatch)
    store = SecretStore(backend_factory=ChildKeyring.start)
    assert await store.get("profile:l") is None
    assert store.status.problem is KeyringProblem.LOCKED
    assert "KeyringLocked" in store.status.detail


async def test_an_unusable_backend_in_the_child_keeps_secrets_for_the_session(
    child_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    store = SecretStore(backend_factory=ChildKeyring.start)
    assert await store.set("profile:n", SECRET) is False
    assert store.status.problem is KeyringProblem.NO_BACKEND
    assert store.status.backend == "keyring.backends.null.Keyring"
    assert await store.get("profile:n") == SECRET  # this session only


async def test_a_hanging_child_times_out_and_is_stopped(
    child_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use("HangingFileKeyring", monkeypatch)
    made: list[ChildKeyring] = []

    def factory() -> ChildKeyring:
        made.append(ChildKeyring.start())
        return made[0]

    store = SecretStore(backend_factory=factory, timeout=1.0)
    assert await store.get("profile:h") is None
    assert store.status.problem is KeyringProblem.TIMEOUT
    process = made[0]._process
    assert process is None  # closed: killed, not left waiting on a prompt


def test_a_child_that_cannot_open_the_keyring_says_why(
    child_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.module.Keyring")
    with pytest.raises(ChildKeyringError) as failure:
        ChildKeyring.start()
    assert failure.value.problem in set(KeyringProblem)


def test_the_app_never_imports_keyring(child_keyring: Path) -> None:
    """The point of the child: keyring, secretstorage and cryptography stay out of the app."""
    code = f"""
import asyncio, sys
from smsc_desktop.services.secrets import SecretStore, keyring_in_child

async def main():
    store = SecretStore(backend_factory=keyring_in_child)
    assert await store.set("profile:p", {SECRET!r}) is True
    assert await store.get("profile:p") == {SECRET!r}
    assert await store.delete("profile:p") is True
    assert store.status.usable, store.status

asyncio.run(main())
loaded = [m for m in ("keyring", "secretstorage", "cryptography", "jeepney") if m in sys.modules]
assert not loaded, loaded
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=ROOT)


def test_the_app_starts_the_child_with_its_own_flag() -> None:
    assert keyring_child.child_command()[-1] == keyring_child.FLAG == "--keyring-child"
    source = (ROOT / "smsc_desktop" / "app.py").read_text("utf-8")
    assert f'["{keyring_child.FLAG}"]' in source


def test_what_a_backend_prints_does_not_break_the_answers(
    child_keyring: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use("ChattyFileKeyring", monkeypatch)
    backend = ChildKeyring.start()
    backend.set_password(SERVICE_NAME, "profile:t", SECRET)
    assert backend.get_password(SERVICE_NAME, "profile:t") == SECRET
    backend.close()


async def test_a_helper_that_does_not_work_leaves_the_keyring_in_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The child is a saving: when it cannot start or does not answer, the keyring is
    opened in the app (here the tests' in-memory one), never lost."""
    broken = [sys.executable, "-c", "pass"]  # exits at once, without a word
    store = SecretStore(backend_factory=lambda: keyring_in_child(broken))
    assert await store.set("profile:b", SECRET) is True
    assert store.status.usable
    assert store.status.backend.endswith("MemoryKeyring")
    missing = SecretStore(backend_factory=lambda: keyring_in_child(["/no/such/program"]))
    assert await missing.probe() == missing.status
    assert missing.status.usable
