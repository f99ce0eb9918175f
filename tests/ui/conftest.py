"""Fixtures of the UI tests."""

from tests.ui.numbers_helpers import open_tab

__all__ = ["open_tab"]
