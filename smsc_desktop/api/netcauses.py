"""What made a connection fail: TLS, name lookup or a refusal.

Shared by the api's two transports (httpx and aiohttp) and by the plain requests of
:mod:`smsc_desktop.api.plain_http` (test callbacks, the sandbox's control endpoints), so
every place names a cause the same way.
"""

from __future__ import annotations

import enum
import errno
import socket
import ssl

__all__ = [
    "NetCause",
    "cause_of",
    "caused_by_dns",
    "caused_by_refusal",
    "caused_by_tls",
    "exception_chain",
]

_DNS_MARKERS = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "temporary failure in name resolution",
    "no address associated",
    "name does not resolve",
)
_WSAECONNREFUSED = 10061


def exception_chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and what caused it (``__cause__`` or ``__context__``), at most ten deep."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def caused_by_tls(exc: BaseException) -> bool:
    if any(isinstance(item, ssl.SSLError | ssl.CertificateError) for item in exception_chain(exc)):
        return True
    text = str(exc).upper()
    return "SSL" in text or "CERTIFICATE" in text or "TLS" in text


def caused_by_dns(exc: BaseException) -> bool:
    if any(isinstance(item, socket.gaierror) for item in exception_chain(exc)):
        return True
    text = str(exc).lower()
    return any(marker in text for marker in _DNS_MARKERS)


def caused_by_refusal(exc: BaseException) -> bool:
    chain = exception_chain(exc)
    if any(isinstance(item, ConnectionRefusedError) for item in chain):
        return True
    if any(
        getattr(item, "errno", None) in (errno.ECONNREFUSED, _WSAECONNREFUSED) for item in chain
    ):
        return True
    text = " ".join(str(item) for item in chain).lower()
    return "connection refused" in text or "connect call failed" in text


class NetCause(enum.StrEnum):
    """Why a plain HTTP request got no answer (see :func:`cause_of`)."""

    INVALID_URL = "invalid_url"
    DNS = "dns"
    REFUSED = "refused"
    TLS = "tls"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    """Any other network failure (reset, closed early, unreachable network)."""


def cause_of(exc: BaseException) -> NetCause:
    """The cause of a failed connection or exchange, from the exception and its causes."""
    if any(isinstance(item, TimeoutError) for item in exception_chain(exc)):
        return NetCause.TIMEOUT
    if caused_by_tls(exc):
        return NetCause.TLS
    if caused_by_dns(exc):
        return NetCause.DNS
    if caused_by_refusal(exc):
        return NetCause.REFUSED
    return NetCause.CONNECTION
