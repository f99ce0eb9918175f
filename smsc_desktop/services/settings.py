"""User preferences and UI state, declared once and kept in one JSON settings file.

Every option is declared in ``OPTIONS`` (name, type, default, help text, and for numbers the
range it may take). Preferences and UI state (window geometry, header states) live in
separate groups. The file carries a schema
version so later releases can migrate it. Secrets are never stored here: they live in the OS
keyring (``services.secrets``).

Why not QSettings: services are Qt-free (they are tested and used without a QApplication),
and a JSON file is easy to inspect, migrate and scan for secrets in tests.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smsc_desktop.services.observable import Signal
from smsc_desktop.services.storage import SavedJson

log = logging.getLogger("smsc_desktop.services.settings")

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    type: type
    default: Any
    help: str
    minimum: int | None = None
    """The least value of an ``int`` option (a saved value below it reads as this)."""
    maximum: int | None = None

    def clamp(self, value: Any) -> Any:
        if self.type is int and isinstance(value, int):
            if self.minimum is not None:
                value = max(self.minimum, value)
            if self.maximum is not None:
                value = min(self.maximum, value)
        return value


NOTIFICATION_KINDS = (
    "verification_confirmed",
    "verification_expired",
    "download_finished",
    "download_failed",
    "new_message",
    "low_balance",
    "renewal_refused",
    "renewals_not_covered",
    "probably_rented",
    "sign_in_refused",
)
"""Kinds of desktop notification, each switched on or off by ``notifications/<kind>``
(``services.notifications.Kind`` has the same values)."""


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
        Option(
            "accounts/grouping",
            str,
            "",
            "How the account dialog's list is grouped: empty (the user's order), client or server.",
        ),
        Option("downloads/folder", str, "", "Folder that export files are saved into."),
        Option(
            "downloads/concurrency",
            int,
            2,
            "How many files download at the same time.",
            minimum=1,
            maximum=6,  # services.downloads.MAX_CONCURRENCY
        ),
        Option("downloads/auto", bool, False, "Download a job's file as soon as it is done."),
        Option(
            "verification/poll_seconds",
            int,
            5,
            "Seconds between inbox checks while a verification or a number test waits.",
            minimum=1,
            maximum=60,
        ),
        Option(
            "inbox/lookback_hours",
            int,
            24,
            "How many hours back the first read of the incoming SMS looks.",
            minimum=1,
            maximum=168,
        ),
        Option(
            "inbox/poll_seconds",
            int,
            15,
            "Seconds between checks for new SMS while the Numbers tab is shown.",
            minimum=10,
            maximum=30,
        ),
        *(
            Option(f"notifications/{kind}", bool, True, f"Desktop notification: {kind}.")
            for kind in NOTIFICATION_KINDS
        ),
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
        Option("ui/color_scheme", str, "system", "Colour scheme: system, light or dark."),
        Option(
            "ui/language",
            str,
            "",
            "Language of the interface: en, ru, or empty for the system's (at the next start).",
        ),
    )
}


class Settings:
    """Typed access to the options, saved atomically on every change.

    The file is written behind (``storage.SavedJson``): ``set`` never waits for the disk,
    which the GUI thread calls it from. ``write_failed(error)`` says, on the event loop's
    thread, that a change could not be saved (it stays in effect for this run); ``flush``
    waits until every change is on disk, as does opening the same file again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.changed = Signal("settings.changed")  # (name, value)
        self.write_failed = Signal("settings.write_failed")  # (OSError)
        self._file = SavedJson(
            path, self._snapshot, what="The settings", failed=self.write_failed.emit
        )
        raw = self._file.read({})  # after what this process gave the file is written
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
        if not isinstance(value, option.type) or (option.type is int and isinstance(value, bool)):
            log.warning("Setting %s has a value of the wrong type; using the default", name)
            return option.default
        return option.clamp(value)

    def set(self, name: str, value: Any) -> None:
        option = OPTIONS[name]
        if not isinstance(value, option.type):
            raise TypeError(f"{name} takes {option.type.__name__}, not {type(value).__name__}")
        if option.clamp(value) != value:
            raise ValueError(f"{name} takes {option.minimum}..{option.maximum}, not {value}")
        if self._values.get(name) == value and name in self._values:
            return
        self._values[name] = value
        self.save()
        self.changed.emit(name, value)

    def save(self) -> None:
        """Write the settings behind (their state is taken now, on the calling thread)."""
        self._file.save()

    def _snapshot(self) -> dict[str, Any]:
        # A copy: the values hold lists and dicts (profiles, header states), and the writer's
        # thread turns the snapshot into JSON later.
        return {"schema": SCHEMA_VERSION, "values": copy.deepcopy(self._values)}

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every change is on disk; False when ``timeout`` ran out first."""
        return self._file.wait(timeout)

    def __iter__(self) -> Iterator[str]:
        return iter(OPTIONS)
