"""Desktop notifications: which events become one, and which of them are shown.

Qt-free and independent of where events come from: a source (``notification_sources.py``:
the active account's services as things happen, and what the accounts overview finds needs
attention in every saved account) calls
:meth:`NotificationHub.notify` with an :class:`Event` — data, not sentences. The hub keeps
the policy:

- a kind switched off in the settings (``notifications/<kind>``, declared in
  ``services/settings.py``) shows nothing;
- an event the user is looking at shows nothing: the window is active, it shows the event's
  account, and the event's place (:attr:`Kind.area`: a tab, or the status bar for the
  balance, which every tab shows) is in view; an event the overview found
  (``Event.overview``) is in view while the Overview tab is, whichever account is active.
  The UI tells the hub what is in view (:meth:`NotificationHub.set_focus`);
- the same event (kind, account, subject) within :data:`REPEAT_WINDOW` seconds shows once.

What passes is emitted on ``shown(Event)``; the UI words it (``ui/texts/notifications.py``)
and hands it to the desktop (``ui/notifier.py``).
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from smsc_desktop.services.observable import Signal
from smsc_desktop.services.settings import Settings

log = logging.getLogger("smsc_desktop.services.notifications")

REPEAT_WINDOW: Final = 10.0
"""Seconds within which the same event is shown once."""


class Kind(enum.StrEnum):
    """What happened. The values name the settings ``notifications/<value>``."""

    VERIFICATION_CONFIRMED = "verification_confirmed"
    VERIFICATION_EXPIRED = "verification_expired"
    DOWNLOAD_FINISHED = "download_finished"
    DOWNLOAD_FAILED = "download_failed"
    NEW_MESSAGE = "new_message"
    LOW_BALANCE = "low_balance"
    RENEWAL_REFUSED = "renewal_refused"
    RENEWALS_NOT_COVERED = "renewals_not_covered"
    PROBABLY_RENTED = "probably_rented"
    SIGN_IN_REFUSED = "sign_in_refused"

    @property
    def setting(self) -> str:
        return f"notifications/{self.value}"

    @property
    def area(self) -> str | None:
        """The tab that shows such an event (None: every tab does, in the status bar)."""
        return _AREAS[self]


_AREAS: dict[Kind, str | None] = {
    Kind.VERIFICATION_CONFIRMED: "verification",
    Kind.VERIFICATION_EXPIRED: "verification",
    Kind.DOWNLOAD_FINISHED: "exports",
    Kind.DOWNLOAD_FAILED: "exports",
    Kind.NEW_MESSAGE: "numbers",
    Kind.LOW_BALANCE: None,
    Kind.RENEWAL_REFUSED: "numbers",
    Kind.RENEWALS_NOT_COVERED: None,
    Kind.PROBABLY_RENTED: "numbers",
    Kind.SIGN_IN_REFUSED: None,
}


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened on an account.

    ``subject``: what it is about (a phone number in international digits, a file name);
    ``sender``: who sent a message; ``detail``: a message's text, a problem's kind or
    SMSC's own words; ``count``: how many messages; ``seconds``: how long it took;
    ``limit``: the level ``amount`` is under; ``overview``: found by the accounts overview
    (shown there for every account) rather than reported by the active account's services.
    """

    kind: Kind
    account_id: str
    account_name: str = ""
    subject: str = ""
    sender: str = ""
    detail: str = ""
    count: int = 1
    seconds: float | None = None
    amount: Decimal | None = None
    currency: str = ""
    limit: Decimal | None = None
    overview: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind.value, self.account_id, self.subject)


@dataclass(frozen=True, slots=True)
class Focus:
    """What the user sees: whether the window is active, which tab, which account."""

    window_active: bool = False
    tab: str = ""
    account_id: str = ""


class NotificationHub:
    """Decides which events are shown (see the module doc). Signals: ``shown(Event)``,
    ``suppressed(Event, reason: str)`` (``"off"``, ``"in_view"``, ``"repeat"``)."""

    def __init__(
        self, settings: Settings | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._recent: dict[tuple[str, str, str], float] = {}
        self.focus = Focus()
        self.shown = Signal("notifications.shown")
        self.suppressed = Signal("notifications.suppressed")

    def set_focus(self, focus: Focus) -> None:
        self.focus = focus

    def enabled(self, kind: Kind) -> bool:
        if self._settings is None:
            return True
        return bool(self._settings.get(kind.setting))

    def in_view(self, event: Event) -> bool:
        """The user is looking at the place that shows ``event``."""
        focus = self.focus
        if event.overview and focus.window_active and focus.tab == "overview":
            return True
        if not focus.window_active or focus.account_id != event.account_id:
            return False
        area = event.kind.area
        return area is None or area == focus.tab

    def notify(self, event: Event) -> bool:
        """Show ``event`` unless the policy says not to; True when it is shown."""
        reason = self._reason_not_to_show(event)
        if reason:
            log.debug("Notification %s not shown: %s", event.kind.value, reason)
            self.suppressed.emit(event, reason)
            return False
        self._recent[event.key] = self._clock()
        log.info("Notification: %s on %r", event.kind.value, event.account_name)
        self.shown.emit(event)
        return True

    def _reason_not_to_show(self, event: Event) -> str:
        if not self.enabled(event.kind):
            return "off"
        if self.in_view(event):
            return "in_view"
        now = self._clock()
        self._recent = {k: t for k, t in self._recent.items() if now - t < REPEAT_WINDOW}
        if event.key in self._recent:
            return "repeat"
        return ""
