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


def test_pyside_does_not_read_the_source_of_every_module_imported() -> None:
    """PySide6 would read (and linecache keep) the source of each module imported after it,
    looking for its __feature__ switches: 50-100 ms and 6-8 MB at startup for nothing."""
    code = """
import linecache
import PySide6.QtWidgets
from smsc_desktop.app import skip_pyside_source_scan
assert skip_pyside_source_scan(), "PySide6 moved its module check: see skip_pyside_source_scan"
linecache.clearcache()
from smsc_desktop.services import phones  # imported for the first time here
read = [name for name in linecache.cache if "services" in name]
assert not read, read
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=ROOT)


def test_only_the_tab_in_front_is_imported_at_startup() -> None:
    """The other tabs' modules (and what only they need) load when they are first shown."""
    code = """
import sys
from PySide6.QtWidgets import QApplication
qt = QApplication([])
from smsc_desktop.ui.main_window import MainWindow
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.settings import Settings
from smsc_desktop.services.secrets import SecretStore
from smsc_desktop.ui.context import AppContext
import tempfile, pathlib
root = pathlib.Path(tempfile.mkdtemp())
ctx = AppContext(AppPaths(root), Settings(root / "settings.json"), secrets=SecretStore(enabled=False))
window = MainWindow()
window.attach(ctx, "numbers")
assert window.tabs.count() == 4
loaded = [m for m in ("smsc_desktop.ui.tabs.verification", "smsc_desktop.ui.tabs.exports",
                      "smsc_desktop.ui.tabs.overview", "smsc_desktop.services.overview",
                      "smsc_desktop.services.downloads", "smsc_desktop.sandbox", "aiohttp",
                      "smsc_desktop.ui.dialogs.rent",
                      "uuid", "platform")  # ids come from services.ids: uuid imports platform
          if m in sys.modules]
assert not loaded, loaded
window.tabs.setCurrentIndex(3)
assert "smsc_desktop.ui.tabs.exports" in sys.modules
assert window.tabs.currentWidget() is window.pages["exports"]
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=ROOT)


def test_the_sandbox_accounts_load_without_the_server() -> None:
    """The app reads the sandbox's accounts (demo profiles) at every start: that must not
    import aiohttp and the sandbox's server (150 ms on the GUI thread)."""
    code = """
import sys
import smsc_desktop.ui.demo_accounts
from smsc_desktop.sandbox import DEMO_LOGIN
loaded = [m for m in ("aiohttp", "smsc_desktop.sandbox.server", "smsc_desktop.sandbox.state")
          if m in sys.modules]
assert not loaded, loaded
from smsc_desktop.sandbox import SandboxServer
assert "aiohttp" in sys.modules
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=ROOT)
