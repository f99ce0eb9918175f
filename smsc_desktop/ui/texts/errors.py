"""Plain-language, translated explanations of what went wrong and what to do.

The one place that turns errors into words. It reads what the errors carry as data
(``SmscError.kind``, ``code``, ``html``, ``retry_after``, ``changes_account``, SMSC's own
``server_message``; an ``OSError``'s ``strerror``), never the English text of a message.
"""

from __future__ import annotations

import socket

from PySide6.QtCore import QCoreApplication

from smsc_desktop import api
from smsc_desktop.api import ErrorKind
from smsc_desktop.services.storage import DISK_FULL_ERRNOS, NO_PERMISSION_ERRNOS

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


def describe_error(error: BaseException) -> str:
    """One or two sentences for the user: what happened, and what to do about it."""
    if isinstance(error, api.SmscError):
        return _smsc_text(error)
    if isinstance(error, OSError):
        return _os_text(error)
    return translate("errors", "Something went wrong: %1").replace("%1", type(error).__name__)


def _os_text(error: OSError) -> str:
    """An error of the system: a connection's (one the api did not wrap first), a full disk,
    a refused permission, or another file error, named with its file when it has one."""
    if isinstance(error, TimeoutError):
        return translate(
            "errors", "The server did not answer in time. Check the connection and try again."
        )
    if isinstance(error, ConnectionError | socket.gaierror):
        return translate(
            "errors",
            "The server cannot be reached. Check the internet connection and the server address.",
        )
    name = str(error.filename) if error.filename else ""
    if error.errno in DISK_FULL_ERRNOS:
        if name:
            return translate(
                "errors",
                "The disk is full: %1 could not be written. Free some space and try again.",
            ).replace("%1", name)
        return translate("errors", "The disk is full. Free some space and try again.")
    if isinstance(error, PermissionError) or error.errno in NO_PERMISSION_ERRNOS:
        if name:
            return translate(
                "errors",
                "The app is not allowed to write or read %1. Check the folder's permissions, "
                "or choose another folder.",
            ).replace("%1", name)
        return translate(
            "errors",
            "The app is not allowed to write or read a file it needs. Check the folder's "
            "permissions.",
        )
    reason = error.strerror or type(error).__name__
    if name:
        return (
            translate("errors", "The file %1 could not be written or read: %2")
            .replace("%1", name)
            .replace("%2", reason)
        )
    return translate("errors", "The file could not be written or read: %1").replace("%1", reason)


def _smsc_text(error: api.SmscError) -> str:
    """The app's explanation, then SMSC's own words (whenever SMSC sent any)."""
    return with_smsc_words(_explanation(error), error)


def with_smsc_words(text: str, error: BaseException | None) -> str:
    """``text``, then what SMSC itself said about ``error``, quoted as it was sent: every
    message about an SMSC error carries SMSC's own words next to the app's explanation."""
    words = smsc_words(error)
    if not words:
        return text
    return (text + " " if text else "") + words


def smsc_words(error: BaseException | None) -> str:
    """``SMSC's words: “…”`` for an error SMSC described ("" when it did not)."""
    server = _server_text(error) if isinstance(error, api.SmscError) else ""
    if not server:
        return ""
    if len(server) > _MAX_QUOTED:
        server = server[: _MAX_QUOTED - 1].rstrip() + "…"
    return translate("errors", "SMSC's words: “%1”").replace("%1", server)


_MAX_QUOTED = 300


def _explanation(error: api.SmscError) -> str:
    kind = error.kind
    if kind is ErrorKind.RATE_LIMITED:
        seconds = max(1, int((error.retry_after or 0.0) + 0.999))
        # %1, not %n: lupdate marks a plural only for tr(); "s" reads the same for any count.
        return translate(
            "errors", "SMSC accepts only a few identical requests a minute. Try again in %1 s."
        ).replace("%1", str(seconds))
    if kind is ErrorKind.AUTH:
        return translate(
            "errors",
            "Wrong login or password, or this computer's IP address is not allowed for the "
            "account. Check the account settings, or the allowed IP list in the SMSC cabinet.",
        )
    if kind is ErrorKind.IP_BLOCKED:
        return translate(
            "errors",
            "SMSC has temporarily blocked this computer's IP address after too many erroneous "
            "requests. Wait a while before trying again, or contact SMSC support.",
        )
    if kind is ErrorKind.TOO_MANY_REQUESTS:
        return translate(
            "errors",
            "SMSC refused the request: too many identical or simultaneous requests. Wait a "
            "minute before trying again.",
        )
    if kind is ErrorKind.FUNDS:
        if error.meaning_inferred:
            return translate(
                "errors",
                "SMSC answered error %1, which the app takes to mean that there is not enough "
                "money on the account (a guess: SMSC's documentation gives no meaning for this "
                "code here). If that is so, top up the balance and try again.",
            ).replace("%1", str(error.code))
        return translate(
            "errors", "Not enough money on the account. Top up the balance and try again."
        )
    if kind is ErrorKind.NOT_FOUND:
        if error.meaning_inferred:
            return translate(
                "errors",
                "SMSC answered error %1, which the app takes to mean that what was asked for "
                "was not found (a guess: SMSC's documentation gives no meaning for this code "
                "here).",
            ).replace("%1", str(error.code))
        return translate("errors", "SMSC did not find what was asked for.")
    if kind is ErrorKind.BAD_PARAMETERS:
        return translate("errors", "SMSC rejected the request as invalid.")
    if isinstance(error, api.OutcomeUnknownError | api.ProtocolError):
        return _answer_text(error)
    if isinstance(error, api.NetworkError):
        return _network_text(error)
    if error.code is not None:
        return translate("errors", "SMSC reported error %1.").replace("%1", str(error.code))
    if _server_text(error):
        return translate("errors", "SMSC reported an error.")
    return translate("errors", "SMSC refused the request.")


def _answer_text(error: api.SmscError) -> str:
    """No answer, or one that could not be read."""
    if error.changes_account and isinstance(error, api.OutcomeUnknownError):
        return translate(
            "errors",
            "The request was sent but no answer came back, so its result is unknown. "
            "The app will check with SMSC instead of repeating it.",
        )
    if isinstance(error, api.ProtocolError):
        return translate(
            "errors",
            "SMSC answered with something unexpected (for example an error page). The server "
            "may be having problems; try again later.",
        )
    if isinstance(error, api.DownloadInterruptedError):
        return translate("errors", "The connection dropped during the download. It can be resumed.")
    if isinstance(error, api.RequestTimeoutError):
        return translate(
            "errors", "The server did not answer in time. Check the connection and try again."
        )
    return translate(
        "errors",
        "The connection broke before the whole answer arrived. Nothing was changed; try again.",
    )


def _server_text(error: api.SmscError) -> str:
    """SMSC's own description of the error (in SMSC's language), or ""."""
    return (error.server_message or "").strip()


def _network_text(error: api.SmscError) -> str:
    if error.kind is ErrorKind.TLS:
        return translate(
            "errors",
            "A secure connection to the server could not be established (TLS problem). Check "
            "the computer's date and time, and whether a proxy intercepts HTTPS.",
        )
    if error.kind is ErrorKind.DNS:
        return translate(
            "errors",
            "The server name cannot be resolved. Check the server address and the internet "
            "connection.",
        )
    if isinstance(error, api.RequestTimeoutError):
        return translate(
            "errors", "The server did not answer in time. Check the connection and try again."
        )
    if isinstance(error, api.DownloadInterruptedError):
        return translate("errors", "The connection dropped during the download. It can be resumed.")
    return translate(
        "errors",
        "The server cannot be reached. Check the internet connection and the server address.",
    )


def describe_connection_error(
    error: BaseException, *, timeout: float | None = None, server: str | None = None
) -> str:
    """What a failed connection test (a balance request) means, in plain words.

    More specific than ``describe_error`` where the test allows it: a timeout of a balance
    request changes nothing on the account, and error 2 has two causes the user must check.
    """
    if not isinstance(error, api.SmscError):
        return describe_error(error)
    if error.kind in (ErrorKind.AUTH, ErrorKind.IP_BLOCKED):
        return with_smsc_words(_connection_text(error, timeout, server), error)
    return _connection_text(error, timeout, server)


def _connection_text(error: api.SmscError, timeout: float | None, server: str | None) -> str:
    kind = error.kind
    if kind is ErrorKind.AUTH:
        return translate(
            "errors",
            "SMSC refused the sign-in. Either the login and password (or the API "
            "key) are wrong, or this computer's IP address is not allowed for the account. "
            "Check the credentials, and the list of allowed IP addresses in the SMSC cabinet.",
        )
    if kind is ErrorKind.IP_BLOCKED:
        return translate(
            "errors",
            "SMSC has temporarily blocked this computer's IP address, usually after "
            "many wrong passwords or erroneous requests. Wait before trying again, or ask "
            "SMSC support to unblock it.",
        )
    if kind is ErrorKind.TLS:
        text = translate(
            "errors",
            "A secure (TLS) connection to the server could not be established. Check the "
            "computer's date and time, and whether a proxy or antivirus intercepts HTTPS.",
        )
        if _is_local_https(server):
            text += " " + translate(
                "errors",
                "A test server on this computer usually speaks plain http://, not https://.",
            )
        return text
    if kind is ErrorKind.DNS:
        return translate(
            "errors",
            "The server name could not be found. Check the server address and the internet "
            "connection.",
        )
    if isinstance(error, api.RequestTimeoutError):
        if timeout:
            return translate(
                "errors",
                "The server did not answer within %1 s. Check the internet connection and "
                "the server address, then test again.",
            ).replace("%1", str(max(1, round(timeout))))
        return translate(
            "errors", "The server did not answer in time. Check the connection and test again."
        )
    if isinstance(error, api.ConnectFailedError):
        return translate(
            "errors",
            "The server cannot be reached: nothing answers at this address. Check the server "
            "address, the internet connection, and any firewall or proxy.",
        )
    if isinstance(error, api.ProtocolError):
        if error.html:
            return translate(
                "errors",
                "The server answered with a web page instead of SMSC data. The address may "
                "be wrong, or a proxy or Wi-Fi login page is in the way.",
            )
        return translate(
            "errors",
            "The server's answer is not SMSC data. Check the server address; if it is right, "
            "SMSC may be having problems: test again later.",
        )
    if isinstance(error, api.OutcomeUnknownError):
        return translate(
            "errors",
            "The connection broke before the server answered. Check the connection and test again.",
        )
    return describe_error(error)


def _is_local_https(server: str | None) -> bool:
    from urllib.parse import urlsplit

    from smsc_desktop.services.profiles import is_loopback_host

    if not server:
        return False
    parts = urlsplit(server if "://" in server else "https://" + server)
    return parts.scheme == "https" and is_loopback_host(parts.hostname or "")


def brief_error(error: BaseException) -> str:
    """A few words for a table cell (the accounts overview); ``describe_connection_error``
    says the rest in the cell's tooltip."""
    if not isinstance(error, api.SmscError):
        if isinstance(error, OSError):
            return translate("errors", "File error")
        return translate("errors", "Failed")
    kind = error.kind
    if kind is ErrorKind.AUTH:
        return translate("errors", "Wrong password or IP not allowed")
    if kind is ErrorKind.IP_BLOCKED:
        return translate("errors", "IP address blocked by SMSC")
    if kind is ErrorKind.TOO_MANY_REQUESTS:
        return translate("errors", "Too many requests (SMSC error 9)")
    if kind is ErrorKind.RATE_LIMITED:
        return translate("errors", "SMSC's limit: try again shortly")
    if kind is ErrorKind.DNS:
        return translate("errors", "Server name not found")
    if kind is ErrorKind.TLS:
        return translate("errors", "Secure connection failed")
    if isinstance(error, api.RequestTimeoutError):
        return translate("errors", "No answer in time")
    if isinstance(error, api.ProtocolError):
        if error.html:
            return translate("errors", "A web page instead of SMSC data")
        return translate("errors", "Unexpected answer")
    if isinstance(error, api.OutcomeUnknownError):
        return translate("errors", "The connection broke")
    if isinstance(error, api.NetworkError):
        return translate("errors", "Server unreachable")
    if error.code is not None:
        return translate("errors", "SMSC error %1").replace("%1", str(error.code))
    return translate("errors", "SMSC refused the request")
