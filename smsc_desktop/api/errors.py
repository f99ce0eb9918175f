"""The one exception tree of the SMSC client.

Every failure of a client call is an :class:`SmscError`. The class says *what kind* of
thing went wrong; every error also carries its facts as data, so the UI words it without
reading the English text: :attr:`SmscError.kind` (an :class:`ErrorKind`), :attr:`~SmscError.code`
(SMSC's error code), :attr:`~SmscError.html` (the answer was a web page),
:attr:`~SmscError.retry_after` (seconds until a retry makes sense) and
:attr:`~SmscError.changes_account` (the request would have changed the account: renting,
renewal, a call verification). ``str(exc)`` is a plain English sentence for logs. The
server's own description is kept in :attr:`SmscError.server_message` and a short,
secret-free excerpt of an unexpected body in :attr:`SmscError.body_excerpt`.

::

    SmscError
    ├── ApiError                      SMSC answered with an error code
    │   ├── BadParametersError        1
    │   ├── AuthError                 2
    │   ├── InsufficientFundsError    3 on rent (buy) / send
    │   ├── NotFoundError             3 elsewhere
    │   ├── IpBlockedError            4
    │   ├── TooManyRequestsError      9
    │   └── UnknownApiError           any other code
    ├── NetworkError                  no usable answer arrived
    │   ├── ConnectFailedError        could not connect (the request never left)
    │   │   └── DnsLookupError        the host name could not be resolved
    │   ├── TlsError                  the secure connection could not be set up
    │   ├── RequestTimeoutError       no connection / no answer in time
    │   ├── OutcomeUnknownError       the request left, no answer came back
    │   │   └── ResponseTimeoutError  … because waiting for the answer timed out
    │   │                             (also a RequestTimeoutError)
    │   └── DownloadInterruptedError  a file download stopped part way (resumable)
    ├── ProtocolError                 the answer is not what the endpoint returns
    │   ├── HttpStatusError           unexpected HTTP status without an SMSC error body
    │   └── UnreadableOutcomeError    … to a command that changes something (rent,
    │                                 renewal, call verification): also an
    │                                 OutcomeUnknownError, so check before repeating
    └── RateLimitedError              the local guard refused to send (nothing was sent)
"""

from __future__ import annotations

import enum
import math
from typing import ClassVar

__all__ = [
    "ApiError",
    "AuthError",
    "BadParametersError",
    "ConnectFailedError",
    "DnsLookupError",
    "DownloadInterruptedError",
    "ErrorKind",
    "HttpStatusError",
    "InsufficientFundsError",
    "IpBlockedError",
    "NetworkError",
    "NotFoundError",
    "OutcomeUnknownError",
    "ProtocolError",
    "RateLimitedError",
    "RequestTimeoutError",
    "ResponseTimeoutError",
    "SmscError",
    "TlsError",
    "TooManyRequestsError",
    "UnknownApiError",
    "UnreadableOutcomeError",
    "api_error_for",
]


class ErrorKind(enum.StrEnum):
    """What went wrong, as data (one value per class of the tree below)."""

    FAILED = "failed"
    """Any other failure of the client."""
    BAD_PARAMETERS = "bad_parameters"
    AUTH = "auth"
    FUNDS = "funds"
    NOT_FOUND = "not_found"
    IP_BLOCKED = "ip_blocked"
    TOO_MANY_REQUESTS = "too_many_requests"
    """SMSC's own error 9."""
    SMSC_ERROR = "smsc_error"
    """An SMSC error code without a specific meaning here."""
    NETWORK = "network"
    CONNECT = "connect"
    DNS = "dns"
    TLS = "tls"
    TIMEOUT = "timeout"
    NO_ANSWER = "no_answer"
    """The request left; no (whole) answer came back."""
    ANSWER_TIMEOUT = "answer_timeout"
    INTERRUPTED = "interrupted"
    """A file download stopped part way (resumable)."""
    BAD_ANSWER = "bad_answer"
    HTTP_STATUS = "http_status"
    UNREADABLE_OUTCOME = "unreadable_outcome"
    RATE_LIMITED = "rate_limited"
    """The local guard did not send the request."""


class SmscError(Exception):
    """Base of every error raised by :class:`~smsc_desktop.api.SmscClient`.

    ``code`` is SMSC's numeric error code when the server sent one, else ``None``.
    ``message`` is a plain English sentence (for logs): what happened and what to do.
    ``kind``, ``html``, ``retry_after`` and ``changes_account`` say the same as data.
    """

    default_message = "The SMSC request failed."
    kind: ClassVar[ErrorKind] = ErrorKind.FAILED
    html: bool = False
    """The answer was a web page (a proxy, a captive portal, a wrong address)."""
    retry_after: float | None = None
    """Seconds until trying again makes sense, when known."""
    changes_account: bool = False
    """The request would have changed the account (rent, renewal, call verification)."""
    meaning_inferred: bool = False
    """The meaning this error is given (its class and ``kind``) is the client's reading:
    SMSC's documentation does not state what this code means for this request. Only
    ``server_message`` is SMSC's own; the UI says the explanation is a guess."""

    def __init__(
        self,
        code: int | str | None = None,
        message: str | None = None,
        *,
        server_message: str | None = None,
        body_excerpt: str | None = None,
        endpoint: str | None = None,
        command: str | None = None,
    ) -> None:
        if isinstance(code, str) and message is None:
            code, message = None, code  # SmscError("text") reads naturally too
        self.code: int | None = code if isinstance(code, int) else None
        self.message = message or self.default_message
        self.server_message = server_message
        self.body_excerpt = body_excerpt
        self.endpoint = endpoint
        self.command = command
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


# --- errors reported by SMSC ------------------------------------------------------------


class ApiError(SmscError):
    """SMSC answered, and the answer is an error with a numeric code."""

    default_message = "SMSC refused the request."
    kind = ErrorKind.SMSC_ERROR

    def __init__(
        self,
        code: int | None = None,
        message: str | None = None,
        *,
        server_message: str | None = None,
        body_excerpt: str | None = None,
        endpoint: str | None = None,
        command: str | None = None,
    ) -> None:
        super().__init__(
            code,
            message or self._describe(code, server_message),
            server_message=server_message,
            body_excerpt=body_excerpt,
            endpoint=endpoint,
            command=command,
        )

    def _describe(self, code: int | None, server_message: str | None) -> str:
        return self.default_message


class BadParametersError(ApiError):
    """Error 1: a parameter is missing or invalid."""

    kind = ErrorKind.BAD_PARAMETERS

    default_message = (
        "SMSC rejected the request because a parameter is missing or invalid (error 1). "
        "Check the values you entered and try again."
    )


class AuthError(ApiError):
    """Error 2: wrong login/password or API key, or this IP is not allowed."""

    kind = ErrorKind.AUTH

    default_message = (
        "Wrong login or password, or this computer's IP address is not allowed for the "
        "account (SMSC error 2). Check the credentials and the account's allowed IP list."
    )


class InsufficientFundsError(ApiError):
    """Error 3 on a paid command (renting a number, sending): not enough money."""

    kind = ErrorKind.FUNDS

    default_message = (
        "There is not enough money on the SMSC account for this operation (error 3). "
        "Top up the balance and try again."
    )


class NotFoundError(ApiError):
    """Error 3 on a lookup: the requested item does not exist."""

    kind = ErrorKind.NOT_FOUND

    default_message = (
        "SMSC could not find what was asked for (error 3). "
        "Refresh the list and check the number, job or file."
    )


class IpBlockedError(ApiError):
    """Error 4: SMSC has temporarily blocked this IP address."""

    kind = ErrorKind.IP_BLOCKED

    default_message = (
        "SMSC has temporarily blocked this computer's IP address (error 4), usually after "
        "many erroneous requests. Stop sending requests and try again later, or contact "
        "SMSC support."
    )


class TooManyRequestsError(ApiError):
    """Error 9: too many identical or simultaneous requests (the server's own limit)."""

    default_message = (
        "SMSC refused the request because too many identical or simultaneous requests "
        "were made (error 9). Wait a minute before trying again."
    )
    kind = ErrorKind.TOO_MANY_REQUESTS
    retry_after: float = 61.5
    """How long the client now holds such requests back (set by the client)."""


class UnknownApiError(ApiError):
    """An error code this client has no specific meaning for."""

    kind = ErrorKind.SMSC_ERROR

    def _describe(self, code: int | None, server_message: str | None) -> str:
        detail = f": {server_message}" if server_message else ""
        number = f" {code}" if code is not None else ""
        return (
            f"SMSC returned error{number}{detail}. "
            "Check the request, or contact SMSC support if it persists."
        )


# Commands on which error 3 is read as "not enough money"; everywhere else as "not found".
# Both are inferences: error 3 means different things on different SMSC pages (send.php:
# funds, tinyurl.php: link not found), and no page in scope documents it, receive_phones.php
# none of its codes at all. Codes 1, 2, 4 and 9 have one meaning on every SMSC page whose
# error table could be read, so their general meaning is taken as documented.
_FUNDS_COMMANDS = frozenset({("receive_phones", "buy"), ("send", None), ("send", "send")})
_GENERAL_CODES = frozenset({1, 2, 4, 9})


def api_error_for(
    code: int | None,
    *,
    endpoint: str | None,
    command: str | None,
    server_message: str | None = None,
    body_excerpt: str | None = None,
) -> ApiError:
    """Build the :class:`ApiError` subclass for SMSC error *code* on *endpoint*/*command*."""
    cls: type[ApiError]
    if code == 1:
        cls = BadParametersError
    elif code == 2:
        cls = AuthError
    elif code == 3:
        funds = (endpoint, command) in _FUNDS_COMMANDS or endpoint == "send"
        cls = InsufficientFundsError if funds else NotFoundError
    elif code == 4:
        cls = IpBlockedError
    elif code == 9:
        cls = TooManyRequestsError
    else:
        cls = UnknownApiError
    error = cls(
        code,
        server_message=server_message,
        body_excerpt=body_excerpt,
        endpoint=endpoint,
        command=command,
    )
    error.meaning_inferred = cls is not UnknownApiError and code not in _GENERAL_CODES
    return error


# --- network ----------------------------------------------------------------------------


class NetworkError(SmscError):
    """No usable answer arrived from SMSC.

    ``request_sent`` tells whether the request may have reached the server.
    """

    default_message = (
        "Could not talk to SMSC because of a network problem. "
        "Check the internet connection and try again."
    )
    kind = ErrorKind.NETWORK
    request_sent: bool = False

    def __init__(
        self,
        message: str | None = None,
        *,
        request_sent: bool | None = None,
        endpoint: str | None = None,
        command: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(None, message, endpoint=endpoint, command=command)
        if request_sent is not None:
            self.request_sent = request_sent
        self.detail = detail
        """The low-level reason (e.g. the socket error text), secret-free."""


class ConnectFailedError(NetworkError):
    """The connection could not be opened; the request never left this computer."""

    kind = ErrorKind.CONNECT

    default_message = (
        "Could not connect to the SMSC server. Check the internet connection, the server "
        "address and any firewall or proxy, then try again."
    )


class DnsLookupError(ConnectFailedError):
    """The server's host name could not be resolved."""

    kind = ErrorKind.DNS

    default_message = (
        "The SMSC server address could not be found (DNS lookup failed). Check the server "
        "address and the internet connection, then try again."
    )


class TlsError(NetworkError):
    """The secure (TLS) connection could not be established or verified."""

    kind = ErrorKind.TLS

    default_message = (
        "A secure connection to the SMSC server could not be established (TLS/certificate "
        "problem). Check the computer's date and time and any proxy that intercepts HTTPS."
    )


class RequestTimeoutError(NetworkError):
    """Timed out: no connection or no answer in time."""

    kind = ErrorKind.TIMEOUT

    default_message = (
        "The SMSC server did not respond in time. Check the internet connection and try "
        "again in a moment."
    )


class OutcomeUnknownError(NetworkError):
    """The request left this computer but no answer came back.

    The server may or may not have carried it out. Never repeat a paid command (renting a
    number) on this error: check the account's state first.
    """

    kind = ErrorKind.NO_ANSWER

    default_message = (
        "The request reached SMSC but no answer came back, so it is unknown whether it was "
        "carried out. Check the account before repeating it."
    )
    request_sent = True


class ResponseTimeoutError(OutcomeUnknownError, RequestTimeoutError):
    """The request left and waiting for the answer timed out."""

    kind = ErrorKind.ANSWER_TIMEOUT

    default_message = (
        "The request was sent to SMSC but no answer came back in time, so it is unknown "
        "whether it was carried out. Check the account before repeating it."
    )
    request_sent = True


class DownloadInterruptedError(NetworkError):
    """A file download stopped part way. The partial file is kept and can be resumed."""

    kind = ErrorKind.INTERRUPTED

    default_message = (
        "The download was interrupted before the whole file arrived. The part received is "
        "kept; start the download again to resume it."
    )
    request_sent = True

    def __init__(
        self,
        message: str | None = None,
        *,
        bytes_on_disk: int = 0,
        expected_bytes: int | None = None,
        endpoint: str | None = None,
        command: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message, endpoint=endpoint, command=command, detail=detail)
        self.bytes_on_disk = bytes_on_disk
        self.expected_bytes = expected_bytes


# --- bad answers -----------------------------------------------------------------------


class ProtocolError(SmscError):
    """The answer is not what this endpoint returns (a web page, broken JSON, wrong shape)."""

    default_message = (
        "SMSC sent an answer this program does not understand. Try again later; if it "
        "keeps happening, check the server address and any proxy in between."
    )
    kind = ErrorKind.BAD_ANSWER

    def __init__(
        self,
        message: str | None = None,
        *,
        body_excerpt: str | None = None,
        endpoint: str | None = None,
        command: str | None = None,
        http_status: int | None = None,
        html: bool = False,
    ) -> None:
        super().__init__(
            None, message, body_excerpt=body_excerpt, endpoint=endpoint, command=command
        )
        self.http_status = http_status
        self.html = html


class HttpStatusError(ProtocolError):
    """An HTTP status other than success, with no SMSC error in the body."""

    kind = ErrorKind.HTTP_STATUS

    default_message = (
        "The SMSC server answered with an HTTP error. Try again later; if it keeps "
        "happening, check the server address."
    )


class UnreadableOutcomeError(ProtocolError, OutcomeUnknownError):
    """The answer to a command that changes something could not be read.

    SMSC may well have carried the command out (a number may have been rented), so this
    is also an :class:`OutcomeUnknownError`: check the account before repeating it.
    """

    kind = ErrorKind.UNREADABLE_OUTCOME

    default_message = (
        "SMSC's answer could not be read, so it is unknown whether the request was carried "
        "out. Check the account before repeating it."
    )
    request_sent = True

    def __init__(
        self,
        message: str | None = None,
        *,
        body_excerpt: str | None = None,
        endpoint: str | None = None,
        command: str | None = None,
        http_status: int | None = None,
        html: bool = False,
    ) -> None:
        SmscError.__init__(
            self,
            None,
            message,
            body_excerpt=body_excerpt,
            endpoint=endpoint,
            command=command,
        )
        self.http_status = http_status
        self.html = html
        self.detail = None
        self.changes_account = True


# --- local guard -----------------------------------------------------------------------


class RateLimitedError(SmscError):
    """The client refused to send: SMSC would reject this many identical requests.

    Nothing was sent. ``retry_after`` is the number of seconds until the call is allowed.
    """

    kind = ErrorKind.RATE_LIMITED

    def __init__(
        self,
        retry_after: float,
        *,
        limit: int | None = None,
        endpoint: str | None = None,
        command: str | None = None,
    ) -> None:
        wait = max(0.0, float(retry_after))
        self.retry_after: float = wait
        self.limit = limit
        seconds = max(1, math.ceil(self.retry_after))
        unit = "second" if seconds == 1 else "seconds"
        allowance = (
            f"SMSC accepts only {limit} identical requests like this per minute"
            if limit
            else "SMSC limits how often this request may be repeated"
        )
        super().__init__(
            None,
            f"Not sent: {allowance}. Wait {seconds} {unit} and try again.",
            endpoint=endpoint,
            command=command,
        )
