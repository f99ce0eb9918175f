"""The real app (``smsc_desktop.app.main``) in a child process, watched and driven through
files, for the tests that kill it (tests/test_kill_restart.py, tests/perf/bench_kill.py).

    python -m tests.helpers.app_child

Environment: ``SMSC_DESKTOP_HOME`` (the app's folder, with the saved profile), ``HOME`` and
the XDG folders (the parent points them into a temporary folder), ``SMSC_CHILD_PROBE`` (a
folder for the files below), ``SMSC_CHILD_SECRET_KEY`` and ``SMSC_CHILD_SECRET`` (the
profile's keyring entry: the child's keyring is a file in its home, never the user's).

Every 100 ms the child writes ``status.json`` there (what the Numbers tab shows, My
numbers, the downloads) and carries out ``command.json`` if the parent wrote one:
``{"rent": PHONE}`` (as a user does: the rent is started and its confirmation accepted) or
``{"download": JOB_ID, "folder": PATH}`` (the job's file queued into PATH, as the Exports
tab's Download button does).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

SHOWN: list[str] = []
"""Every message a message bar has shown, in order."""


class Probe(QObject):
    def __init__(self, window: Any, folder: Path) -> None:
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.accept_rent = False
        self.errors: list[str] = []
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        try:
            self._accept_dialogs()
            self._run_command()
            self._write_status()
        except Exception as exc:  # reported to the parent, never fatal here
            self.errors.append(repr(exc))

    @property
    def session(self) -> Any:
        ctx = self.window.ctx
        return ctx.session if ctx is not None else None

    def _accept_dialogs(self) -> None:
        if not self.accept_rent:
            return
        from smsc_desktop.ui.dialogs.rent import RentDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RentDialog) and widget.isVisible():
                self.accept_rent = False
                widget.rent_button.click()

    def _run_command(self) -> None:
        command_file = self.folder / "command.json"
        if not command_file.exists() or self.session is None:
            return
        command = json.loads(command_file.read_text(encoding="utf-8"))
        command_file.unlink()
        if "rent" in command:
            tab = self.window.pages["numbers"]
            table = tab.service.table
            number = table.number(table.row_of(command["rent"]))
            self.accept_rent = True
            tab.rent_flow.rent(number)
        elif "download" in command:
            from smsc_desktop.ui import aio

            session = self.session
            job = session.exports.job(int(command["download"]))
            if job is None:
                raise RuntimeError(f"job {command['download']} is not listed yet")
            folder = Path(command["folder"])
            aio.spawn(session.downloads.add_jobs([job], folder), name="child-download")

    def _write_status(self) -> None:
        session = self.session
        status: dict[str, Any] = {"pid": os.getpid(), "errors": self.errors, "session": None}
        if session is not None:
            numbers = self.window.pages["numbers"]
            exports = session.exports
            status.update(
                session=session.profile.id,
                numbers_loaded=numbers.is_loaded(),
                numbers_message=numbers.message.message(),
                shown=SHOWN,
                free=numbers.service.table.phones[:5] if numbers.service.table else [],
                mine={n.phone: n.status.value for n in session.numbers.my_numbers()},
                jobs=[j.id for j in exports.jobs],
                downloads=[
                    {
                        "job_id": item.job_id,
                        "state": item.state.value,
                        "received": item.received,
                        "total": item.total,
                        "target": str(item.target),
                    }
                    for item in session.downloads.items
                ],
            )
        path = self.folder / "status.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(status), encoding="utf-8")
        os.replace(temporary, path)


def main() -> int:
    import keyring

    folder = Path(os.environ["SMSC_CHILD_PROBE"])
    keyring.get_keyring().set_password(
        "smsc-desktop", os.environ["SMSC_CHILD_SECRET_KEY"], os.environ["SMSC_CHILD_SECRET"]
    )

    from smsc_desktop import app
    from smsc_desktop.ui.main_window import MainWindow
    from smsc_desktop.ui.widgets.message_bar import MessageBar

    show_message = MessageBar.show_message

    def show_and_note(bar: MessageBar, level: Any, text: str, *args: Any, **kwargs: Any) -> None:
        SHOWN.append(text)
        show_message(bar, level, text, *args, **kwargs)

    MessageBar.show_message = show_and_note  # type: ignore[method-assign]

    attach = MainWindow.attach

    def attach_and_probe(window: MainWindow, ctx: Any, *args: Any, **kwargs: Any) -> None:
        attach(window, ctx, *args, **kwargs)
        # Tabs are built on first show: the Exports tab asked for, as a user opening it
        # would, so the account's job list runs (the kill test downloads from it).
        window.pages["exports"]
        window.probe = Probe(window, folder)  # type: ignore[attr-defined]

    MainWindow.attach = attach_and_probe  # type: ignore[method-assign]
    return app.main(["--tab", "numbers"])


if __name__ == "__main__":
    sys.exit(main())
