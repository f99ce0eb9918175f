"""Checks on screenshots: a PNG that is not blank."""

from __future__ import annotations

from pathlib import Path


def distinct_colours(path: Path, step: int = 4) -> int:
    """How many different colours a sample of the image's pixels has (1 = blank)."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) of the image at ``path``."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    return image.width(), image.height()
