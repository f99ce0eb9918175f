"""Send a correctly signed sample callback to a client's handler, as SMSC would.

The request is built by :func:`smsc_desktop.services.callbacks.prepare_callback` (charset,
``fmt``, the ``!`` syntax, signatures); this module only sends it and reports what came
back, naming the cause of a failure: DNS, connection refused, TLS, timeout, or an answer
that is not 2xx. Redirects are not followed (reported as the 3xx they are).
"""

from __future__ import annotations

import enum
import logging
import time
from dataclasses import dataclass

import httpx

from smsc_desktop.__about__ import __version__
from smsc_desktop.api.netcauses import (
    caused_by_dns,
    caused_by_refusal,
    caused_by_tls,
    exception_chain,
)
from smsc_desktop.services.callbacks import (
    CallbackKind,
    HandlerUrl,
    PreparedCallback,
    SampleValues,
    parse_handler_url,
    prepare_callback,
)

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


class CallbackSender:
    """Posts test callbacks. *transport* replaces the network in tests."""

    def __init__(
        self, *, timeout: float = 10.0, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
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
        started = time.perf_counter()
        try:
            async with httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=False,
                transport=self._transport,
                trust_env=False,
            ) as http:
                response = await http.post(prepared.url, content=prepared.body, headers=headers)
        except httpx.InvalidURL as exc:
            return SendResult(prepared, failure=SendFailure.INVALID_URL, detail=str(exc))
        except httpx.HTTPError as exc:
            failure = classify(exc)
            detail = _detail(exc)
            log.info("Test callback to %s failed: %s (%s)", prepared.url, failure, detail)
            return SendResult(
                prepared,
                elapsed=time.perf_counter() - started,
                failure=failure,
                detail=detail,
            )
        elapsed = time.perf_counter() - started
        content = response.content
        text = content[:MAX_BODY_SHOWN].decode(response.encoding or "utf-8", errors="replace")
        status = response.status_code
        ok = 200 <= status < 300
        log.info("Test callback to %s: HTTP %s in %.3f s", prepared.url, status, elapsed)
        return SendResult(
            prepared,
            status=status,
            reason=response.reason_phrase,
            body=text,
            body_truncated=len(content) > MAX_BODY_SHOWN,
            content_type=response.headers.get("content-type", ""),
            elapsed=elapsed,
            failure=None if ok else SendFailure.HTTP_STATUS,
            location=response.headers.get("location", ""),
        )


def classify(exc: httpx.HTTPError) -> SendFailure:
    """Name the cause of a failed request."""
    if isinstance(exc, httpx.TimeoutException):
        return SendFailure.TIMEOUT
    if caused_by_tls(exc):
        return SendFailure.TLS
    if caused_by_dns(exc):
        return SendFailure.DNS
    if caused_by_refusal(exc):
        return SendFailure.REFUSED
    return SendFailure.CONNECTION


def _detail(exc: BaseException) -> str:
    for item in exception_chain(exc):
        text = str(item).strip()
        if text:
            return text
    return type(exc).__name__
