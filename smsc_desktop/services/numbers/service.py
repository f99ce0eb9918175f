"""``NumbersService``: the one object the Numbers tab observes, made of the parts of the
package (the free list, renting, renewal, the records, the inbox, the number tests) around
one account's session."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsc_desktop.api import FreeNumber
from smsc_desktop.services.clock import SystemClock
from smsc_desktop.services.free_numbers import FreeNumbersTable
from smsc_desktop.services.journal import Journal, JournalEntry
from smsc_desktop.services.ledger import (
    Ledger,
    OwnedNumber,
    RentalSource,
    RentalStatus,
    Totals,
    totals,
)
from smsc_desktop.services.numbers.events import NumbersEvents
from smsc_desktop.services.numbers.free_list import FreeList
from smsc_desktop.services.numbers.inbox import NumbersInbox
from smsc_desktop.services.numbers.probes import NumberProbe, Probes
from smsc_desktop.services.numbers.prorating import (
    last_midnight,
    price_may_have_changed,
    smsc_date,
)
from smsc_desktop.services.numbers.records import Records
from smsc_desktop.services.numbers.recovery import recover
from smsc_desktop.services.numbers.renewal import Renewals
from smsc_desktop.services.numbers.renting import Renter
from smsc_desktop.services.numbers.results import (
    NotSentReason,
    Reconciliation,
    RenewalResult,
    RentQuote,
    RentResult,
)
from smsc_desktop.services.numbers.rules import rules_page
from smsc_desktop.services.phones import check_phone
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.services.session import AccountSession


def _utcnow() -> datetime:
    return datetime.now(UTC)


class NumbersService(NumbersEvents):
    """The free list, renting, renewal, My numbers, the journal, the inbox and the number
    tests of one account."""

    def __init__(
        self,
        session: AccountSession,
        *,
        now: Callable[[], datetime] = _utcnow,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        super().__init__()
        self.session = session
        self.client = session.client
        self.closed = False
        self._background = TaskSet("numbers")
        self._records = Records(
            session.data_dir,
            self,
            now=now,
            profile_name=lambda: self.profile_name,
            currency=lambda: self.currency,
        )
        self._list = FreeList(
            self.client,
            self._records,
            self,
            self._background,
            now=now,
            sleep=sleep,
            renting=lambda: self._renter.renting,
        )
        self._renter = Renter(session, self._records, self._list, self, self._background, now=now)
        self._now = now
        self._renewals = Renewals(self.client, self._records, self)
        self._recovered = False
        options = session.options
        self.inbox = NumbersInbox(session.inbox, self.ledger, options.inbox_poll_interval)
        """The SMS on the account's numbers (read while the tab is shown)."""
        self.probes = Probes(
            session.inbox, options.wall_clock or SystemClock(), options.poll_interval
        )
        """"Test this number": waiting for an SMS on one number."""

    # -- lifetime --------------------------------------------------------------------------

    async def open(self) -> None:
        """Read My numbers from disk (in a worker thread), then take up the paid requests
        the app stopped in the middle of last time (``recovery.py``: recorded as unknown,
        rents reconciled in the background, nothing sent again). A demo profile's first start
        begins with the sandbox's pre-rented numbers (``session.demo_numbers``)."""
        fresh = await asyncio.to_thread(self._load_ledger)
        demo = self.session.demo_numbers
        if fresh and demo and len(self.ledger) == 0:
            for number in demo:
                self.ledger.put(number)
            await self._records.save_ledger()
        self.mine_changed.emit()
        if self._recovered:
            return
        self._recovered = True
        entries = await self.read_journal()
        await recover(entries, self._records, self, self._reconcile_cut_off, self._in_background)

    async def _reconcile_cut_off(self, phone: str, since: datetime) -> Reconciliation:
        return await self._renter.reconcile(phone, since=since)

    def _in_background(self, coro: Coroutine[Any, Any, Reconciliation]) -> None:
        self._background.start(coro, name="recover")

    def _load_ledger(self) -> bool:
        """Load My numbers; True when there was no file yet (a first start)."""
        self.ledger.load()
        return self.ledger.load_problem is None and not self.ledger.path.exists()

    async def read_journal(self) -> list[JournalEntry]:
        return await asyncio.to_thread(self.journal.read)

    def close(self) -> None:
        """Stop the list load and background work (a rent in flight is left to finish)."""
        self.closed = True
        self.inbox.close()
        self.probes.close()
        for task in self._tasks():
            task.cancel()

    async def aclose(self) -> None:
        """``close()`` and wait until the stopped tasks have ended."""
        tasks = self._tasks()
        self.close()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _tasks(self) -> list[asyncio.Task[Any]]:
        return self._background.pending()

    @property
    def ledger(self) -> Ledger:
        """My numbers."""
        return self._records.ledger

    @property
    def journal(self) -> Journal:
        return self._records.journal

    @property
    def currency(self) -> str:
        balance = self.session.balance
        return balance.currency if balance is not None else ""

    @property
    def profile_name(self) -> str:
        return self.session.profile.name

    # -- the free list (free_list.py) -----------------------------------------------------

    @property
    def table(self) -> FreeNumbersTable | None:
        """The last free list loaded."""
        return self._list.table

    @property
    def loaded_at(self) -> datetime | None:
        return self._list.loaded_at

    @property
    def loading(self) -> bool:
        return self._list.loading

    def list_retry_after(self) -> float:
        """Seconds until SMSC's limit lets the list be asked for again (0: now)."""
        return self._list.retry_after()

    async def refresh(self) -> FreeNumbersTable:
        """Load the free list (or join the load already running). Raises ``SmscError``."""
        return await self._list.refresh()

    # -- renting (renting.py) ---------------------------------------------------------------

    def quote(self, number: FreeNumber, previous_charge: Decimal | None = None) -> RentQuote:
        """What renting ``number`` costs, as of today in SMSC's time zone."""
        return replace(
            self._renter.quote(number),
            today=self.smsc_today(),
            previous_charge=previous_charge,
            rules_url=rules_page(self.session.profile.server),
        )

    def smsc_today(self) -> date:
        """Today in SMSC's time zone as the app reads it (Moscow): the month a prorated
        price pays for (``prorating``)."""
        return smsc_date(self._now())

    def price_outdated(self) -> bool:
        """A day may have begun for SMSC since the free list was asked for (midnight in any
        zone SMSC plausibly counts days in, ``prorating``): ``current_cost`` pays for the
        days left in the month, so SMSC may charge a price the list does not show (less each
        day; a whole month after the 1st)."""
        asked = self._list.requested_at
        return asked is not None and price_may_have_changed(asked, self._now())

    async def rent_quote(self, number: FreeNumber) -> RentQuote | None:
        """The quote for the confirmation. When a day may have begun for SMSC since the list
        was asked for, the list is loaded again first (waiting for SMSC's limit) and the
        quote has SMSC's price of now and ``previous_charge`` (the old list's); ``None`` when
        the new list no longer offers the number. Raises ``SmscError`` when it cannot load."""
        if not self.price_outdated():
            return self.quote(number)
        table = await self._list.asked_since(last_midnight(self._now()))
        row = table.row_of(number.phone)
        if row is None:
            return None
        return self.quote(table.number(row), previous_charge=number.current_cost)

    @property
    def renting(self) -> str | None:
        """The number being rented right now, if any."""
        return self._renter.renting

    def rent_retry_after(self, phone: str) -> float:
        return self._renter.retry_after(phone)

    def can_rent(self, phone: str) -> NotSentReason | None:
        """Why renting ``phone`` would not be sent now (``None``: it would)."""
        return self._renter.can_rent(phone)

    async def rent(self, number: FreeNumber, renew: bool = True) -> RentResult:
        """Rent ``number`` once. Never retried; an unclear outcome is reconciled."""
        return await self._renter.rent(number, renew)

    async def reconcile(self, phone: str, balance_before: Decimal | None = None) -> Reconciliation:
        """Find out whether a rent with an unknown result happened, from a fresh free list.
        Waits for SMSC's list limit if needed. Never sends a rent."""
        return await self._renter.reconcile(phone, balance_before)

    @property
    def checking(self) -> frozenset[str]:
        return self._renter.checking

    # -- renewal (renewal.py) ---------------------------------------------------------------

    def pending_renewals(self) -> dict[str, bool]:
        """Renewal changes on their way: phone → the state asked for."""
        return self._renewals.pending()

    def pending_renewal(self, phone: str) -> bool | None:
        """The renewal state being sent for ``phone`` (``None``: nothing pending)."""
        return self._renewals.pending_for(phone)

    def renewal_retry_after(self, phone: str, renew: bool) -> float:
        return self._renewals.retry_after(phone, renew)

    async def set_renewal(self, phone: str, renew: bool) -> RenewalResult:
        """Switch auto-renewal of a number in My numbers; a refusal leaves it as it was."""
        return await self._renewals.set(phone, renew)

    # -- "Test this number" (probes.py) ------------------------------------------------------

    async def test_number(self, phone: str) -> NumberProbe:
        """Wait for an SMS on ``phone`` (the probe reports through ``probes.changed``)."""
        if self.closed:
            raise RuntimeError("The numbers service is closed.")
        return await self.probes.start(phone)

    # -- My numbers ------------------------------------------------------------------------

    def my_numbers(self) -> list[OwnedNumber]:
        return self.ledger.numbers()

    def totals(self) -> Totals:
        balance = self.session.balance
        return totals(self.ledger.numbers(), balance.amount if balance else None)

    async def add_external(
        self,
        phone: str,
        *,
        renew: bool = True,
        monthly_cost: Decimal | None = None,
        note: str = "",
    ) -> OwnedNumber:
        """Add a number rented elsewhere (the cabinet, another tool). ``ValueError`` when
        the number is not a phone number or already in My numbers."""
        checked = check_phone(phone)
        if not checked.ok:
            raise ValueError("not a phone number")
        digits = checked.digits
        existing = self.ledger.get(digits)
        if existing is not None and existing.status is not RentalStatus.ENDED:
            raise ValueError("already in My numbers")
        info = ""
        type_code = None
        table = self.table
        if table is not None:
            row = table.row_of(digits)
            if row is not None:
                info = table.info(row)
                type_code = table.type_code(row)
        number = OwnedNumber(
            phone=digits,
            renew=renew,
            status=RentalStatus.ACTIVE,
            source=RentalSource.EXTERNAL,
            monthly_cost=monthly_cost,
            currency=self.currency,
            type=type_code,
            info=info,
            rented_at=None,
            note=note,
        )
        self.ledger.put(number)
        await self._records.save_ledger()
        return number

    async def forget(self, phone: str) -> None:
        """Stop tracking a number in My numbers (nothing is sent to SMSC)."""
        if phone == self.renting or phone in self.checking:
            raise ValueError("busy")
        if self.ledger.remove(phone) is not None:
            await self._records.save_ledger()

    async def confirm_rented(self, phone: str) -> None:
        """The user checked the cabinet: a "probably rented" number is rented."""
        if self.ledger.update(phone, status=RentalStatus.ACTIVE) is not None:
            await self._records.save_ledger()
