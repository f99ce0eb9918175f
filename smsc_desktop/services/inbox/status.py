"""How the inbox watch is doing, as one subscriber sees it (for the status lines)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smsc_desktop.api import SmscError


@dataclass(frozen=True, slots=True)
class PollStatus:
    """``active``: the watch reads the inbox for this subscriber now; ``last_success`` the
    end of the last good read; ``error`` the last read's failure (None after a good one);
    ``next_check_in`` the seconds until the next read (while active)."""

    active: bool
    last_success: datetime | None = None
    error: SmscError | None = None
    consecutive_errors: int = 0
    next_check_in: float | None = None
