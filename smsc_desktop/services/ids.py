"""Random ids of the app's own records (accounts, journal entries, downloads, checks)."""

from __future__ import annotations

import os


def new_id(digits: int = 12) -> str:
    """``digits`` random lowercase hex digits, as ``uuid.uuid4().hex[:digits]`` gave.

    Not :mod:`uuid`: importing it imports :mod:`platform` too, ~3 ms of the way to the first
    view, for ids that only need to be random (``os.urandom``, like ``uuid4``)."""
    return os.urandom((digits + 1) // 2).hex()[:digits]
