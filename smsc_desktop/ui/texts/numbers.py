"""Plain, translated sentences for what the numbers service reports.

The service returns data (``ListLoaded``, ``RentResult``, ``RenewalResult``, ``Totals``);
this module words it for the Numbers tab: the free list's status and notes, the outcome of
a rent and of its reconciliation, renewal changes, My numbers' totals and the files. A
function that gives a message for the message bar returns ``(Level, text)``.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from smsc_desktop.api import NumberKind
from smsc_desktop.services.ledger import Totals
from smsc_desktop.services.numbers import (
    NotSentReason,
    Reconciliation,
    RenewalResult,
    RentResult,
    RequestStatus,
)
from smsc_desktop.ui.formatting import format_money, format_phone, long_date, next_month_start
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.theme import Tone, css
from smsc_desktop.ui.widgets.cooldown_button import countdown
from smsc_desktop.ui.widgets.message_bar import Level

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate

Notice = tuple[Level, str]


def kind_labels() -> dict[NumberKind, str]:
    """The type of a number, the same words in the free list and in My numbers."""
    return {
        NumberKind.VIRTUAL: translate("numbers", "Virtual number"),
        NumberKind.SIM_HOSTING: translate("numbers", "SIM hosting"),
        NumberKind.UNKNOWN: translate("numbers", "Other"),
    }


def clock(when: datetime | None) -> str:
    """``14:05:09`` in local time ("" for None)."""
    if when is None:
        return ""
    return when.astimezone().strftime("%H:%M:%S")


# --- the free list ------------------------------------------------------------------------


def list_status(count: int, loaded_at: datetime | None) -> str:
    text = translate("numbers", "On offer: %1").replace("%1", QLocale().toString(count))
    if loaded_at:
        text += " · " + translate("numbers", "updated at %1").replace("%1", clock(loaded_at))
    return text + " · " + translate("numbers", "double-click a number to rent it")


def shown_count(shown: int, total: int) -> str:
    locale = QLocale()
    return (
        translate("numbers", "%1 of %2 shown")
        .replace("%1", locale.toString(shown))
        .replace("%2", locale.toString(total))
    )


def list_loading() -> str:
    """The note over the empty table while the first list loads (an ellipsis moves after it)."""
    return translate("numbers", "Loading the free numbers from SMSC")


def free_placeholder(*, loaded: bool, failed: bool, has_account: bool, total: int) -> str:
    """The note over an empty free-number table."""
    if not loaded:
        if failed:
            return translate(
                "numbers", "No list yet. Press Refresh when the problem above is solved."
            )
        if has_account:
            return list_loading()
        return translate("numbers", "Open an account to see the free numbers.")
    if total == 0:
        return translate("numbers", "SMSC offers no free numbers right now.")
    return translate("numbers", "No numbers match the filters. Loosen them or press Clear filters.")


def list_failed(error: BaseException, loaded_at: datetime | None) -> str:
    """The list could not be loaded; ``loaded_at`` when the table still shows an older one."""
    text = translate("numbers", "The list of free numbers could not be loaded. %1").replace(
        "%1", describe_error(error)
    )
    if loaded_at is not None:
        text += " " + translate("numbers", "The table still shows the list loaded at %1.").replace(
            "%1", clock(loaded_at)
        )
    return text


def records_skipped(count: int) -> str:
    return translate(
        "numbers",
        "Records in SMSC's answer that could not be read: %1. They are not shown; "
        "the rest of the list is complete.",
    ).replace("%1", str(count))


def rentals_ended(phones: tuple[str, ...]) -> str:
    return translate(
        "numbers",
        "SMSC offers %1 as free again, so the rental has ended. It is marked so in My numbers.",
    ).replace("%1", ", ".join(format_phone(p) for p in phones))


# --- renting ------------------------------------------------------------------------------


def renting(phone: str) -> str:
    return translate("numbers", "Renting %1…").replace("%1", format_phone(phone))


def rent_outcome(
    result: RentResult,
    cost: Decimal,
    current_cost: Decimal,
    renew: bool,
    currency: str,
    renews_from: date | None = None,
) -> Notice:
    """The outcome of a rent that was sent (or not); an unknown one is reconciled first."""
    phone = format_phone(result.phone)
    status = result.status
    if status is RequestStatus.OK:
        charged = format_money(result.charged or current_cost, currency)
        if renew:
            later = (
                translate("numbers", "Auto-renewal is on: %1 a month from %2.")
                .replace("%1", format_money(cost, currency))
                .replace("%2", long_date(renews_from or next_month_start(date.today())))
            )
        else:
            later = translate(
                "numbers", "Auto-renewal is off: the number is released at the month's end."
            )
        text = (
            translate("numbers", "Rented %1 for %2. %3 It is now in My numbers.")
            .replace("%1", phone)
            .replace("%2", charged)
            .replace("%3", later)
        )
        if result.charged is not None and result.charged != current_cost:
            # SMSC's answer is what was charged; the confirmation showed the list's price.
            text += " " + translate(
                "numbers", "SMSC reports this charge; the confirmation showed %1."
            ).replace("%1", format_money(current_cost, currency))
            return Level.WARNING, text
        return Level.SUCCESS, text
    if status is RequestStatus.REFUSED:
        assert result.error is not None
        # describe_error carries SMSC's own words, and says when the app's reading of the
        # code is a guess (no error codes are documented for renting).
        text = (
            translate("numbers", "SMSC did not rent %1. %2 Nothing was charged.")
            .replace("%1", phone)
            .replace("%2", describe_error(result.error))
        )
        return Level.ERROR, text
    if status is RequestStatus.NOT_SENT:
        assert result.reason is not None
        return rent_not_sent(result.phone, result.reason, result.error)
    return reconciliation(result, currency)


def date_changed(wait: float) -> str:
    """The list's prices may be an earlier day's: the confirmation waits for today's."""
    text = translate(
        "numbers",
        "A new day may have begun for SMSC since the list was loaded (its documentation does "
        "not say in which time zone, so the app watches midnight in Moscow, Kyiv, Almaty and "
        "UTC), and the price for the rest of the month changes with the day. Asking SMSC for "
        "today's price before you confirm…",
    )
    if wait > 0:
        text += " " + translate("numbers", "SMSC allows 2 list requests a minute: in %1.").replace(
            "%1", countdown(wait)
        )
    return text


def requote_failed(phone: str, error: BaseException) -> str:
    return (
        translate(
            "numbers",
            "Nothing was sent: a new day may have begun for SMSC since the list was loaded, "
            "and today's price of %1 could not be loaded. %2",
        )
        .replace("%1", format_phone(phone))
        .replace("%2", describe_error(error))
    )


def no_longer_offered(phone: str) -> str:
    return translate(
        "numbers",
        "Nothing was sent: SMSC's list, loaded again for today's price, no longer offers %1.",
    ).replace("%1", format_phone(phone))


def rent_not_sent(phone_digits: str, reason: NotSentReason, error: BaseException | None) -> Notice:
    phone = format_phone(phone_digits)
    if reason is NotSentReason.BUSY:
        return Level.INFO, translate(
            "numbers", "Another rent is in progress. Wait for its result before renting again."
        )
    if reason is NotSentReason.ALREADY_OWNED:
        return Level.INFO, translate(
            "numbers", "%1 is already in My numbers, so it is not rented again."
        ).replace("%1", phone)
    if reason is NotSentReason.RATE_LIMITED:
        wait = getattr(error, "retry_after", 0.0) or 0.0
        return Level.WARNING, translate(
            "numbers",
            "Not sent: SMSC accepts 2 rent requests for the same number a minute. Try again in %1.",
        ).replace("%1", countdown(wait))
    if reason is NotSentReason.JOURNAL:
        return Level.ERROR, translate(
            "numbers",
            "The rent was not sent: the journal file could not be written (%1). Every "
            "payment is recorded before it is made; free some disk space or check the "
            "folder's permissions, then try again.",
        ).replace("%1", str(getattr(error, "strerror", "") or error))
    return Level.ERROR, (
        translate("numbers", "The rent of %1 was not sent, so nothing was charged. %2")
        .replace("%1", phone)
        .replace("%2", describe_error(error) if error else "")
    )


def rent_unknown(phone: str) -> str:
    return translate(
        "numbers",
        "Result unknown: the request to rent %1 was sent, but no readable answer came "
        "back. It will not be sent again. Checking SMSC's list of free numbers to find "
        "out whether it was rented…",
    ).replace("%1", format_phone(phone))


def checking_in(seconds: float) -> str:
    return translate("numbers", "SMSC allows 2 list requests a minute: checking in %1.").replace(
        "%1", countdown(seconds)
    )


def check_again() -> str:
    """The action that reconciles an unknown rent once more."""
    return translate("numbers", "Check again")


def reconciliation(result: RentResult, currency: str) -> Notice:
    """What checking the free list found out about a rent with an unknown result."""
    phone = format_phone(result.phone)
    outcome = result.reconciliation
    if outcome is Reconciliation.PROBABLY_RENTED:
        evidence = ""
        if result.balance_before is not None and result.balance_after is not None:
            evidence = " " + translate(
                "numbers", "The balance was %1 before and is %2 now."
            ).replace("%1", format_money(result.balance_before, currency)).replace(
                "%2", format_money(result.balance_after, currency)
            )
        text = (
            translate(
                "numbers",
                "The answer to the rent of %1 was lost, but the number is no longer on "
                "SMSC's list of free numbers: it was most likely rented by this account.%2 "
                "It is in My numbers as \u201cprobably rented\u201d; SMSC's API cannot list "
                "rented numbers, so confirm it under Receiving numbers in the SMSC cabinet.",
            )
            .replace("%1", phone)
            .replace("%2", evidence)
        )
        return Level.WARNING, text
    if outcome is Reconciliation.NOT_RENTED:
        return Level.INFO, translate(
            "numbers",
            "The answer to the rent of %1 was lost, but SMSC still lists the number as "
            "free: it was not rented and nothing was charged. You can rent it again.",
        ).replace("%1", phone)
    return Level.ERROR, translate(
        "numbers",
        "The result of renting %1 is still unknown: SMSC's list of free numbers "
        "could not be loaded to check it. The number is marked \u201cresult "
        "unknown\u201d in My numbers and will not be rented again automatically. "
        "Choose Check again later, or look in the SMSC cabinet.",
    ).replace("%1", phone)


# --- My numbers ---------------------------------------------------------------------------


def mine_placeholder() -> str:
    return translate(
        "numbers",
        "No numbers yet. Numbers rented here appear in this list with their "
        "auto-renewal switch; add the ones rented in the SMSC cabinet with "
        "\u201cAdd a number rented elsewhere\u201d.",
    )


def totals_html(totals: Totals, currency: str) -> str:
    """The monthly commitment and whether the balance covers it (rich text)."""
    if totals.renewing == 0:
        return translate(
            "numbers", "No number renews next month, so nothing will be charged for renewals."
        )
    parts = [
        translate("numbers", "Monthly commitment: <b>%1</b>").replace(
            "%1", format_money(totals.monthly, currency)
        ),
        translate("numbers", "renewing: %1").replace("%1", str(totals.renewing)),
    ]
    if totals.unknown_price:
        parts.append(
            translate("numbers", "price unknown: %1").replace("%1", str(totals.unknown_price))
        )
    if totals.covered is None:
        parts.append(translate("numbers", "balance not known yet"))
    elif totals.covered:
        parts.append(_coloured(Tone.GOOD, translate("numbers", "the balance covers next month")))
    else:
        short = translate(
            "numbers", "the balance is %1 short for next month: top up before the 1st"
        ).replace("%1", format_money(totals.shortfall, currency))
        parts.append(_coloured(Tone.BAD, short))
    return " · ".join(parts)


def _coloured(tone: Tone, text: str) -> str:
    return f"<span style='color:{css(tone)}'>{html.escape(text)}</span>"


def renewal_outcome(result: RenewalResult) -> Notice | None:
    """The outcome of a renewal change (``None``: nothing to say, the switch shows it)."""
    phone = format_phone(result.phone)
    if result.status is RequestStatus.OK:
        text = (
            translate("numbers", "Auto-renewal of %1 is now on.")
            if result.renew
            else translate(
                "numbers", "Auto-renewal of %1 is now off: it is released at the month's end."
            )
        )
        return Level.SUCCESS, text.replace("%1", phone)
    if result.status is RequestStatus.REFUSED:
        assert result.error is not None
        text = (
            translate(
                "numbers",
                "SMSC refused to switch auto-renewal on for %1. %2 The switch is back as it was.",
            )
            if result.renew
            else translate(
                "numbers",
                "SMSC refused to switch auto-renewal off for %1. %2 The switch is back as it was.",
            )
        )
        return Level.ERROR, text.replace("%1", phone).replace("%2", describe_error(result.error))
    if result.status is RequestStatus.UNKNOWN:
        return Level.WARNING, translate(
            "numbers",
            "No answer from SMSC about auto-renewal of %1, so it may or may not have "
            "changed. It is marked unconfirmed; switch it again to be sure.",
        ).replace("%1", phone)
    if result.reason is NotSentReason.RATE_LIMITED:
        wait = getattr(result.error, "retry_after", 0.0) or 0.0
        return Level.WARNING, translate(
            "numbers",
            "Not sent: SMSC accepts 2 renewal changes for the same number a minute. "
            "Try again in %1.",
        ).replace("%1", countdown(wait))
    if result.reason is NotSentReason.BUSY:
        return None  # the switch already shows the change on its way
    detail = describe_error(result.error) if result.error else ""
    if result.reason is NotSentReason.JOURNAL:
        detail = translate("numbers", "The journal file could not be written.")
    return Level.ERROR, (
        translate("numbers", "The renewal change for %1 was not sent. %2")
        .replace("%1", phone)
        .replace("%2", detail)
    )


def forgotten(phone: str) -> str:
    return translate(
        "numbers",
        "%1 was removed from My numbers. Nothing was sent to SMSC: if it is still "
        "rented, it keeps renewing as set in the SMSC cabinet.",
    ).replace("%1", format_phone(phone))


def already_mine(phone: str) -> str:
    return translate("numbers", "%1 is already in My numbers.").replace("%1", format_phone(phone))


# --- the journal and the files ------------------------------------------------------------


def journal_placeholder() -> str:
    return translate("numbers", "Every rent and renewal change is recorded here, with its outcome.")


def journal_file(path: Path) -> str:
    return translate("numbers", "Journal file: %1").replace("%1", str(path))


def ledger_unreadable(folder: Path) -> str:
    return translate(
        "numbers",
        "The saved list of My numbers could not be read and was set aside next to "
        "it (%1). My numbers starts empty; the journal is unaffected.",
    ).replace("%1", str(folder))


def storage_failed(error: OSError) -> str:
    return translate(
        "numbers",
        "A file in the app's data folder could not be written (%1). The last action "
        "was carried out, but its record may be incomplete; free some disk space or "
        "check the folder's permissions.",
    ).replace("%1", str(error.strerror or error))


def free_csv_header(titles: list[str], currency: str) -> list[str]:
    """The free numbers' CSV columns: the first four titles of the table, then the prices
    with the currency's code (the table shows its sign)."""
    code = f" ({currency})" if currency else ""
    return [
        *titles,
        translate("numbers", "Per month") + code,
        translate("numbers", "Now (rest of month)") + code,
    ]


def journal_csv_header() -> list[str]:
    return [
        translate("numbers", "Time"),
        translate("numbers", "Account"),
        translate("numbers", "Action"),
        translate("numbers", "Number"),
        translate("numbers", "Amount"),
        translate("numbers", "Per month"),
        translate("numbers", "Currency"),
        translate("numbers", "Outcome"),
        translate("numbers", "Details"),
    ]


def numbers_noun() -> str:
    return translate("numbers", "numbers")


def entries_noun() -> str:
    return translate("numbers", "entries")


def export_title() -> str:
    return translate("numbers", "Export to CSV")


def csv_filter() -> str:
    return translate("numbers", "CSV files (*.csv)")


def export_failed(path: Path, error: OSError) -> str:
    return (
        translate("numbers", "The file %1 could not be written: %2. Choose another folder.")
        .replace("%1", str(path))
        .replace("%2", str(error.strerror or error))
    )


def exported(count: int, noun: str, path: Path) -> str:
    return (
        translate("numbers", "Saved %1 %2 to %3 (for Excel: UTF-8, columns separated by ;).")
        .replace("%1", str(count))
        .replace("%2", noun)
        .replace("%3", str(path))
    )


def open_folder() -> str:
    return translate("numbers", "Open folder")
