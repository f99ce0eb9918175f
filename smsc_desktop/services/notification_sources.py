"""What the active account's services, and the accounts overview, tell the notification hub.

``SessionNotifications(hub, session)`` listens to one account's session and turns what a
person would otherwise miss into :class:`~smsc_desktop.services.notifications.Event`\\ s:

- a call verification confirmed or expired (``session.verification``);
- an export file downloaded, or given up on (``session.downloads``);
- new SMS on the account's numbers after the inbox's first read, one event per number and
  read (``session.inbox``; the records of verification calls are not SMS);
- the balance falling under the profile's warning level (``session``);
- a renewal change SMSC refused (``session.numbers``).

Its connections end with the session (``AccountSession.close`` drops every slot of the
session and its services) or with :meth:`detach`.

``OverviewNotifications(hub, overview, active)`` tells the hub what the accounts overview
finds needs attention in any saved account (``services/attention.py``: the same items the
Overview tab lists), leaving out for the active account what ``SessionNotifications``
already reported as it happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from smsc_desktop.api import Balance, IncomingMessage
from smsc_desktop.services.attention import AttentionItem, AttentionKind
from smsc_desktop.services.notifications import Event, Kind, NotificationHub
from smsc_desktop.services.observable import Signal

if TYPE_CHECKING:
    from smsc_desktop.services.downloads import DownloadItem
    from smsc_desktop.services.numbers import RenewalResult
    from smsc_desktop.services.overview import OverviewService
    from smsc_desktop.services.session import AccountSession
    from smsc_desktop.services.verification import Verification


class SessionNotifications:
    def __init__(self, hub: NotificationHub, session: AccountSession) -> None:
        self.hub = hub
        self.session = session
        self._connections: list[tuple[Signal, Callable[..., Any]]] = []
        self._connect(session.low_balance_reached, self._on_low_balance)
        # A service is watched from when it is made: one never used has nothing to tell
        # (and making every one here would import them all before the window is ready).
        for name in self._watched():
            service = session.made_service(name)
            if service is not None:
                self._watch(name, service)
        self._connect(session.service_made, self._watch)

    def _watched(self) -> dict[str, tuple[str, Callable[..., Any]]]:
        """Service name -> (its signal, the slot)."""
        return {
            "verification": ("changed", self._on_verification),
            "downloads": ("item_finished", self._on_download),
            "inbox": ("arrived", self._on_messages),
            "numbers": ("renewal_finished", self._on_renewal),
        }

    def _watch(self, name: str, service: Any) -> None:
        watched = self._watched().get(name)
        if watched is not None:
            signal, slot = watched
            self._connect(getattr(service, signal), slot)

    def _connect(self, signal: Signal, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def detach(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()

    def _event(self, kind: Kind, **fields: Any) -> Event:
        profile = self.session.profile
        return Event(kind, profile.id, profile.name, **fields)

    def _on_verification(self, item: Verification) -> None:
        from smsc_desktop.services.verification import VerificationState

        if item.state is VerificationState.CONFIRMED:
            self.hub.notify(
                self._event(Kind.VERIFICATION_CONFIRMED, subject=item.phone, seconds=item.duration)
            )
        elif item.state is VerificationState.EXPIRED:
            self.hub.notify(self._event(Kind.VERIFICATION_EXPIRED, subject=item.phone))

    def _on_download(self, item: DownloadItem) -> None:
        from smsc_desktop.services.downloads import DownloadState

        if item.state is DownloadState.DONE:
            self.hub.notify(self._event(Kind.DOWNLOAD_FINISHED, subject=item.file_name))
        elif item.state is DownloadState.FAILED:
            problem = item.problem.kind.value if item.problem is not None else ""
            self.hub.notify(
                self._event(Kind.DOWNLOAD_FAILED, subject=item.file_name, detail=problem)
            )

    def _on_messages(self, messages: list[IncomingMessage]) -> None:
        from smsc_desktop.services.inbox import digits

        by_number: dict[str, list[IncomingMessage]] = {}
        for message in messages:
            if not message.is_waitcall:
                by_number.setdefault(digits(message.to_phone), []).append(message)
        for number, received in by_number.items():
            last = received[-1]
            self.hub.notify(
                self._event(
                    Kind.NEW_MESSAGE,
                    subject=number,
                    sender=last.phone,
                    detail=last.text,
                    count=len(received),
                )
            )

    def _on_low_balance(self, balance: Balance) -> None:
        self.hub.notify(
            self._event(Kind.LOW_BALANCE, amount=balance.amount, currency=balance.currency)
        )

    def _on_renewal(self, result: RenewalResult) -> None:
        from smsc_desktop.services.numbers import RequestStatus

        if result.status is RequestStatus.REFUSED:
            error = result.error
            words = getattr(error, "server_message", None) or ""
            self.hub.notify(
                self._event(Kind.RENEWAL_REFUSED, subject=result.phone, detail=str(words))
            )


_LIVE = frozenset(
    {
        AttentionKind.LOW_BALANCE,
        AttentionKind.RENEWAL_REFUSED,
        AttentionKind.DOWNLOAD_FAILED,
        AttentionKind.VERIFICATION_EXPIRED,
    }
)
"""What :class:`SessionNotifications` reports for the active account as it happens: the
overview's later finding of the same thing is not shown again."""

_KINDS: dict[AttentionKind, Kind] = {
    AttentionKind.LOW_BALANCE: Kind.LOW_BALANCE,
    AttentionKind.RENEWALS_NOT_COVERED: Kind.RENEWALS_NOT_COVERED,
    AttentionKind.RENEWAL_REFUSED: Kind.RENEWAL_REFUSED,
    AttentionKind.PROBABLY_RENTED: Kind.PROBABLY_RENTED,
    AttentionKind.DOWNLOAD_FAILED: Kind.DOWNLOAD_FAILED,
    AttentionKind.VERIFICATION_EXPIRED: Kind.VERIFICATION_EXPIRED,
    AttentionKind.SIGN_IN_REFUSED: Kind.SIGN_IN_REFUSED,
}


class OverviewNotifications:
    """What the accounts overview finds needs attention, in every saved account, told to the
    hub: the overview's list and the desktop's notifications come from one computation
    (``services/attention.py``), only its new items are told (``attention_appeared``).

    ``active()`` names the active account: its live kinds (:data:`_LIVE`) come from
    :class:`SessionNotifications` the moment they happen, so the overview does not repeat
    them; the kinds only the overview knows (renewals not covered, a number probably rented,
    a refused sign-in) are told for every account.
    """

    def __init__(
        self,
        hub: NotificationHub,
        overview: OverviewService,
        active: Callable[[], str | None],
    ) -> None:
        self.hub = hub
        self.overview = overview
        self._active = active
        overview.attention_appeared.connect(self._on_attention)

    def detach(self) -> None:
        self.overview.attention_appeared.disconnect(self._on_attention)

    def _on_attention(self, items: list[AttentionItem]) -> None:
        active = self._active()
        for item in items:
            if item.profile_id == active and item.kind in _LIVE:
                continue
            self.hub.notify(self.event(item))

    def event(self, item: AttentionItem) -> Event:
        state = self.overview.state(item.profile_id)
        name = state.profile.name if state is not None else ""
        kind = _KINDS[item.kind]
        subject = item.detail if kind is Kind.DOWNLOAD_FAILED else item.subject
        detail = item.detail if kind is Kind.SIGN_IN_REFUSED else ""
        return Event(
            kind,
            item.profile_id,
            name,
            subject=subject,
            detail=detail,
            amount=item.amount,
            limit=item.limit,
            currency=item.currency,
            overview=True,
        )
