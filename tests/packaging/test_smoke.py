"""The smoke test's blank-screenshot check (packaging/smoke.py)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType


def test_blank_png_is_detected(smoke_py: ModuleType, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    path = tmp_path / "blank.png"
    image.save(str(path))
    assert smoke_py.png_is_blank(path)


def test_window_with_content_is_not_blank(
    smoke_py: ModuleType, tmp_path: Path, qtbot: object
) -> None:
    from PySide6.QtWidgets import QLabel

    from smsc_desktop.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    for title in ("Numbers", "Verification", "Exports"):
        text = "\n".join(f"+7 900 000-00-{n:02d}  rented, 150.00 RUB" for n in range(30))
        window.tabs.addTab(QLabel(text), title)
    path = tmp_path / "window.png"
    assert window.grab().save(str(path), "PNG")
    assert smoke_py.png_is_blank(path) is None
