"""The startup baseline: the emptiest PySide6 window we could ship (run as a script).

A QMainWindow with three empty tabs, the same size as SMSC Desktop's window: the "bare
window" of ../shared/platform-notes.md (sections 6 and 11). Like any real window it draws
text, so loading fonts is part of the floor. It is marked by the same probe as the app
(``smsc_desktop.ui.startup_probe``: a ``paint`` line with ``time.monotonic()`` in the file
named by ``SMSC_DESKTOP_STARTUP_PROBE``), so both pay the same for the instrument; it is
"ready" at once, so it closes right after its first paint.
"""

import os
import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

from smsc_desktop.ui.startup_probe import ENV_VAR, StartupProbe


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Empty window")
    window.resize(1200, 760)
    tabs = QTabWidget(window)
    for title in ("Numbers", "Verification", "Exports"):
        tabs.addTab(QWidget(tabs), title)
    window.setCentralWidget(tabs)
    StartupProbe(window, os.environ[ENV_VAR], ready=lambda: True)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
