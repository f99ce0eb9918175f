"""Build SMSC Desktop's bundle and this OS's installer: ``python packaging/build.py``.

1. renders the icons from resources/icons/smsc-desktop.svg (packaging/icons.py) and compiles
   the translations resources/translations/*.ts into .qm files (pyside6-lrelease), both into
   packaging/build/;
2. runs PyInstaller on packaging/smsc-desktop.spec: ``packaging/dist/smsc-desktop/`` (onedir;
   on macOS also ``packaging/dist/SMSC Desktop.app``);
3. builds the installer of this OS into packaging/dist/:
   - Linux: ``smsc-desktop_<version>_<arch>.deb`` with dpkg-deb (needs dpkg-dev for
     dpkg-shlibdeps, which computes Depends from the bundle's ELF files);
   - Windows: ``smsc-desktop-<version>-setup.exe`` with NSIS (makensis, packaging/windows/);
   - macOS: ``smsc-desktop-<version>.dmg`` with hdiutil.

``--bundle-only`` stops after step 2 and ``--installer-only`` starts at step 3, so CI can sign
the executable in between. Prints the figures (sizes, seconds) at the end and writes them to
``packaging/dist/build-info.json``. Build outputs are never committed (.gitignore).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = PACKAGING / "build"
DIST = PACKAGING / "dist"
SPEC = PACKAGING / "smsc-desktop.spec"
ICONS = BUILD / "icons"
TRANSLATIONS = BUILD / "translations"
BUNDLE = DIST / "smsc-desktop"
ABOUT = runpy.run_path(str(ROOT / "smsc_desktop" / "__about__.py"))
VERSION: str = ABOUT["__version__"]
APP_NAME: str = ABOUT["APP_NAME"]
PACKAGE = "smsc-desktop"
INSTALL_DIR = f"/opt/{PACKAGE}"
MAINTAINER = "SMSC Desktop developers <smsc-desktop@smsc-desktop.local>"

BUNDLE_BUDGET_MB = 110  # issue 16
DEB_BUDGET_MB = 30  # issue 16

# Libraries the bundle loads at run time without linking to them (dpkg-shlibdeps cannot see
# these): Qt's D-Bus module opens libdbus-1 itself.
DEB_EXTRA_DEPENDS = ["libdbus-1-3"]
DEB_SUGGESTS = ["gnome-keyring"]
DEB_DESCRIPTION = """Desktop console for account managers of the SMSC SMS gateway
 Rent dedicated numbers for receiving SMS, test verification by call with
 callback signatures, and download deferred exports of SMSC accounts. Passwords
 and API keys are kept in the desktop keyring (Secret Service). Includes the
 built-in SMSC sandbox for demo mode (smsc-desktop --demo)."""


def log(message: str) -> None:
    print(f"build.py: {message}", flush=True)


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    line = " ".join(str(c) for c in command)
    log("$ " + (line if len(line) < 400 else f"{line[:300]} ... ({len(command)} arguments)"))
    return subprocess.run(command, check=True, text=True, **kwargs)  # type: ignore[call-overload]


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    total = sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def debian_version(version: str) -> str:
    """PEP 440 to Debian: ``1.2.0rc1`` -> ``1.2.0~rc1``, ``1.2.0.dev3`` -> ``1.2.0~dev3``."""
    public, plus, local = version.partition("+")
    text = re.sub(r"\.?(a|b|rc|dev)(\d*)$", r"~\1\2", public)
    return f"{text}+local.{local}" if plus else text


# --- steps ------------------------------------------------------------------------------------


def build_icons() -> dict[str, Path]:
    sys.path.insert(0, str(PACKAGING))
    import icons  # packaging/icons.py

    return icons.generate(ICONS)


def lrelease() -> str:
    for candidate in (Path(sys.executable).parent / "pyside6-lrelease", shutil.which("lrelease")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: run inside the project's environment")
    return found


def build_translations() -> list[Path]:
    """resources/translations/*.ts -> packaging/build/translations/*.qm."""
    if TRANSLATIONS.exists():
        shutil.rmtree(TRANSLATIONS)
    TRANSLATIONS.mkdir(parents=True)
    compiled = []
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = TRANSLATIONS / f"{ts.stem}.qm"
        run([lrelease(), "-silent", str(ts), "-qm", str(qm)])
        compiled.append(qm)
    return compiled


def build_bundle() -> Path:
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    env = {
        **os.environ,
        "SMSC_DESKTOP_ICON_DIR": str(ICONS),
        "SMSC_DESKTOP_QM_DIR": str(TRANSLATIONS),
        "QT_QPA_PLATFORM": "offscreen",
    }
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(SPEC),
        ],
        env=env,
        cwd=ROOT,
    )
    executable = BUNDLE / ("smsc-desktop.exe" if sys.platform == "win32" else "smsc-desktop")
    if not executable.exists():
        raise SystemExit(f"PyInstaller did not produce {executable}")
    return BUNDLE


def deb_depends(staging: Path) -> list[str]:
    """Depends of the .deb: dpkg-shlibdeps over every ELF file of the bundle."""
    bundle = staging / INSTALL_DIR.lstrip("/")
    elves = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    elves.append(path)
    # The bundle's own libraries are found through these folders, so they count as private.
    lib_dirs = sorted({str(p.parent) for p in elves if ".so" in p.name})
    with tempfile.TemporaryDirectory(prefix="smsc-shlibdeps-") as tmp:
        debian = Path(tmp) / "debian"
        debian.mkdir()
        (debian / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8"
        )
        result = run(
            [
                "dpkg-shlibdeps",
                "-O",
                f"-S{staging}",
                *(f"-l{d}" for d in lib_dirs),
                "--ignore-missing-info",
                *(str(p) for p in elves),
            ],
            cwd=tmp,
            capture_output=True,
        )
    warnings = [ln for ln in result.stderr.splitlines() if ln.strip()]
    if warnings:  # mostly "could avoid a useless dependency" about Qt's own linking
        log(f"dpkg-shlibdeps: {len(warnings)} warning(s), the first: {warnings[0]}")
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("shlibs:Depends="))
    depends = [d.strip() for d in line.partition("=")[2].split(",") if d.strip()]
    names = {re.split(r"[ (]", d)[0] for d in depends}
    return depends + [d for d in DEB_EXTRA_DEPENDS if d not in names]


def deb_control(version: str, arch: str, depends: list[str], installed_kib: int) -> str:
    """The DEBIAN/control file of the .deb."""
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Suggests: {', '.join(DEB_SUGGESTS)}\n"
        "Section: net\n"
        "Priority: optional\n"
        f"Description: {DEB_DESCRIPTION}\n"
    )


def build_deb(bundle: Path) -> Path:
    arch = run(["dpkg", "--print-architecture"], capture_output=True).stdout.strip()
    version = debian_version(VERSION)
    staging = BUILD / "deb" / f"{PACKAGE}_{version}_{arch}"
    if staging.exists():
        shutil.rmtree(staging)
    old_umask = os.umask(0o022)
    try:
        target = staging / INSTALL_DIR.lstrip("/")
        shutil.copytree(bundle, target, symlinks=True)
        bin_dir = staging / "usr" / "bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / PACKAGE).symlink_to(f"{INSTALL_DIR}/{PACKAGE}")
        apps = staging / "usr" / "share" / "applications"
        apps.mkdir(parents=True)
        shutil.copy2(ROOT / "resources" / "desktop" / f"{PACKAGE}.desktop", apps)
        hicolor = staging / "usr" / "share" / "icons" / "hicolor"
        for png in sorted((ICONS / "png").glob("*.png")):
            size = png.stem
            folder = hicolor / f"{size}x{size}" / "apps"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(png, folder / f"{PACKAGE}.png")
        scalable = hicolor / "scalable" / "apps"
        scalable.mkdir(parents=True)
        shutil.copy2(ROOT / "resources" / "icons" / f"{PACKAGE}.svg", scalable)
        doc = staging / "usr" / "share" / "doc" / PACKAGE
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
            f"Upstream-Name: {APP_NAME}\n\nFiles: *\nCopyright: {ABOUT['ORG_NAME']}\n"
            "License: Proprietary\n\nFiles: opt/smsc-desktop/_internal/PySide6/*\n"
            "Copyright: The Qt Company Ltd.\nLicense: LGPL-3\n",
            encoding="utf-8",
        )
        for path in [staging, *staging.rglob("*")]:  # dpkg wants 0755 folders, no group write
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
            elif path.is_file() and not path.is_symlink():
                path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)

        installed_kb = sum(
            p.lstat().st_size for p in staging.rglob("*") if p.is_file() or p.is_symlink()
        )
        control = staging / "DEBIAN"  # before dpkg-shlibdeps: it marks the package's root
        control.mkdir(mode=0o755)
        depends = deb_depends(staging)
        (control / "control").write_text(
            deb_control(version, arch, depends, installed_kb // 1024 + 1), encoding="utf-8"
        )
    finally:
        os.umask(old_umask)
    deb = DIST / f"{PACKAGE}_{version}_{arch}.deb"
    deb.unlink(missing_ok=True)
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(deb)])
    return deb


def find_makensis() -> str:
    found = shutil.which("makensis")
    for candidate in (
        found,
        r"C:\Program Files (x86)\NSIS\makensis.exe",
        r"C:\Program Files\NSIS\makensis.exe",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("makensis not found: install NSIS (choco install nsis, apt-get install nsis)")


def build_nsis(bundle: Path) -> Path:
    out = DIST / f"{PACKAGE}-{VERSION}-win64.exe"  # not "setup": Windows would shim it
    numbers = [int(n) for n in re.findall(r"\d+", VERSION)[:3]]
    run(
        [
            find_makensis(),
            "-V2",
            f"-DAPP_VERSION={VERSION}",
            f"-DAPP_VERSION_NUMERIC={'.'.join(map(str, numbers + [0] * (4 - len(numbers))))}",
            f"-DBUNDLE_DIR={bundle}",
            f"-DICON={ICONS / 'smsc-desktop.ico'}",
            f"-DOUT_FILE={out}",
            str(PACKAGING / "windows" / "smsc-desktop.nsi"),
        ]
    )
    return out


def build_dmg() -> Path:
    app = DIST / f"{APP_NAME}.app"
    if not app.exists():
        raise SystemExit(f"{app} is missing: run the bundle step first")
    out = DIST / f"{PACKAGE}-{VERSION}.dmg"
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="smsc-dmg-") as tmp:
        stage = Path(tmp) / APP_NAME
        stage.mkdir()
        run(["ditto", str(app), str(stage / app.name)])
        (stage / "Applications").symlink_to("/Applications")
        run(
            [
                "hdiutil",
                "create",
                "-volname",
                f"{APP_NAME} {VERSION}",
                "-srcfolder",
                str(stage),
                "-fs",
                "HFS+",
                "-format",
                "UDZO",
                "-ov",
                str(out),
            ]
        )
    return out


def build_installer(bundle: Path) -> Path:
    if sys.platform.startswith("linux"):
        return build_deb(bundle)
    if sys.platform == "win32":
        return build_nsis(bundle)
    if sys.platform == "darwin":
        return build_dmg()
    raise SystemExit(f"no installer for {sys.platform}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_mutually_exclusive_group()
    steps.add_argument("--bundle-only", action="store_true", help="stop after PyInstaller")
    steps.add_argument(
        "--installer-only", action="store_true", help="reuse packaging/dist/smsc-desktop"
    )
    args = parser.parse_args(argv)
    info: dict[str, object] = {
        "version": VERSION,
        "platform": f"{sys.platform}-{platform.machine()}",
        "python": platform.python_version(),
    }
    started = time.monotonic()
    build_icons()
    if not args.installer_only:
        info["translations"] = [p.name for p in build_translations()]
        build_bundle()
        info["bundle_seconds"] = round(time.monotonic() - started, 1)
    if not BUNDLE.exists():
        raise SystemExit(f"{BUNDLE} is missing: build the bundle first")
    info["bundle"] = str(BUNDLE.relative_to(ROOT))
    info["bundle_mb"] = round(size_mb(BUNDLE), 1)
    info["bundle_budget_mb"] = BUNDLE_BUDGET_MB
    if not args.bundle_only:
        step = time.monotonic()
        installer = build_installer(BUNDLE)
        info["installer"] = str(installer.relative_to(ROOT))
        info["installer_mb"] = round(size_mb(installer), 1)
        info["installer_seconds"] = round(time.monotonic() - step, 1)
        if installer.suffix == ".deb":
            info["installer_budget_mb"] = DEB_BUDGET_MB
    info["total_seconds"] = round(time.monotonic() - started, 1)
    DIST.mkdir(parents=True, exist_ok=True)
    (DIST / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    log("figures: " + json.dumps(info))
    over = info["bundle_mb"] > BUNDLE_BUDGET_MB or (  # type: ignore[operator]
        "installer_budget_mb" in info and info["installer_mb"] > info["installer_budget_mb"]  # type: ignore[operator]
    )
    if over:
        log(
            f"WARNING: over the size budget (bundle {BUNDLE_BUDGET_MB} MB, .deb {DEB_BUDGET_MB} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
