"""The app icon rendered from the SVG into PNG, ICO and ICNS (packaging/icons.py)."""

from __future__ import annotations

import struct
from pathlib import Path
from types import ModuleType

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    return struct.unpack(">II", data[16:24])


def test_icons_are_rendered_in_every_format(icons_py: ModuleType, tmp_path: Path) -> None:
    written = icons_py.generate(tmp_path)

    for size in icons_py.PNG_SIZES:
        assert png_size(written[f"png{size}"].read_bytes()) == (size, size)

    ico = written["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons_py.ICO_SIZES))
    for index, size in enumerate(sorted(icons_py.ICO_SIZES)):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index : 22 + 16 * index]
        )
        assert width == (0 if size == 256 else size)
        assert png_size(ico[offset : offset + length]) == (size, size)

    icns = written["icns"].read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns  # 1024 px, what Finder shows on retina screens


def test_rendered_icon_is_not_empty(icons_py: ModuleType) -> None:
    from PySide6.QtGui import QImage

    image = QImage.fromData(icons_py.render_png(icons_py.SVG, 64))
    assert (image.width(), image.height()) == (64, 64)
    centre = image.pixelColor(32, 20)
    assert centre.alpha() == 255  # the blue square, not transparency
