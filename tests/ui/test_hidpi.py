"""At 200 % (QT_SCALE_FACTOR=2, in a child process: the factor is read once at start): every
icon gives a sharp pixmap (SVG, drawn at twice the size), no button or label text is cut (with
the demo account's data in every tab), the
window fits a 1280×720 screen (2560×1440 at 200 %, 1920×1080 at 150 %), and the screenshot has
twice the pixels."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from tests.helpers.images import distinct_colours
from tests.test_app_cli import app_env

SMALLEST_SCREEN = (1280, 720)  # logical pixels
APP = (sys.executable, "-m", "smsc_desktop")


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("hidpi")
    done = subprocess.run(
        [sys.executable, "-m", "tests.helpers.hidpi_probe", str(home / "app")],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(home, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_icons_are_sharp_at_twice_the_pixels(probe: dict[str, Any]) -> None:
    assert probe["ratio"] == 2.0
    assert probe["icons"], "no icons found"
    blurry = {name: size for name, size in probe["icons"].items() if size != [32, 32, 2.0]}
    assert not blurry, blurry


def test_no_text_is_cut_and_the_window_fits(probe: dict[str, Any]) -> None:
    assert probe["balance"]  # measured with the demo account's figures in every tab
    assert all(probe["loaded"].values()), probe["loaded"]
    assert probe["loop_errors"] == []
    assert probe["clipped"] == []
    width, height = probe["least"]
    assert width <= SMALLEST_SCREEN[0]
    assert height <= SMALLEST_SCREEN[1]


def test_the_screenshot_has_twice_the_pixels(isolated_home: Path, tmp_path: Path) -> None:
    shot = tmp_path / "numbers@2x.png"
    done = subprocess.run(
        [*APP, "--demo", "--screenshot", str(shot), "--tab", "numbers"],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(isolated_home, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    image = QImage(str(shot))
    assert image.width() >= 2 * 1000  # the 1200 px window, drawn at 2×
    assert distinct_colours(shot) > 20
