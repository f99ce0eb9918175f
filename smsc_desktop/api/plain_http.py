"""Plain HTTP requests that are not SMSC calls, for the services that need one.

Two services talk to servers other than SMSC's API: the test-callback sender posts a signed
sample to the client's own handler, and the Verification tab drives the built-in sandbox's
control endpoints. Both go through :func:`post_plain` here, so ``services/`` never touches an HTTP
library: one short-lived client per request, no redirects followed, a total deadline, the
answer read up to a cap, and a failure named by :class:`~smsc_desktop.api.netcauses.NetCause`
(the same rules as the SMSC client's errors, :mod:`smsc_desktop.api.netcauses`).
"""

from __future__ import annotations

import asyncio
import json as jsonlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, TypeAlias

import httpx

from smsc_desktop.api.netcauses import NetCause, cause_of, exception_chain

__all__ = ["HttpTransport", "PlainHttpError", "PlainReply", "post_plain"]

HttpTransport: TypeAlias = httpx.AsyncBaseTransport
"""What tests pass as ``transport=`` to replace the network."""

DEFAULT_MAX_BODY: Final = 64 * 1024


@dataclass(frozen=True, slots=True)
class PlainReply:
    """An HTTP answer of any status; ``body`` is at most the cap asked for."""

    status: int
    reason: str
    headers: Mapping[str, str]
    """Lower-case names."""
    body: bytes
    truncated: bool
    encoding: str | None
    elapsed: float
    """Seconds from sending to the answer read (as far as it was read)."""

    def text(self) -> str:
        return self.body.decode(self.encoding or "utf-8", errors="replace")

    def json(self) -> object:
        """The body as JSON, or ``None`` when it is not JSON."""
        try:
            return jsonlib.loads(self.body)
        except (ValueError, RecursionError):
            return None


class PlainHttpError(Exception):
    """No answer: ``cause`` names why, ``detail`` is the low-level text."""

    def __init__(self, cause: NetCause, detail: str, elapsed: float = 0.0) -> None:
        super().__init__(f"{cause.value}: {detail}")
        self.cause = cause
        self.detail = detail
        self.elapsed = elapsed


async def post_plain(
    url: str,
    *,
    content: bytes | None = None,
    json: object = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 10.0,
    max_body: int = DEFAULT_MAX_BODY,
    transport: HttpTransport | None = None,
) -> PlainReply:
    """POST *content* (or *json*) to *url*; raises :class:`PlainHttpError` with no answer.

    *timeout* is the limit of each network step; the whole request may take twice that.
    The answer is read up to *max_body* bytes (``truncated`` says whether there was more).
    Proxies from the environment are not used: these requests go to a handler or a
    sandbox the user named. The TLS context is the SMSC client's shared one (an http://
    address gets one that reads no certificate store): a new context per request would
    read the store again, 20-50 ms on the event loop for every simulated call of the demo.
    """
    from smsc_desktop.api.client import _tls_context_for

    started = time.perf_counter()
    try:
        async with (
            asyncio.timeout(2 * timeout),
            httpx.AsyncClient(
                timeout=httpx.Timeout(timeout),
                follow_redirects=False,
                transport=transport,
                trust_env=False,
                verify=_tls_context_for(httpx.URL(url)) if transport is None else True,
            ) as http,
        ):
            request = http.build_request("POST", url, content=content, json=json, headers=headers)
            response = await http.send(request, stream=True)
            try:
                body, truncated = await _read(response, max_body)
            finally:
                await response.aclose()
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise PlainHttpError(NetCause.INVALID_URL, _detail(exc)) from exc
    except (httpx.HTTPError, TimeoutError, OSError) as exc:
        elapsed = time.perf_counter() - started
        cause = NetCause.TIMEOUT if isinstance(exc, httpx.TimeoutException) else cause_of(exc)
        raise PlainHttpError(cause, _detail(exc), elapsed) from exc
    return PlainReply(
        status=response.status_code,
        reason=response.reason_phrase,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=body,
        truncated=truncated,
        encoding=response.encoding,
        elapsed=time.perf_counter() - started,
    )


async def _read(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            return bytes(body[:limit]), True
    return bytes(body), False


def _detail(exc: BaseException) -> str:
    for item in exception_chain(exc):
        text = str(item).strip()
        if text:
            return text
    return type(exc).__name__
