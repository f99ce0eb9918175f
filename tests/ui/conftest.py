"""Fixtures of the UI tests."""

from tests.helpers.accounts import app
from tests.helpers.numbers import open_tab

__all__ = ["app", "open_tab"]
