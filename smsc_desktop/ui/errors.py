"""Plain-language, translated explanations of what went wrong and what to do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from smsc_desktop import api

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


def describe_error(error: BaseException) -> str:
    """One or two sentences for the user: what happened, and what to do about it."""
    if isinstance(error, api.RateLimitedError):
        seconds = max(1, int(error.retry_after + 0.999))
        return translate(
            "errors",
            "SMSC accepts only a few identical requests a minute. Try again in %n s.",
            None,
            seconds,
        )
    if isinstance(error, api.AuthError):
        return translate(
            "errors",
            "Wrong login or password, or this computer's IP address is not allowed for the "
            "account. Check the account settings, or the allowed IP list in the SMSC cabinet.",
        )
    if isinstance(error, api.IpBlockedError):
        return translate(
            "errors",
            "SMSC has temporarily blocked this computer's IP address after too many erroneous "
            "requests. Wait a while before trying again, or contact SMSC support.",
        )
    if isinstance(error, api.TooManyRequestsError):
        return translate(
            "errors",
            "SMSC refused the request: too many identical or simultaneous requests. Wait a "
            "minute before trying again.",
        )
    if isinstance(error, api.InsufficientFundsError):
        return translate(
            "errors", "Not enough money on the account. Top up the balance and try again."
        )
    if isinstance(error, api.NotFoundError):
        return translate("errors", "SMSC did not find what was asked for. %1").replace(
            "%1", _server_text(error)
        )
    if isinstance(error, api.BadParametersError):
        return translate("errors", "SMSC rejected the request as invalid: %1").replace(
            "%1", _server_text(error)
        )
    if isinstance(error, api.OutcomeUnknownError):
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
    if isinstance(error, api.NetworkError):
        return _network_text(error)
    if isinstance(error, api.SmscError):
        code = getattr(error, "code", None)
        return (
            translate("errors", "SMSC reported error %1: %2")
            .replace("%1", str(code))
            .replace("%2", _server_text(error))
        )
    return translate("errors", "Something went wrong: %1").replace(
        "%1", str(error) or type(error).__name__
    )


def _server_text(error: BaseException) -> str:
    for attr in ("server_message", "detail", "message"):
        value = getattr(error, attr, None)
        if value:
            return str(value)
    return str(error)


def _network_text(error: BaseException) -> str:
    if isinstance(error, api.TlsError):
        return translate(
            "errors",
            "A secure connection to the server could not be established (TLS problem). Check "
            "the computer's date and time, and whether a proxy intercepts HTTPS.",
        )
    if isinstance(error, api.DnsLookupError):
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
