"""The Numbers tab as a whole: its panels follow the account, and its work ends with it.

The panels themselves are tested in ``tests/ui/panels/numbers/``.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
import shiboken6

from smsc_desktop.services.journal import JournalAction, JournalOutcome
from smsc_desktop.services.ledger import RentalStatus
from smsc_desktop.services.observable import Signal
from smsc_desktop.ui import aio
from smsc_desktop.ui.dialogs.rent import RentDialog

pytestmark = pytest.mark.usefixtures("qloop")


def slots_of(obj: object) -> int:
    return sum(len(value) for value in vars(obj).values() if isinstance(value, Signal))


def test_the_panels_show_the_account(open_tab: Any) -> None:
    h = open_tab()
    tab = h.tab
    service = h.session.numbers
    assert tab.service is service
    assert tab.free.service is service
    assert tab.mine.service is service
    assert tab.rent_flow.service is service
    assert tab.free.model.rowCount() == 300
    assert tab.bottom.tabText(0) == "My numbers (0)"
    assert tab.bottom.tabText(1) == "Journal (0)"
    assert str(service.journal.path) in tab.journal.file_label.text()
    assert tab.mine.view.placeholder().startswith("No numbers yet")
    assert tab.journal.view.placeholder().startswith("Every rent and renewal change")
    assert tab.mine.add_button.isEnabled()


def test_switching_the_account_away_drops_connections_and_work(open_tab: Any) -> None:
    h = open_tab()
    tab = h.tab
    service = h.session.numbers
    assert slots_of(service) > 0
    assert tab.refresh() is not None  # a list load of the account in flight
    tab.ctx.sessionChanged.emit(None)
    assert slots_of(service) == 0
    assert slots_of(h.session) == 0
    h.wait(lambda: not aio.pending_tasks())
    assert tab.service is None
    assert tab.free.model.rowCount() == 0
    assert tab.free.view.placeholder() == "Open an account to see the free numbers."
    assert not tab.mine.add_button.isEnabled()
    assert tab.journal.file_label.text() == ""
    h.wait(lambda: not service.loading)  # the load ends in the service, shown nowhere
    assert tab.free.model.rowCount() == 0


def test_deleting_the_tab_mid_load_and_mid_rent_leaves_no_task_and_no_error(
    open_tab: Any, sandbox: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    h = open_tab()
    tab = h.tab
    service = h.session.numbers
    h.select_row(0)
    number = tab.free.selected_number()
    assert number is not None
    tab.free.rent_selected()
    dialog: RentDialog = h.modal(RentDialog)
    # SMSC carries out the rent and the list request at once but answers them late.
    sandbox.set_fault("receive_phones", latency=5.0, count=2)
    h.click(dialog.rent_button)
    h.wait(lambda: h.requests("receive_phones.buy") == 1)  # sent: waiting for the answer
    assert service.renting == number.phone
    assert tab.refresh() is not None
    h.wait(lambda: h.requests("receive_phones.get") == 2)
    assert service.loading
    work = tab.session_tasks.tasks | tab.tasks.tasks
    assert tab.rent_flow.task in work
    assert len(work) >= 2

    tab.deleteLater()
    h.wait(lambda: not shiboken6.isValid(tab))
    h.wait(lambda: not aio.pending_tasks())
    assert all(task.done() for task in work)
    assert slots_of(service) == 0
    assert slots_of(h.session) == 0
    # The service goes on without the tab: the list arrives (shown nowhere), and the rent
    # whose answer nobody waits for any more is on record as unknown, never sent again.
    h.wait(lambda: not service.loading)
    owned = service.ledger.get(number.phone)
    assert owned is not None
    assert owned.status is RentalStatus.UNKNOWN
    last = service.journal.read()[-1]
    assert (last.action, last.outcome) == (JournalAction.RENT, JournalOutcome.UNKNOWN)
    assert h.requests("receive_phones.buy") == 1
    problems = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert problems == [], [r.getMessage() for r in problems]


def test_a_rent_cut_off_last_time_is_shown_unknown_then_reconciled(
    open_tab: Any, sandbox: Any, tmp_path: Any
) -> None:
    """The app was killed while a rent was on its way: the next start says so and checks."""
    from datetime import UTC, datetime

    import httpx

    from smsc_desktop.services.journal import Journal, JournalEntry

    answer = httpx.post(
        sandbox.endpoint("receive_phones"), data={**sandbox.auth(), "get": 1, "fmt": 3}
    )
    phone = answer.json()[0]["phone"]
    Journal(tmp_path / "app" / "profiles" / "sandbox-demo").append(
        JournalEntry(
            time=datetime.now(UTC),
            profile="Sandbox demo",
            action=JournalAction.RENT,
            phone=phone,
            outcome=JournalOutcome.REQUESTED,
        )
    )
    httpx.post(
        sandbox.endpoint("receive_phones"), data={**sandbox.auth(), "buy": 1, "phone": phone}
    )
    h = open_tab()
    h.wait(lambda: "most likely rented" in h.message())
    owned = h.session.numbers.ledger.get(phone)
    assert owned is not None
    assert owned.status is RentalStatus.PROBABLY_RENTED
    assert h.tab.mine.model.row_of(phone) >= 0
    assert h.requests("receive_phones.buy") == 1
