"""What made a connection fail: TLS, name lookup or a refusal.

Shared by the api's two transports (httpx and aiohttp) and by the services that make other
HTTP requests (the test-callback sender), so every place names a cause the same way.
"""

from __future__ import annotations

import errno
import socket
import ssl

__all__ = ["caused_by_dns", "caused_by_refusal", "caused_by_tls", "exception_chain"]

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
