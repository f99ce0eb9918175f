"""Helper processes started early (smsc_desktop/launch.py): the first use takes the one
already running, a helper never used ends with the app."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smsc_desktop import launch
from smsc_desktop.sandbox import child as sandbox_child
from smsc_desktop.sandbox.child import SandboxChild
from smsc_desktop.services import keyring_child
from tests.helpers.file_keyring import ENV
from tests.helpers.processes import ROOT


@pytest.fixture(autouse=True)
def _helpers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv(ENV, str(tmp_path / "keyring.json"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.helpers.file_keyring.FileKeyring")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.chdir(ROOT)
    yield
    launch.discard_early()


def early() -> list[subprocess.Popen[str]]:
    return list(launch._early)


def test_the_sandbox_started_early_is_the_one_demo_mode_uses() -> None:
    launch.spawn_early(sandbox_child.FLAG, "0")
    (started,) = early()
    child = SandboxChild()
    try:
        assert child.url().startswith("http://127.0.0.1:")
        assert child.process is started
    finally:
        child.stop()
    assert started.returncode == 0


def test_another_command_gets_a_new_process_and_leaves_the_early_one() -> None:
    launch.spawn_early(keyring_child.FLAG)
    (started,) = early()
    other = launch.take([sys.executable, "-c", "import sys; sys.stdin.read()"])
    assert other is not started
    assert early() == [started]
    launch.retire(other, kill=False, timeout=10)


def test_an_early_helper_that_already_ended_is_replaced() -> None:
    command = [sys.executable, "-c", "pass"]
    ended = launch.spawn(command)
    ended.wait(timeout=30)
    launch._early.append(ended)
    fresh = launch.take(command)
    assert fresh is not ended
    assert ended.stdout is not None
    assert ended.stdout.closed  # retired, pipes closed
    launch.retire(fresh, kill=False, timeout=10)


def test_helpers_never_taken_end_with_the_app() -> None:
    launch.spawn_early(keyring_child.FLAG)
    launch.spawn_early(sandbox_child.FLAG, "0")
    started = early()
    launch.discard_early()
    assert not early()
    assert all(process.returncode is not None for process in started)


def test_the_keyring_helper_started_early_is_the_one_the_keyring_uses() -> None:
    """``app.main`` starts it before Qt for any start but ``--demo``: the app's first keyring
    call takes that process (opened by then) instead of starting another."""
    launch.spawn_early(keyring_child.FLAG)
    (started,) = early()
    backend = keyring_child.ChildKeyring.start()
    try:
        assert not early()  # taken
        backend.set_password("smsc-desktop-test", "early", "s3cret")
        assert backend.get_password("smsc-desktop-test", "early") == "s3cret"
        assert started.poll() is None  # it is the one answering
    finally:
        backend.close()
    assert started.wait(timeout=30) is not None


def test_an_early_helper_the_first_view_did_not_need_ends_once_the_window_is_ready(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No account to show (or a demo profile): the keyring's helper ``main`` started early
    is ended when the window is ready, not left idle until the app closes."""
    from smsc_desktop import app
    from smsc_desktop.services import gcpause

    monkeypatch.setattr(app.gc, "freeze", lambda: None)  # not this test process's objects
    monkeypatch.setattr(gcpause, "release_memory", lambda: None)

    class NoAccountWindow:
        ctx = None

    launch.spawn_early(keyring_child.FLAG)
    (started,) = early()
    asyncio.run(app._collect_when_ready(NoAccountWindow()))  # type: ignore[arg-type]
    assert not early()
    assert started.returncode is not None


def test_sources_read_on_the_way_are_not_kept_once_the_window_is_ready(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """anyio reads its package's source to build its lazy imports (and PySide6 the first few
    modules'): linecache would keep those lines for the whole run."""
    import linecache

    from smsc_desktop import app
    from smsc_desktop.services import gcpause

    monkeypatch.setattr(app.gc, "freeze", lambda: None)
    monkeypatch.setattr(gcpause, "release_memory", lambda: None)

    class NoAccountWindow:
        ctx = None

    assert linecache.getlines(app.__file__)  # read, as anyio's import reads its own
    asyncio.run(app._collect_when_ready(NoAccountWindow()))  # type: ignore[arg-type]
    assert app.__file__ not in linecache.cache
