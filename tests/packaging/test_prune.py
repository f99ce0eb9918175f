"""Trimming the bundle: Qt plugins and translations kept by name, unreachable libraries."""

from __future__ import annotations

from types import ModuleType

KEEP = {"platforms": {"qxcb", "qoffscreen"}, "imageformats": {"qsvg"}}


def test_plugins_are_kept_by_folder_and_name(prune_py: ModuleType) -> None:
    keep = prune_py.keep_plugin
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so", KEEP)
    assert keep("PySide6/plugins/platforms/qoffscreen.dll", KEEP)
    assert not keep("PySide6/Qt/plugins/platforms/libqwayland.so", KEEP)
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so", KEEP)
    assert keep("PySide6/Qt/lib/libQt6Core.so.6", KEEP)  # not a plugin
    assert keep("cryptography/hazmat/bindings/_rust.abi3.so", KEEP)


def test_qt_translations_are_kept_by_catalog_and_language(prune_py: ModuleType) -> None:
    keep = prune_py.keep_qt_translation
    assert keep("PySide6/Qt/translations/qtbase_ru.qm", {"ru"}, ("qtbase",))
    assert not keep("PySide6/Qt/translations/qtbase_de.qm", {"ru"}, ("qtbase",))
    assert not keep("PySide6/Qt/translations/assistant_ru.qm", {"ru"}, ("qtbase",))
    assert keep("resources/translations/smsc_desktop_ru.qm", {"en"}, ("qtbase",))


def test_unreachable_libraries_are_dropped(prune_py: ModuleType) -> None:
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),  # only a dropped plugin used it
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
    ]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("certifi/cacert.pem", "/src/cacert.pem", "DATA"),
    ]
    links = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libc.so.6"],
        "/src/libQt6Widgets.so.6": ["libQt6Core.so.6"],
        "/src/libqxcb.so": ["/abs/path/libQt6XcbQpa.so.6"],
    }
    kept, kept_datas, dropped = prune_py.prune_unreachable(
        binaries, datas, lambda src: links.get(src, [])
    )
    assert {e[0] for e in kept} == {
        "PySide6/QtWidgets.abi3.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "libpython3.11.so.1.0",
    }
    assert {e[0] for e in kept_datas} == {"libQt6Core.so.6", "certifi/cacert.pem"}
    assert dropped == ["PySide6/Qt/lib/libQt6Network.so.6", "libQt6Network.so.6", "libgtk-3.so.0"]
