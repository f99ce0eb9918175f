"""The record of every API call this session made (for the request-log panel).

Records come from the api client's observer with secrets already removed; they are kept in
memory only (a bounded ring), never written to disk unless the user saves them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from smsc_desktop.services.observable import Signal
from smsc_desktop.services.redaction import redact


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

    @property
    def capacity(self) -> int:
        return self._items.maxlen or 0

    def observer_for(self, profile_name: str | Callable[[], str]) -> Any:
        """A callback to give the api client: it logs records under ``profile_name``
        (a callable is asked at each record, so a renamed profile logs its new name)."""

        def observe(record: Any) -> None:
            name = profile_name() if callable(profile_name) else profile_name
            item = LoggedRequest(name, record)
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


CONSTANT_PARAMS = frozenset({"fmt", "charset"})
"""Parameters every request carries; the log leaves them out."""


def format_params(params: Any) -> str:
    """``get=1 phone=79…``: the request's own parameters, sorted, secrets masked."""
    shown = sorted((k, v) for k, v in dict(params).items() if k not in CONSTANT_PARAMS)
    return redact(" ".join(f"{k}={v}" for k, v in shown))


COLUMNS = ("time", "account", "host", "endpoint", "params", "duration_ms", "http", "outcome")
"""The fields of a saved request log, in order (the first line of a saved file)."""


def request_fields(item: LoggedRequest) -> dict[str, str]:
    """One request as plain strings (secret-free: the record never held the credentials,
    and every value still goes through ``redact`` in case a secret was echoed back)."""
    record = item.record
    started = record.started_at
    local = started.astimezone() if started.tzinfo else started
    params = format_params(record.params)
    if record.outcome == "ok":
        outcome = "ok"
    else:
        outcome = f"error {record.error}" if record.error else "error"
    fields = {
        "time": local.isoformat(timespec="milliseconds"),
        "account": item.profile,
        "host": record.host,
        "endpoint": f"{record.endpoint}.php {record.command}".strip(),
        "params": params,
        "duration_ms": f"{record.duration * 1000:.0f}",
        "http": "" if record.http_status is None else str(record.http_status),
        "outcome": outcome,
    }
    return {key: redact(value) for key, value in fields.items()}


def format_requests(items: Iterable[LoggedRequest], *, header: bool = True) -> str:
    """Tab-separated lines (what "Copy" and "Save" write), secrets removed."""
    lines = ["\t".join(COLUMNS)] if header else []
    for item in items:
        fields = request_fields(item)
        lines.append("\t".join(fields[c].replace("\t", " ") for c in COLUMNS))
    return "\n".join(lines) + ("\n" if lines else "")
