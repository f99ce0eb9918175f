"""``--page``: the page of the Verification tab to show (and to screenshot), issue 12."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from smsc_desktop.app import PAGE_NAMES, parse_args
from tests.helpers.images import distinct_colours
from tests.test_app_cli import app_env


def test_the_page_names_are_the_tabs_pages() -> None:
    from smsc_desktop.ui.tabs.verification import PAGES

    assert PAGE_NAMES == PAGES


def test_page_implies_the_verification_tab() -> None:
    assert parse_args(["--page", "captcha"]).tab == "verification"
    assert parse_args(["--tab", "verification", "--page", "url"]).page == "url"
    assert parse_args(["--tab", "numbers"]).page is None


def test_page_of_another_tab_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--tab", "numbers", "--page", "captcha"])
    assert "--page is a page of the Verification tab" in capsys.readouterr().err


def test_demo_screenshot_of_the_captcha_page(isolated_home: Path, tmp_path: Path) -> None:
    """The page waits for its live picture before the screenshot is taken."""
    shot = tmp_path / "captcha.png"
    command = [sys.executable, "-m", "smsc_desktop", "--demo", "--screenshot", str(shot)]
    done = subprocess.run(
        [*command, "--page", "captcha"],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert distinct_colours(shot) > 20
    for bad in ("Traceback", "Fatal", "Error", "Warning", "never awaited", "Unclosed"):
        assert bad not in done.stderr, done.stderr[-3000:]
