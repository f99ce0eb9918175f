"""The record of every API call this session made (for the request-log panel).

Records come from the api client's observer with secrets already removed; they are kept in
memory only (a bounded ring), never written to disk unless the user saves them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from smsc_desktop.services.observable import Signal


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One API call as the request log shows it."""

    profile: str
    record: Any  # smsc_desktop.api.RequestRecord


class RequestLog:
    def __init__(self, capacity: int = 5000) -> None:
        self._items: deque[LoggedRequest] = deque(maxlen=capacity)
        self.appended = Signal("request_log.appended")  # (LoggedRequest)
        self.cleared = Signal("request_log.cleared")

    def observer_for(self, profile_name: str) -> Any:
        """A callback to give the api client: it logs records under ``profile_name``."""

        def observe(record: Any) -> None:
            item = LoggedRequest(profile_name, record)
            self._items.append(item)
            self.appended.emit(item)

        return observe

    def clear(self) -> None:
        self._items.clear()
        self.cleared.emit()

    def __iter__(self) -> Iterator[LoggedRequest]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)
