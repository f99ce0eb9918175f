"""The real app, started as a user would: --version, --demo --screenshot, offscreen and on X."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smsc_desktop import __version__
from tests.helpers.images import distinct_colours, image_size

ROOT = Path(__file__).resolve().parents[1]


def app_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        SMSC_DESKTOP_HOME=str(home / "smsc-desktop"),
        XDG_CONFIG_HOME=str(home / ".config"),
        PYTHONPATH=str(ROOT),
        SMSC_DESKTOP_LANG="en",
    )
    env.update(extra)
    return env


def test_size_option_reads_width_by_height() -> None:
    from smsc_desktop.app import parse_args

    assert parse_args(["--size", "1024x600"]).size == (1024, 600)
    assert parse_args([]).size is None
    for wrong in ("1024", "x600", "0x600", "big"):
        with pytest.raises(SystemExit):
            parse_args(["--size", wrong])


def test_version_prints_the_one_version(isolated_home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", "--version"],
        capture_output=True,
        text=True,
        env=app_env(isolated_home),
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"smsc-desktop {__version__}"


@pytest.mark.parametrize("tab", ["overview", "numbers", "verification", "exports"])
def test_demo_screenshot_offscreen(isolated_home: Path, tmp_path: Path, tab: str) -> None:
    shot = tmp_path / f"{tab}.png"
    args = ["--demo", "--screenshot", str(shot), "--tab", tab, "--size", "1024x600"]
    done = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert shot.exists()
    assert distinct_colours(shot) > 20
    assert image_size(shot) == (1024, 600)  # the window fits a small laptop screen
    # A clean shutdown: nothing alarming on stderr.
    for bad in ("Traceback", "Fatal", "Error", "Warning", "never awaited", "Unclosed"):
        assert bad not in done.stderr, done.stderr[-3000:]


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("SMSC_CI"):
            pytest.fail(f"{tool} is not installed; .ci/run must install it")
        pytest.skip(f"{tool} is not installed")
    return path


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    xvfb = _require("Xvfb")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the display number once it is ready
    assert number, "Xvfb did not start"
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.xvfb
def test_demo_screenshot_on_a_real_x_display(
    isolated_home: Path, tmp_path: Path, xvfb_display: str
) -> None:
    shot = tmp_path / "xcb.png"
    env = app_env(isolated_home, DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb")
    done = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", "--demo", "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert distinct_colours(shot) > 20


def test_account_dialog_screenshot_after_a_connection_test(
    isolated_home: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "accounts.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "smsc_desktop",
            "--demo",
            "--screenshot",
            str(shot),
            "--dialog",
            "accounts",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert distinct_colours(shot) > 20
    log = (isolated_home / "smsc-desktop" / "logs" / "smsc-desktop.log").read_text("utf-8")
    assert "Connection test of profile sandbox-demo: OK" in log
    settings = (isolated_home / "smsc-desktop" / "settings.json").read_text("utf-8")
    assert '"accounts/active": "sandbox-demo"' in settings  # the demo is a saved profile


def test_insights_screenshot_of_the_first_big_demo_download(
    isolated_home: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "insights.png"
    args = ["--demo", "--screenshot", str(shot), "--tab", "exports", "--dialog", "insights"]
    done = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert distinct_colours(shot) > 20
    for bad in ("Traceback", "Fatal", "Error", "never awaited", "Unclosed"):
        assert bad not in done.stderr, done.stderr[-3000:]
    downloads = isolated_home / "smsc-desktop" / "profiles" / "sandbox-demo" / "downloads"
    assert any(f.stat().st_size == 9 * 1024 * 1024 for f in downloads.glob("*.csv"))


def test_rent_confirmation_screenshot_sends_nothing(isolated_home: Path, tmp_path: Path) -> None:
    shot = tmp_path / "rent.png"
    args = ["--demo", "--screenshot", str(shot), "--tab", "numbers", "--dialog", "rent"]
    done = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert distinct_colours(shot) > 20
    assert not (
        isolated_home / "smsc-desktop" / "profiles" / "sandbox-demo" / "journal.jsonl"
    ).exists()


def test_first_run_without_accounts_shows_the_welcome(isolated_home: Path, tmp_path: Path) -> None:
    shot = tmp_path / "welcome.png"
    done = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", "--screenshot", str(shot), "--dialog", "accounts"],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert distinct_colours(shot) > 20


def test_no_keyring_flag_means_session_only(isolated_home: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "smsc_desktop",
            "--demo",
            "--no-keyring",
            "--screenshot",
            str(tmp_path / "shot.png"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    log = (isolated_home / "smsc-desktop" / "logs" / "smsc-desktop.log").read_text("utf-8")
    assert "Keyring: not resolved yet; session only (disabled); --no-keyring" in log


def test_a_saved_demo_account_reopens_without_the_demo_flag(
    isolated_home: Path, tmp_path: Path
) -> None:
    env = app_env(isolated_home, QT_QPA_PLATFORM="offscreen")
    for args in (["--demo"], []):
        done = subprocess.run(
            [sys.executable, "-m", "smsc_desktop", *args, "--screenshot", str(tmp_path / "s.png")],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    log = (isolated_home / "smsc-desktop" / "logs" / "smsc-desktop.log").read_text("utf-8")
    assert log.count("Demo sandbox listening") == 2  # the second run started it on demand
    assert log.count("is active") == 2
