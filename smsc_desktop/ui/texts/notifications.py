"""Wording of the desktop notifications and of their switches in the settings.

``notification(event)`` gives (title, body) for an
:class:`~smsc_desktop.services.notifications.Event`; ``kind_label``/``kind_help`` name each
kind on the Notifications page of the settings.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from smsc_desktop.services.downloads import ProblemKind
from smsc_desktop.services.notifications import Event, Kind
from smsc_desktop.ui.formatting import format_duration, format_money, format_phone

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate

BODY_CHARS = 200
"""A message's text is cut to this many characters in a notification."""


def _account(event: Event) -> str:
    return event.account_name or translate("notifications", "the account")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= BODY_CHARS else text[: BODY_CHARS - 1] + "…"


def notification(event: Event) -> tuple[str, str]:
    """(title, body) of a desktop notification."""
    kind = event.kind
    phone = format_phone(event.subject)
    account = _account(event)
    if kind is Kind.VERIFICATION_CONFIRMED:
        title = translate("notifications", "%1 is confirmed").replace("%1", phone)
        body = translate("notifications", "The subscriber called after %1 (%2).")
        body = body.replace("%1", format_duration(event.seconds or 0)).replace("%2", account)
    elif kind is Kind.VERIFICATION_EXPIRED:
        title = translate("notifications", "%1 did not call").replace("%1", phone)
        body = translate(
            "notifications", "The 15 minutes to call are over (%1). Request a new number."
        ).replace("%1", account)
    elif kind is Kind.DOWNLOAD_FINISHED:
        title = translate("notifications", "Download finished")
        body = translate("notifications", "%1 is saved (%2).")
        body = body.replace("%1", event.subject).replace("%2", account)
    elif kind is Kind.DOWNLOAD_FAILED:
        title = translate("notifications", "Download failed")
        body = translate("notifications", "%1 was not downloaded: %2 (%3).")
        body = (
            body.replace("%1", event.subject)
            .replace("%2", problem_text(event.detail))
            .replace("%3", account)
        )
    elif kind is Kind.NEW_MESSAGE:
        if event.count > 1:
            title = (
                translate("notifications", "%1 new SMS on %2")
                .replace("%1", str(event.count))
                .replace("%2", phone)
            )
        else:
            title = translate("notifications", "New SMS on %1").replace("%1", phone)
        body = (
            translate("notifications", "From %1: %2")
            .replace("%1", format_phone(event.sender))
            .replace("%2", _short(event.detail))
        )
    elif kind is Kind.LOW_BALANCE:
        title = translate("notifications", "Low balance on %1").replace("%1", account)
        amount = format_money(event.amount, event.currency) if event.amount is not None else ""
        body = translate(
            "notifications",
            "The balance is %1, under its warning level. Top up to keep numbers renewed.",
        ).replace("%1", amount)
    elif kind is Kind.RENEWALS_NOT_COVERED:
        title = translate("notifications", "Renewals not covered on %1").replace("%1", account)
        body = (
            translate(
                "notifications",
                "The balance is %1; next month's renewals of its numbers cost %2, charged "
                "on the 1st. Top up before then.",
            )
            .replace("%1", _money(event.amount, event.currency))
            .replace("%2", _money(event.limit, event.currency))
        )
    elif kind is Kind.PROBABLY_RENTED:
        title = translate("notifications", "%1 is probably rented").replace("%1", phone)
        body = translate(
            "notifications",
            "A rent got no answer and the number left the free list (%1). Confirm it in the "
            "SMSC cabinet before renting again.",
        ).replace("%1", account)
    elif kind is Kind.SIGN_IN_REFUSED:
        title = translate("notifications", "SMSC refused the sign-in to %1").replace("%1", account)
        body = translate(
            "notifications",
            "Check the account's password or API key and the IP addresses it allows. The app "
            "does not ask again by itself, so the computer's address is not blocked.",
        )
    else:
        title = translate("notifications", "Renewal change refused")
        body = translate(
            "notifications", "SMSC did not change the auto-renewal of %1 (%2)."
        ).replace("%1", phone)
        body = body.replace("%2", _short(event.detail) or account)
    return title, body


def _money(amount: Decimal | None, currency: str) -> str:
    return format_money(amount, currency) if amount is not None else "?"


def problem_text(kind: str) -> str:
    problems = {
        ProblemKind.DISK_FULL.value: translate("notifications", "the disk is full"),
        ProblemKind.NO_PERMISSION.value: translate(
            "notifications", "no permission to write in the folder"
        ),
        ProblemKind.FOLDER_MISSING.value: translate("notifications", "the folder is gone"),
        ProblemKind.SERVER_ERROR.value: translate("notifications", "SMSC answered with an error"),
        ProblemKind.NOT_A_FILE.value: translate("notifications", "SMSC sent something else"),
        ProblemKind.SIZE_MISMATCH.value: translate("notifications", "the file arrived incomplete"),
        ProblemKind.CONNECTION.value: translate("notifications", "the connection failed"),
    }
    return problems.get(kind, translate("notifications", "see the Exports tab"))


def kind_label(kind: Kind) -> str:
    labels = {
        Kind.VERIFICATION_CONFIRMED: translate("notifications", "A number is confirmed by a call"),
        Kind.VERIFICATION_EXPIRED: translate(
            "notifications", "A verification ended without a call"
        ),
        Kind.DOWNLOAD_FINISHED: translate("notifications", "An export file is downloaded"),
        Kind.DOWNLOAD_FAILED: translate("notifications", "An export file could not be downloaded"),
        Kind.NEW_MESSAGE: translate("notifications", "An SMS arrives on one of my numbers"),
        Kind.LOW_BALANCE: translate("notifications", "The balance falls under its warning level"),
        Kind.RENEWAL_REFUSED: translate("notifications", "SMSC refuses a renewal change"),
        Kind.RENEWALS_NOT_COVERED: translate(
            "notifications", "An account's balance does not cover next month's renewals"
        ),
        Kind.PROBABLY_RENTED: translate(
            "notifications", "A rent got no answer and needs confirming"
        ),
        Kind.SIGN_IN_REFUSED: translate("notifications", "SMSC refuses an account's sign-in"),
    }
    return labels[kind]


def page_intro() -> str:
    return translate(
        "notifications",
        "The app tells you about these through the system's notifications when you are not "
        "looking: while its window is in the background, or another tab or account is shown.",
    )
