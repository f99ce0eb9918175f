"""SecretStore: the keyring when it works; session memory, a reason and no file when not."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from keyring.backends import chainer, fail, null

from smsc_desktop.services.redaction import redact
from smsc_desktop.services.secrets import (
    SERVICE_NAME,
    KeyringProblem,
    KeyringStatus,
    SecretStore,
    classify_backend,
    classify_error,
    run_in_daemon_thread,
)
from tests.helpers.fake_keyrings import (
    DBusGoneKeyring,
    HangingKeyring,
    LockedKeyring,
    PlaintextFileKeyring,
    PromptDismissedKeyring,
)
from tests.helpers.memory_keyring import MemoryKeyring

SECRET = "Zq-secret-7781-unique"


def files_containing(root: Path, needle: str) -> list[Path]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file() and needle.encode() in path.read_bytes():
            hits.append(path)
    return hits


# --- the keyring works -------------------------------------------------------------------


async def test_working_keyring_stores_reads_and_deletes(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert await store.set("profile:a", SECRET) is True
    assert memory_keyring.store[(SERVICE_NAME, "profile:a")] == SECRET
    assert store.session_keys() == []  # not kept twice

    fresh = SecretStore()  # a restart of the services
    assert await fresh.get("profile:a") == SECRET
    assert fresh.status.usable
    assert fresh.status.backend.endswith("MemoryKeyring")

    assert await fresh.delete("profile:a") is True
    assert (SERVICE_NAME, "profile:a") not in memory_keyring.store
    assert await fresh.delete("profile:a") is True  # deleting nothing is fine
    assert await fresh.get("profile:a") is None


async def test_loaded_secrets_are_masked_in_logs() -> None:
    backend = MemoryKeyring()
    backend.set_password(SERVICE_NAME, "profile:b", "Loaded-secret-991")
    store = SecretStore(backend_factory=lambda: backend)
    assert await store.get("profile:b") == "Loaded-secret-991"
    assert redact("oops Loaded-secret-991 here") == "oops *** here"


async def test_keyring_calls_run_off_the_calling_thread() -> None:
    seen: list[str] = []

    class Recording(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            seen.append(threading.current_thread().name)
            return None

    store = SecretStore(backend_factory=Recording)
    await store.get("profile:x")
    assert seen == ["keyring-call"]
    assert threading.current_thread().name not in seen


# --- no usable keyring: session only, with a reason ----------------------------------------


@pytest.mark.parametrize(
    ("backend", "problem"),
    [
        (fail.Keyring(), KeyringProblem.NO_BACKEND),
        (null.Keyring(), KeyringProblem.NO_BACKEND),
        (PlaintextFileKeyring(), KeyringProblem.INSECURE),
    ],
    ids=["fail", "null", "plaintext-file"],
)
async def test_unusable_backend_keeps_secrets_for_the_session_only(
    backend: object, problem: KeyringProblem, isolated_home: Path
) -> None:
    changes: list[KeyringStatus] = []
    store = SecretStore(backend_factory=lambda: backend)
    store.status_changed.connect(changes.append)
    assert await store.set("profile:c", SECRET) is False
    assert store.status.problem is problem
    assert changes[-1].problem is problem
    assert store.session_only
    assert await store.get("profile:c") == SECRET  # for this session
    assert SecretStore(backend_factory=lambda: backend).session_keys() == []  # not after
    assert getattr(backend, "store", {}) == {}  # the plaintext backend was never written
    assert files_containing(isolated_home, SECRET) == []


@pytest.mark.parametrize(
    ("backend_cls", "problem"),
    [
        (LockedKeyring, KeyringProblem.LOCKED),
        (PromptDismissedKeyring, KeyringProblem.LOCKED),
        (DBusGoneKeyring, KeyringProblem.UNREACHABLE),
    ],
    ids=["locked", "prompt-dismissed", "dbus-gone"],
)
async def test_failing_keyring_falls_back_to_session_memory(
    backend_cls: type, problem: KeyringProblem, isolated_home: Path
) -> None:
    backend = backend_cls()
    store = SecretStore(backend_factory=lambda: backend)
    assert await store.get("profile:d") is None  # the read fails: no secret, a reason
    assert store.status.problem is problem
    assert "read" in store.status.detail
    assert await store.set("profile:d", SECRET) is False
    assert await store.get("profile:d") == SECRET
    assert backend.calls == 1  # after the first failure the keyring is left alone
    assert files_containing(isolated_home, SECRET) == []


async def test_a_hanging_keyring_times_out_without_blocking_the_loop(
    isolated_home: Path,
) -> None:
    backend = HangingKeyring()
    store = SecretStore(backend_factory=lambda: backend, timeout=0.2)
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beat = asyncio.create_task(heartbeat())
    started = time.monotonic()
    try:
        assert await store.set("profile:e", SECRET) is False
    finally:
        beat.cancel()
    elapsed = time.monotonic() - started
    assert 0.15 < elapsed < 2.0
    assert ticks >= 5  # the loop kept running while the keyring hung
    assert store.status.problem is KeyringProblem.TIMEOUT
    assert await store.get("profile:e") == SECRET
    backend.release.set()
    assert files_containing(isolated_home, SECRET) == []


async def test_a_hanging_backend_lookup_times_out_too() -> None:
    release = threading.Event()

    def slow_factory() -> MemoryKeyring:
        release.wait(30)
        return MemoryKeyring()

    store = SecretStore(backend_factory=slow_factory, timeout=0.1)
    status = await store.probe()
    release.set()
    assert status.problem is KeyringProblem.TIMEOUT


async def test_no_keyring_flag_never_touches_the_keyring() -> None:
    calls: list[str] = []

    def factory() -> MemoryKeyring:
        calls.append("resolved")
        return MemoryKeyring()

    store = SecretStore(enabled=False, backend_factory=factory)
    assert store.status.problem is KeyringProblem.DISABLED
    assert await store.set("profile:f", SECRET) is False
    assert await store.get("profile:f") == SECRET
    assert await store.retry() == store.status  # --no-keyring stays in force
    assert await store.delete("profile:f") is False
    assert await store.get("profile:f") is None
    assert calls == []


async def test_retry_after_unlock_moves_session_secrets_into_the_keyring() -> None:
    backend = MemoryKeyring()
    locked = {"on": True}

    class Unlockable(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            if locked["on"]:
                raise LockedKeyring().error()
            return backend.get_password(service, username)

        def set_password(self, service: str, username: str, password: str) -> None:
            if locked["on"]:
                raise LockedKeyring().error()
            backend.set_password(service, username, password)

    store = SecretStore(backend_factory=Unlockable)
    assert await store.set("profile:g", SECRET) is False
    assert store.status.problem is KeyringProblem.LOCKED
    locked["on"] = False  # the user unlocked the keyring
    status = await store.retry()
    assert status.usable
    assert backend.store[(SERVICE_NAME, "profile:g")] == SECRET
    assert store.session_keys() == []


# --- classification ----------------------------------------------------------------------


def test_chainer_is_judged_by_its_first_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [], raising=False)
    assert classify_backend(chainer.ChainerBackend()) is KeyringProblem.NO_BACKEND
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [MemoryKeyring()], raising=False)
    assert classify_backend(chainer.ChainerBackend()) is None
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextFileKeyring()], raising=False)
    assert classify_backend(chainer.ChainerBackend()) is KeyringProblem.INSECURE


def test_errors_are_classified() -> None:
    from keyring.errors import KeyringError, NoKeyringError

    assert classify_error(NoKeyringError("none")) is KeyringProblem.NO_BACKEND
    assert classify_error(TimeoutError()) is KeyringProblem.TIMEOUT
    assert classify_error(ConnectionRefusedError()) is KeyringProblem.UNREACHABLE
    assert classify_error(KeyringError("odd")) is KeyringProblem.ERROR
    assert classify_error(ValueError("odd")) is KeyringProblem.ERROR


async def test_daemon_thread_result_and_error() -> None:
    assert await run_in_daemon_thread(lambda: 42, 1.0) == 42
    with pytest.raises(ZeroDivisionError):
        await run_in_daemon_thread(lambda: 1 / 0, 1.0)


def test_status_description() -> None:
    assert KeyringStatus("x.Keyring").describe() == "x.Keyring; usable"
    text = KeyringStatus("x.Keyring", KeyringProblem.LOCKED, "read: locked").describe()
    assert text == "x.Keyring; session only (locked); read: locked"


async def test_open_soon_starts_the_keyring_on_the_next_turn_once() -> None:
    """The app asks for the keyring before building the window: its thread starts on the
    loop's next turn, not after the several turns a read takes to get there; the read that
    follows uses the same backend, opened once."""
    opened = threading.Event()
    calls: list[str] = []

    def factory() -> MemoryKeyring:
        calls.append("resolved")
        opened.set()
        backend = MemoryKeyring()
        backend.set_password(SERVICE_NAME, "profile:s", SECRET)
        return backend

    store = SecretStore(backend_factory=factory)
    store.open_soon()
    await asyncio.sleep(0)  # one turn of the loop
    assert await asyncio.to_thread(opened.wait, 5.0)
    assert await store.get("profile:s") == SECRET
    store.open_soon()  # open already: nothing more
    assert calls == ["resolved"]

    disabled = SecretStore(enabled=False, backend_factory=factory)
    disabled.open_soon()
    await asyncio.sleep(0)
    assert calls == ["resolved"]


async def test_open_soon_reads_the_first_secret_without_waiting_for_the_loop() -> None:
    """At startup the loop is busy building the window: the secret asked for with the
    keyring's opening is read on the opening's own thread, not a loop turn later."""
    read = threading.Event()
    threads: list[str] = []

    class Recording(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            threads.append(threading.current_thread().name)
            read.set()
            return super().get_password(service, username)

    backend = Recording()
    backend.set_password(SERVICE_NAME, "profile:s", SECRET)
    store = SecretStore(backend_factory=lambda: backend)
    store.open_soon(read_first="profile:s")
    await asyncio.sleep(0)  # the opening's thread starts
    assert read.wait(5.0)  # the loop blocked, as a busy GUI thread is: read all the same
    assert await store.get("profile:s") == SECRET
    assert await store.get("profile:s") == SECRET  # kept: not read twice
    assert threads == ["keyring-open"]
    assert redact(f"x {SECRET}") == "x ***"


async def test_a_first_read_that_fails_leaves_the_store_session_only() -> None:
    backend = LockedKeyring()
    store = SecretStore(backend_factory=lambda: backend)
    store.open_soon(read_first="profile:l")
    assert await store.get("profile:l") is None
    assert store.status.problem is KeyringProblem.LOCKED
    assert backend.calls == 1


async def test_other_keyring_calls_wait_for_the_first_read() -> None:
    """Backends are not thread-safe: a write does not run beside the opening's read."""
    release = threading.Event()
    order: list[str] = []

    class Slow(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            order.append("read starts")
            release.wait(5.0)
            order.append("read ends")
            return super().get_password(service, username)

        def set_password(self, service: str, username: str, password: str) -> None:
            order.append("write")
            super().set_password(service, username, password)

    store = SecretStore(backend_factory=Slow)
    store.open_soon(read_first="profile:a")
    assert await store.probe() == KeyringStatus(store.status.backend)
    write = asyncio.ensure_future(store.set("profile:b", SECRET))
    await asyncio.sleep(0.05)
    release.set()
    assert await write is True
    assert await store.get("profile:a") is None
    assert order == ["read starts", "read ends", "write"]


async def test_an_unusable_backend_drops_the_first_read() -> None:
    store = SecretStore(backend_factory=null.Keyring)
    store.open_soon(read_first="profile:n")
    assert await store.get("profile:n") is None
    assert store.status.problem is KeyringProblem.NO_BACKEND
