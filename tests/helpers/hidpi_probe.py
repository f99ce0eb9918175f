"""Run at QT_SCALE_FACTOR=2 in a child process (``tests/ui/test_hidpi.py``): builds the main
window with every tab and prints one JSON object: the device pixel ratio, each icon's pixmap
for a 16 px slot, the buttons and labels whose text does not fit, the window's least size."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget


def clipped(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QAbstractButton, QLabel)):
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue
        if isinstance(widget, QAbstractButton) and not widget.text():
            continue
        hint = widget.sizeHint()
        if widget.width() < hint.width() or widget.height() < hint.height():
            found.append(
                f"{type(widget).__name__} {widget.objectName()} {widget.text()[:30]!r}"
                f" {widget.width()}x{widget.height()} < {hint.width()}x{hint.height()}"
            )
    return found


def main(root: Path) -> None:
    app = QApplication(sys.argv[:1])
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui.context import AppContext
    from smsc_desktop.ui.main_window import MainWindow
    from smsc_desktop.ui.resources import icon, resources_dir

    paths = AppPaths(root)
    window = MainWindow()
    window.attach(AppContext(paths, Settings(paths.settings_file)))
    window.resize(1200, 760)
    window.show()
    app.processEvents()
    ratio = window.devicePixelRatio()
    icons = {}
    for path in sorted((resources_dir() / "icons").glob("*.*")):
        pixmap = icon(path.stem).pixmap(QSize(16, 16), ratio)
        icons[path.name] = [pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()]
    problems = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
        problems += [
            f"{window.tabs.tabText(index)}: {p}" for p in clipped(window.tabs.widget(index))
        ]
    problems += clipped(window.statusBar())
    least = window.minimumSizeHint()
    print(
        json.dumps(
            {
                "ratio": ratio,
                "icons": icons,
                "clipped": problems,
                "least": [least.width(), least.height()],
            }
        )
    )
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
