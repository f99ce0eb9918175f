"""Switching auto-renewal of a number in My numbers (``chg=1&noprolong=0|1``).

One change per number at a time, shown as pending until SMSC answers; journaled like a
rent (a line before sending, one with the outcome). A refusal leaves the setting as it
was; no answer marks it unconfirmed (the user switches it again to be sure).
"""

from __future__ import annotations

from smsc_desktop.api import (
    ApiError,
    Endpoint,
    NetworkError,
    RateLimitedError,
    SmscClient,
    SmscError,
)
from smsc_desktop.services.journal import JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.services.numbers.events import NumbersEvents
from smsc_desktop.services.numbers.records import Records
from smsc_desktop.services.numbers.results import NotSentReason, RenewalResult, RequestStatus


class Renewals:
    def __init__(self, client: SmscClient, records: Records, events: NumbersEvents) -> None:
        self._client = client
        self._records = records
        self._ledger = records.ledger
        self._events = events
        self._pending: dict[str, bool] = {}

    def pending(self) -> dict[str, bool]:
        """Renewal changes on their way: phone → the state asked for."""
        return dict(self._pending)

    def pending_for(self, phone: str) -> bool | None:
        """The renewal state being sent for ``phone`` (``None``: nothing pending)."""
        return self._pending.get(phone)

    def retry_after(self, phone: str, renew: bool) -> float:
        return self._client.wait_time(Endpoint.RENEWAL, phone=phone)

    async def set(self, phone: str, renew: bool) -> RenewalResult:
        """Switch auto-renewal of a number in My numbers; a refusal leaves it as it was."""
        owned = self._ledger.get(phone)
        if phone in self._pending:
            return self._done(
                RenewalResult(phone, renew, RequestStatus.NOT_SENT, reason=NotSentReason.BUSY)
            )
        wait = self.retry_after(phone, renew)
        if wait > 0:
            error = RateLimitedError(wait, limit=2)
            return self._done(
                RenewalResult(
                    phone,
                    renew,
                    RequestStatus.NOT_SENT,
                    error=error,
                    reason=NotSentReason.RATE_LIMITED,
                )
            )
        self._pending[phone] = renew
        self._events.mine_changed.emit()
        action = JournalAction.RENEWAL_ON if renew else JournalAction.RENEWAL_OFF
        amount = owned.monthly_cost if owned else None
        entry = self._records.entry(
            action, phone, JournalOutcome.REQUESTED, monthly=amount, renew=renew
        )
        try:
            try:
                await self._records.write(entry)
            except OSError as exc:
                return self._done(
                    RenewalResult(
                        phone,
                        renew,
                        RequestStatus.NOT_SENT,
                        error=exc,
                        reason=NotSentReason.JOURNAL,
                    )
                )
            return self._done(await self._send(entry, phone, renew))
        finally:
            if self._pending.pop(phone, None) is not None:
                self._events.mine_changed.emit()

    async def _send(self, entry: JournalEntry, phone: str, renew: bool) -> RenewalResult:
        records = self._records
        try:
            await self._client.set_renewal(phone, renew)
        except RateLimitedError as exc:
            await records.outcome(entry, JournalOutcome.NOT_SENT, error=exc)
            return RenewalResult(
                phone, renew, RequestStatus.NOT_SENT, exc, NotSentReason.RATE_LIMITED
            )
        except ApiError as exc:
            await records.outcome(entry, JournalOutcome.REFUSED, error=exc)
            return RenewalResult(phone, renew, RequestStatus.REFUSED, exc)
        except NetworkError as exc:
            if exc.request_sent:
                return await self._unknown(entry, phone, renew, exc)
            await records.outcome(entry, JournalOutcome.NOT_SENT, error=exc)
            return RenewalResult(phone, renew, RequestStatus.NOT_SENT, exc, NotSentReason.NETWORK)
        except SmscError as exc:
            return await self._unknown(entry, phone, renew, exc)
        self._ledger.update(phone, renew=renew, renew_confirmed=True)
        await records.save_ledger()
        await records.outcome(entry, JournalOutcome.OK)
        return RenewalResult(phone, renew, RequestStatus.OK)

    async def _unknown(
        self, entry: JournalEntry, phone: str, renew: bool, error: SmscError
    ) -> RenewalResult:
        self._ledger.update(phone, renew=renew, renew_confirmed=False)
        await self._records.save_ledger()
        await self._records.outcome(entry, JournalOutcome.UNKNOWN, error=error)
        return RenewalResult(phone, renew, RequestStatus.UNKNOWN, error)

    def _done(self, result: RenewalResult) -> RenewalResult:
        self._events.renewal_finished.emit(result)
        return result
