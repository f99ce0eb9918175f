"""Every colour the app names is readable on the background it is drawn on, light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from smsc_desktop.ui import theme
from smsc_desktop.ui.theme import Box, Scheme, Tone

AA = 4.5


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("tone", list(Tone))
def test_every_tone_is_readable_on_every_window_background(tone: Tone, dark: bool) -> None:
    backgrounds = theme.DARK_BACKGROUNDS if dark else theme.LIGHT_BACKGROUNDS
    for background in backgrounds:
        ratio = theme.contrast(theme.css(tone, dark), background)
        assert ratio >= AA, f"{tone} on {background}: {ratio:.2f}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("box", list(Box))
def test_every_box_text_is_readable_on_its_background(box: Box, dark: bool) -> None:
    colours = theme.box_colours(box, dark)
    assert theme.contrast(colours.text, colours.background) >= AA


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_primary_button_is_readable(dark: bool) -> None:
    background, hover, text, _off_background, _off_text = theme.primary_colours(dark)
    assert theme.contrast(text, background) >= AA
    assert theme.contrast(text, hover) >= AA


def test_the_dark_scheme_is_followed_and_restyles_what_it_styled(qapp: QApplication) -> None:
    label = QLabel("x")
    theme.set_tone(label, Tone.BAD)
    box = QLabel("y")
    theme.set_box(box, Box.ERROR)
    try:
        theme.set_scheme(Scheme.LIGHT)
        assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.css(
            Tone.BAD, False
        )
        light_style = box.styleSheet()
        theme.set_scheme(Scheme.DARK)
        assert theme.is_dark()
        assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.css(
            Tone.BAD, True
        )
        assert box.styleSheet() != light_style
        assert theme.box_colours(Box.ERROR, True).background in box.styleSheet()
    finally:
        theme.set_scheme(Scheme.SYSTEM)
