"""Fixtures of the UI tests."""

from tests.helpers.accounts import app
from tests.helpers.notification_bus import fake_notifications, private_bus
from tests.helpers.numbers import open_tab

__all__ = ["app", "fake_notifications", "open_tab", "private_bus"]
