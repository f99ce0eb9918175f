"""The error of the sandbox's control side (``/sandbox/...``)."""

from __future__ import annotations


class ControlError(Exception):
    """A control request that cannot be done; ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
