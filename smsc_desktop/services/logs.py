"""Logging setup: named loggers, a rotating log file, secrets removed before writing."""

from __future__ import annotations

import logging
import logging.handlers
from collections import deque
from pathlib import Path

from smsc_desktop.services.redaction import RedactingFilter

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class MemoryTail(logging.Handler):
    """Keeps the last lines (already redacted) for "Copy debug info" and crash reports."""

    def __init__(self, capacity: int = 200) -> None:
        super().__init__()
        self.lines: deque[str] = deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(FORMAT))
        self.addFilter(RedactingFilter())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:
            self.handleError(record)


_tail: MemoryTail | None = None


def setup_logging(log_file: Path | None, *, level: int = logging.INFO) -> MemoryTail:
    """Configure the ``smsc_desktop`` logger tree once; returns the in-memory tail."""
    global _tail
    root = logging.getLogger("smsc_desktop")
    root.setLevel(level)
    if _tail is not None:
        return _tail
    _tail = MemoryTail()
    root.addHandler(_tail)
    if log_file is not None:
        root.addHandler(file_handler(log_file))
    return _tail


def file_handler(log_file: Path) -> logging.Handler:
    """The app's rotating log file, secrets removed before anything is written."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    return handler


def last_lines(count: int = 50) -> list[str]:
    if _tail is None:
        return []
    return list(_tail.lines)[-count:]
