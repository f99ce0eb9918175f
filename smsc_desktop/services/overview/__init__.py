"""The accounts overview: every saved account at a glance, without opening it (no Qt).

- ``facts.py`` — what is known of an account, as data that survives a restart: the last
  figures SMSC gave (:class:`Figures`, the error as :class:`ErrorFacts`) and what its files
  say (:class:`FileFacts`);
- ``scan.py`` — reading an account's files (My numbers and the journal, the verification
  history, the download queue) in a worker thread, unchanged files skipped;
- ``refresh.py`` — asking SMSC for many balances, a few at a time, each within its limits;
- ``store.py`` — ``overview.json``: the last figures, so the page opens at once;
- ``service.py`` — :class:`OverviewService`, what the Overview tab (and the desktop
  notifications) observe; ``ctx.overview``.

What needs attention is computed by ``smsc_desktop.services.attention``.
"""

from smsc_desktop.services.overview.facts import (
    AccountFacts,
    ErrorFacts,
    Figures,
    FileFacts,
    LocalError,
)
from smsc_desktop.services.overview.refresh import RefreshResult, RoundSummary
from smsc_desktop.services.overview.service import (
    INTERVALS,
    AccountState,
    Activity,
    OverviewService,
    RefreshProgress,
)

__all__ = [
    "INTERVALS",
    "AccountFacts",
    "AccountState",
    "Activity",
    "ErrorFacts",
    "Figures",
    "FileFacts",
    "LocalError",
    "OverviewService",
    "RefreshProgress",
    "RefreshResult",
    "RoundSummary",
]
