"""Phone verification by a call from the subscriber: requests, detection, history.

How it works (SMSC docs, ../shared/smsc-api.md §2 and §7.2):

1. ``wait_call.php`` gives the number the subscriber must call within 15 minutes.
2. When the subscriber calls, SMSC records an incoming message ``[waitcall]`` from the
   subscriber's phone. A desktop app has no public URL for callbacks, so it *polls*
   ``get.php?get_answers=1`` with ``after_id`` every few seconds, and only while at least one
   verification is waiting. The reads are the account's inbox watch's (``session.inbox``,
   ``services/inbox``), shared with everything else that wants incoming messages.

Detection is anchored so that old calls never confirm a new verification: before every
``wait_call`` request the service reads the inbox once (the watch's first read looks back
its lookback, 24 hours by default) and remembers the highest message id; a verification is confirmed only by a ``[waitcall]``
from its phone with a higher id. A verification expires when its 15 minutes have passed on
the service's clock *and* one inbox read that started after that moment has finished, so a
call in the last seconds is not missed.

Times come from an injectable :class:`~smsc_desktop.services.clock.Clock`; the countdown,
expiry and durations follow it, so tests move time instead of waiting. The history (every
verification with its outcome) is kept per profile in ``<profile dir>/verifications.json``
and survives restarts; verifications still waiting when the app closed resume on the next
start.

The service is Qt-free and observable through :class:`~smsc_desktop.services.observable.Signal`.
It returns data (states, error classes, codes), not user-facing sentences. Its parts:

- ``service.py`` — :class:`VerificationService`: requests, detection, expiry;
- ``history.py`` — :class:`~.history.HistoryFile`: the history on disk;
- ``models.py`` — :class:`Verification`, its states and :class:`Failure`.
"""

from smsc_desktop.services.inbox import MAX_POLL_BACKOFF
from smsc_desktop.services.verification.history import HISTORY_FILE, MAX_FINISHED
from smsc_desktop.services.verification.models import (
    Failure,
    InvalidPhoneError,
    PollStatus,
    Verification,
    VerificationState,
)
from smsc_desktop.services.verification.service import (
    LIMIT_PER_MINUTE,
    SERVER_TIME_SLACK,
    VerificationService,
)

__all__ = [
    "HISTORY_FILE",
    "LIMIT_PER_MINUTE",
    "MAX_FINISHED",
    "MAX_POLL_BACKOFF",
    "SERVER_TIME_SLACK",
    "Failure",
    "InvalidPhoneError",
    "PollStatus",
    "Verification",
    "VerificationService",
    "VerificationState",
]
