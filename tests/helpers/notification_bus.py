"""A private D-Bus session bus (dbus-daemon, started by the test) and a fake
``org.freedesktop.Notifications`` service on it, written with QtDBus.

The fake declares ``Notify`` with the specification's signature (``susssasa{sv}i`` → ``u``):
QtDBus hands it only calls whose arguments have exactly those types, and answers any other
call with "No such method", as a real daemon (GDBus) does. So every call it records went
out with the specification's signature (``tests/ui/test_notifier.py`` shows a call with an
``int`` where the ``uint`` goes being refused).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusConnection

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
_names = itertools.count(1)


def require_tool(tool: str) -> str:
    """The tool's path; skipped without it, unless SMSC_CI says it must be there."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("SMSC_CI"):
            pytest.fail(f"{tool} is not installed; .ci/run must install it")
        pytest.skip(f"{tool} is not installed")
    return path


SIGNATURE = "susssasa{sv}i"


@dataclass
class NotifyCall:
    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, Any]
    timeout: int


@ClassInfo({"D-Bus Interface": BUS_NAME})
class FakeNotifications(QObject):
    """Accepts ``Notify`` calls of the right signature and gives out ids 7, 8, …"""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[NotifyCall] = []
        self._ids = itertools.count(7)

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(
        self,
        app_name: str,
        replaces_id: int,
        app_icon: str,
        summary: str,
        body: str,
        actions: list[str],
        hints: dict[str, Any],
        timeout: int,
    ) -> int:
        self.calls.append(
            NotifyCall(
                app_name,
                replaces_id,
                app_icon,
                summary,
                body,
                list(actions),
                dict(hints),
                timeout,
            )
        )
        return replaces_id or next(self._ids)

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["body"]


@dataclass
class PrivateBus:
    address: str
    process: subprocess.Popen[str]


def start_bus() -> PrivateBus:
    daemon = require_tool("dbus-daemon")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    if not address:
        process.kill()
        raise AssertionError("dbus-daemon did not print its address")
    return PrivateBus(address, process)


def stop_bus(bus: PrivateBus) -> None:
    bus.process.terminate()
    bus.process.wait(timeout=10)
    if bus.process.stdout is not None:
        bus.process.stdout.close()


@pytest.fixture
def private_bus() -> Iterator[PrivateBus]:
    bus = start_bus()
    try:
        yield bus
    finally:
        stop_bus(bus)


@pytest.fixture
def fake_notifications(qapp: Any, private_bus: PrivateBus) -> Iterator[FakeNotifications]:
    """The fake service, registered on the private bus under the real service's name."""
    name = f"fake-notifications-{next(_names)}"
    connection = QDBusConnection.connectToBus(private_bus.address, name)
    assert connection.isConnected(), connection.lastError().message()
    fake = FakeNotifications()
    assert connection.registerObject(
        OBJECT_PATH, fake, QDBusConnection.RegisterOption.ExportAllSlots
    )
    assert connection.registerService(BUS_NAME)
    try:
        yield fake
    finally:
        connection.unregisterService(BUS_NAME)
        connection.unregisterObject(OBJECT_PATH)
        QDBusConnection.disconnectFromBus(name)
