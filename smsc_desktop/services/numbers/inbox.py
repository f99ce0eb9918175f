"""The Numbers tab's inbox: the SMS that arrived on the account's numbers.

The messages are the account's inbox watch's (``session.inbox``); this part says when the
Numbers tab wants them read — while the tab is shown (``set_shown``) and the account rents
at least one number (My numbers) — and how often (``interval``, 10–30 s), and picks the
ordinary SMS out of them: a ``[waitcall]`` record is a call verification's, made on one of
SMSC's numbers, not an SMS on one of the account's.
"""

from __future__ import annotations

from typing import Final

from smsc_desktop.api import IncomingMessage
from smsc_desktop.services.inbox import InboxWatch, PollStatus
from smsc_desktop.services.ledger import Ledger, RentalStatus
from smsc_desktop.services.observable import disconnect_all

MIN_INTERVAL: Final = 10.0
MAX_INTERVAL: Final = 30.0

_RENTED = (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED, RentalStatus.UNKNOWN)


def clamp_interval(seconds: float) -> float:
    return max(MIN_INTERVAL, min(MAX_INTERVAL, float(seconds)))


def is_sms(message: IncomingMessage) -> bool:
    """An SMS someone sent (not the record of a verification call)."""
    return not message.is_waitcall


class NumbersInbox:
    """Subscribes the Numbers tab to the inbox watch; ``status`` and its signals
    (``polling_changed``, ``poll_status``) say how the reads go for it."""

    def __init__(self, watch: InboxWatch, ledger: Ledger, interval: float) -> None:
        self.watch = watch
        self._ledger = ledger
        self._shown = False
        self._sub = watch.subscribe("numbers-inbox", clamp_interval(interval), self._wanted)
        self.polling_changed = self._sub.polling_changed
        self.poll_status = self._sub.poll_status

    # --- when it is read -----------------------------------------------------------------

    def set_shown(self, shown: bool) -> None:
        """The Numbers tab is shown (True) or another tab is (False)."""
        self._shown = shown
        self._sub.ensure_running()

    def numbers_changed(self) -> None:
        """My numbers changed (the tab says so when it shows the change): a first rented
        number starts the reads, no number stops them."""
        self._sub.ensure_running()

    def set_interval(self, seconds: float) -> None:
        self._sub.set_interval(clamp_interval(seconds))

    @property
    def interval(self) -> float:
        return self._sub.interval

    @property
    def shown(self) -> bool:
        return self._shown

    @property
    def is_polling(self) -> bool:
        return self._sub.is_polling

    def status(self) -> PollStatus:
        return self._sub.status()

    def poll_now(self) -> None:
        self._sub.poll_now()

    def _wanted(self) -> bool:
        return self._shown and bool(self.rented())

    # --- what it shows -------------------------------------------------------------------

    def rented(self) -> list[str]:
        """The account's numbers as My numbers has them (not the ended ones)."""
        return sorted(n.phone for n in self._ledger.numbers() if n.status in _RENTED)

    def numbers(self) -> list[str]:
        """Every number to choose from: the rented ones, then any other number SMS came to
        (a number rented elsewhere and not added to My numbers)."""
        rented = self.rented()
        others = self.watch.messages.sms_numbers() - set(rented)
        return rented + sorted(others)

    def messages(self) -> list[IncomingMessage]:
        """The SMS received (no verification calls), oldest first."""
        return [m for m in self.watch.messages.all() if is_sms(m)]

    @property
    def loaded(self) -> bool:
        return self.watch.is_loaded

    def close(self) -> None:
        self._sub.stop()
        disconnect_all(self)
