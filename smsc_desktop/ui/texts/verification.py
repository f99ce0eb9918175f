"""Plain, translated sentences for what the verification and callback services report.

The services return enums and error objects; this module words them for the user.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from smsc_desktop.api import OutcomeUnknownError, ProtocolError
from smsc_desktop.services.callback_sender import SendFailure, SendResult
from smsc_desktop.services.callbacks import (
    Algorithm,
    BodyFormat,
    CallbackKind,
    Charset,
    Hint,
    HintKind,
    Issue,
    IssueKind,
    ParseProblem,
    PayloadFormat,
    SecretProblem,
    SigningScheme,
)
from smsc_desktop.services.phones import PhoneProblem
from smsc_desktop.services.verification import Failure, Verification, VerificationState
from smsc_desktop.ui.texts.errors import describe_error

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


# --- phones -------------------------------------------------------------------------------


def phone_problem_text(problem: PhoneProblem) -> str:
    texts = {
        PhoneProblem.EMPTY: translate("verification", "Enter the subscriber's phone number."),
        PhoneProblem.BAD_CHARACTERS: translate(
            "verification",
            "A phone number may contain only digits, spaces, brackets, dashes and one leading +.",
        ),
        PhoneProblem.TOO_SHORT: translate(
            "verification",
            "Too short for a phone number. Enter it with the country code, e.g. +7 916 123-45-67.",
        ),
        PhoneProblem.TOO_LONG: translate(
            "verification", "Too long: international numbers have at most 15 digits."
        ),
        PhoneProblem.WRONG_LENGTH_7: translate(
            "verification", "Numbers of Russia and Kazakhstan (+7) have 11 digits: +7 and 10 more."
        ),
        PhoneProblem.MISSING_COUNTRY_CODE: translate(
            "verification",
            "The country code is missing. For Russia add 7 in front (79161234567); for other "
            "countries type + and the country code.",
        ),
    }
    return texts[problem]


# --- verification states --------------------------------------------------------------


def state_text(state: VerificationState) -> str:
    texts = {
        VerificationState.REQUESTING: translate("verification", "Requesting…"),
        VerificationState.WAITING: translate("verification", "Waiting for the call"),
        VerificationState.CONFIRMED: translate("verification", "Confirmed"),
        VerificationState.EXPIRED: translate("verification", "Expired"),
        VerificationState.FAILED: translate("verification", "Failed"),
        VerificationState.CANCELLED: translate("verification", "Cancelled"),
    }
    return texts[state]


def failure_text(verification: Verification) -> str:
    """Why a verification failed: the live error's description, or the saved one's."""
    error = verification.error
    if isinstance(error, OutcomeUnknownError):
        # describe_error promises a reconciliation; for a verification the way forward is
        # simply a new request (it costs nothing and replaces the lost one).
        if isinstance(error, ProtocolError):
            return translate(
                "verification",
                "SMSC answered with something unexpected (for example an error page), so it is "
                "unknown whether a number was assigned. Request a new number.",
            )
        return translate(
            "verification",
            "No answer came back from SMSC, so it is unknown whether a number was assigned. "
            "Request a new number.",
        )
    if error is not None:
        return describe_error(error)
    failure = verification.failure
    if failure is None:
        return ""
    return _saved_failure_text(failure)


def _saved_failure_text(failure: Failure) -> str:
    """A saved failure's reason, with SMSC's own words when SMSC sent any."""
    text = _saved_reason(failure)
    server = (failure.server_message or "").strip()
    if server and server not in text:
        text += " " + translate("errors", "SMSC's words: “%1”").replace("%1", server[:300])
    return text


def _saved_reason(failure: Failure) -> str:
    kind = failure.kind
    if kind == "interrupted":
        return translate(
            "verification", "The app was closed or the account switched before SMSC answered."
        )
    by_kind = {
        "AuthError": translate(
            "verification",
            "Wrong login or password, or this computer's IP address is not allowed for the account.",
        ),
        "IpBlockedError": translate(
            "verification", "SMSC has temporarily blocked this computer's IP address."
        ),
        "TooManyRequestsError": translate(
            "verification", "SMSC refused: too many identical requests in a minute."
        ),
        "RateLimitedError": translate(
            "verification", "Not sent: SMSC accepts 50 requests a minute for one number."
        ),
        "InsufficientFundsError": translate(
            "verification",
            "SMSC answered error 3, which the app takes to mean that there is not enough "
            "money on the account (a guess: the documentation gives no meaning for it here).",
        ),
        "UnreadableOutcomeError": translate(
            "verification",
            "SMSC's answer could not be read; a number may have been assigned. Request again.",
        ),
        "OutcomeUnknownError": translate(
            "verification", "No answer came back from SMSC. Request again."
        ),
        "ResponseTimeoutError": translate(
            "verification", "SMSC did not answer in time. Request again."
        ),
    }
    if kind in by_kind:
        return by_kind[kind]
    if kind.endswith("Error") and ("Network" in kind or "Connect" in kind or "Dns" in kind):
        return translate(
            "verification", "SMSC could not be reached. Check the connection and request again."
        )
    detail = failure.server_message or failure.message
    if failure.code is not None:
        return (
            translate("verification", "SMSC error %1: %2")
            .replace("%1", str(failure.code))
            .replace("%2", detail)
        )
    return detail or kind


def outcome_text(verification: Verification, remaining: float) -> str:
    """The "Outcome" column: state, with the countdown or the reason."""
    from smsc_desktop.ui.formatting import format_countdown

    state = verification.state
    if state is VerificationState.WAITING:
        if remaining <= 0:
            return translate("verification", "Waiting · checking for a last-second call")
        return translate("verification", "Waiting · %1 left").replace(
            "%1", format_countdown(remaining)
        )
    if state is VerificationState.FAILED:
        return translate("verification", "Failed: %1").replace("%1", failure_text(verification))
    if state is VerificationState.EXPIRED:
        return translate("verification", "Expired: no call within 15 minutes")
    return state_text(state)


# --- callbacks ------------------------------------------------------------------------------


def kind_text(kind: CallbackKind) -> str:
    texts = {
        CallbackKind.STATUS: translate("verification", "Delivery status"),
        CallbackKind.INCOMING: translate("verification", "Incoming SMS"),
        CallbackKind.WAITCALL: translate("verification", "Call verification"),
    }
    return texts[kind]


def kind_detail(kind: CallbackKind) -> str:
    texts = {
        CallbackKind.STATUS: translate(
            "verification", "no mes or waitcall field, so a delivery status"
        ),
        CallbackKind.INCOMING: translate("verification", "it has a mes field"),
        CallbackKind.WAITCALL: translate("verification", "it has a waitcall field"),
    }
    return texts[kind]


def format_text(body_format: BodyFormat) -> str:
    texts = {
        BodyFormat.FORM: translate("verification", "Form fields (default)"),
        BodyFormat.XML: translate("verification", "XML (fmt=2)"),
        BodyFormat.JSON: translate("verification", "JSON (fmt=3)"),
    }
    return texts[body_format]


def payload_text(payload: PayloadFormat) -> str:
    texts = {
        PayloadFormat.FORM: translate("verification", "form body"),
        PayloadFormat.QUERY: translate("verification", "query string"),
        PayloadFormat.JSON: translate("verification", "JSON"),
        PayloadFormat.XML: translate("verification", "XML"),
        PayloadFormat.LINES: translate("verification", "name = value lines"),
        PayloadFormat.HTTP: translate("verification", "HTTP request"),
    }
    return texts[payload]


def charset_text(charset: Charset) -> str:
    if charset is Charset.WINDOWS_1251:
        return translate("verification", "windows-1251 (default)")
    return charset.value


def scheme_source_text(scheme: SigningScheme) -> str:
    if scheme.confirmed:
        return translate("verification", "documented by SMSC")
    if scheme.kind is CallbackKind.WAITCALL:
        return translate(
            "verification",
            "the app's guess: the documentation available to the app gives only the "
            "delivery-status string; this one comes from one third-party integration",
        )
    return translate(
        "verification",
        "the app's guess: the documentation available to the app gives only the "
        "delivery-status string; this is one of the candidates tried",
    )


def scheme_tooltip(scheme: SigningScheme) -> str:
    if scheme.confirmed:
        return translate(
            "verification", "SMSC's documentation states this string for delivery statuses."
        )
    if scheme.kind is CallbackKind.WAITCALL:
        return translate(
            "verification",
            "A guess: the documentation available to the app gives only the delivery-status "
            "string. phone:ts:<secret> comes from one third-party integration; only a real "
            "callback from SMSC can confirm it.",
        )
    return translate(
        "verification",
        "A guess: the documentation available to the app gives only the delivery-status "
        "string. The app signs incoming SMS with id:phone:mes:<secret>; the checker tries "
        "id:phone:mes, phone:mes:to and id:phone and says which one matches. Only a real "
        "callback from SMSC can confirm it.",
    )


def guessed_match_text(templates: list[str], from_test_sender: bool) -> str:
    """Under a match with a string the documentation does not give: what it proves."""
    text = translate(
        "verification",
        "It matches %1, which is the app's guess: the documentation available to the app "
        "gives only the delivery-status string. A match proves the string only for a "
        "callback that came from SMSC itself; a test callback from this app is signed with "
        "the same guess, so it matches whatever SMSC really does.",
    ).replace("%1", ", ".join(f"“{t}”" for t in templates))
    if from_test_sender:
        text += " " + translate(
            "verification",
            "This request was sent by SMSC Desktop's test sender (its User-Agent says so), "
            "not by SMSC: it proves nothing about SMSC's string.",
        )
    return text


def tried_text(templates: list[str]) -> str:
    """The signing strings the checker tried."""
    return translate("verification", "Strings tried: %1").replace(
        "%1", ", ".join(f"“{t}”" for t in templates)
    )


def guessed_signature_note(template: str) -> str:
    """The test sender's note when it signs with a string the documentation does not give."""
    return translate(
        "verification",
        "Signed with the app's guess “%1”: the documentation available to the app gives "
        "only the delivery-status string. A handler that accepts this callback makes the "
        "same guess; only a callback from SMSC itself shows the string SMSC really uses.",
    ).replace("%1", template)


def secret_problem_text(problem: SecretProblem, detail: str) -> str:
    if problem is SecretProblem.EMPTY:
        return translate("verification", "Enter the secret that is written in the handler URL.")
    if problem is SecretProblem.TOO_LONG:
        return translate("verification", "The secret is too long (at most 64 characters).")
    return translate(
        "verification", "The secret may contain only Latin letters, digits, - and _; remove: %1"
    ).replace("%1", " ".join(repr(c)[1:-1] if c != " " else "␣" for c in detail))


def issue_text(issue: Issue) -> str:
    kind = issue.kind
    if kind is IssueKind.SECRET_EMPTY:
        return secret_problem_text(SecretProblem.EMPTY, "")
    if kind is IssueKind.SECRET_BAD_CHARACTERS:
        return secret_problem_text(SecretProblem.BAD_CHARACTERS, issue.detail)
    if kind is IssueKind.SECRET_TOO_LONG:
        return secret_problem_text(SecretProblem.TOO_LONG, "")
    texts = {
        IssueKind.SCRIPT_EMPTY: translate(
            "verification", "Enter the address of the client's handler script."
        ),
        IssueKind.SCRIPT_NOT_HTTP: translate(
            "verification", "The handler address must start with https:// (or http://)."
        ),
        IssueKind.SCRIPT_NO_HOST: translate(
            "verification", "The handler address has no host name."
        ),
        IssueKind.SCRIPT_HAS_PARAMETERS: translate(
            "verification",
            "Enter the script address without ?, ! or #; add parameters in the lists below "
            "(or paste the whole URL to take it apart).",
        ),
        IssueKind.KOI8_WITH_FMT: translate(
            "verification",
            "koi8-r cannot be used together with fmt: SMSC's documentation says koi8-r is "
            "not used when fmt is given (whatever its value), so the values would come in "
            "windows-1251. Choose utf-8 or windows-1251.",
        ),
        IssueKind.FMT_UNDOCUMENTED: translate(
            "verification",
            "fmt=%1 is kept as written, but SMSC documents only fmt=2 (XML) and fmt=3 (JSON) "
            "for handlers. The app's guess: the callbacks come as form fields, and koi8-r is "
            "not used because fmt is given.",
        ),
        IssueKind.PARAM_NAME_EMPTY: translate("verification", "A parameter has no name."),
        IssueKind.PARAM_NAME_BAD: translate(
            "verification", "Parameter name “%1” may contain only Latin letters, digits, _ - . [ ]"
        ),
        IssueKind.PARAM_RESERVED: translate(
            "verification",
            "“%1” is a field SMSC sends itself; the handler may not be able to tell them apart.",
        ),
        IssueKind.PARAM_DUPLICATE: translate("verification", "“%1” is used twice."),
    }
    return texts[kind].replace("%1", issue.detail)


def parse_problem_text(problem: ParseProblem, detail: str = "") -> str:
    texts = {
        ParseProblem.EMPTY: translate("verification", "Paste a callback your handler received."),
        ParseProblem.BAD_JSON: translate(
            "verification", "This looks like JSON but cannot be read: %1"
        ),
        ParseProblem.JSON_NOT_OBJECT: translate(
            "verification", "The JSON is not an object of fields."
        ),
        ParseProblem.BAD_XML: translate(
            "verification", "This looks like XML but cannot be read: %1"
        ),
        ParseProblem.NO_FIELDS: translate(
            "verification",
            "No fields found. Paste the POST body (id=…&phone=…), the query string, JSON, "
            "XML or the whole HTTP request.",
        ),
    }
    return texts[problem].replace("%1", detail)


def hint_text(hint: Hint) -> str:
    texts = {
        HintKind.SECRET_NOT_REPLACED: translate(
            "verification",
            "The signature field holds the secret itself: this is the handler URL, not a "
            "callback. SMSC replaces the secret with the hash when it calls the handler.",
        ),
        HintKind.OTHER_CHARSET: translate(
            "verification",
            "It matches when the values are encoded in %1: the callback's charset differs "
            "from the one chosen here (or the handler URL's charset setting).",
        ),
        HintKind.PHONE_PLUS: translate(
            "verification",
            "It matches with the phone written as %1: the + was added or removed on the way.",
        ),
        HintKind.OTHER_ALGORITHM: translate(
            "verification",
            "It matches the %1 hash of the same string: the field name and the algorithm disagree.",
        ),
        HintKind.WRONG_LENGTH: translate(
            "verification", "The received value (%1 characters) is not a hash of this kind at all."
        ),
        HintKind.SECRET_CASE: translate(
            "verification",
            "It matches with the secret in different letter case: secrets are case-sensitive.",
        ),
    }
    return texts[hint.kind].replace("%1", hint.detail)


def spelling_text(spelling: str) -> str:
    texts = {
        "hex": translate(
            "verification", "written in hex; SMSC is assumed to send crc32 as an unsigned decimal"
        ),
        "signed": translate("verification", "written as a signed number (PHP on 32-bit systems)"),
        "uppercase": translate("verification", "in upper case; SMSC sends lower-case hex"),
    }
    return texts.get(spelling, "")


def algorithm_text(algorithm: Algorithm | None) -> str:
    if algorithm is None:
        return translate("verification", "No signature")
    return algorithm.value


# --- test callbacks -------------------------------------------------------------------------


def send_failure_text(result: SendResult) -> str:
    failure = result.failure
    if failure is None:
        return ""
    if failure is SendFailure.HTTP_STATUS:
        if result.status is not None and 300 <= result.status < 400:
            return (
                translate(
                    "verification",
                    "The handler answered HTTP %1 %2 (a redirect to %3). SMSC does not follow "
                    "redirects: use the final address in the handler URL.",
                )
                .replace("%1", str(result.status))
                .replace("%2", result.reason)
                .replace("%3", result.location or "?")
            )
        return (
            translate(
                "verification",
                "The handler answered HTTP %1 %2 instead of 2xx: it rejected the callback or failed.",
            )
            .replace("%1", str(result.status))
            .replace("%2", result.reason)
        )
    texts = {
        SendFailure.INVALID_URL: translate(
            "verification", "The handler URL is not a valid http(s) address."
        ),
        SendFailure.DNS: translate(
            "verification",
            "DNS: the handler's host name cannot be resolved. Check the spelling of the address.",
        ),
        SendFailure.REFUSED: translate(
            "verification",
            "Connection refused: nothing listens on that host and port. Is the web server "
            "running, and is the port right?",
        ),
        SendFailure.TLS: translate(
            "verification",
            "TLS: a secure connection could not be established (certificate or protocol "
            "problem). Check the handler's certificate, or whether it speaks https at all.",
        ),
        SendFailure.TIMEOUT: translate(
            "verification",
            "Timeout: the handler did not answer in time. It should answer quickly (SMSC "
            "expects a fast 200 OK).",
        ),
        SendFailure.CONNECTION: translate(
            "verification", "The connection to the handler failed: %1"
        ),
    }
    return texts[failure].replace("%1", result.detail)
