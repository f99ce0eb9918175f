"""The .deb's metadata, checked without building it (.ci/run builds and installs it)."""

from __future__ import annotations

import configparser
from types import ModuleType

from tests.packaging.conftest import ROOT


def parse_control(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    last = ""
    for line in text.splitlines():
        if line.startswith(" "):
            fields[last] += "\n" + line
        else:
            last, _, value = line.partition(":")
            fields[last] = value.strip()
    return fields


def test_control_file_fields(build_py: ModuleType) -> None:
    depends = ["libc6 (>= 2.35)", "libgl1", "libegl1", "libxcb1 (>= 1.8)", "libfontconfig1"]
    fields = parse_control(build_py.deb_control("0.1.0", "amd64", depends, 110_000))
    assert fields["Package"] == "smsc-desktop"
    assert fields["Version"] == "0.1.0"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "110000"
    assert fields["Depends"] == ", ".join(depends)
    assert fields["Maintainer"]
    summary, *body = fields["Description"].splitlines()
    assert summary
    assert len(summary) <= 80
    assert body
    assert all(line.startswith(" ") and len(line) <= 80 for line in body)


def test_runtime_loaded_libraries_are_declared(build_py: ModuleType) -> None:
    # Qt opens libdbus-1 with dlopen: dpkg-shlibdeps cannot see it.
    assert "libdbus-1-3" in build_py.DEB_EXTRA_DEPENDS


def test_install_layout(build_py: ModuleType) -> None:
    assert build_py.INSTALL_DIR == "/opt/smsc-desktop"
    assert build_py.PACKAGE == "smsc-desktop"


def test_desktop_entry_runs_the_command_on_the_path() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "resources" / "desktop" / "smsc-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "smsc-desktop"
    assert section["Icon"] == "smsc-desktop"
    assert (ROOT / "resources" / "icons" / f"{section['Icon']}.svg").is_file()


def test_build_outputs_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert {"packaging/build/", "packaging/dist/", "*.deb"} <= set(ignored)
