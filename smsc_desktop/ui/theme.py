"""Every colour of the app, named once, in a light and a dark version.

Widgets never write a colour: they name a :class:`Tone` (text that means something: muted,
good, warning, bad, accent) or a :class:`Box` (a message box's background, border and text)
and this module picks the version that suits the current palette. Which one is current
follows the application palette (a dark system theme gives a dark window), or the scheme the
user chose (``set_scheme``). ``theme().changed`` fires when it switches at run time; widgets
styled through ``set_tone``/``set_box``/``set_primary`` are restyled by themselves, and
widgets that build rich text with ``css(tone)`` re-render on ``changed``.

Every pair is checked for a contrast of at least 4.5:1 (WCAG AA) against the background it is
drawn on, in both schemes (``tests/ui/test_theme.py``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class Tone(enum.Enum):
    """Text that carries a meaning."""

    MUTED = "muted"  # secondary text: explanations, notes, timestamps
    GOOD = "good"  # done, confirmed, enough money
    WARNING = "warning"  # waiting, unknown outcome, needs a look
    BAD = "bad"  # failed, refused, not enough money
    ACCENT = "accent"  # in progress, links, the current thing


class Box(enum.Enum):
    """A framed message: background, border and text."""

    INFO = "info"
    SUCCESS = "success"
    NOTE = "note"  # a warning that does not stop anything
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class BoxColours:
    background: str
    border: str
    text: str


# The backgrounds the tones are drawn on (for the contrast check): Qt's Fusion palettes.
LIGHT_BACKGROUNDS = ("#ffffff", "#efefef", "#f7f7f7")
DARK_BACKGROUNDS = ("#2d2d2d", "#353535", "#1e1e1e")

_TONES: dict[bool, dict[Tone, str]] = {
    False: {
        Tone.MUTED: "#5f6672",
        Tone.GOOD: "#137333",
        Tone.WARNING: "#a0460a",
        Tone.BAD: "#b91c1c",
        Tone.ACCENT: "#1d4ed8",
    },
    True: {
        Tone.MUTED: "#a8afba",
        Tone.GOOD: "#4ade80",
        Tone.WARNING: "#fbbf24",
        Tone.BAD: "#ff8a8a",
        Tone.ACCENT: "#7cb3ff",
    },
}

_BOXES: dict[bool, dict[Box, BoxColours]] = {
    False: {
        Box.INFO: BoxColours("#eff6ff", "#93c5fd", "#1e3a8a"),
        Box.SUCCESS: BoxColours("#f0fdf4", "#86efac", "#14532d"),
        Box.NOTE: BoxColours("#fffbeb", "#fcd34d", "#78350f"),
        Box.ERROR: BoxColours("#fef2f2", "#fca5a5", "#7f1d1d"),
    },
    True: {
        Box.INFO: BoxColours("#172554", "#1e40af", "#dbeafe"),
        Box.SUCCESS: BoxColours("#052e16", "#166534", "#dcfce7"),
        Box.NOTE: BoxColours("#422006", "#a16207", "#fef3c7"),
        Box.ERROR: BoxColours("#450a0a", "#b91c1c", "#fee2e2"),
    },
}

# The one main action of a window or a tab (Rent, Send): (background, hover, text,
# disabled background, disabled text).
_PRIMARY: dict[bool, tuple[str, str, str, str, str]] = {
    False: ("#2563eb", "#1d4ed8", "#ffffff", "#c7d7f5", "#4b5563"),
    True: ("#3b82f6", "#60a5fa", "#0b1220", "#2b3a55", "#9ca3af"),
}

# Progress bars in tables: the track and the text drawn over the bar / the track.
_PROGRESS: dict[bool, tuple[str, str, str]] = {
    False: ("#e5e7eb", "#ffffff", "#1f2937"),
    True: ("#3f4451", "#0b1220", "#e5e7eb"),
}

# Selection and hover of the Verification tab's navigation list.
_NAV: dict[bool, tuple[str, str, str]] = {
    False: ("#dbe7fb", "#2563eb", "#eef2f7"),
    True: ("#1e3a5f", "#60a5fa", "#2a3140"),
}


# Charts (the Insights view): (main series, second series, grid lines, the hovered item's
# outline, the categories' colours in order). Text on charts uses Tone.MUTED and the palette.
_CHART: dict[bool, tuple[str, str, str, str, tuple[str, ...]]] = {
    False: (
        "#3b82f6",
        "#c2410c",
        "#e5e7eb",
        "#111827",
        ("#2563eb", "#0d9488", "#d97706", "#7c3aed", "#db2777", "#65a30d", "#0891b2", "#9ca3af"),
    ),
    True: (
        "#60a5fa",
        "#fb923c",
        "#3f4451",
        "#f9fafb",
        ("#60a5fa", "#2dd4bf", "#fbbf24", "#a78bfa", "#f472b6", "#a3e635", "#22d3ee", "#9ca3af"),
    ),
}


@dataclass(frozen=True, slots=True)
class ChartColours:
    bars: QColor
    line: QColor
    grid: QColor
    hover: QColor
    categories: tuple[QColor, ...]
    text: QColor
    """Axis labels and legends (Tone.MUTED)."""

    def category(self, index: int) -> QColor:
        return self.categories[index % len(self.categories)]


def chart_colours(dark: bool | None = None) -> ChartColours:
    """The colours charts are drawn in, in the current scheme."""
    use_dark = is_dark() if dark is None else dark
    bars, line, grid, hover, categories = _CHART[use_dark]
    return ChartColours(
        _qcolor(bars),
        _qcolor(line),
        _qcolor(grid),
        _qcolor(hover),
        tuple(_qcolor(c) for c in categories),
        _qcolor(_TONES[use_dark][Tone.MUTED]),
    )


class Scheme(enum.Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_forced: Scheme = Scheme.SYSTEM


def _palette_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def is_dark() -> bool:
    """Whether the dark versions are in use now."""
    if _forced is Scheme.DARK:
        return True
    if _forced is Scheme.LIGHT:
        return False
    return _palette_is_dark()


def css(tone: Tone, dark: bool | None = None) -> str:
    """The tone's colour as ``#rrggbb`` (for rich text and style sheets)."""
    return _TONES[is_dark() if dark is None else dark][tone]


@cache
def _qcolor(name: str) -> QColor:
    return QColor(name)


def colour(tone: Tone) -> QColor:
    """The tone's colour (for models' ``ForegroundRole`` and painters)."""
    return _qcolor(css(tone))


def box_colours(box: Box, dark: bool | None = None) -> BoxColours:
    return _BOXES[is_dark() if dark is None else dark][box]


def box_style(box: Box, selector: str = "QLabel") -> str:
    """A framed message; with a selector other than ``QLabel``, the frame's labels take the
    box's text colour and let its background show through."""
    c = box_colours(box)
    if selector == "QLabel":
        return (
            f"QLabel {{ background: {c.background}; border: 1px solid {c.border};"
            f" color: {c.text}; border-radius: 4px; padding: 8px; }}"
        )
    return (
        f"{selector} {{ background: {c.background}; border: 1px solid {c.border};"
        " border-radius: 4px; }"
        f" {selector} QLabel {{ color: {c.text}; background: transparent; }}"
    )


def primary_style() -> str:
    bg, hover, text, off_bg, off_text = _PRIMARY[is_dark()]
    return (
        f"QPushButton {{ background: {bg}; color: {text}; border: 1px solid {hover};"
        " border-radius: 4px; padding: 4px 14px; font-weight: bold; }"
        f" QPushButton:hover {{ background: {hover}; }}"
        f" QPushButton:disabled {{ background: {off_bg}; color: {off_text};"
        f" border-color: {off_bg}; }}"
    )


def primary_colours(dark: bool | None = None) -> tuple[str, str, str, str, str]:
    return _PRIMARY[is_dark() if dark is None else dark]


def progress_colours(dark: bool | None = None) -> tuple[QColor, QColor, QColor]:
    """(track, text over the bar, text over the track)."""
    track, on_bar, on_track = _PROGRESS[is_dark() if dark is None else dark]
    return _qcolor(track), _qcolor(on_bar), _qcolor(on_track)


def on_tone(dark: bool | None = None) -> str:
    """Text drawn on a fill of a tone's colour (a state badge, a progress bar)."""
    return _PROGRESS[is_dark() if dark is None else dark][1]


# The server tag of an account: (background, text) for a production server and for a
# sandbox or test server. Solid chips, the same in both schemes.
TAG_LIVE = ("#137333", "#ffffff")
TAG_TEST = ("#d97706", "#111827")


def nav_colours() -> tuple[str, str, str]:
    """(selected background, selected marker, hover background)."""
    return _NAV[is_dark()]


# --- styled widgets follow a change of scheme ------------------------------------------


_STYLED = "_smsc_theme_style"


class _Theme(QObject):
    """Watches the palette; restyles the widgets styled here when the scheme flips."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._dark = is_dark()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            # The application's palette signal, not an event filter on the application: a
            # filter there sees every event of every object (thousands per tab shown, each
            # a call into Python: ~12% of the GUI thread's Python time in a long session).
            # The signal comes with every application palette change (setPalette, or the
            # platform's theme), as the ApplicationPaletteChange event does.
            app.paletteChanged.connect(self._check)
            hints = QGuiApplication.styleHints()
            hints.colorSchemeChanged.connect(self._check)

    def _check(self, *_args: object) -> None:
        dark = is_dark()
        if dark != self._dark:
            self._dark = dark
            widgets = QApplication.allWidgets()
            for widget in widgets:
                # A style sheet keeps the palette its widget was polished with: polish anew
                # (before the tones below, which that would undo).
                sheet = widget.styleSheet()
                if sheet and _STYLED not in widget.__dict__:
                    widget.setStyleSheet("")
                    widget.setStyleSheet(sheet)
            self.changed.emit()  # widgets that build their own style sheets or rich text
            styled: list[tuple[QWidget, tuple[str, object]]] = [
                (w, w.__dict__[_STYLED]) for w in widgets if _STYLED in w.__dict__
            ]
            # Boxes and buttons first: their new style sheets polish their children anew.
            for widget, (kind, value) in sorted(styled, key=lambda pair: pair[1][0] == "tone"):
                _apply(widget, kind, value)

    def remember(self, widget: QWidget, kind: str, value: object) -> bool:
        """Remember how ``widget`` is styled; False when it already was (nothing to do).

        Kept on the widget's own wrapper (not in a dict keyed by widgets: Qt wrappers hash
        by their C++ address, which a new widget may reuse)."""
        entry = (kind, value)
        if widget.__dict__.get(_STYLED) == entry:
            return False
        widget.__dict__[_STYLED] = entry
        return True


_theme: _Theme | None = None


def theme() -> _Theme:
    global _theme
    if _theme is None:
        _theme = _Theme()
    return _theme


def set_scheme(scheme: Scheme) -> None:
    """Use the light or dark versions whatever the palette says (or follow it: SYSTEM)."""
    global _forced
    _forced = scheme
    theme()._check()


# --- the window's own palette, when the user picks a scheme --------------------------------

# (role, active/inactive colour, disabled colour or "" for the same) of each scheme's palette;
# the window backgrounds are LIGHT_BACKGROUNDS / DARK_BACKGROUNDS, so the tones' contrast
# checks hold on them.
_R = QPalette.ColorRole
_PALETTES: dict[bool, tuple[tuple[QPalette.ColorRole, str, str], ...]] = {
    False: (
        (_R.Window, "#efefef", ""),
        (_R.WindowText, "#111111", "#8a8a8a"),
        (_R.Base, "#ffffff", "#efefef"),
        (_R.AlternateBase, "#f7f7f7", ""),
        (_R.Text, "#111111", "#8a8a8a"),
        (_R.PlaceholderText, "#6b6b6b", ""),
        (_R.Button, "#efefef", ""),
        (_R.ButtonText, "#111111", "#8a8a8a"),
        (_R.BrightText, "#ffffff", ""),
        (_R.Light, "#ffffff", ""),
        (_R.Midlight, "#e3e3e3", ""),
        (_R.Mid, "#b8b8b8", ""),
        (_R.Dark, "#9f9f9f", ""),
        (_R.Shadow, "#767676", ""),
        (_R.Highlight, "#2563eb", "#c7d7f5"),
        (_R.HighlightedText, "#ffffff", "#4b5563"),
        (_R.Link, "#1d4ed8", ""),
        (_R.LinkVisited, "#6d28d9", ""),
        (_R.ToolTipBase, "#ffffdc", ""),
        (_R.ToolTipText, "#111111", ""),
    ),
    True: (
        (_R.Window, "#353535", ""),
        (_R.WindowText, "#eeeeee", "#8f8f8f"),
        (_R.Base, "#2d2d2d", "#353535"),
        (_R.AlternateBase, "#333333", ""),
        (_R.Text, "#eeeeee", "#8f8f8f"),
        (_R.PlaceholderText, "#a8a8a8", ""),
        (_R.Button, "#3c3c3c", ""),
        (_R.ButtonText, "#eeeeee", "#8f8f8f"),
        (_R.BrightText, "#ffffff", ""),
        (_R.Light, "#505050", ""),
        (_R.Midlight, "#454545", ""),
        (_R.Mid, "#5a5a5a", ""),
        (_R.Dark, "#232323", ""),
        (_R.Shadow, "#141414", ""),
        (_R.Highlight, "#3b82f6", "#2b3a55"),
        (_R.HighlightedText, "#0b1220", "#9ca3af"),
        (_R.Link, "#7cb3ff", ""),
        (_R.LinkVisited, "#c4a5ff", ""),
        (_R.ToolTipBase, "#2d2d2d", ""),
        (_R.ToolTipText, "#eeeeee", ""),
    ),
}


def palette(dark: bool) -> QPalette:
    """The window palette of a scheme the user picked (the system's is used otherwise)."""
    result = QPalette()
    disabled = QPalette.ColorGroup.Disabled
    for role, normal, off in _PALETTES[dark]:
        result.setColor(role, _qcolor(normal))
        result.setColor(disabled, role, _qcolor(off or normal))
    return result


_system_palette: QPalette | None = None


def apply_scheme(scheme: Scheme) -> None:
    """Show the app in ``scheme``: its palette, the tones, and the platform told (file
    dialogs, title bars); SYSTEM gives back the palette the app started with."""
    global _system_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        set_scheme(scheme)
        return
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    hints = QGuiApplication.styleHints()
    if scheme is Scheme.SYSTEM:
        hints.unsetColorScheme()
        app.setPalette(_system_palette)
    else:
        dark = scheme is Scheme.DARK
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        app.setPalette(palette(dark))
    set_scheme(scheme)


def _apply(widget: QWidget, kind: str, value: object) -> None:
    if kind == "tone":
        palette = QPalette()  # only the roles set here are the widget's own; the rest inherit
        if value is not None:
            assert isinstance(value, Tone)
            for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
                palette.setColor(role, colour(value))
        widget.setPalette(palette)
    elif kind == "box":
        assert isinstance(value, tuple)
        box, selector = value
        _restyle(widget, box_style(box, selector))
    elif kind == "primary":
        _restyle(widget, primary_style())


def _restyle(widget: QWidget, style: str) -> None:
    """Set a style sheet only when it changes (applying one re-polishes the widget)."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def set_tone(widget: QWidget, tone: Tone | None) -> None:
    """Draw the widget's text in ``tone`` (None: the palette's own text colour)."""
    if theme().remember(widget, "tone", tone):
        _apply(widget, "tone", tone)


def tone_of(widget: QWidget) -> Tone | None:
    """The tone ``set_tone`` gave the widget (None: none, or the palette's own)."""
    kind, value = widget.__dict__.get(_STYLED, ("", None))
    return value if kind == "tone" and isinstance(value, Tone) else None


def set_box(widget: QWidget, box: Box, selector: str = "QLabel") -> None:
    if theme().remember(widget, "box", (box, selector)):
        _apply(widget, "box", (box, selector))


def set_primary(button: QWidget) -> None:
    """Mark the one main action of a window or tab."""
    if theme().remember(button, "primary", None):
        _apply(button, "primary", None)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""

    def luminance(name: str) -> float:
        c = QColor(name)
        channels = []
        for value in (c.redF(), c.greenF(), c.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


_pinned = False


def pin_scheme(scheme: Scheme) -> None:
    """The scheme of this run, whatever the settings say (``--color-scheme``)."""
    global _pinned
    apply_scheme(scheme)
    _pinned = True


def follow_setting(value: object) -> None:
    """The scheme chosen in Settings (``ui/color_scheme``), unless one was pinned."""
    if _pinned:
        return
    try:
        scheme = Scheme(value)
    except ValueError:
        scheme = Scheme.SYSTEM
    if scheme is not _forced:
        apply_scheme(scheme)
