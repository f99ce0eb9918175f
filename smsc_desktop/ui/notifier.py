"""Desktop notifications on the screen: the hub's events, worded, handed to the system.

:class:`DesktopNotifier` listens to :class:`~smsc_desktop.services.notifications.NotificationHub`
``shown`` (the hub has already decided what to show), words the event
(``ui/texts/notifications.py``) and tries its backends in turn:

- :class:`FreedesktopNotifications` on Linux: ``org.freedesktop.Notifications.Notify`` on
  the session bus (GNOME, KDE, XFCE, dunst, mako...). The call is made with jeepney (the
  pure-Python D-Bus library keyring's Secret Service backend already brings) in a worker
  thread, because QtDBus cannot send the method's ``u`` and ``as`` arguments from Python
  (an ``int`` goes out as ``i`` and the call is refused). A later notification about the same
  thing (new SMS on one number) replaces the earlier one instead of piling up.
- :class:`TrayNotifications` elsewhere, and on Linux when no notification service answers:
  ``QSystemTrayIcon.showMessage``.

Nothing is shown when no backend can show it (logged).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from smsc_desktop.__about__ import APP_NAME
from smsc_desktop.services.notifications import Event, Kind, NotificationHub
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.resources import icon, resources_dir

log = logging.getLogger("smsc_desktop.ui.notifier")

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
SIGNATURE = "susssasa{sv}i"
"""Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)."""

_URGENT = {
    Kind.VERIFICATION_EXPIRED,
    Kind.DOWNLOAD_FAILED,
    Kind.LOW_BALANCE,
    Kind.RENEWAL_REFUSED,
    Kind.RENEWALS_NOT_COVERED,
    Kind.PROBABLY_RENTED,
    Kind.SIGN_IN_REFUSED,
}
_CATEGORIES = {
    Kind.NEW_MESSAGE: "im.received",
    Kind.DOWNLOAD_FINISHED: "transfer.complete",
    Kind.DOWNLOAD_FAILED: "transfer.error",
}


class Backend(Protocol):
    name: str

    async def show(self, event: Event, title: str, body: str) -> bool:
        """Show it; False when this backend cannot."""
        ...


class FreedesktopNotifications:
    """``org.freedesktop.Notifications`` on the session bus (``address``: another bus)."""

    name = "freedesktop"

    def __init__(self, address: str | None = None, timeout: float = 5.0) -> None:
        self.address = address
        self.timeout = timeout
        self._ids: dict[tuple[str, str, str], int] = {}
        svg = resources_dir() / "icons" / "smsc-desktop.svg"
        self.app_icon = svg.as_uri() if svg.exists() else "smsc-desktop"

    async def show(self, event: Event, title: str, body: str) -> bool:
        replaces = self._ids.get(event.key, 0)
        try:
            shown = await asyncio.to_thread(self._notify, event.kind, replaces, title, body)
        except Exception as exc:  # no bus, no service, a refusal: another backend may show it
            log.info("The desktop notification service did not answer: %s", exc or type(exc))
            return False
        self._ids[event.key] = shown
        return True

    def _notify(self, kind: Kind, replaces: int, title: str, body: str) -> int:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        hints: dict[str, tuple[str, Any]] = {
            "desktop-entry": ("s", "smsc-desktop"),
            "urgency": ("y", 2 if kind in _URGENT else 1),
        }
        category = _CATEGORIES.get(kind)
        if category:
            hints["category"] = ("s", category)
        target = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        message = new_method_call(
            target,
            "Notify",
            SIGNATURE,
            (APP_NAME, replaces, self.app_icon, title, body, [], hints, -1),
        )
        with open_dbus_connection(bus=self.address or "SESSION") as connection:
            reply = connection.send_and_get_reply(message, timeout=self.timeout)
        return int(reply.body[0])


class TrayNotifications:
    """``QSystemTrayIcon.showMessage`` (the icon appears in the tray while the app runs)."""

    name = "tray"

    def __init__(self, parent: QObject) -> None:
        self._parent = parent
        self._tray: QSystemTrayIcon | None = None

    async def show(self, event: Event, title: str, body: str) -> bool:
        if not (QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()):
            return False
        if self._tray is None:
            self._tray = QSystemTrayIcon(icon("smsc-desktop"), self._parent)
            self._tray.setToolTip(APP_NAME)
            self._tray.show()
        kind = (
            QSystemTrayIcon.MessageIcon.Warning
            if event.kind in _URGENT
            else QSystemTrayIcon.MessageIcon.Information
        )
        self._tray.showMessage(title, body, kind, 8000)
        return True


def default_backends(parent: QObject) -> list[Backend]:
    tray = TrayNotifications(parent)
    if sys.platform.startswith("linux"):
        return [FreedesktopNotifications(), tray]
    return [tray]


class DesktopNotifier(QObject):
    """Shows what the hub lets through, through the first backend that can."""

    def __init__(
        self,
        hub: NotificationHub,
        parent: QWidget,
        backends: list[Backend] | None = None,
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.backends = backends if backends is not None else default_backends(self)
        self._tasks = TaskGroup(self, "notifier")
        self.delivered: list[tuple[str, str, str]] = []
        """(backend, title, body) of what was shown, newest last (for tests and logs)."""
        hub.shown.connect(self.deliver, owner=self)

    def deliver(self, event: Event) -> None:
        from smsc_desktop.ui.texts import notifications as texts  # with the first one

        title, body = texts.notification(event)
        self._tasks.spawn(self._show(event, title, body), name="notification")

    async def _show(self, event: Event, title: str, body: str) -> None:
        for backend in self.backends:
            if await backend.show(event, title, body):
                self.delivered.append((backend.name, title, body))
                return
        log.info("No way to show a desktop notification here: %s", title)
