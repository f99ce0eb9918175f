"""Plain, translated sentences for the site captcha page: what was typed wrong, why SMSC
refused a test message, and what happened to it.

SMSC's documentation does not say which error a failed captcha check gives; smsc-api.md §5
infers error 1 or 6. Every explanation that rests on that inference says it is a guess, and
SMSC's own words are quoted next to it.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from smsc_desktop import api
from smsc_desktop.api import ErrorKind
from smsc_desktop.services.captcha import (
    DraftCheck,
    DraftProblem,
    NotSentReason,
    SendCheck,
    SendOutcome,
    SendStatus,
)
from smsc_desktop.ui.formatting import format_money
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.texts.verification import phone_problem_text
from smsc_desktop.ui.widgets.message_bar import Level

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate

Notice = tuple[Level, str]

CAPTCHA_CODES = frozenset({1, 6})
"""The errors smsc-api.md §5 infers for a failed captcha check."""
INFERRED_SEND_CODES = frozenset({3, 5, 6, 7, 8})
"""send.php's error codes whose meaning smsc-api.md marks as recalled, not documented."""
OLD_PICTURE = 300.0
"""Seconds after which a picture's code may well have expired (SMSC does not say when)."""


def draft_problems(check: DraftCheck) -> str:
    """Every problem of the typed message, one per line."""
    lines = []
    for problem in check.problems:
        if problem is DraftProblem.PHONE and check.phone.problem is not None:
            lines.append(phone_problem_text(check.phone.problem))
        elif problem is DraftProblem.NO_TEXT:
            lines.append(translate("captcha", "Enter the text of the test message."))
        elif problem is DraftProblem.TEXT_TOO_LONG:
            lines.append(translate("captcha", "A test message can have at most 1000 characters."))
        elif problem is DraftProblem.SENDER:
            lines.append(
                translate(
                    "captcha",
                    "A sender name has up to 11 Latin letters, digits, spaces, dots, dashes or "
                    "underscores, or up to 15 digits. Leave it empty for the account's default.",
                )
            )
        elif problem is DraftProblem.NO_CODE:
            lines.append(translate("captcha", "Type the code from the picture."))
        elif problem is DraftProblem.CODE:
            lines.append(translate("captcha", "The code from the picture is too long."))
        elif problem is DraftProblem.NO_USERIP:
            lines.append(
                translate(
                    "captcha",
                    "Enter the visitor's IP address: the address the picture was shown to.",
                )
            )
        elif problem is DraftProblem.USERIP:
            lines.append(
                translate(
                    "captcha", "The visitor's IP address is not an IP address (like 203.0.113.5)."
                )
            )
    return "\n".join(lines)


def limits_note() -> str:
    """SMSC's limits on send.php, said next to the send button."""
    return translate(
        "captcha",
        "SMSC accepts one identical send and five identical price requests a minute; the app "
        "holds back what would go over.",
    )


def clock_time(at: datetime) -> str:
    """*at* as this computer's time of day (14:05:09)."""
    return at.astimezone().strftime("%H:%M:%S")


def limit_reached(at: datetime, wait: float) -> str:
    """A test send held back before anything was asked: SMSC's limit would refuse it."""
    return (
        translate(
            "captcha",
            "Held back: this message has had its share of SMSC's limit (one identical send and "
            "five identical price requests a minute; a new code from the picture may not make "
            "it another message). Available again at %1 (in %2 s), or change the text. Nothing "
            "was asked, sent or charged.",
        )
        .replace("%1", clock_time(at))
        .replace("%2", str(max(1, math.ceil(wait))))
    )


def next_try(at: datetime, wait: float) -> str:
    """After a refusal: when SMSC's limit lets the same message go again."""
    return (
        translate(
            "captcha",
            "SMSC's limit lets the same message go again at %1 (in %2 s); with another text, "
            "at once.",
        )
        .replace("%1", clock_time(at))
        .replace("%2", str(max(1, math.ceil(wait))))
    )


def asking_price() -> str:
    return translate("captcha", "Asking SMSC what the message costs (nothing is sent yet)…")


def sending() -> str:
    return translate("captcha", "Sending the test message…")


def smsc_words(error: BaseException) -> str:
    """SMSC's own description of the error, quoted, with its code; "" when it gave none."""
    if not isinstance(error, api.ApiError):
        return ""
    server = (error.server_message or "").strip()
    if server:
        return (
            translate("captcha", "SMSC's answer: “%1” (error %2).")
            .replace("%1", server)
            .replace("%2", str(error.code))
        )
    return translate("captcha", "SMSC's answer: error %1, without a description.").replace(
        "%1", str(error.code)
    )


def refusal(
    error: BaseException,
    *,
    captcha: bool = True,
    picture_age: float | None = None,
    userip: str = "",
    shown_to: str | None = None,
) -> str:
    """Why SMSC refused a send (*captcha*: it carried a code) or its price, in plain words."""
    code = error.code if isinstance(error, api.ApiError) else None
    if captcha and code in CAPTCHA_CODES:
        text = translate(
            "captcha",
            "SMSC refused the message, most likely because the captcha check failed. This is a "
            "guess: SMSC does not document which error a failed check gives (here error %1).",
        ).replace("%1", str(code))
        if code == 6:
            text += " " + translate(
                "captcha",
                "Error 6 can also mean that SMSC does not allow the text or the sender name.",
            )
        text += " " + _captcha_reason(picture_age, userip, shown_to)
    elif isinstance(error, api.ApiError) and error.kind is ErrorKind.FUNDS:
        text = translate(
            "captcha",
            "Not enough money on the account: SMSC sent nothing and charged nothing. Top up "
            "the balance and try again.",
        )
    elif code == 6:
        text = translate(
            "captcha", "SMSC does not allow this message: its text or the sender name."
        )
    elif code == 7:
        text = translate("captcha", "SMSC says the phone number is not valid.")
    elif code == 8:
        text = translate("captcha", "SMSC cannot deliver a message to this number.")
    else:
        return describe_error(error)  # SMSC's own words are in it already
    if code in INFERRED_SEND_CODES and not (captcha and code in CAPTCHA_CODES):
        # Issue 17: send.php's codes 3 and 5-8 are recalled, not read in SMSC's docs.
        text += " " + translate(
            "captcha",
            "This reading of error %1 is the app's guess: the documentation available to it "
            "does not state what the code means for a send.",
        ).replace("%1", str(code))
    words = smsc_words(error)
    return f"{text}\n{words}" if words else text


def _captcha_reason(picture_age: float | None, userip: str, shown_to: str | None) -> str:
    if picture_age is not None and picture_age >= OLD_PICTURE:
        return translate(
            "captcha",
            "The picture was loaded %1 min ago, so its code has probably expired. Load a new "
            "picture and type its code.",
        ).replace("%1", str(max(1, round(picture_age / 60))))
    if shown_to and userip and shown_to != userip:
        return (
            translate(
                "captcha",
                "The visitor IP %1 is not the address the picture was shown to (%2): SMSC "
                "checks the code against that address.",
            )
            .replace("%1", userip)
            .replace("%2", shown_to)
        )
    return translate(
        "captcha",
        "Check that the code was typed as the picture shows it and that the visitor IP is "
        "the address the picture was shown to. A new picture has been loaded for the next "
        "try.",
    )


def price_failed(error: BaseException) -> str:
    head = translate("captcha", "SMSC did not give the price, so nothing was sent.")
    return f"{head} {refusal(error, captcha=False)}"


def outcome_notice(outcome: SendOutcome, *, shown_to: str | None = None) -> Notice:
    """What happened to a test message, for the page's message bar."""
    currency = outcome.quote.currency
    if outcome.status is SendStatus.SENT and outcome.result is not None:
        result = outcome.result
        text = (
            translate("captcha", "Sent. SMSC accepted the test message: id %1, %2 SMS, %3.")
            .replace("%1", str(result.id) if result.id is not None else "—")
            .replace("%2", str(result.count or outcome.quote.count))
            .replace("%3", _charged(result.cost or outcome.quote.cost, currency))
        )
        if outcome.balance_after is not None:
            text += " " + translate("captcha", "Balance: %1.").replace(
                "%1", format_money(outcome.balance_after, currency)
            )
        text += " " + translate(
            "captcha", "The captcha worked: the code matched the picture shown to %1."
        ).replace("%1", outcome.draft.userip)
        return Level.SUCCESS, text
    if outcome.status is SendStatus.REFUSED and outcome.error is not None:
        text = refusal(
            outcome.error,
            picture_age=outcome.picture_age,
            userip=outcome.draft.userip,
            shown_to=shown_to,
        )
        return Level.ERROR, text
    if outcome.status is SendStatus.UNKNOWN:
        return Level.WARNING, _unknown(outcome)
    return _not_sent(outcome)


def _charged(amount: Decimal, currency: str) -> str:
    return translate("captcha", "charged %1").replace("%1", format_money(amount, currency))


def _not_sent(outcome: SendOutcome) -> Notice:
    reason, error = outcome.reason, outcome.error
    if reason is NotSentReason.BUSY:
        return Level.INFO, translate("captcha", "A test message is being sent already.")
    if reason is NotSentReason.RATE_LIMITED:
        wait = error.retry_after if isinstance(error, api.SmscError) else None
        seconds = wait or 60.0
        return Level.WARNING, (
            translate(
                "captcha",
                "Not sent: this message went to SMSC less than a minute ago, and SMSC accepts "
                "one such send a minute. Send it again at %1 (in %2 s), or change the text.",
            )
            .replace("%1", clock_time(datetime.now(UTC) + timedelta(seconds=seconds)))
            .replace("%2", str(max(1, math.ceil(seconds))))
        )
    if reason is NotSentReason.JOURNAL:
        detail = error.strerror if isinstance(error, OSError) and error.strerror else ""
        return Level.ERROR, translate(
            "captcha", "Not sent: the account's journal could not be written (%1)."
        ).replace("%1", detail or translate("captcha", "file error"))
    text = describe_error(error) if error is not None else ""
    head = translate("captcha", "Not sent: nothing reached SMSC and nothing was charged.")
    return Level.ERROR, f"{head} {text}".strip()


def _unknown(outcome: SendOutcome) -> str:
    currency = outcome.quote.currency
    text = translate(
        "captcha",
        "No answer came back from SMSC, so it is unknown whether the message was sent. It is "
        "never sent again automatically.",
    )
    before, after = outcome.balance_before, outcome.balance_after
    if outcome.check is SendCheck.PROBABLY_SENT and before is not None and after is not None:
        text += " " + (
            translate(
                "captcha",
                "The balance went down by the message's price (%1 → %2): it was most likely sent.",
            )
            .replace("%1", format_money(before, currency))
            .replace("%2", format_money(after, currency))
        )
    elif outcome.check is SendCheck.PROBABLY_NOT_SENT and after is not None:
        text += " " + translate(
            "captcha", "The balance did not change (%1): it was most likely not sent."
        ).replace("%1", format_money(after, currency))
    else:
        text += " " + translate(
            "captcha",
            "The balance could not tell; look for the message in the SMSC cabinet's history "
            "before sending it again.",
        )
    return text + " " + translate("captcha", "The account's journal has the details.")


# --- the confirmation -------------------------------------------------------------------


def parts(count: int) -> str:
    return translate("captcha", "%1 SMS").replace("%1", str(count))
