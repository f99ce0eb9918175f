"""Renting a free number, and reconciling a rent whose outcome is unknown.

The money-safety protocol:

- one rent at a time, and never retried;
- the journal gets a line *before* the request leaves (if it cannot be written, nothing is
  sent) and one with the outcome;
- SMSC's error → refused; the request never left → not sent; anything else (no answer, an
  unreadable answer, the task cancelled while waiting) → *unknown*: the number goes into My
  numbers as "result unknown", and the app reconciles instead of repeating.

Reconciling: the API cannot list an account's numbers, but it lists the free ones. A fresh
list (requested after the unknown outcome) that no longer offers the number means it was
most likely rented by this account ("probably rented — check the cabinet"); a list that
still offers it means it was not rented.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from smsc_desktop.api import (
    ApiError,
    Endpoint,
    FreeNumber,
    NetworkError,
    RateLimitedError,
    SmscError,
)
from smsc_desktop.services.journal import JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.services.ledger import OwnedNumber, RentalSource, RentalStatus
from smsc_desktop.services.numbers.events import NumbersEvents
from smsc_desktop.services.numbers.free_list import FreeList
from smsc_desktop.services.numbers.records import Records
from smsc_desktop.services.numbers.results import (
    NotSentReason,
    Reconciliation,
    RentQuote,
    RentResult,
    RequestStatus,
)
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.services.session import AccountSession

log = logging.getLogger("smsc_desktop.services.numbers")


class Renter:
    def __init__(
        self,
        session: AccountSession,
        records: Records,
        free_list: FreeList,
        events: NumbersEvents,
        background: TaskSet,
        *,
        now: Callable[[], datetime],
    ) -> None:
        self._session = session
        self._client = session.client
        self._records = records
        self._ledger = records.ledger
        self._free_list = free_list
        self._events = events
        self._background = background
        self._now = now
        self.renting: str | None = None
        """The number being rented right now, if any."""
        self._checking: set[str] = set()

    @property
    def checking(self) -> frozenset[str]:
        """Numbers whose unknown rent is being reconciled."""
        return frozenset(self._checking)

    def _balance(self) -> Decimal | None:
        balance = self._session.balance
        return balance.amount if balance is not None else None

    def _currency(self) -> str:
        balance = self._session.balance
        return balance.currency if balance is not None else ""

    def quote(self, number: FreeNumber) -> RentQuote:
        return RentQuote(number, self._balance(), self._currency())

    def retry_after(self, phone: str) -> float:
        return self._client.wait_time(Endpoint.RENT, phone=phone)

    def can_rent(self, phone: str) -> NotSentReason | None:
        """Why renting ``phone`` would not be sent now (``None``: it would)."""
        if self.renting is not None:
            return NotSentReason.BUSY
        owned = self._ledger.get(phone)
        if owned is not None and owned.status is not RentalStatus.ENDED:
            return NotSentReason.ALREADY_OWNED
        if self.retry_after(phone) > 0:
            return NotSentReason.RATE_LIMITED
        return None

    async def rent(self, number: FreeNumber, renew: bool = True) -> RentResult:
        """Rent ``number`` once. Never retried; an unclear outcome is reconciled."""
        phone = number.phone
        reason = self.can_rent(phone)
        if reason is not None:
            error = None
            if reason is NotSentReason.RATE_LIMITED:
                error = RateLimitedError(self.retry_after(phone), limit=2)
            result = RentResult(phone, RequestStatus.NOT_SENT, reason=reason, error=error)
        else:
            self.renting = phone
            self._events.rent_started.emit(phone)
            try:
                result = await self._send(number, renew)
            finally:
                self.renting = None
        self._events.rent_finished.emit(result)
        return result

    async def _send(self, number: FreeNumber, renew: bool) -> RentResult:
        phone = number.phone
        balance_before = self._balance()
        entry = self._records.entry(
            JournalAction.RENT,
            phone,
            JournalOutcome.REQUESTED,
            amount=number.current_cost,
            monthly=number.cost,
            renew=renew,
        )
        try:
            await self._records.write(entry)
        except OSError as exc:
            log.error("Journal not writable, rent of %s not sent: %s", phone, exc)
            return RentResult(
                phone, RequestStatus.NOT_SENT, error=exc, reason=NotSentReason.JOURNAL
            )
        try:
            charged = await self._client.rent_number(phone, renew)
        except asyncio.CancelledError:
            # The request may have left: keep a trace synchronously, then stop.
            self._record_unknown_now(number, renew, entry.op)
            raise
        except RateLimitedError as exc:
            await self._records.outcome(entry, JournalOutcome.NOT_SENT, error=exc)
            return RentResult(
                phone, RequestStatus.NOT_SENT, error=exc, reason=NotSentReason.RATE_LIMITED
            )
        except ApiError as exc:
            await self._records.outcome(entry, JournalOutcome.REFUSED, error=exc)
            return RentResult(
                phone, RequestStatus.REFUSED, error=exc, balance_before=balance_before
            )
        except NetworkError as exc:
            if exc.request_sent:
                return await self._after_unknown(number, renew, entry, exc, balance_before)
            await self._records.outcome(entry, JournalOutcome.NOT_SENT, error=exc)
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
        self._ledger.put(self._rented_here(number, renew, RentalStatus.ACTIVE, paid=charged))
        await self._records.save_ledger()
        await self._records.outcome(entry, JournalOutcome.OK, amount=charged)
        if self._free_list.table is not None:
            self._free_list.table.remove(phone)
        self._events.number_rented.emit(phone)
        self._session.spend(charged)
        self._background.start(self._session.refresh_balance(), name="background")
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
            currency=self._currency(),
            type=number.type,
            info=number.info,
            rented_at=self._now(),
        )

    def _record_unknown_now(self, number: FreeNumber, renew: bool, op: str) -> None:
        entry = self._records.entry(
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
            self._ledger.put(self._rented_here(number, renew, RentalStatus.UNKNOWN))
            self._records.record_now(entry)
        except Exception:
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
        self._ledger.put(self._rented_here(number, renew, RentalStatus.UNKNOWN))
        await self._records.save_ledger()
        await self._records.outcome(entry, JournalOutcome.UNKNOWN, error=error)
        self._events.rent_unknown.emit(phone)
        outcome = await self.reconcile(phone, balance_before=balance_before)
        return RentResult(
            phone,
            RequestStatus.UNKNOWN,
            error=error,
            reconciliation=outcome,
            balance_before=balance_before,
            balance_after=self._balance(),
        )

    async def reconcile(
        self,
        phone: str,
        balance_before: Decimal | None = None,
        *,
        since: datetime | None = None,
    ) -> Reconciliation:
        """Find out whether a rent with an unknown result happened, from a free list
        requested after ``since`` (the rent's time; now by default).

        Waits for SMSC's list limit if needed. Never sends a rent.
        """
        if phone in self._checking:
            return Reconciliation.CHECK_FAILED
        self._checking.add(phone)
        unknown_since = since or self._now()
        try:
            table = await self._free_list.fresh(phone, unknown_since)
        except (SmscError, OSError) as exc:
            await self._records.record(
                JournalAction.CHECK, phone, JournalOutcome.CHECK_FAILED, error=exc
            )
            self._events.check_finished.emit(phone, Reconciliation.CHECK_FAILED)
            return Reconciliation.CHECK_FAILED
        finally:
            self._checking.discard(phone)
        balance = await self._session.refresh_balance()
        if table.row_of(phone) is None:
            self._ledger.update(phone, status=RentalStatus.PROBABLY_RENTED)
            outcome = Reconciliation.PROBABLY_RENTED
            journal_outcome = JournalOutcome.PROBABLY_RENTED
            self._events.number_rented.emit(phone)
        else:
            self._ledger.remove(phone)
            outcome = Reconciliation.NOT_RENTED
            journal_outcome = JournalOutcome.NOT_RENTED
        await self._records.save_ledger()
        await self._records.record(
            JournalAction.CHECK,
            phone,
            journal_outcome,
            balance_before=balance_before,
            balance_after=balance.amount if balance is not None else None,
        )
        self._events.check_finished.emit(phone, outcome)
        return outcome
