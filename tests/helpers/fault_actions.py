"""The user actions of every tab, for the fault matrix (tests/helpers/fault_matrix.py).

Each :class:`Action` is done in the whole main window (``AppHarness``) on the sandbox, as a
user does it: ``prepare`` brings the window to where the action starts (nothing faulted
yet), ``perform`` does it, ``settled`` says when its outcome is shown, ``texts`` reads what
the window says about it (the surfaces the action reports on), ``recovered`` whether it
ended well after all (a download that resumed, a poll that read the inbox again).
``endpoint`` is the sandbox endpoint the fault is put on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.services.ledger import OwnedNumber, RentalStatus
from smsc_desktop.services.verification import VerificationState
from tests.helpers.app import AppHarness
from tests.helpers.sandbox import SandboxHandle

WAIT_MS = 20_000
PHONE = "79161230001"  # a subscriber to verify
RENTED = "79165550101"  # rented by the demo account on the sandbox from the start
JOB_ID = 1841  # a done export job of the demo account (48 KiB)


@dataclass
class World:
    """The window of one cell and what its action left behind."""

    app: AppHarness
    sandbox: SandboxHandle
    folder: Path
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def window(self) -> Any:
        return self.app.window

    @property
    def session(self) -> Any:
        return self.app.ctx.session

    def page(self, name: str) -> Any:
        return self.window.pages[name]

    def wait(self, condition: Callable[[], object], timeout: int = WAIT_MS) -> None:
        self.app.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def click(self, widget: QWidget) -> None:
        self.app.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def modal(self, cls: type[QWidget]) -> Any:
        found: list[QWidget] = []

        def shown() -> bool:
            found[:] = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()
            ]
            return bool(found)

        self.wait(shown, 5_000)
        return found[0]

    def run(self, coro: Any) -> Any:
        return self.app.run(coro, timeout=WAIT_MS)


@dataclass(frozen=True)
class Action:
    name: str
    tab: str
    endpoint: str
    perform: Callable[[World], None]
    settled: Callable[[World], bool]
    texts: Callable[[World], list[str]]
    prepare: Callable[[World], None] = lambda world: None
    recovered: Callable[[World], bool] = lambda world: False
    money: bool = False
    """It spends money (or changes what next month costs): sent at most once."""
    local: bool = False
    """It sends nothing to SMSC: a fault changes nothing."""


# --- numbers ----------------------------------------------------------------------------


def numbers_message(world: World) -> list[str]:
    return [world.page("numbers").message.message()]


def load_list(world: World) -> None:
    world.state["task"] = world.page("numbers").refresh()


def list_settled(world: World) -> bool:
    task = world.state.get("task")
    return task is None or task.done()


def rent(world: World) -> None:
    tab = world.page("numbers")
    tab.free.view.selectRow(0)
    number = tab.free.selected_number()
    world.state["phone"] = number.phone
    tab.free.rent_selected()
    from smsc_desktop.ui.dialogs.rent import RentDialog

    dialog = world.modal(RentDialog)
    world.click(dialog.rent_button)


def rent_settled(world: World) -> bool:
    tab = world.page("numbers")
    return not tab.rent_flow.running and not tab.service.checking


def add_rented_number(world: World, phone: str = RENTED, renew: bool = True) -> None:
    """My numbers' "Add a number" dialog, filled in as a user does."""
    from smsc_desktop.ui.dialogs.add_number import AddNumberDialog

    tab = world.page("numbers")
    world.click(tab.mine.add_button)
    dialog = world.modal(AddNumberDialog)
    world.app.qtbot.keyClicks(dialog.phone, "+" + phone)
    dialog.monthly.setValue(500)
    dialog.renewal.setCurrentIndex(0 if renew else 1)
    world.click(dialog.ok_button)
    world.wait(lambda: tab.mine.model.row_of(phone) >= 0)


def switch_renewal(world: World) -> None:
    from smsc_desktop.ui.models.my_numbers import MyColumn

    model = world.page("numbers").mine.model
    cell = model.index(model.row_of(RENTED), MyColumn.RENEWAL)
    model.setData(cell, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    world.wait(lambda: world.page("numbers").service.pending_renewal(RENTED) is not None)


def renewal_settled(world: World) -> bool:
    return world.page("numbers").service.pending_renewal(RENTED) is None


def put_mine(world: World, status: RentalStatus) -> str:
    """A number of the free list in My numbers with ``status`` (what an earlier rent left)."""
    service = world.page("numbers").service
    phone = service.table.phones[5]
    service.ledger.put(
        OwnedNumber(phone=phone, status=status, monthly_cost=Decimal("300.00"), currency="RUR")
    )
    world.run(service._records.save_ledger())
    world.state["phone"] = phone
    return phone


def check_again(world: World) -> None:
    tab = world.page("numbers")
    tab.mine.select(world.state["phone"])
    world.click(tab.mine.check_button)


def check_settled(world: World) -> bool:
    """The check is over: it left its line in the journal."""
    service = world.page("numbers").service
    phone = world.state["phone"]
    checked = any(e.action.value == "check" and e.phone == phone for e in service.journal.read())
    return checked and phone not in service.checking


def confirm(world: World) -> None:
    tab = world.page("numbers")
    tab.mine.select(world.state["phone"])
    world.click(tab.mine.confirm_button)


def confirmed(world: World) -> bool:
    owned = world.page("numbers").service.ledger.get(world.state["phone"])
    return owned is not None and owned.status is RentalStatus.ACTIVE


def added(world: World) -> bool:
    return world.page("numbers").mine.model.row_of(RENTED) >= 0


# --- verification -----------------------------------------------------------------------


def verification_texts(world: World) -> list[str]:
    panel = world.page("verification").call_panel
    out = [panel.form.phone_message.text(), panel.status_label.text()]
    for card in panel.cards_area.cards.values():
        out += [card.details.text(), card.message.text()]
    return out


def verification_of(world: World) -> Any:
    items = [v for v in world.session.verification.verifications if v.phone == PHONE]
    return items[-1] if items else None


def request_call(world: World) -> None:
    form = world.page("verification").call_panel.form
    form.phone_edit.setText(PHONE)
    world.click(form.request_button)


def call_settled(world: World) -> bool:
    item = verification_of(world)
    return item is not None and item.state is not VerificationState.REQUESTING


def waiting_verification(world: World) -> None:
    request_call(world)
    world.wait(lambda: call_settled(world))
    assert verification_of(world).state is VerificationState.WAITING
    service = world.session.verification
    world.wait(lambda: service.status().last_success is not None)
    world.state["polls"] = service.status().last_success


def poll_once(world: World) -> None:
    """Nothing to click: the app reads the inbox by itself while a verification waits."""
    world.state["failed"] = False
    world.state["polls"] = world.session.verification.polls


def poll_settled(world: World) -> bool:
    """A failed read was shown and a later one succeeded (or is far off), or two reads went
    by unharmed."""
    service = world.session.verification
    status = service.status()
    if status.error is not None:
        world.state["failed"] = True
        # shown, and SMSC's limit puts the next read a long way off (error 9: a minute)
        return (status.next_check_in or 0) > 10
    return bool(world.state["failed"]) or service.polls >= world.state["polls"] + 2


def poll_recovered(world: World) -> bool:
    return world.session.verification.status().error is None


# --- exports ----------------------------------------------------------------------------


def jobs_texts(world: World) -> list[str]:
    return [world.page("exports").jobs.error_bar.message()]


def refresh_jobs(world: World) -> None:
    service = world.page("exports").jobs.service
    world.state["updated"] = service.updated_at
    world.state["failures"] = failures = []
    service.refresh_failed.connect(failures.append)
    world.click(world.page("exports").jobs.refresh_button)


def jobs_settled(world: World) -> bool:
    service = world.page("exports").jobs.service
    changed = service.updated_at != world.state["updated"]
    return not service.loading and (changed or bool(world.state["failures"]))


def download(world: World) -> None:
    tab = world.page("exports")
    tab.downloads.set_folder(world.folder)
    jobs = tab.jobs
    row = jobs.jobs_model.row_of(JOB_ID)
    jobs.jobs_view.selectRow(jobs.jobs_proxy.mapFromSource(jobs.jobs_model.index(row, 0)).row())
    world.click(jobs.download_button)
    queue = tab.downloads.queue
    world.wait(lambda: any(i.job_id == JOB_ID for i in queue.items))


def download_item(world: World) -> Any:
    queue = world.page("exports").downloads.queue
    return next(i for i in queue.items if i.job_id == JOB_ID)


def download_texts(world: World) -> list[str]:
    from smsc_desktop.ui.models.downloads import problem_text

    item = download_item(world)
    tab = world.page("exports")
    return [problem_text(item), tab.downloads.message.text()]


def download_settled(world: World) -> bool:
    """Done, failed, or waiting a long time (SMSC's limit) with the problem shown."""
    item = download_item(world)
    if item.state in (DownloadState.DONE, DownloadState.FAILED):
        return True
    queue = world.page("exports").downloads.queue
    waiting = item.retry_at is not None and item.retry_at - queue.clock() > 10
    return item.state is DownloadState.WAITING_RETRY and item.problem is not None and waiting


def download_recovered(world: World) -> bool:
    item = download_item(world)
    if item.state is not DownloadState.DONE:
        return False
    import hashlib

    digest = hashlib.sha256(item.target.read_bytes()).hexdigest()
    return digest == world.sandbox.job_info(JOB_ID)["sha256"]


# --- accounts ---------------------------------------------------------------------------


def connection_test(world: World) -> None:
    dialog = world.app.controller.show_dialog()
    world.state["dialog"] = dialog
    world.click(dialog.form.tester.button)


def tester(world: World) -> Any:
    return world.state["dialog"].form.tester


def test_settled(world: World) -> bool:
    return not tester(world).running


def test_texts(world: World) -> list[str]:
    return [tester(world).result.text()]


def refresh_balance(world: World) -> None:
    session = world.session
    world.state["balance"] = results = []
    session.balance_changed.connect(results.append)
    session.balance_failed.connect(results.append)
    world.click(world.window.balance_label.button)


def balance_settled(world: World) -> bool:
    return bool(world.state["balance"])


def balance_texts(world: World) -> list[str]:
    return [world.window.statusBar().currentMessage()]


def captcha_dialog(world: World) -> None:
    """The Site captcha page: the picture's code typed in, Send pressed, the price asked (no
    fault yet) and the confirmation shown; the action is the confirmation's Send."""
    from smsc_desktop.ui.dialogs.send_test import SendTestDialog

    page = world.page("verification")
    page.show_page("captcha")
    panel = page.captcha_panel
    world.wait(panel.is_ready)
    local = "127.0.0.1"  # the address the picture was shown to
    panel.code_edit.setText(str(world.sandbox.server.captcha(local)["code"]))
    panel.userip_edit.setText(local)
    panel.phone_edit.setText(PHONE)
    world.state["sent"] = finished = []
    panel.form.sendFinished.connect(finished.append)
    world.click(panel.send_button)
    world.state["confirm"] = world.modal(SendTestDialog)


def captcha_send(world: World) -> None:
    world.click(world.state["confirm"].send_button)


def captcha_settled(world: World) -> bool:
    return bool(world.state["sent"])


def captcha_texts(world: World) -> list[str]:
    return [world.page("verification").captcha_panel.message.message()]


# --- overview ---------------------------------------------------------------------------


def overview_loaded(world: World) -> None:
    world.wait(world.page("overview").is_loaded)


def refresh_overview(world: World) -> None:
    page = world.page("overview")
    world.state["progress"] = seen = []
    page.service.progress.connect(seen.append)
    world.click(page.toolbar.refresh_button)


def overview_settled(world: World) -> bool:
    seen = world.state["progress"]
    return bool(seen) and not seen[-1].running


def overview_texts(world: World) -> list[str]:
    """The account's row: its error cell and the cell's tooltip (the whole sentence)."""
    from smsc_desktop.ui.models.overview import OverviewColumn

    proxy = world.page("overview").table.proxy
    found: list[str] = []
    for row in range(proxy.rowCount()):
        cell = proxy.index(row, OverviewColumn.ERROR)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = cell.data(role)
            if text:
                found.append(str(text))
    return found


ACTIONS: tuple[Action, ...] = (
    Action("load_list", "numbers", "receive_phones", load_list, list_settled, numbers_message),
    Action("rent", "numbers", "receive_phones", rent, rent_settled, numbers_message, money=True),
    Action(
        "renewal",
        "numbers",
        "receive_phones",
        switch_renewal,
        renewal_settled,
        numbers_message,
        prepare=add_rented_number,
        money=True,
    ),
    Action(
        "add", "numbers", "receive_phones", add_rented_number, added, numbers_message, local=True
    ),
    Action(
        "confirm",
        "numbers",
        "receive_phones",
        confirm,
        confirmed,
        numbers_message,
        prepare=lambda w: put_mine(w, RentalStatus.PROBABLY_RENTED) and None,
        local=True,
    ),
    Action(
        "check",
        "numbers",
        "receive_phones",
        check_again,
        check_settled,
        numbers_message,
        prepare=lambda w: put_mine(w, RentalStatus.UNKNOWN) and None,
    ),
    Action(
        "wait_call", "verification", "wait_call", request_call, call_settled, verification_texts
    ),
    Action(
        "poll",
        "verification",
        "get",
        poll_once,
        poll_settled,
        verification_texts,
        prepare=waiting_verification,
        recovered=poll_recovered,
    ),
    Action("job_list", "exports", "downloads", refresh_jobs, jobs_settled, jobs_texts),
    Action(
        "download",
        "exports",
        "downloads",
        download,
        download_settled,
        download_texts,
        recovered=download_recovered,
    ),
    Action("connection_test", "accounts", "balance", connection_test, test_settled, test_texts),
    Action("balance", "accounts", "balance", refresh_balance, balance_settled, balance_texts),
    Action(
        "captcha_send",
        "verification",
        "send",
        captcha_send,
        captcha_settled,
        captcha_texts,
        prepare=captcha_dialog,
        money=True,
    ),
    Action(
        "overview",
        "overview",
        "balance",
        refresh_overview,
        overview_settled,
        overview_texts,
        prepare=overview_loaded,
    ),
)
