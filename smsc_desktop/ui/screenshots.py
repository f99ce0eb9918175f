"""``--screenshot``: a tab, the account dialog, the rent confirmation or the Insights window
rendered to a PNG once its data has loaded (README: "Look at what you built"). Used by
``app._run``; every function returns the process's exit code (0 saved, 2 not)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smsc_desktop.ui.main_window import MainWindow

log = logging.getLogger("smsc_desktop.app")


async def take_screenshot(
    window: MainWindow, tab: str | None, path: Path, timeout: float = 30.0
) -> int:
    """Wait until the tab shows its data (and the balance is known), then save a PNG."""
    import asyncio

    page = window.show_tab(tab) if tab else window.tabs.currentWidget()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout

    def ready() -> bool:
        session = window.ctx.session if window.ctx else None
        balance_known = session is None or session.balance is not None
        return bool(getattr(page, "is_loaded", lambda: True)()) and balance_known

    while not ready():
        if loop.time() > deadline:
            log.error("Screenshot: the tab did not finish loading in %.0f s", timeout)
            break
        await asyncio.sleep(0.05)
    if not await _save_png(window, path):
        return 2
    return 0 if ready() else 3


async def _save_png(widget: QWidget, path: Path) -> bool:
    """Let pending layouts and paints run, then render ``widget`` into a PNG at ``path``."""
    import asyncio

    # Never processEvents() inside a coroutine: it would run other tasks' steps
    # re-entrantly ("Cannot enter into task ..."). Idle turns of the loop paint instead.
    for _ in range(3):
        await asyncio.sleep(0.02)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        log.error("Screenshot: could not write %s", path)
        return False
    log.info("Screenshot saved to %s", path)
    return True


async def take_dialog_screenshot(
    window: MainWindow, path: Path, timeout: float = 30.0, size: tuple[int, int] | None = None
) -> int:
    """The account dialog: the active account after a connection test, or the welcome page
    when there is no account yet. The secret field is masked (asserted, not assumed)."""
    import asyncio

    controller = window.accounts
    dialog = controller.dialog or controller.show_dialog()
    if size is not None:
        dialog.resize(*size)
    tester = dialog.form.tester
    if dialog.stack.currentIndex() == 1 and dialog.form.current is not None:
        tester.start()
        task = tester.task.task
        if task is not None:
            await asyncio.wait([task], timeout=timeout)
    if dialog.form.secret_edit.revealed:
        log.error("Screenshot: the secret field is not masked")
        return 4
    return 0 if await _save_png(dialog, path) else 2


async def take_rent_screenshot(window: MainWindow, path: Path, timeout: float = 30.0) -> int:
    """The rent confirmation of the first free number, as the Numbers tab would open it
    (nothing is sent: the dialog is only rendered)."""
    from smsc_desktop.ui.dialogs.rent import RentDialog

    code = await take_screenshot(window, "numbers", path, timeout)
    session = window.ctx.session if window.ctx else None
    page = window.show_tab("numbers")
    model = getattr(getattr(page, "free", None), "model", None)
    number = model.number_at(0) if model is not None else None
    if code != 0 or session is None or number is None:
        log.error("Screenshot: no free number to confirm")
        return code or 3
    service = session.numbers
    dialog = RentDialog(
        await service.rent_quote(number) or service.quote(number),
        window,
        account=service.profile_name,
    )
    dialog.show()
    try:
        return 0 if await _save_png(dialog, path) else 2
    finally:
        dialog.close()
        dialog.deleteLater()


async def take_insights_screenshot(window: MainWindow, path: Path, timeout: float = 30.0) -> int:
    """The Insights window over the first finished download of at least 1 MiB (the demo's
    ten days of messages), or the largest one finished when the time is up."""
    import asyncio

    from smsc_desktop.services.downloads import DownloadState
    from smsc_desktop.ui.tabs.exports import ExportsTab

    page = window.show_tab("exports")
    if not isinstance(page, ExportsTab):
        return 3
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout

    def finished() -> tuple[list[Path], bool]:
        """(the file to show, whether it is a big one)."""
        queue = page.downloads.queue
        items = [] if queue is None else queue.items
        done = [i for i in items if i.state is DownloadState.DONE and not i.file_missing]
        big = [i for i in done if i.received >= 1 << 20]
        chosen = big[:1] or sorted(done, key=lambda i: -i.received)[:1]
        return [i.target for i in chosen], bool(big)

    while not finished()[1]:
        if loop.time() > deadline:
            break
        await asyncio.sleep(0.1)
    targets, _big = finished()
    if not targets:
        log.error("Screenshot: no download finished in %.0f s", timeout)
        return 3
    dialog = page.downloads.commands.show_insights(targets[0])
    dialog.resize(1180, 1240)
    loaded: asyncio.Future[None] = loop.create_future()

    def done() -> None:
        if not loaded.done():
            loaded.set_result(None)

    dialog.loaded.connect(done)
    try:
        await asyncio.wait_for(loaded, max(1.0, deadline - loop.time()))
    except TimeoutError:
        log.error("Screenshot: the Insights window did not finish reading in time")
        return 3
    return 0 if await _save_png(dialog, path) else 2
