"""Fixtures of the UI tests."""

from tests.helpers.numbers import open_tab

__all__ = ["open_tab"]
