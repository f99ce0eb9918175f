"""Hand files to the desktop: open a file with its program, show it in the file manager."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger("smsc_desktop.ui")


def open_file(path: Path) -> bool:
    """Open *path* with the program the system uses for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Open the file manager at *path*'s folder with the file selected where possible."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", [f"/select,{path}"])[0]
    if sys.platform == "darwin":
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    if path.exists() and _freedesktop_show_items(path):
        return True
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _freedesktop_show_items(path: Path) -> bool:
    """``org.freedesktop.FileManager1.ShowItems`` (Nautilus, Dolphin, Nemo, Caja, Thunar)."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
    except ImportError:  # pragma: no cover - QtDBus is part of PySide6-Essentials
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    manager = QDBusInterface(
        "org.freedesktop.FileManager1",
        "/org/freedesktop/FileManager1",
        "org.freedesktop.FileManager1",
        bus,
    )
    if not manager.isValid():
        return False
    reply = manager.call("ShowItems", [QUrl.fromLocalFile(str(path)).toString()], "")
    ok = reply.type() != QDBusMessage.MessageType.ErrorMessage
    if not ok:
        log.info("The file manager did not show %s: %s", path, reply.errorMessage())
    return ok
