"""User preferences and UI state, declared once and kept in one JSON settings file.

Every option is declared in ``OPTIONS`` (name, type, default, help text). Preferences and UI
state (window geometry, header states) live in separate groups. The file carries a schema
version so later releases can migrate it. Secrets are never stored here: they live in the OS
keyring (``services.secrets``).

Why not QSettings: services are Qt-free (they are tested and used without a QApplication),
and a JSON file is easy to inspect, migrate and scan for secrets in tests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smsc_desktop.services.observable import Signal
from smsc_desktop.services.storage import atomic_write_json, read_json

log = logging.getLogger("smsc_desktop.services.settings")

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    type: type
    default: Any
    help: str


OPTIONS: dict[str, Option] = {
    o.name: o
    for o in (
        Option("accounts/active", str, "", "Id of the profile that was active at exit."),
        Option("accounts/profiles", list, [], "Account profiles (no secrets)."),
        Option(
            "accounts/forget",
            list,
            [],
            "Keyring entries (names only) of deleted profiles, to delete once the keyring "
            "is usable again.",
        ),
        Option("downloads/folder", str, "", "Folder that export files are saved into."),
        Option("downloads/concurrency", int, 2, "How many files download at the same time."),
        Option("downloads/auto", bool, False, "Download a job's file as soon as it is done."),
        Option("verification/poll_seconds", int, 5, "Seconds between inbox checks while waiting."),
        Option(
            "overview/interval_minutes",
            int,
            0,
            "Minutes between automatic refreshes of every account's balance (0: off).",
        ),
        Option("overview/concurrency", int, 4, "How many accounts the overview asks at once."),
        Option("ui/geometry", str, "", "Main window geometry (base64)."),
        Option("ui/state", str, "", "Main window state (base64)."),
        Option("ui/headers", dict, {}, "Saved table header states by table name (base64)."),
        Option("ui/last_tab", str, "numbers", "Tab shown at start."),
    )
}


class Settings:
    """Typed access to the options, saved atomically on every change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.changed = Signal("settings.changed")  # (name, value)
        raw = read_json(path, {})
        if not isinstance(raw, dict):
            log.warning("Settings file %s is not an object; starting from defaults", path)
            raw = {}
        self._values: dict[str, Any] = self._migrate(raw).get("values", {})

    @staticmethod
    def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
        version = raw.get("schema", SCHEMA_VERSION)
        if version > SCHEMA_VERSION:
            log.warning("Settings were written by a newer version (schema %s)", version)
        return raw

    def get(self, name: str) -> Any:
        option = OPTIONS[name]
        value = self._values.get(name, option.default)
        if not isinstance(value, option.type):
            log.warning("Setting %s has a value of the wrong type; using the default", name)
            return option.default
        return value

    def set(self, name: str, value: Any) -> None:
        option = OPTIONS[name]
        if not isinstance(value, option.type):
            raise TypeError(f"{name} takes {option.type.__name__}, not {type(value).__name__}")
        if self._values.get(name) == value and name in self._values:
            return
        self._values[name] = value
        self.save()
        self.changed.emit(name, value)

    def save(self) -> None:
        atomic_write_json(self.path, {"schema": SCHEMA_VERSION, "values": self._values})

    def __iter__(self) -> Iterator[str]:
        return iter(OPTIONS)
