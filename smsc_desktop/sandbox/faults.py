"""Fault injection per endpoint (balance, receive_phones, wait_call, get, downloads, send,
imgcode).

One :class:`FaultSpec` per endpoint; setting a new one replaces the old. Fields combine:

latency     seconds (real time) to wait before the response starts; the request is
            processed first, so a client that times out has still changed the state.
hold        with ``latency``: the requests held let go as soon as the endpoint's faults
            are cleared (or replaced), at the latest after ``latency``: a test holds requests
            in flight for as long as it needs, whatever the machine's load, then lets them go.
rate        cap on the sending rate in bytes per second (bodies and files).
drop_after  close the connection after this many bytes of body (0: before any headers);
            the request is processed, the answer is lost.
http_500    answer HTTP 500 with an nginx-like HTML page; the request is not processed.
html        answer an nginx-like "502 Bad Gateway" HTML page with this HTTP status (e.g. 200
            or 502); the request is not processed.
truncate    cut the body (not files) to half its length, Content-Length matching; processed.
error_code  answer this SMSC error (``error_message`` or the code's usual text) in the
            request's fmt; the request is not processed.
extra_length
            a lying ``Content-Length``: announce this many bytes more (fewer, if negative)
            than the body has, send the body and close the connection; processed.
file_error  ``get_file`` only: answer this SMSC error as JSON dressed as the file
            (``text/csv``, ``attachment``, and 206 with a ``Content-Range`` when a range was
            asked); the request is not processed. Other requests ignore it.
count       how many requests the fault applies to before it switches itself off
            (None: until cleared).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from smsc_desktop.sandbox.config import FAULT_ENDPOINTS

HTML_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
HTML_500 = (
    "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n"
    "<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@dataclass
class FaultSpec:
    """What goes wrong on one endpoint."""

    endpoint: str
    latency: float = 0.0
    hold: bool = False
    rate: int | None = None
    drop_after: int | None = None
    http_500: bool = False
    html: int | None = None
    truncate: bool = False
    error_code: int | None = None
    error_message: str | None = None
    extra_length: int | None = None
    file_error: int | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        if self.endpoint not in FAULT_ENDPOINTS:
            raise ValueError(f"unknown endpoint {self.endpoint!r}; one of {FAULT_ENDPOINTS}")
        if self.latency < 0:
            raise ValueError("latency must be >= 0")
        if self.rate is not None and self.rate <= 0:
            raise ValueError("rate must be > 0 bytes/s")
        if self.drop_after is not None and self.drop_after < 0:
            raise ValueError("drop_after must be >= 0")
        if self.count is not None and self.count <= 0:
            raise ValueError("count must be > 0")
        if self.hold and not self.latency:
            raise ValueError("hold needs a latency (the longest hold)")
        self._released = asyncio.Event()

    async def wait_latency(self) -> None:
        """The latency, ended early for a held request when the fault is cleared."""
        if not self.hold:
            await asyncio.sleep(self.latency)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._released.wait(), self.latency)

    def release(self) -> None:
        self._released.set()

    @property
    def short_circuit(self) -> bool:
        """True when the request is answered without being processed."""
        return self.http_500 or self.html is not None or self.error_code is not None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> FaultSpec:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        return cls(**dict(data))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FaultRegistry:
    """The active faults, one per endpoint."""

    def __init__(self) -> None:
        self._specs: dict[str, FaultSpec] = {}
        self._holding: list[FaultSpec] = []
        """Holding faults, kept after their ``count`` ran out until cleared."""

    def set(self, spec: FaultSpec) -> None:
        self._release(spec.endpoint)
        self._specs[spec.endpoint] = spec
        if spec.hold:
            self._holding.append(spec)

    def clear(self, endpoint: str | None = None) -> None:
        if endpoint is None:
            self._specs.clear()
        else:
            self._specs.pop(endpoint, None)
        self._release(endpoint)

    def _release(self, endpoint: str | None) -> None:
        for spec in self._holding:
            if endpoint is None or spec.endpoint == endpoint:
                spec.release()
        self._holding = [s for s in self._holding if not s._released.is_set()]

    def take(self, endpoint: str) -> FaultSpec | None:
        """The fault for this request, counting it down."""
        spec = self._specs.get(endpoint)
        if spec is None:
            return None
        if spec.count is not None:
            spec.count -= 1
            if spec.count <= 0:
                del self._specs[endpoint]
        return spec

    def snapshot(self) -> dict[str, dict[str, Any]]:
        return {name: spec.to_dict() for name, spec in self._specs.items()}


class Throttle:
    """Token bucket without burst: never more than ``rate`` bytes per second on average."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._start: float | None = None
        self._sent = 0

    async def consume(self, size: int) -> None:
        now = time.monotonic()
        if self._start is None:
            self._start = now
        self._sent += size
        due = self._start + self._sent / self.rate
        if due > now:
            await asyncio.sleep(due - now)
