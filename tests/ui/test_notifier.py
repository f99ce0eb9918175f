"""Desktop notifications reach the desktop: worded, through the freedesktop service on a
private session bus (a fake one the test starts, and a real daemon where one is installed),
or through the next backend when that fails; and nothing is shown for what is in view."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from smsc_desktop.services.notifications import Event, Focus, Kind, NotificationHub
from smsc_desktop.ui.notifier import DesktopNotifier, FreedesktopNotifications
from tests.helpers.notification_bus import (
    BUS_NAME,
    OBJECT_PATH,
    FakeNotifications,
    PrivateBus,
    require_tool,
    start_bus,
    stop_bus,
)

pytestmark = pytest.mark.usefixtures("qloop")


SMS = Event(
    Kind.NEW_MESSAGE,
    "acc",
    "Acme Retail",
    subject="79165550101",
    sender="79001112233",
    detail="Привет, мир",
)


class Recorder:
    def __init__(self, name: str = "recorder", works: bool = True) -> None:
        self.name = name
        self.works = works
        self.calls: list[tuple[Event, str, str]] = []

    async def show(self, event: Event, title: str, body: str) -> bool:
        self.calls.append((event, title, body))
        return self.works


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_first_backend_that_can_shows_it_worded(qtbot: Any, window: QWidget) -> None:
    hub = NotificationHub()
    refusing, recorder = Recorder("dbus", works=False), Recorder()
    notifier = DesktopNotifier(hub, window, [refusing, recorder])
    hub.notify(SMS)
    hub.notify(
        Event(Kind.LOW_BALANCE, "acc", "Acme Retail", amount=Decimal("12.5"), currency="RUR")
    )
    hub.notify(
        Event(Kind.DOWNLOAD_FAILED, "acc", "Acme Retail", subject="q3.csv", detail="disk_full")
    )
    qtbot.waitUntil(lambda: len(notifier.delivered) == 3)
    assert len(refusing.calls) == 3  # tried first every time
    titles = [(title, body) for _event, title, body in recorder.calls]
    assert titles == [
        ("New SMS on +7 916 555-01-01", "From +7 900 111-22-33: Привет, мир"),
        (
            "Low balance on Acme Retail",
            "The balance is 12.50 ₽, under its warning level. Top up to keep numbers renewed.",
        ),
        ("Download failed", "q3.csv was not downloaded: the disk is full (Acme Retail)."),
    ]
    assert [d[0] for d in notifier.delivered] == ["recorder"] * 3


def test_a_notify_call_as_the_specification_has_it(
    qtbot: Any, window: QWidget, fake_notifications: FakeNotifications, private_bus: PrivateBus
) -> None:
    clock = Clock()
    hub = NotificationHub(clock=clock)
    backend = FreedesktopNotifications(private_bus.address)
    notifier = DesktopNotifier(hub, window, [backend])
    hub.notify(SMS)
    qtbot.waitUntil(lambda: len(fake_notifications.calls) == 1, timeout=10_000)
    call = fake_notifications.calls[0]  # it arrived: its signature was susssasa{sv}i
    assert (call.app_name, call.replaces_id, call.timeout, call.actions) == (
        "SMSC Desktop",
        0,
        -1,
        [],
    )
    assert call.summary == "New SMS on +7 916 555-01-01"
    assert call.body == "From +7 900 111-22-33: Привет, мир"  # Cyrillic intact on the wire
    assert call.hints["desktop-entry"] == "smsc-desktop"
    assert call.hints["category"] == "im.received"
    assert int(call.hints["urgency"]) == 1
    assert call.app_icon.endswith("smsc-desktop.svg") or call.app_icon == "smsc-desktop"
    qtbot.waitUntil(lambda: len(notifier.delivered) == 1)
    assert notifier.delivered[0][0] == "freedesktop"

    # More SMS on the same number replace the notification instead of piling up.
    clock.now += 60
    hub.notify(Event(Kind.NEW_MESSAGE, "acc", subject="79165550101", sender="7900", count=3))
    qtbot.waitUntil(lambda: len(fake_notifications.calls) == 2, timeout=10_000)
    assert fake_notifications.calls[1].replaces_id == 7
    assert fake_notifications.calls[1].summary == "3 new SMS on +7 916 555-01-01"
    hub.notify(Event(Kind.VERIFICATION_EXPIRED, "acc", subject="79161230001"))
    qtbot.waitUntil(lambda: len(fake_notifications.calls) == 3, timeout=10_000)
    assert fake_notifications.calls[2].replaces_id == 0
    assert int(fake_notifications.calls[2].hints["urgency"]) == 2  # critical: it went wrong


def test_the_fake_refuses_a_call_of_another_signature(
    qtbot: Any, fake_notifications: FakeNotifications, private_bus: PrivateBus
) -> None:
    """What QtDBus would send from Python (an ``int`` for the ``uint``, an empty list as
    ``av``) is refused, by the fake as by a real daemon: why the app sends with jeepney."""
    from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

    client = QDBusConnection.connectToBus(private_bus.address, "qtdbus-client")
    try:
        message = QDBusMessage.createMethodCall(BUS_NAME, OBJECT_PATH, BUS_NAME, "Notify")
        message.setArguments(["SMSC Desktop", 0, "", "title", "body", [], {}, -1])
        watcher = QDBusPendingCallWatcher(client.asyncCall(message, 5000))
        qtbot.waitUntil(watcher.isFinished, timeout=10_000)
        reply = watcher.reply()
        assert reply.type() == QDBusMessage.MessageType.ErrorMessage
        assert "No such method" in reply.errorMessage()
        assert fake_notifications.calls == []
    finally:
        QDBusConnection.disconnectFromBus("qtdbus-client")


def test_without_the_service_the_next_backend_shows_it(
    qtbot: Any, window: QWidget, private_bus: PrivateBus
) -> None:
    hub = NotificationHub()
    tray = Recorder("tray")
    notifier = DesktopNotifier(hub, window, [FreedesktopNotifications(private_bus.address), tray])
    hub.notify(SMS)  # nobody owns org.freedesktop.Notifications on this bus
    qtbot.waitUntil(lambda: len(notifier.delivered) == 1, timeout=10_000)
    assert notifier.delivered[0][0] == "tray"


def test_nothing_is_delivered_for_what_is_in_view(qtbot: Any, window: QWidget) -> None:
    hub = NotificationHub()
    recorder = Recorder()
    notifier = DesktopNotifier(hub, window, [recorder])
    hub.set_focus(Focus(window_active=True, tab="numbers", account_id="acc"))
    hub.notify(SMS)
    hub.set_focus(Focus(window_active=True, tab="verification", account_id="acc"))
    hub.notify(Event(Kind.VERIFICATION_CONFIRMED, "acc", subject="79161230001", seconds=5))
    hub.set_focus(Focus(window_active=False, tab="verification", account_id="acc"))
    hub.notify(Event(Kind.VERIFICATION_EXPIRED, "acc", subject="79161230001"))
    qtbot.waitUntil(lambda: len(notifier.delivered) == 1)
    assert [e.kind for e, _t, _b in recorder.calls] == [Kind.VERIFICATION_EXPIRED]


# --- a real notification daemon ------------------------------------------------------------------

DAEMONS = ("dunst", "/usr/lib/notification-daemon/notification-daemon", "xfce4-notifyd")


@pytest.fixture
def real_daemon(tmp_path: Path) -> Iterator[PrivateBus]:
    """A notification daemon of the system on a private bus and an Xvfb display."""
    daemon = next((d for d in DAEMONS if shutil.which(d) or os.path.exists(d)), None)
    if daemon is None:
        pytest.skip("no notification daemon is installed (dunst, notification-daemon)")
    xvfb = require_tool("Xvfb")
    read_fd, write_fd = os.pipe()
    display = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    bus = start_bus()
    env = {
        **os.environ,
        "DISPLAY": f":{number}",
        "DBUS_SESSION_BUS_ADDRESS": bus.address,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("WAYLAND_DISPLAY", None)
    process = subprocess.Popen(
        [shutil.which(daemon) or daemon],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield bus
    finally:
        process.terminate()
        process.wait(timeout=10)
        stop_bus(bus)
        display.terminate()
        display.wait(timeout=10)


def test_a_real_daemon_takes_the_notification(
    qtbot: Any, window: QWidget, real_daemon: PrivateBus
) -> None:
    from PySide6.QtDBus import QDBusConnection

    watcher = QDBusConnection.connectToBus(real_daemon.address, "daemon-watcher")
    try:
        # The daemon takes the service's name once it is up.
        qtbot.waitUntil(
            lambda: bool(watcher.interface().isServiceRegistered(BUS_NAME).value()),
            timeout=20_000,
        )
    finally:
        QDBusConnection.disconnectFromBus("daemon-watcher")
    hub = NotificationHub()
    fallback = Recorder("fallback")
    backend = FreedesktopNotifications(real_daemon.address)
    notifier = DesktopNotifier(hub, window, [backend, fallback])
    hub.notify(SMS)
    qtbot.waitUntil(lambda: bool(notifier.delivered), timeout=10_000)
    assert notifier.delivered[0][0] == "freedesktop"
    assert fallback.calls == []
    assert backend._ids[SMS.key] > 0  # the daemon gave the notification its id
