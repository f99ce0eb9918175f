"""Dark and light: no colour is written outside ``ui/theme.py``, and every tab shown in either
scheme keeps its labels readable (text against what it is drawn on, ≥ 4.5:1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

import smsc_desktop.ui
from smsc_desktop.ui import theme
from smsc_desktop.ui.theme import Scheme
from tests.helpers.a11y import demo
from tests.helpers.app import AppHarness

__all__ = ["demo"]

AA = 4.5
UI = Path(smsc_desktop.ui.__file__).parent

LITERALS = re.compile(
    r"""["'][^"'\n]*#[0-9a-fA-F]{6}\b"""  # "#rrggbb" in a string or a style sheet
    r"""|["'][^"'\n]*#[0-9a-fA-F]{3}\b(?![-\w])"""  # "#rgb"
    r"""|\brgba?\(\s*\d"""  # rgb(1, 2, 3) in a style sheet
    r"""|Qt\.(?:GlobalColor\.)?(?:white|black|red|green|blue|gray|grey|darkGray|lightGray|yellow)\b"""
    r"""|QColor\(\s*(?:\d|["'])"""  # QColor(255, ...) / QColor("...")
)


def test_no_colour_is_written_outside_the_theme() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py" and path.parent == UI:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERALS.search(line):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "colours outside ui/theme.py:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for() -> None:
    for line in (
        'label.setStyleSheet("QLabel { color: #fef2f2; }")',
        "painter.setPen(Qt.white)",
        "QColor(255, 0, 0)",
        'QColor("#2563eb")',
        "background: rgb(1, 2, 3);",
    ):
        assert LITERALS.search(line), line
    for line in ('"#resultBox { border: 1px solid palette(mid); }"', "QColor(colour)"):
        assert not LITERALS.search(line), line


@pytest.fixture
def scheme() -> Iterator[None]:
    yield
    theme.apply_scheme(Scheme.SYSTEM)


def _box_of(widget: QWidget) -> theme.BoxColours | None:
    current: QWidget | None = widget
    while current is not None:
        kind, value = current.__dict__.get("_smsc_theme_style", ("", None))
        if kind == "box" and isinstance(value, tuple):
            return theme.box_colours(value[0])
        current = current.parentWidget()
    return None


COLOUR_IN_TEXT = re.compile(r"color:\s*(#[0-9a-fA-F]{6})")


def unreadable(root: QWidget) -> list[str]:
    """Shown labels whose text (or the colours in their rich text) is too faint."""
    window = QApplication.palette().color(QPalette.ColorRole.Window).name()
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.isEnabled() or not label.text().strip():
            continue  # (WCAG asks nothing of disabled text)
        box = _box_of(label)
        if box is not None:
            pairs = [(box.text, box.background)]
            background = box.background
        else:
            background = window
            pairs = [(label.palette().color(QPalette.ColorRole.WindowText).name(), background)]
        pairs += [(c, background) for c in COLOUR_IN_TEXT.findall(label.text())]
        for foreground, back in pairs:
            ratio = theme.contrast(foreground, back)
            if ratio < AA:
                name = label.objectName() or type(label.parentWidget()).__name__
                problems.append(f"{name} {label.text()[:40]!r}: {foreground} on {back} {ratio:.2f}")
    return problems


@pytest.mark.parametrize("chosen", [Scheme.DARK, Scheme.LIGHT], ids=["dark", "light"])
def test_every_tab_is_readable_in_both_schemes(
    demo: AppHarness, scheme: None, chosen: Scheme
) -> None:
    theme.apply_scheme(chosen)
    dark = chosen is Scheme.DARK
    assert theme.is_dark() is dark
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert (window_colour.lightness() < 128) is dark
    label = demo.window.balance_label.label  # the palette reaches widgets by posted events
    demo.qtbot.waitUntil(lambda: label.palette().color(QPalette.ColorRole.Window) == window_colour)
    problems = []
    tabs = demo.window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.currentWidget()
        demo.qtbot.waitExposed(page)
        problems += [f"{tabs.tabText(index)}: {p}" for p in unreadable(page)]
    problems += unreadable(demo.window.statusBar())
    assert not problems, "\n".join(problems)


def test_the_chosen_scheme_is_followed_at_run_time(demo: AppHarness, scheme: None) -> None:
    settings = demo.ctx.settings
    settings.set("ui/color_scheme", "dark")
    assert theme.is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    settings.set("ui/color_scheme", "light")
    assert not theme.is_dark()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() >= 128


def test_the_palettes_are_readable() -> None:
    for dark in (False, True):
        palette = theme.palette(dark)
        role = QPalette.ColorRole
        for text, back in (
            (role.WindowText, role.Window),
            (role.Text, role.Base),
            (role.Text, role.AlternateBase),
            (role.PlaceholderText, role.Base),
            (role.ButtonText, role.Button),
            (role.HighlightedText, role.Highlight),
            (role.ToolTipText, role.ToolTipBase),
            (role.Link, role.Base),
        ):
            ratio = theme.contrast(palette.color(text).name(), palette.color(back).name())
            assert ratio >= AA, (dark, text, back, ratio)


def test_a_palette_set_from_outside_is_followed_without_watching_every_event(
    qapp: QApplication, scheme: None
) -> None:
    """The theme follows the application's palette (the platform's, or one set by anyone),
    and it does so without a Python event filter on the application, which every event of
    every object went through (thousands per tab shown in a long session)."""
    import sys

    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    watcher = theme.theme()
    flips: list[bool] = []
    watcher.changed.connect(lambda: flips.append(theme.is_dark()))
    light = QPalette(qapp.palette())
    try:
        qapp.setPalette(theme.palette(not theme.is_dark()))
        assert flips == [theme.is_dark()]
    finally:
        qapp.setPalette(light)
    assert len(flips) == 2

    called: list[str] = []

    def profile(frame: object, event: str, _arg: object) -> None:
        if event == "call":
            called.append(frame.f_code.co_name)  # type: ignore[attr-defined]

    target = QObject()
    sys.setprofile(profile)
    try:
        for _ in range(20):
            QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))
    finally:
        sys.setprofile(None)
    assert "eventFilter" not in called
