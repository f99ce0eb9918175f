"""Crash reports: what happened, with which versions, and the last log lines; no secrets."""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from smsc_desktop.__about__ import __version__
from smsc_desktop.services.logs import last_lines
from smsc_desktop.services.redaction import redact


def environment_lines() -> list[str]:
    """App, Python and platform versions (Qt versions are added by the UI)."""
    return [
        f"SMSC Desktop {__version__}",
        f"Python {sys.version.split()[0]} ({platform.python_implementation()})",
        f"Platform {platform.platform()}",
    ]


def format_crash(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    extra: list[str] | None = None,
) -> str:
    lines = [*environment_lines(), *(extra or []), ""]
    lines.append("".join(traceback.format_exception(exc_type, exc, tb)).rstrip())
    lines += ["", "Last log lines:", *last_lines(40)]
    return redact("\n".join(lines)) + "\n"


def write_crash_report(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
    path.write_text(redact(text), encoding="utf-8")
    return path
