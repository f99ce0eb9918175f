"""The main window's tabs before they are built: their names, where their classes live and
their titles (``tab_specs``), the mapping that builds a tab when it is first asked for
(``Pages``) and the empty widget that holds its place until then (``Placeholder``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from smsc_desktop.ui.tabs.base import TabPage


class TabSpec(NamedTuple):
    """A tab of the window: its name, where its class lives, its title before it is built."""

    name: str
    module: str
    cls: str
    title: Callable[[], str]


def tab_specs() -> tuple[TabSpec, ...]:
    """The tabs in order. The titles are the tabs' own (same context and text)."""
    return (
        TabSpec(
            "overview",
            "smsc_desktop.ui.tabs.overview",
            "OverviewTab",
            lambda: QCoreApplication.translate("overview", "Overview"),
        ),
        TabSpec(
            "numbers",
            "smsc_desktop.ui.tabs.numbers",
            "NumbersTab",
            lambda: QCoreApplication.translate("NumbersTab", "Numbers"),
        ),
        TabSpec(
            "verification",
            "smsc_desktop.ui.tabs.verification",
            "VerificationTab",
            lambda: QCoreApplication.translate("VerificationTab", "Verification"),
        ),
        TabSpec(
            "exports",
            "smsc_desktop.ui.tabs.exports",
            "ExportsTab",
            lambda: QCoreApplication.translate("exports", "Exports"),
        ),
    )


class TabBuilder(Protocol):
    def tab_names(self) -> list[str]: ...

    def _build_page(self, name: str) -> TabPage: ...


class Pages(Mapping[str, "TabPage"]):
    """The window's tabs by name; a tab not built yet is built when asked for.

    Iterating names every tab; ``values()``/``items()`` would build them all, so code that
    only looks at what exists uses ``built()``.
    """

    def __init__(self, window: TabBuilder) -> None:
        self._window = window
        self._built: dict[str, TabPage] = {}

    def __getitem__(self, name: str) -> TabPage:
        page = self._built.get(name)
        if page is not None:
            return page
        if name not in self._window.tab_names():
            raise KeyError(name)
        return self._window._build_page(name)

    def __contains__(self, name: object) -> bool:
        return name in self._window.tab_names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._window.tab_names())

    def __len__(self) -> int:
        return len(self._window.tab_names())

    def built(self) -> dict[str, TabPage]:
        """The tabs built so far (the others have never been shown)."""
        return dict(self._built)

    def add(self, name: str, page: TabPage) -> None:
        self._built[name] = page


class Placeholder(QWidget):
    """Where a tab goes until it is first shown; never "loaded" (see startup_probe)."""

    def is_loaded(self) -> bool:
        return False
