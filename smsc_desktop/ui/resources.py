"""Where icons and translations are: the source checkout, an installed wheel or a bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # QtGui is imported when an icon is asked for: not before the first paint
    from PySide6.QtGui import QIcon


@cache
def resources_dir() -> Path:
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve()
    candidates.append(here.parents[2] / "resources")  # source checkout
    candidates.append(here.parents[1] / "resources")  # wheel: smsc_desktop/resources
    for path in candidates:
        if path.is_dir():
            return path
    return candidates[-1]


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icon(name: str) -> QIcon:
    """An icon from resources/icons (``name`` without extension; svg preferred)."""
    from PySide6.QtGui import QIcon

    folder = resources_dir() / "icons"
    for ext in (".svg", ".png"):
        path = folder / f"{name}{ext}"
        if path.exists():
            return QIcon(str(path))
    return QIcon()
