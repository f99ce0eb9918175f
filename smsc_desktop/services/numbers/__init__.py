"""Renting dedicated numbers: the free list, renting, renewal, My numbers, the journal, and
the SMS that arrive on the numbers.

``NumbersService`` (``service.py``) is what the Numbers tab observes; it is plain Python on
the asyncio loop, made of one part per responsibility:

- ``free_list.py`` — **the free list** (``refresh``): one list request at a time (callers
  share it), within SMSC's limit of 2 identical requests a minute; indexed off the GUI
  thread into a :class:`~smsc_desktop.services.free_numbers.FreeNumbersTable`.
- ``renting.py`` — **renting** (``rent``): one rent at a time, never retried, journaled
  before it is sent; an unclear outcome is **reconciled** (``reconcile``) against a fresh
  free list instead of repeated.
- ``renewal.py`` — **renewal** (``set_renewal``): ``chg=1&noprolong=0|1`` with a pending
  state per number; a refusal reverts it.
- ``records.py`` — **My numbers** (a :class:`~smsc_desktop.services.ledger.Ledger`) and the
  **journal** (:class:`~smsc_desktop.services.journal.Journal`): every file write, in a
  worker thread.
- ``inbox.py`` — **the inbox** (``inbox``): the Numbers tab's subscription to the account's
  inbox watch (``session.inbox``): read while the tab is shown and a number is rented; the
  SMS, not the verification calls.
- ``probes.py`` — **"Test this number"** (``test_number``, ``probes``): wait for an SMS on one
  number, anchored so that an old one never passes, and time it.
- ``results.py`` — what it reports (``RentResult``, ``RenewalResult``, ...): data, never
  user-facing prose; the UI words and translates them. ``events.py`` — its signals.
"""

from smsc_desktop.services.numbers.results import (
    ListLoaded,
    NotSentReason,
    Reconciliation,
    RenewalResult,
    RentQuote,
    RentResult,
    RequestStatus,
)
from smsc_desktop.services.numbers.service import NumbersService

__all__ = [
    "ListLoaded",
    "NotSentReason",
    "NumbersService",
    "Reconciliation",
    "RenewalResult",
    "RentQuote",
    "RentResult",
    "RequestStatus",
]
