"""PyInstaller run-time hook for PySide6, in place of PyInstaller's own.

PyInstaller's hook imports ``PySide6.QtCore`` in every process started from the bundle, to
give Qt an embedded ``qt.conf`` naming the bundle's Qt folder. The app's helper processes
(``--keyring-child``, ``--sandbox-child``) never use Qt, and the keyring's helper is on a
real account's way to its data: for them this hook only sets the environment. The window's
process gets what PyInstaller's hook gives it: Qt's plugin folder, its ``qt.conf`` and the
check that no other Qt binding is bundled.
"""

import os
import sys

# The flags of smsc_desktop/services/keyring_child.py and smsc_desktop/sandbox/child.py
# (tests/packaging/test_spec.py checks that they are the same).
HELPER_FLAGS = ("--keyring-child", "--sandbox-child")


def _pyside6_hook() -> None:
    meipass = sys._MEIPASS  # type: ignore[attr-defined]
    windows = sys.platform.startswith("win")
    qt = os.path.join(meipass, "PySide6") if windows else os.path.join(meipass, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt, "qml")
    if windows:  # QtNetwork's OpenSSL, were it collected next to the executable
        os.environ["PATH"] = os.pathsep.join(filter(None, (meipass, os.environ.get("PATH"))))
    if sys.argv[1:2] and sys.argv[1] in HELPER_FLAGS:
        return  # no Qt in this process
    from _pyi_rth_utils import qt as qt_utils  # PyInstaller's helpers for Qt hooks

    qt_utils.ensure_single_qt_bindings_package("PySide6")
    qt_utils.create_embedded_qt_conf("PySide6", qt)


_pyside6_hook()
del _pyside6_hook
