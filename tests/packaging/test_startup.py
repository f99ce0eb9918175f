"""What runs before the first paint stays light (the startup budget: tests/perf startup)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.packaging.conftest import ROOT

HEAVY = (
    "asyncio",
    "qasync",
    "httpx",
    "keyring",
    "aiohttp",
    "smsc_desktop.api",
    "smsc_desktop.sandbox",
)


def test_window_is_shown_before_heavy_imports() -> None:
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
import smsc_desktop.app as app
args = app.parse_args(["--demo"])
qt = QApplication([])
app._install_translator(qt)
from smsc_desktop.ui.main_window import MainWindow
window = MainWindow()
window.show()
qt.processEvents()
heavy = [m for m in {HEAVY!r} if m in sys.modules]
assert not heavy, heavy
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=ROOT)


def test_startup_probe_marks_the_first_paint(tmp_path: Path) -> None:
    marks = tmp_path / "marks.txt"
    env = {**os.environ, "SMSC_DESKTOP_STARTUP_PROBE": str(marks), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "perf" / "empty_window.py")],
        env=env,
        check=True,
        timeout=60,
        cwd=ROOT,
    )
    names = [line.split()[0] for line in marks.read_text(encoding="utf-8").splitlines()]
    assert names == ["paint", "ready"]
