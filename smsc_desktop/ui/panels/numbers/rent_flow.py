"""Renting a number: confirm the price, send the rent once, say what happened.

``RentFlow.rent(number)`` runs one flow at a time (more clicks, Enter or double-clicks while
one runs do nothing): the local reasons not to send are said first; then a fresh balance
for an honest confirmation (:class:`~smsc_desktop.ui.dialogs.rent.RentDialog`); then the
rent, never retried. A rent with an unknown outcome is reconciled by the service, and the
message says so meanwhile, with a countdown while SMSC's list limit delays the check.
``check(phone)`` reconciles once more (My numbers' "Check again", the message's action).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from smsc_desktop.api import FreeNumber, SmscError
from smsc_desktop.services.numbers import (
    NumbersService,
    Reconciliation,
    RentQuote,
    RentResult,
    RequestStatus,
)
from smsc_desktop.ui import a11y
from smsc_desktop.ui.aio import TaskSlot, exec_dialog
from smsc_desktop.ui.panels.numbers.csv_files import dispose
from smsc_desktop.ui.panels.numbers.scope import AccountScope
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.widgets.message_bar import Level


class RentFlow(QObject):
    preparing = Signal(bool)  # the confirmation is being prepared (a balance request)
    revealMine = Signal()  # the number is now in My numbers: show them

    def __init__(self, scope: AccountScope, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._scope = scope
        self.message = scope.message
        self.service: NumbersService | None = None
        self._slot = TaskSlot(scope.tasks, "numbers-rent")
        self._checking_message: dict[str, str] = {}
        self._check_deadline: tuple[str, float] | None = None
        self._quote_deadline: float | None = None
        """When today's price is asked for, while SMSC's list limit holds that back."""

    @property
    def running(self) -> bool:
        """A flow is on (confirming, renting or reconciling)."""
        return self._slot.running

    @property
    def task(self) -> asyncio.Task[Any] | None:
        return self._slot.task

    def set_service(self, service: NumbersService | None) -> None:
        """Rent with ``service`` (the scope's bindings and tasks were cleared before)."""
        self.service = service
        self._checking_message.clear()
        self._check_deadline = None
        self._quote_deadline = None
        if service is not None:
            self._scope.bindings.connect(service.rent_unknown, self._on_rent_unknown)
            self._scope.bindings.connect(service.check_started, self._on_check_started)
            self._scope.bindings.connect(service.check_finished, self._on_check_finished)

    # -- renting ----------------------------------------------------------------------------

    def rent(self, number: FreeNumber) -> asyncio.Task[RentResult | None] | None:
        """Confirm, then rent once (None: a flow is already on, or no account)."""
        if self.service is None:
            return None
        return self._slot.start_if_idle(self._flow(self.service, number))

    async def _flow(self, service: NumbersService, number: FreeNumber) -> RentResult | None:
        reason = service.can_rent(number.phone)
        if reason is not None:
            self.message.show_message(*texts.rent_not_sent(number.phone, reason, None))
            return None
        self.preparing.emit(True)
        try:
            # An honest confirmation needs a fresh balance (cached if SMSC's limit says wait).
            await service.session.refresh_balance()
            quote = await self._quote(service, number)
        finally:
            self.preparing.emit(False)
        renew = True
        while quote is not None:
            from smsc_desktop.ui.dialogs.rent import RentDialog  # on first use: not at startup

            dialog = RentDialog(quote, self._window, account=service.profile_name)
            dialog.setObjectName("rentDialog")
            dialog.renew_box.setChecked(renew)  # asked again: the choice already made
            try:
                accepted = await exec_dialog(dialog) == QDialog.DialogCode.Accepted
                renew = dialog.renew
            finally:
                dispose(dialog)
            if not accepted:
                return None
            if not service.price_outdated():
                break
            # Midnight (for SMSC, maybe) passed while the dialog was open: the price it
            # showed may be yesterday's. Ask SMSC again; nothing was sent. The same prices
            # are what was confirmed; other ones are confirmed once more.
            confirmed = quote
            self.preparing.emit(True)
            try:
                quote = await self._quote(service, confirmed.number)
            finally:
                self.preparing.emit(False)
            if quote is not None and (quote.charge_now, quote.monthly) == (
                confirmed.charge_now,
                confirmed.monthly,
            ):
                break
        if quote is None:
            return None
        number = quote.number
        self.message.show_message(Level.INFO, texts.renting(number.phone))
        result = await service.rent(number, renew)
        notice = texts.rent_outcome(
            result, number.cost, number.current_cost, renew, service.currency, quote.renews_from
        )
        self._show(result, notice)
        return result

    async def _quote(self, service: NumbersService, number: FreeNumber) -> RentQuote | None:
        """The confirmation's quote; the free list is loaded again first when a day may have
        begun for SMSC since it was asked for. None: nothing to confirm (said)."""
        if service.price_outdated():
            wait = service.list_retry_after()
            self.message.show_message(Level.INFO, texts.date_changed(wait))
            if wait > 0:  # counted down by tick() while SMSC's list limit holds it back
                self._quote_deadline = time.monotonic() + wait
        try:
            quote = await service.rent_quote(number)
        except SmscError as error:
            self.message.show_message(Level.ERROR, texts.requote_failed(number.phone, error))
            return None
        finally:
            self._quote_deadline = None
        if quote is None:
            self.message.show_message(Level.WARNING, texts.no_longer_offered(number.phone))
        elif quote.refreshed:
            self.message.dismiss()
        return quote

    def _show(self, result: RentResult, notice: texts.Notice) -> None:
        if result.status is RequestStatus.UNKNOWN:
            self._show_reconciliation(result, notice)
            return
        self.message.show_message(*notice)
        a11y.announce(self.message, notice[1], urgent=result.status is not RequestStatus.OK)
        if result.status is RequestStatus.OK:
            self.revealMine.emit()

    # -- an unknown outcome -----------------------------------------------------------------

    def check(self, phone: str) -> None:
        """Find out once more whether the rent of ``phone`` happened (never rents)."""
        service = self.service
        if service is None or phone in service.checking:
            return
        self._scope.tasks.spawn(self._check(service, phone), name="numbers-check")

    async def _check(self, service: NumbersService, phone: str) -> None:
        outcome = await service.reconcile(phone)
        result = RentResult(phone, RequestStatus.UNKNOWN, reconciliation=outcome)
        self._show_reconciliation(result, texts.reconciliation(result, service.currency))

    def _on_rent_unknown(self, phone: str) -> None:
        text = texts.rent_unknown(phone)
        self._checking_message[phone] = text
        self.message.show_message(Level.WARNING, text)
        a11y.announce(self.message, text, urgent=True)

    def _on_check_finished(self, phone: str, outcome: Reconciliation) -> None:
        """A check no flow of this panel waits for (one the service took up when it
        opened: a rent the app stopped in the middle of last time) has ended."""
        service = self.service
        if service is None or self.running or phone not in self._checking_message:
            return
        result = RentResult(phone, RequestStatus.UNKNOWN, reconciliation=outcome)
        self._show_reconciliation(result, texts.reconciliation(result, service.currency))

    def _on_check_started(self, phone: str, wait: float) -> None:
        if wait > 0:
            self._check_deadline = (phone, time.monotonic() + wait)
            self.tick()
        else:
            self._check_deadline = None

    def tick(self) -> None:
        """Count down to today's price or to the check while SMSC's list limit holds them
        back."""
        if self._quote_deadline is not None:
            left = self._quote_deadline - time.monotonic()
            if left > 0:
                self.message.show_message(Level.INFO, texts.date_changed(left))
            return
        deadline = self._check_deadline
        if deadline is None or self.service is None:
            return
        phone, at = deadline
        if phone not in self.service.checking:
            self._check_deadline = None
            return
        left = at - time.monotonic()
        if left <= 0:
            return
        base = self._checking_message.get(phone, "")
        self.message.show_message(Level.WARNING, base + " " + texts.checking_in(left))

    def _show_reconciliation(self, result: RentResult, notice: texts.Notice) -> None:
        self._checking_message.pop(result.phone, None)
        self._check_deadline = None
        if result.reconciliation is Reconciliation.CHECK_FAILED:
            self.message.show_message(
                *notice, action=texts.check_again(), action_id=f"check:{result.phone}"
            )
            a11y.announce(self.message, notice[1], urgent=True)
            return
        self.message.show_message(*notice)
        a11y.announce(self.message, notice[1], urgent=True)
        if result.reconciliation is Reconciliation.PROBABLY_RENTED:
            self.revealMine.emit()
