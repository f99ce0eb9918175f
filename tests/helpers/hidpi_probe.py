"""Run at QT_SCALE_FACTOR=2 in a child process (``tests/ui/test_hidpi.py``): builds the main
window on the demo account (the built-in sandbox), shows every tab until its data has loaded,
and prints one JSON object: the device pixel ratio, each icon's pixmap for a 16 px slot, the
buttons and labels whose text does not fit (with the account's figures in them), the
window's least size."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSize
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
    import asyncio

    from smsc_desktop.ui import aio

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop
    loop = aio.new_event_loop(app)
    asyncio.set_event_loop(loop)
    errors: list[str] = []  # what the loop would log: reported, the test fails on any
    loop.set_exception_handler(lambda _loop, context: errors.append(str(context.get("message"))))
    try:
        report = loop.run_until_complete(measure(app, root))
        print(json.dumps({**report, "loop_errors": errors}))
    finally:
        loop.close()


async def measure(app: QApplication, root: Path) -> dict[str, object]:
    import asyncio

    from smsc_desktop.app import DemoSandbox
    from smsc_desktop.services.paths import AppPaths
    from smsc_desktop.services.secrets import SecretStore
    from smsc_desktop.services.settings import Settings
    from smsc_desktop.ui import aio
    from smsc_desktop.ui.context import AppContext
    from smsc_desktop.ui.main_window import MainWindow
    from smsc_desktop.ui.resources import icon, resources_dir

    paths = AppPaths(root)
    sandbox = DemoSandbox()
    ctx = AppContext(
        paths,
        Settings(paths.settings_file),
        secrets=SecretStore(enabled=False),
        sandbox_starter=sandbox.start,
    )
    window = MainWindow()
    window.attach(ctx)
    window.resize(1200, 760)
    window.show()
    await window.accounts.start(demo=True)
    ratio = window.devicePixelRatio()
    icons = {}
    for path in sorted((resources_dir() / "icons").glob("*.*")):
        pixmap = icon(path.stem).pixmap(QSize(16, 16), ratio)
        icons[path.name] = [pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()]
    problems = []
    loaded = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        for _ in range(3000):  # its data shown (at most 30 s)
            if getattr(page, "is_loaded", lambda: True)():
                break
            await asyncio.sleep(0.01)
        # The layouts the data's texts asked for, and nothing else: processEvents() here
        # would run other tasks' steps inside this one ("Cannot enter into task"), and a
        # step lost that way left the Numbers tab waiting forever (1 run in 10 under load).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        loaded[window.tabs.tabText(index)] = bool(getattr(page, "is_loaded", lambda: True)())
        problems += [f"{window.tabs.tabText(index)}: {p}" for p in clipped(page)]
    problems += clipped(window.statusBar())
    least = window.minimumSizeHint()
    window.close()
    await aio.cancel_all()
    await ctx.close()
    await sandbox.stop()
    return {
        "ratio": ratio,
        "icons": icons,
        "clipped": problems,
        "loaded": loaded,
        "balance": window.balance_label.label.text(),
        "least": [least.width(), least.height()],
    }


if __name__ == "__main__":
    main(Path(sys.argv[1]))
