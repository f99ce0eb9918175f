"""The signals of the numbers service; its parts emit through them."""

from __future__ import annotations

from smsc_desktop.services.observable import Signal


class NumbersEvents:
    """What a :class:`~smsc_desktop.services.numbers.NumbersService` reports (it is one)."""

    def __init__(self) -> None:
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
