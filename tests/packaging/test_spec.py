"""The PyInstaller spec, read without PyInstaller: what goes into the bundle."""

from __future__ import annotations

import ast
import re
from typing import Any

import pytest

from tests.packaging.conftest import PACKAGING, ROOT

SPEC = PACKAGING / "smsc-desktop.spec"


def spec_constants() -> dict[str, Any]:
    """Top-level ``NAME = <literal>`` assignments of the spec."""
    found: dict[str, Any] = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                try:
                    found[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    continue
    return found


def qt_modules_imported() -> set[str]:
    """Every ``PySide6.QtX`` module the app's code imports."""
    names: set[str] = set()
    for path in (ROOT / "smsc_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
                if node.module == "PySide6":
                    modules += [f"PySide6.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            for module in modules:
                match = re.match(r"PySide6\.(Qt\w+)", module)
                if match:
                    names.add(match.group(1))
    return names


def test_spec_is_onedir_windowed_with_modules_as_files() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "exclude_binaries=True" in text
    assert "COLLECT(" in text
    assert "console=False" in text
    assert "noarchive=True" in text  # measured: 8 ms sooner to the first paint


def test_every_qt_module_the_app_imports_is_in_the_bundle() -> None:
    used = spec_constants()["QT_MODULES_USED"]
    missing = qt_modules_imported() - used
    assert not missing, f"add {sorted(missing)} to QT_MODULES_USED in {SPEC.name}"


def test_only_pyside6_essentials_is_bundled() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "PySide6-Addons" not in text
    assert '"PySide6-Essentials"' in text  # its metadata, for the versions the app prints
    used = spec_constants()["QT_MODULES_USED"]
    assert used <= {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtNetwork", "QtDBus"}


def test_kept_qt_plugins_cover_every_platform() -> None:
    keep = spec_constants()["KEEP_QT_PLUGINS"]
    assert {"qxcb", "qoffscreen", "qwindows", "qcocoa"} <= keep["platforms"]
    assert "qsvg" in keep["imageformats"]  # the app's icons are SVG
    assert "qsvgicon" in keep["iconengines"]
    assert "platformthemes" not in keep  # the GTK theme brought 40 MB of GTK


@pytest.mark.parametrize("folder", ["icons", "translations"])
def test_resource_folders_are_listed_and_exist(folder: str) -> None:
    folders = spec_constants()["RESOURCE_FOLDERS"]
    assert folder in folders
    assert (ROOT / "resources" / folder).is_dir()


def test_keyring_backends_and_metadata_are_collected() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert 'collect_submodules("keyring.backends")' in text
    assert '"keyring"' in text
    assert "copy_metadata(dist)" in text


def test_version_information_comes_from_about() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "__about__.py" in text
    assert not re.search(r"version\s*=\s*['\"]\d", text), "no version written in the spec"


def test_pyside6_runtime_hook_is_ours_and_knows_every_helper() -> None:
    """PyInstaller's own PySide6 hook imports QtCore in every process of the bundle; ours
    (packaging/hooks/) keeps Qt out of the helper processes, which it knows by their flags."""
    from smsc_desktop.sandbox.child import FLAG as SANDBOX_FLAG
    from smsc_desktop.services.keyring_child import FLAG as KEYRING_FLAG

    hooks = PACKAGING / "hooks"
    assert 'hookspath=[str(ROOT / "packaging" / "hooks")]' in SPEC.read_text(encoding="utf-8")
    (hook,) = ast.literal_eval((hooks / "rthooks.dat").read_text(encoding="utf-8"))["PySide6"]
    source = (hooks / "rthooks" / hook).read_text(encoding="utf-8")
    flags = next(
        ast.literal_eval(node.value)
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "HELPER_FLAGS"
    )
    assert set(flags) == {KEYRING_FLAG, SANDBOX_FLAG}
