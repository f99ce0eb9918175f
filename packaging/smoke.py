"""Smoke test of a built or installed SMSC Desktop: ``python packaging/smoke.py COMMAND``.

COMMAND is the app's executable (``/usr/bin/smsc-desktop`` after installing the .deb,
``packaging/dist/smsc-desktop/smsc-desktop.exe``, ``.../SMSC Desktop.app/Contents/MacOS/
smsc-desktop``). It runs, each in a fresh HOME so nothing is left in the user's folders:

1. ``COMMAND --version``: must print ``smsc-desktop <version of smsc_desktop/__about__.py>``;
2. ``COMMAND --self-test``: must exit 0 and print nothing on stderr;
3. ``COMMAND --demo --screenshot shot.png``: must exit 0 and write a PNG that is not blank
   (checked with Qt: size, number of distinct colours, share of non-background pixels);
4. on Linux, ``COMMAND --keyring-child``: once it has said what keyring it opened, Qt must not
   be loaded in it (the helpers' run-time hook, packaging/hooks/, keeps Qt out of them).

Windowed Windows executables have no stdout, so there the version is read from the report
file and the self-test report from ``--self-test-report``. Exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = runpy.run_path(str(ROOT / "smsc_desktop" / "__about__.py"))["__version__"]
TIMEOUT_S = 120


def log(message: str) -> None:
    print(f"smoke: {message}", flush=True)


def fail(message: str) -> None:
    log(f"FAILED: {message}")
    raise SystemExit(1)


def isolated_env(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "USERPROFILE": str(home),
        "APPDATA": str(home / "AppData" / "Roaming"),
        "LOCALAPPDATA": str(home / "AppData" / "Local"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "SMSC_DESKTOP_HOME": str(home / "smsc-desktop"),
    }
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_PLUGIN_PATH"):
        env.pop(name, None)  # the frozen app must not lean on the build's Python
    if not (env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG")):
        # Bare containers run in the C locale; Qt then warns on stderr that it switched to
        # C.UTF-8. Desktops always have a UTF-8 locale.
        env["LANG"] = "C.UTF-8"
    return env


def run_app(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    log("$ " + " ".join(command))
    return subprocess.run(
        command,
        env=isolated_env(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def check_version(exe: str, home: Path) -> None:
    result = run_app([exe, "--version"], home)
    expected = f"smsc-desktop {VERSION}"
    if sys.platform == "win32" and not result.stdout.strip():
        log("--version: no stdout (windowed Windows build); the self-test report has it")
        return
    if result.returncode != 0 or result.stdout.strip() != expected:
        fail(
            f"--version printed {result.stdout.strip()!r} (exit {result.returncode}), "
            f"expected {expected!r}"
        )
    log(f"--version: {expected}")


def check_self_test(exe: str, home: Path, *, frozen: bool = True) -> None:
    report = home / "self-test.txt"
    result = run_app([exe, "--self-test", "--self-test-report", str(report)], home)
    text = report.read_text(encoding="utf-8") if report.exists() else result.stdout
    for line in text.splitlines():
        log(f"  {line}")
    if result.returncode != 0:
        fail(f"--self-test exited {result.returncode}; stderr:\n{result.stderr}")
    if frozen and f"{VERSION} (frozen" not in text:
        fail(f"the self-test did not run a frozen {VERSION} build")
    if result.stderr.strip():
        fail(f"--self-test wrote to stderr:\n{result.stderr}")
    log("--self-test: passed, nothing on stderr")


def png_is_blank(path: Path) -> str | None:
    """Why the PNG at ``path`` looks blank, or None when it shows something."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([sys.argv[0]])
    image = QImage(str(path))
    if image.isNull():
        return "not a readable image"
    if image.width() < 400 or image.height() < 300:
        return f"too small: {image.width()}x{image.height()}"
    colours: dict[int, int] = {}
    step = 4
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours[rgb] = colours.get(rgb, 0) + 1
    total = sum(colours.values())
    background = max(colours.values())
    if len(colours) < 16:
        return f"only {len(colours)} distinct colours"
    if (total - background) / total < 0.01:
        return "over 99% of the pixels are the background colour"
    return None


def check_screenshot(exe: str, home: Path) -> None:
    shot = home / "shot.png"
    result = run_app([exe, "--demo", "--screenshot", str(shot)], home)
    if result.returncode != 0 or not shot.exists():
        fail(f"--demo --screenshot exited {result.returncode}; stderr:\n{result.stderr}")
    why = png_is_blank(shot)
    if why:
        fail(f"the screenshot {shot} looks blank: {why}")
    keep = os.environ.get("SMSC_SMOKE_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot.read_bytes())
    log(f"--demo --screenshot: {shot.stat().st_size} bytes, not blank")


def check_helper_without_qt(exe: str, home: Path) -> None:
    """The keyring's helper process, past its start-up: no Qt library mapped in it."""
    maps_of = Path("/proc/self/maps")
    if not maps_of.exists():
        log("--keyring-child: no /proc here, Qt's absence not checked")
        return
    command = [exe, "--keyring-child"]
    log("$ " + " ".join(command))
    child = subprocess.Popen(
        command,
        env=isolated_env(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdin is not None
    assert child.stdout is not None
    try:
        opened = child.stdout.readline()  # what it opened: its start-up is over
        maps = Path(f"/proc/{child.pid}/maps").read_text(encoding="utf-8")
    finally:
        child.stdin.close()
        child.wait(timeout=TIMEOUT_S)
        child.stdout.close()
    if not opened:
        fail(f"--keyring-child said nothing (exit {child.returncode})")
    qt = sorted({line.rsplit("/", 1)[-1] for line in maps.splitlines() if "libQt6" in line})
    if qt:
        fail(f"--keyring-child loaded Qt: {', '.join(qt)}")
    log("--keyring-child: started without Qt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", help="the app's executable")
    parser.add_argument(
        "--allow-source", action="store_true", help="accept a from-source run (tests)"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="smsc-smoke-") as tmp:
        home = Path(tmp)
        check_version(args.command, home)
        check_self_test(args.command, home, frozen=not args.allow_source)
        check_screenshot(args.command, home)
        check_helper_without_qt(args.command, home)
    log("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
