"""One version, written in smsc_desktop/__about__.py: --version, About, package metadata."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from types import ModuleType

import pytest

from smsc_desktop.__about__ import __version__
from tests.packaging.conftest import ROOT


def test_version_option_prints_the_about_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "smsc_desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    assert result.stdout.strip() == f"smsc-desktop {__version__}"


def test_pyproject_takes_the_version_from_about() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "smsc_desktop/__about__.py"


def test_installed_distribution_has_the_about_version() -> None:
    assert metadata.version("smsc-desktop") == __version__


def test_about_dialog_shows_the_version(qtbot: object) -> None:
    from PySide6.QtWidgets import QMessageBox

    from smsc_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show_about()
    boxes = window.findChildren(QMessageBox)
    assert boxes
    assert __version__ in boxes[-1].text()
    for box in boxes:
        box.close()


@pytest.mark.parametrize(
    ("pep440", "debian"),
    [
        ("0.1.0", "0.1.0"),
        ("1.2.0rc1", "1.2.0~rc1"),
        ("1.2.0a2", "1.2.0~a2"),
        ("1.2.0.dev3", "1.2.0~dev3"),
        ("1.2.0+abc", "1.2.0+local.abc"),
    ],
)
def test_debian_version(build_py: ModuleType, pep440: str, debian: str) -> None:
    assert build_py.debian_version(pep440) == debian
