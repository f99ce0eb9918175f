"""The account's inbox: incoming SMS read by one poller for everything that wants them.

``session.inbox`` is the account's :class:`~.watch.InboxWatch`. Subscribers — the call
verifications, the Numbers tab's inbox, "Test this number" — say how often they want the
inbox read and while what holds (:meth:`~.watch.InboxWatch.subscribe`); the watch makes one
``get.php?get_answers=1`` request per round for all of them, so the account never sends
more inbox requests than a single poller would (../shared/smsc-api.md §7.2).

- ``watch.py`` — :class:`InboxWatch`: the reads (first a lookback, then ``after_id``),
  back-off on errors, the messages kept once by id;
- ``subscription.py`` — :class:`InboxSubscription`: one subscriber's wish and signals;
- ``messages.py`` — :class:`InboxMessages` and :func:`search` (number and text filter);
- ``status.py`` — :class:`PollStatus` for the status lines.
"""

from smsc_desktop.services.inbox.messages import Haystacks, InboxMessages, digits, search
from smsc_desktop.services.inbox.status import PollStatus
from smsc_desktop.services.inbox.subscription import InboxSubscription
from smsc_desktop.services.inbox.watch import (
    DEFAULT_LOOKBACK_HOURS,
    MAX_LOOKBACK_HOURS,
    MAX_POLL_BACKOFF,
    PAGE,
    InboxWatch,
    clamp_lookback,
)

__all__ = [
    "DEFAULT_LOOKBACK_HOURS",
    "MAX_LOOKBACK_HOURS",
    "MAX_POLL_BACKOFF",
    "PAGE",
    "Haystacks",
    "InboxMessages",
    "InboxSubscription",
    "InboxWatch",
    "PollStatus",
    "clamp_lookback",
    "digits",
    "search",
]
