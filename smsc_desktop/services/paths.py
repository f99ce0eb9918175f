"""Where SMSC Desktop keeps its files.

One root folder holds settings, per-profile data (ledger, journal, history, download queue),
logs and crash reports. It is ``$SMSC_DESKTOP_HOME`` when set (tests and portable installs),
otherwise the platform's usual per-user folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "smsc-desktop"


def _default_root() -> Path:
    override = os.environ.get("SMSC_DESKTOP_HOME")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
        return base / "SMSC Desktop"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "SMSC Desktop"
    base = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return base / APP_DIR_NAME


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The folders of one installation; created on first use."""

    root: Path

    @classmethod
    def default(cls) -> AppPaths:
        return cls(_default_root())

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def logs_dir(self) -> Path:
        return self._dir("logs")

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "smsc-desktop.log"

    @property
    def crash_dir(self) -> Path:
        return self._dir("crash")

    def profile_dir(self, profile_id: str) -> Path:
        """Data that belongs to one account profile (ledger, journal, history, queue)."""
        path = self.profile_folder(profile_id)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def profile_folder(self, profile_id: str) -> Path:
        """Where ``profile_dir`` is, without creating it (for readers such as the overview)."""
        safe = "".join(c for c in profile_id if c.isalnum() or c in "-_") or "default"
        return self.root / "profiles" / safe

    def _dir(self, *parts: str) -> Path:
        path = self.root.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path
