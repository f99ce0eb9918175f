"""Send a correctly signed sample callback to a client's handler, as SMSC would.

The request is built by :func:`smsc_desktop.services.callbacks.prepare_callback` (charset,
``fmt``, the ``!`` syntax, signatures); this module only sends it and reports what came
back, naming the cause of a failure: DNS, connection refused, TLS, timeout, or an answer
that is not 2xx. Redirects are not followed (reported as the 3xx they are).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smsc_desktop.__about__ import __version__
from smsc_desktop.api import NetCause, PlainHttpError, post_plain
from smsc_desktop.services.callbacks import (
    CallbackKind,
    HandlerUrl,
    PreparedCallback,
    SampleValues,
    parse_handler_url,
    prepare_callback,
)

if TYPE_CHECKING:
    from smsc_desktop.api import HttpTransport

__all__ = ["CallbackSender", "SendFailure", "SendResult"]

log = logging.getLogger("smsc_desktop.services.callback_sender")

MAX_BODY_SHOWN = 4096


class SendFailure(enum.StrEnum):
    INVALID_URL = "invalid_url"
    DNS = "dns"
    REFUSED = "refused"
    TLS = "tls"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    """Any other network failure (reset, closed early, unreachable network)."""
    HTTP_STATUS = "http_status"
    """The handler answered, but not with a 2xx status."""


@dataclass(frozen=True, slots=True)
class SendResult:
    """What the handler did with a test callback."""

    request: PreparedCallback | None
    status: int | None = None
    reason: str = ""
    body: str = ""
    body_truncated: bool = False
    content_type: str = ""
    elapsed: float = 0.0
    """Seconds from sending to the whole answer (or to the failure)."""
    failure: SendFailure | None = None
    detail: str = ""
    location: str = ""
    """The ``Location`` header of a redirect."""

    @property
    def ok(self) -> bool:
        return self.failure is None


_FAILURES = {
    NetCause.INVALID_URL: SendFailure.INVALID_URL,
    NetCause.DNS: SendFailure.DNS,
    NetCause.REFUSED: SendFailure.REFUSED,
    NetCause.TLS: SendFailure.TLS,
    NetCause.TIMEOUT: SendFailure.TIMEOUT,
    NetCause.CONNECTION: SendFailure.CONNECTION,
}


class CallbackSender:
    """Posts test callbacks (through :func:`smsc_desktop.api.post_plain`).
    *transport* replaces the network in tests."""

    def __init__(self, *, timeout: float = 10.0, transport: HttpTransport | None = None) -> None:
        self.timeout = timeout
        self._transport = transport

    async def send(
        self,
        handler: str | HandlerUrl,
        kind: CallbackKind,
        sample: SampleValues | None = None,
    ) -> SendResult:
        try:
            url = parse_handler_url(handler) if isinstance(handler, str) else handler
        except ValueError as exc:
            return SendResult(None, failure=SendFailure.INVALID_URL, detail=str(exc))
        prepared = prepare_callback(url, kind, sample)
        headers = {
            "Content-Type": prepared.content_type,
            "User-Agent": f"SMSC-Desktop/{__version__} (test callback)",
        }
        try:
            reply = await post_plain(
                prepared.url,
                content=prepared.body,
                headers=headers,
                timeout=self.timeout,
                max_body=MAX_BODY_SHOWN,
                transport=self._transport,
            )
        except PlainHttpError as exc:
            failure = _FAILURES[exc.cause]
            log.info("Test callback to %s failed: %s (%s)", prepared.url, failure, exc.detail)
            return SendResult(prepared, elapsed=exc.elapsed, failure=failure, detail=exc.detail)
        status = reply.status
        ok = 200 <= status < 300
        log.info("Test callback to %s: HTTP %s in %.3f s", prepared.url, status, reply.elapsed)
        return SendResult(
            prepared,
            status=status,
            reason=reply.reason,
            body=reply.text(),
            body_truncated=reply.truncated,
            content_type=reply.headers.get("content-type", ""),
            elapsed=reply.elapsed,
            failure=None if ok else SendFailure.HTTP_STATUS,
            location=reply.headers.get("location", ""),
        )
