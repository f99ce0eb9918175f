"""Renting dedicated numbers: the free list, renting, renewal, My numbers and the journal.

``NumbersService`` is what the Numbers tab observes. It is plain Python on the asyncio loop:

- **The free list** (``refresh``): one list request at a time (callers share it), within
  SMSC's limit of 2 identical requests a minute; the answer is indexed off the GUI thread
  into a :class:`~smsc_desktop.services.free_numbers.FreeNumbersTable`.
- **Renting** (``rent``): one rent at a time, never retried. The journal gets a line
  *before* the request leaves (if it cannot be written, nothing is sent) and one with the
  outcome. SMSC's error → refused; the request never left → not sent; anything else (no
  answer, an unreadable answer) → *unknown*, and the app reconciles instead of repeating:
- **Reconciling** (``reconcile``): the API cannot list an account's numbers, but it lists
  the free ones. A fresh list (requested after the unknown outcome) that no longer offers
  the number means it was most likely rented by this account ("probably rented — check the
  cabinet"); a list that still offers it means it was not rented.
- **Renewal** (``set_renewal``): ``chg=1&noprolong=0|1`` with a pending state per number;
  a refusal reverts it.
- **My numbers** is a :class:`~smsc_desktop.services.ledger.Ledger`; every rent and renewal
  change is appended to the :class:`~smsc_desktop.services.journal.Journal`.

File writes run in a worker thread. Results are returned as data (``RentResult``,
``RenewalResult``), never as user-facing prose: the UI words and translates them.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from smsc_desktop.api import (
    ApiError,
    Endpoint,
    FreeNumber,
    NetworkError,
    RateLimitedError,
    RecordList,
    SmscError,
)
from smsc_desktop.services.free_numbers import FreeNumbersTable
from smsc_desktop.services.gcpause import gc_paused
from smsc_desktop.services.journal import (
    Journal,
    JournalAction,
    JournalEntry,
    JournalOutcome,
)
from smsc_desktop.services.ledger import (
    Ledger,
    OwnedNumber,
    RentalSource,
    RentalStatus,
    Totals,
    totals,
)
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.phones import check_phone
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.services.session import AccountSession

__all__ = [
    "NotSentReason",
    "NumbersService",
    "Reconciliation",
    "RenewalResult",
    "RentQuote",
    "RentResult",
    "RequestStatus",
]

log = logging.getLogger("smsc_desktop.services.numbers")


class RequestStatus(enum.StrEnum):
    OK = "ok"
    REFUSED = "refused"
    """SMSC answered with an error; nothing changed."""
    NOT_SENT = "not_sent"
    """Nothing left this computer (see ``NotSentReason``)."""
    UNKNOWN = "unknown"
    """The request left and no readable answer came back."""


class NotSentReason(enum.StrEnum):
    BUSY = "busy"
    """Another request of the same kind is running."""
    ALREADY_OWNED = "already_owned"
    RATE_LIMITED = "rate_limited"
    NETWORK = "network"
    JOURNAL = "journal"
    """The journal could not be written, so the paid request was not sent."""
    NOT_LISTED = "not_listed"


class Reconciliation(enum.StrEnum):
    PROBABLY_RENTED = "probably_rented"
    NOT_RENTED = "not_rented"
    CHECK_FAILED = "check_failed"


@dataclass(frozen=True, slots=True)
class RentQuote:
    """What the confirmation states before anything is sent."""

    number: FreeNumber
    balance: Decimal | None
    currency: str

    @property
    def charge_now(self) -> Decimal:
        return self.number.current_cost

    @property
    def monthly(self) -> Decimal:
        return self.number.cost

    @property
    def balance_after(self) -> Decimal | None:
        return None if self.balance is None else self.balance - self.charge_now

    @property
    def enough_money(self) -> bool | None:
        """``False`` when the balance is known and too low; ``None`` when unknown."""
        return None if self.balance is None else self.balance >= self.charge_now

    @property
    def shortfall(self) -> Decimal:
        if self.balance is None:
            return Decimal("0.00")
        return max(Decimal("0.00"), self.charge_now - self.balance)


@dataclass(frozen=True, slots=True)
class RentResult:
    phone: str
    status: RequestStatus
    charged: Decimal | None = None
    error: SmscError | OSError | None = None
    reason: NotSentReason | None = None
    reconciliation: Reconciliation | None = None
    balance_before: Decimal | None = None
    balance_after: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RenewalResult:
    phone: str
    renew: bool
    status: RequestStatus
    error: SmscError | OSError | None = None
    reason: NotSentReason | None = None


@dataclass(frozen=True, slots=True)
class ListLoaded:
    table: FreeNumbersTable
    skipped: int
    ended: tuple[str, ...]
    """Numbers of My numbers that the free list offers again (their rental ended)."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


class NumbersService:
    """The free list, renting, renewal, My numbers and the journal of one account."""

    def __init__(
        self,
        session: AccountSession,
        *,
        now: Callable[[], datetime] = _utcnow,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.session = session
        self.client = session.client
        self.ledger = Ledger(session.data_dir)
        self.journal = Journal(session.data_dir)
        self._now = now
        self._sleep = sleep
        self.table: FreeNumbersTable | None = None
        self.loaded_at: datetime | None = None
        self._list_task: asyncio.Task[FreeNumbersTable] | None = None
        self._list_started_at: datetime | None = None
        self._renting: str | None = None
        self._pending: dict[str, bool] = {}
        self._checking: set[str] = set()
        self._save_lock = asyncio.Lock()
        self._background = TaskSet("numbers")
        self.closed = False

        self.list_loading = Signal("numbers.list_loading")  # ()
        self.list_loaded = Signal("numbers.list_loaded")  # (ListLoaded)
        self.list_failed = Signal("numbers.list_failed")  # (SmscError)
        self.mine_changed = Signal("numbers.mine_changed")  # ()
        self.rent_started = Signal("numbers.rent_started")  # (phone)
        self.rent_finished = Signal("numbers.rent_finished")  # (RentResult)
        self.number_rented = Signal("numbers.number_rented")  # (phone)
        self.rent_unknown = Signal("numbers.rent_unknown")  # (phone)
        self.check_started = Signal("numbers.check_started")  # (phone, wait_seconds)
        self.check_finished = Signal("numbers.check_finished")  # (phone, Reconciliation)
        self.renewal_finished = Signal("numbers.renewal_finished")  # (RenewalResult)
        self.storage_failed = Signal("numbers.storage_failed")  # (OSError)
        self.journal_appended = Signal("numbers.journal_appended")  # (JournalEntry)

    # -- lifetime --------------------------------------------------------------------------

    async def open(self) -> None:
        """Read My numbers from disk (in a worker thread)."""
        await asyncio.to_thread(self.ledger.load)
        self.mine_changed.emit()

    async def read_journal(self) -> list[JournalEntry]:
        return await asyncio.to_thread(self.journal.read)

    def close(self) -> None:
        """Stop the list load and background work (a rent in flight is left to finish)."""
        self.closed = True
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
    def currency(self) -> str:
        balance = self.session.balance
        return balance.currency if balance is not None else ""

    @property
    def profile_name(self) -> str:
        return self.session.profile.name

    # -- the free list -----------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._list_task is not None and not self._list_task.done()

    def list_retry_after(self) -> float:
        """Seconds until SMSC's limit lets the list be asked for again (0: now)."""
        if self.loading:
            return 0.0
        return self.client.wait_time(Endpoint.FREE_NUMBERS)

    async def refresh(self) -> FreeNumbersTable:
        """Load the free list (or join the load already running). Raises ``SmscError``."""
        if self._list_task is None or self._list_task.done():
            wait = self.client.wait_time(Endpoint.FREE_NUMBERS)
            if wait > 0:
                error = RateLimitedError(wait, limit=2, endpoint="receive_phones", command="get")
                self.list_failed.emit(error)
                raise error
            self._list_started_at = self._now()
            self._list_task = self._background.start(
                self._load_list(self._list_started_at), name="list", awaited=True
            )
        return await asyncio.shield(self._list_task)

    async def _load_list(self, started_at: datetime) -> FreeNumbersTable:
        self.list_loading.emit()
        try:
            with gc_paused():
                answer: list[RecordList[FreeNumber]] = [await self.client.list_available_numbers()]
                skipped = answer[0].skipped_count
                table = await asyncio.to_thread(_index_and_release, answer)
        except SmscError as exc:
            self.list_failed.emit(exc)
            raise
        ended = await self._match_mine(table, started_at)
        self.table = table
        self.loaded_at = self._now()
        self.list_loaded.emit(ListLoaded(table, skipped, tuple(ended)))
        return table

    async def _match_mine(self, table: FreeNumbersTable, started_at: datetime) -> list[str]:
        """Compare a new free list with My numbers.

        A number rented after the list was asked for may still be on it: take it off. A
        number rented before and offered again has ended its rental (e.g. renewal was off
        at the month's end): mark it so.
        """
        ended = []
        for number in self.ledger.numbers():
            if number.status not in (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED):
                continue
            if number.phone == self._renting:
                continue
            if number.rented_at is not None and number.rented_at >= started_at:
                table.remove(number.phone)
                continue
            if table.row_of(number.phone) is not None:
                self.ledger.update(number.phone, status=RentalStatus.ENDED)
                ended.append(number.phone)
        if ended:
            await self._save_ledger()
        return ended

    # -- renting ------------------------------------------------------------------------

    def quote(self, number: FreeNumber) -> RentQuote:
        balance = self.session.balance
        return RentQuote(
            number, balance.amount if balance else None, balance.currency if balance else ""
        )

    @property
    def renting(self) -> str | None:
        """The number being rented right now, if any."""
        return self._renting

    def rent_retry_after(self, phone: str) -> float:
        return self.client.wait_time(Endpoint.RENT, phone=phone)

    def can_rent(self, phone: str) -> NotSentReason | None:
        """Why renting ``phone`` would not be sent now (``None``: it would)."""
        if self._renting is not None:
            return NotSentReason.BUSY
        owned = self.ledger.get(phone)
        if owned is not None and owned.status is not RentalStatus.ENDED:
            return NotSentReason.ALREADY_OWNED
        if self.rent_retry_after(phone) > 0:
            return NotSentReason.RATE_LIMITED
        return None

    async def rent(self, number: FreeNumber, renew: bool = True) -> RentResult:
        """Rent ``number`` once. Never retried; an unclear outcome is reconciled."""
        phone = number.phone
        reason = self.can_rent(phone)
        if reason is not None:
            error = None
            if reason is NotSentReason.RATE_LIMITED:
                error = RateLimitedError(self.rent_retry_after(phone), limit=2)
            result = RentResult(phone, RequestStatus.NOT_SENT, reason=reason, error=error)
        else:
            self._renting = phone
            self.rent_started.emit(phone)
            try:
                result = await self._send_rent(number, renew)
            finally:
                self._renting = None
        self.rent_finished.emit(result)
        return result

    async def _send_rent(self, number: FreeNumber, renew: bool) -> RentResult:
        phone = number.phone
        balance_before = self.session.balance.amount if self.session.balance else None
        entry = self._entry(
            JournalAction.RENT,
            phone,
            JournalOutcome.REQUESTED,
            amount=number.current_cost,
            monthly=number.cost,
            renew=renew,
        )
        try:
            await self._write(entry)
        except OSError as exc:
            log.error("Journal not writable, rent of %s not sent: %s", phone, exc)
            return RentResult(
                phone, RequestStatus.NOT_SENT, error=exc, reason=NotSentReason.JOURNAL
            )
        try:
            charged = await self.client.rent_number(phone, renew)
        except asyncio.CancelledError:
            # The request may have left: keep a trace synchronously, then stop.
            self._record_unknown_sync(number, renew, entry.op)
            raise
        except RateLimitedError as exc:
            await self._journal(entry, JournalOutcome.NOT_SENT, error=exc)
            return RentResult(
                phone, RequestStatus.NOT_SENT, error=exc, reason=NotSentReason.RATE_LIMITED
            )
        except ApiError as exc:
            await self._journal(entry, JournalOutcome.REFUSED, error=exc)
            return RentResult(
                phone, RequestStatus.REFUSED, error=exc, balance_before=balance_before
            )
        except NetworkError as exc:
            if exc.request_sent:
                return await self._after_unknown(number, renew, entry, exc, balance_before)
            await self._journal(entry, JournalOutcome.NOT_SENT, error=exc)
            return RentResult(
                phone, RequestStatus.NOT_SENT, error=exc, reason=NotSentReason.NETWORK
            )
        except SmscError as exc:  # an unreadable answer: it may have been carried out
            return await self._after_unknown(number, renew, entry, exc, balance_before)
        return await self._after_rented(number, renew, entry, charged, balance_before)

    async def _after_rented(
        self,
        number: FreeNumber,
        renew: bool,
        entry: JournalEntry,
        charged: Decimal,
        balance_before: Decimal | None,
    ) -> RentResult:
        phone = number.phone
        self.ledger.put(self._rented_here(number, renew, RentalStatus.ACTIVE, paid=charged))
        await self._save_ledger()
        await self._journal(entry, JournalOutcome.OK, amount=charged)
        if self.table is not None:
            self.table.remove(phone)
        self.number_rented.emit(phone)
        self.session.spend(charged)
        self._in_background(self.session.refresh_balance())
        after = balance_before - charged if balance_before is not None else None
        return RentResult(
            phone,
            RequestStatus.OK,
            charged=charged,
            balance_before=balance_before,
            balance_after=after,
        )

    def _rented_here(
        self, number: FreeNumber, renew: bool, status: RentalStatus, paid: Decimal | None = None
    ) -> OwnedNumber:
        return OwnedNumber(
            phone=number.phone,
            renew=renew,
            status=status,
            source=RentalSource.APP,
            monthly_cost=number.cost,
            paid=paid,
            currency=self.currency,
            type=number.type,
            info=number.info,
            rented_at=self._now(),
        )

    def _record_unknown_sync(self, number: FreeNumber, renew: bool, op: str) -> None:
        entry = self._entry(
            JournalAction.RENT,
            number.phone,
            JournalOutcome.UNKNOWN,
            error=asyncio.CancelledError(),
            amount=number.current_cost,
            monthly=number.cost,
            renew=renew,
            op=op,
        )
        try:
            self.ledger.put(self._rented_here(number, renew, RentalStatus.UNKNOWN))
            self.ledger.save()
            self.journal.append(entry)
            self.journal_appended.emit(entry)
        except OSError:
            log.exception("Could not record the unknown rent of %s", number.phone)

    async def _after_unknown(
        self,
        number: FreeNumber,
        renew: bool,
        entry: JournalEntry,
        error: SmscError,
        balance_before: Decimal | None,
    ) -> RentResult:
        phone = number.phone
        log.warning("Rent of %s: outcome unknown (%s); reconciling", phone, type(error).__name__)
        self.ledger.put(self._rented_here(number, renew, RentalStatus.UNKNOWN))
        await self._save_ledger()
        await self._journal(entry, JournalOutcome.UNKNOWN, error=error)
        self.rent_unknown.emit(phone)
        outcome = await self.reconcile(phone, balance_before=balance_before)
        after = self.session.balance.amount if self.session.balance else None
        return RentResult(
            phone,
            RequestStatus.UNKNOWN,
            error=error,
            reconciliation=outcome,
            balance_before=balance_before,
            balance_after=after,
        )

    async def reconcile(self, phone: str, balance_before: Decimal | None = None) -> Reconciliation:
        """Find out whether a rent with an unknown result happened, from a fresh free list.

        Waits for SMSC's list limit if needed. Never sends a rent.
        """
        if phone in self._checking:
            return Reconciliation.CHECK_FAILED
        self._checking.add(phone)
        unknown_since = self._now()
        try:
            table = await self._fresh_list(phone, unknown_since)
        except (SmscError, OSError) as exc:
            await self._journal_new(
                JournalAction.CHECK, phone, JournalOutcome.CHECK_FAILED, error=exc
            )
            self.check_finished.emit(phone, Reconciliation.CHECK_FAILED)
            return Reconciliation.CHECK_FAILED
        finally:
            self._checking.discard(phone)
        balance = await self.session.refresh_balance()
        if table.row_of(phone) is None:
            self.ledger.update(phone, status=RentalStatus.PROBABLY_RENTED)
            outcome = Reconciliation.PROBABLY_RENTED
            journal_outcome = JournalOutcome.PROBABLY_RENTED
            self.number_rented.emit(phone)
        else:
            self.ledger.remove(phone)
            outcome = Reconciliation.NOT_RENTED
            journal_outcome = JournalOutcome.NOT_RENTED
        await self._save_ledger()
        await self._journal_new(
            JournalAction.CHECK,
            phone,
            journal_outcome,
            balance_before=balance_before,
            balance_after=balance.amount if balance is not None else None,
        )
        self.check_finished.emit(phone, outcome)
        return outcome

    @property
    def checking(self) -> frozenset[str]:
        return frozenset(self._checking)

    async def _fresh_list(self, phone: str, since: datetime) -> FreeNumbersTable:
        """A free list requested after ``since`` (a list already on its way may predate the
        unknown rent, so it is awaited and then a new one asked for)."""
        while True:
            if self._list_task is not None and not self._list_task.done():
                started = self._list_started_at
                try:
                    table = await asyncio.shield(self._list_task)
                except SmscError:
                    table = None
                if table is not None and started is not None and started >= since:
                    return table
                continue
            wait = self.client.wait_time(Endpoint.FREE_NUMBERS)
            if wait > 0:
                self.check_started.emit(phone, wait)
                await self._sleep(wait + 0.05)
                continue
            self.check_started.emit(phone, 0.0)
            return await self.refresh()

    # -- renewal ------------------------------------------------------------------------

    def pending_renewals(self) -> dict[str, bool]:
        """Renewal changes on their way: phone → the state asked for."""
        return dict(self._pending)

    def pending_renewal(self, phone: str) -> bool | None:
        """The renewal state being sent for ``phone`` (``None``: nothing pending)."""
        return self._pending.get(phone)

    def renewal_retry_after(self, phone: str, renew: bool) -> float:
        return self.client.wait_time(Endpoint.RENEWAL, phone=phone)

    async def set_renewal(self, phone: str, renew: bool) -> RenewalResult:
        """Switch auto-renewal of a number in My numbers; a refusal leaves it as it was."""
        owned = self.ledger.get(phone)
        if phone in self._pending:
            return self._renewal_done(
                RenewalResult(phone, renew, RequestStatus.NOT_SENT, reason=NotSentReason.BUSY)
            )
        wait = self.renewal_retry_after(phone, renew)
        if wait > 0:
            error = RateLimitedError(wait, limit=2)
            return self._renewal_done(
                RenewalResult(
                    phone,
                    renew,
                    RequestStatus.NOT_SENT,
                    error=error,
                    reason=NotSentReason.RATE_LIMITED,
                )
            )
        self._pending[phone] = renew
        self.mine_changed.emit()
        action = JournalAction.RENEWAL_ON if renew else JournalAction.RENEWAL_OFF
        amount = owned.monthly_cost if owned else None
        entry = self._entry(action, phone, JournalOutcome.REQUESTED, monthly=amount, renew=renew)
        try:
            try:
                await self._write(entry)
            except OSError as exc:
                return self._renewal_done(
                    RenewalResult(
                        phone,
                        renew,
                        RequestStatus.NOT_SENT,
                        error=exc,
                        reason=NotSentReason.JOURNAL,
                    )
                )
            try:
                await self.client.set_renewal(phone, renew)
            except RateLimitedError as exc:
                await self._journal(entry, JournalOutcome.NOT_SENT, error=exc)
                result = RenewalResult(
                    phone, renew, RequestStatus.NOT_SENT, exc, NotSentReason.RATE_LIMITED
                )
            except ApiError as exc:
                await self._journal(entry, JournalOutcome.REFUSED, error=exc)
                result = RenewalResult(phone, renew, RequestStatus.REFUSED, exc)
            except NetworkError as exc:
                if exc.request_sent:
                    result = await self._renewal_unknown(entry, phone, renew, exc)
                else:
                    await self._journal(entry, JournalOutcome.NOT_SENT, error=exc)
                    result = RenewalResult(
                        phone, renew, RequestStatus.NOT_SENT, exc, NotSentReason.NETWORK
                    )
            except SmscError as exc:
                result = await self._renewal_unknown(entry, phone, renew, exc)
            else:
                self.ledger.update(phone, renew=renew, renew_confirmed=True)
                await self._save_ledger()
                await self._journal(entry, JournalOutcome.OK)
                result = RenewalResult(phone, renew, RequestStatus.OK)
            return self._renewal_done(result)
        finally:
            if self._pending.pop(phone, None) is not None:
                self.mine_changed.emit()

    async def _renewal_unknown(
        self, entry: JournalEntry, phone: str, renew: bool, error: SmscError
    ) -> RenewalResult:
        self.ledger.update(phone, renew=renew, renew_confirmed=False)
        await self._save_ledger()
        await self._journal(entry, JournalOutcome.UNKNOWN, error=error)
        return RenewalResult(phone, renew, RequestStatus.UNKNOWN, error)

    def _renewal_done(self, result: RenewalResult) -> RenewalResult:
        self.renewal_finished.emit(result)
        return result

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
        if self.table is not None:
            row = self.table.row_of(digits)
            if row is not None:
                info = self.table.info(row)
                type_code = self.table.type_code(row)
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
        await self._save_ledger()
        return number

    async def forget(self, phone: str) -> None:
        """Stop tracking a number in My numbers (nothing is sent to SMSC)."""
        if phone == self._renting or phone in self._checking:
            raise ValueError("busy")
        if self.ledger.remove(phone) is not None:
            await self._save_ledger()

    async def confirm_rented(self, phone: str) -> None:
        """The user checked the cabinet: a "probably rented" number is rented."""
        if self.ledger.update(phone, status=RentalStatus.ACTIVE) is not None:
            await self._save_ledger()

    # -- helpers ------------------------------------------------------------------------

    def _entry(
        self,
        action: JournalAction,
        phone: str,
        outcome: JournalOutcome,
        *,
        error: BaseException | None = None,
        **fields: Any,
    ) -> JournalEntry:
        return JournalEntry(
            time=self._now(),
            profile=self.profile_name,
            action=action,
            phone=phone,
            outcome=outcome,
            currency=self.currency,
            **_error_fields(error),
            **fields,
        )

    async def _journal(
        self,
        requested: JournalEntry,
        outcome: JournalOutcome,
        *,
        amount: Decimal | None = None,
        error: BaseException | None = None,
    ) -> None:
        """Append the outcome line of an operation whose ``requested`` line was written."""
        entry = replace(
            requested,
            time=self._now(),
            outcome=outcome,
            amount=requested.amount if amount is None else amount,
            currency=requested.currency or self.currency,
            **_error_fields(error),
        )
        await self._append(entry)

    async def _journal_new(
        self,
        action: JournalAction,
        phone: str,
        outcome: JournalOutcome,
        *,
        error: BaseException | None = None,
        **fields: Any,
    ) -> None:
        await self._append(self._entry(action, phone, outcome, error=error, **fields))

    async def _write(self, entry: JournalEntry) -> None:
        """Append to the journal in a worker thread; raises ``OSError``."""
        await asyncio.to_thread(self.journal.append, entry)
        self.journal_appended.emit(entry)

    async def _append(self, entry: JournalEntry) -> None:
        try:
            await self._write(entry)
        except OSError as exc:
            log.error("Journal line not written: %s (%s)", entry.to_json(), exc)
            self.storage_failed.emit(exc)

    async def _save_ledger(self) -> None:
        self.mine_changed.emit()
        snapshot = self.ledger.snapshot()
        async with self._save_lock:
            try:
                await asyncio.to_thread(self.ledger.save, snapshot)
            except OSError as exc:
                log.error("My numbers not saved: %s", exc)
                self.storage_failed.emit(exc)

    def _in_background(self, coro: Coroutine[Any, Any, Any]) -> None:
        self._background.start(coro, name="background")


def _index_and_release(answer: list[RecordList[FreeNumber]]) -> FreeNumbersTable:
    """Index the list in a worker thread, and free its 100,000 objects there too, a slice at
    a time: freeing them in one go holds the GIL (and so stalls the GUI thread) for 25-50 ms."""
    numbers = answer.pop()
    table = FreeNumbersTable(numbers)
    while numbers:
        del numbers[-4096:]
    return table


def _error_fields(error: BaseException | None) -> dict[str, Any]:
    """What the journal records of a failure: SMSC's code and text, or the kind of failure
    (the exception's class name, or the OS's text for a file error). Secret-free."""
    if error is None:
        return {}
    code = getattr(error, "code", None)
    if isinstance(error, OSError):
        return {"error": f"{type(error).__name__}: {error.strerror or error}"}
    server = getattr(error, "server_message", None)
    if code is not None:
        return {"error_code": int(code), "error": str(server or "")}
    return {"error": type(error).__name__}
