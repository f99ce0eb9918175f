"""Plain, translated wording of the Overview tab: every account at a glance.

The panels (``ui/panels/overview/``) and the table model (``ui/models/overview.py``) lay
things out; what they say comes from here. Counted phrases are methods of
:class:`OverviewCounted` (a QObject: lupdate marks a plural form only for ``self.tr`` in a
class); the rest are ``translate("overview", ...)`` calls. Errors are worded by
``ui/texts/errors.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject

from smsc_desktop.services.attention import AttentionItem, AttentionKind
from smsc_desktop.services.overview import ErrorFacts, LocalError, RefreshProgress
from smsc_desktop.ui.formatting import format_money, format_phone
from smsc_desktop.ui.texts.errors import brief_error, describe_connection_error

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


class OverviewCounted(QObject):
    """Phrases with a number in them, in the plural form the language needs."""

    def accounts(self, n: int) -> str:
        return self.tr("%n account(s)", "", n)

    def need_attention(self, n: int) -> str:
        return self.tr("%n need(s) attention", "", n)

    def failed_to_refresh(self, n: int) -> str:
        return self.tr("%n failed to refresh", "", n)

    def failed(self, n: int) -> str:
        return self.tr("%n failed", "", n)

    def waiting_for_limit(self, n: int) -> str:
        return self.tr("%n waiting for SMSC's limit", "", n)

    def renewals_on(self, n: int, day: str) -> str:
        return self.tr("%n on %1", "renewals due", n).replace("%1", day)

    def renewing_numbers(self, n: int) -> str:
        return self.tr("%n number(s) renew(s) on the 1st", "", n)

    def renew_on(self, n: int, day: str, amount: str) -> str:
        return (
            self.tr("%n number(s) renew(s) on %1 for %2.", "", n)
            .replace("%1", day)
            .replace("%2", amount)
        )

    def unknown_prices(self, n: int) -> str:
        return self.tr("%n renewing number(s) without a known price", "", n)

    def running(self, n: int) -> str:
        return self.tr("%n in the queue", "downloads", n)

    def downloads_failed(self, n: int) -> str:
        return self.tr("%n failed", "downloads", n)

    def attention(self, n: int) -> str:
        return self.tr("%n thing(s) need(s) attention", "", n)

    def refused_numbers(self, n: int) -> str:
        return self.tr("Renewal change refused for %n numbers", "", n)

    def probably_rented(self, n: int) -> str:
        return self.tr("%n numbers probably rented: confirm them in the SMSC cabinet", "", n)

    def download_failures(self, n: int) -> str:
        return self.tr("%n download(s) failed", "", n)

    def expired_verifications(self, n: int) -> str:
        return self.tr("%n call verification(s) expired uncalled", "", n)

    def seconds(self, n: int) -> str:
        return self.tr("in %n s", "", n)

    def minutes(self, n: int) -> str:
        return self.tr("every %n minute(s)", "", n)


@cache
def counted() -> OverviewCounted:
    return OverviewCounted()


def tab_title() -> str:
    return translate("overview", "Overview")


# --- the table ---------------------------------------------------------------------------


def column_titles() -> list[str]:
    """The table's columns, in the order of ``OverviewColumn``."""
    return [
        translate("overview", "Account"),
        translate("overview", "Server"),
        translate("overview", "Balance"),
        translate("overview", "Warn below"),
        translate("overview", "Needs attention"),
        translate("overview", "Last error"),
        translate("overview", "Refreshed"),
        translate("overview", "Numbers"),
        translate("overview", "Per month"),
        translate("overview", "Renewals ≤ 7 days"),
        translate("overview", "Next month"),
        translate("overview", "Verifying"),
        translate("overview", "Downloads"),
    ]


def table_name() -> str:
    return translate("overview", "Accounts overview")


def none() -> str:
    """An empty cell: nothing to say."""
    return "—"


def unknown() -> str:
    return "?"


def balance_tooltip(read_at: datetime | None, level: Decimal | None, currency: str) -> str:
    parts = []
    if read_at is not None:
        parts.append(translate("overview", "Read from SMSC at %1.").replace("%1", moment(read_at)))
    else:
        parts.append(translate("overview", "Not read from SMSC yet: refresh the overview."))
    if level is not None:
        parts.append(
            translate("overview", "Warning below %1.").replace("%1", format_money(level, currency))
        )
    return " ".join(parts)


def no_level() -> str:
    return translate("overview", "No low-balance warning is set (File → Accounts…).")


def ledger_unreadable() -> str:
    return translate(
        "overview", "My numbers of this account could not be read: open its Numbers tab."
    )


def monthly_tooltip(renewing: int, unknown_price: int) -> str:
    text = counted().renewing_numbers(renewing)
    if unknown_price:
        text += "; " + counted().unknown_prices(unknown_price)
    return text + ". " + translate("overview", "From the app's records (My numbers).")


def renewal_day(day: date) -> str:
    """``1 Jul`` / ``1 июл.``."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def long_day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def renewals_tooltip(count: int, amount: Decimal, currency: str, day: date) -> str:
    return counted().renew_on(count, long_day(day), format_money(amount, currency))


def covered() -> str:
    return translate("overview", "Covered")


def short_by(amount: Decimal, currency: str) -> str:
    return translate("overview", "Short by %1").replace("%1", format_money(amount, currency))


def next_month_tooltip(monthly: Decimal, currency: str, day: date) -> str:
    return (
        translate("overview", "Next month's renewals cost %1, charged on %2.")
        .replace("%1", format_money(monthly, currency))
        .replace("%2", long_day(day))
    )


def downloads(unfinished: int, failed: int) -> str:
    parts = []
    if unfinished:
        parts.append(counted().running(unfinished))
    if failed:
        parts.append(counted().downloads_failed(failed))
    return " · ".join(parts)


def asking() -> str:
    return translate("overview", "Asking SMSC…")


def queued() -> str:
    return translate("overview", "Queued")


def never() -> str:
    return translate("overview", "Never")


def limit_wait(seconds: int) -> str:
    return translate("overview", "SMSC's limit: %1").replace("%1", counted().seconds(seconds))


def limit_wait_tooltip() -> str:
    return translate(
        "overview",
        "SMSC answers 10 balance requests a minute per account; this one was not asked "
        "again yet. The figures are the last ones known.",
    )


def moment(when: datetime, now: datetime | None = None) -> str:
    """``09:14`` today, ``yesterday 18:02``, ``12.06 18:02`` this year, else the date."""
    local = when.astimezone()
    today = (now or datetime.now(local.tzinfo)).astimezone().date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return clock
    if local.date() == today - timedelta(days=1):
        return translate("overview", "yesterday %1").replace("%1", clock)
    if local.year == today.year:
        return local.strftime("%d.%m ") + clock
    return local.strftime("%d.%m.%Y")


def full_moment(when: datetime) -> str:
    return when.astimezone().strftime("%d.%m.%Y %H:%M:%S")


def refreshed_tooltip(checked_at: datetime | None) -> str:
    if checked_at is None:
        return translate("overview", "This account has not been asked yet.")
    return translate("overview", "Last asked at %1.").replace("%1", full_moment(checked_at))


# --- errors --------------------------------------------------------------------------------


def error_texts(facts: ErrorFacts, *, keyring_available: bool, skipped: bool) -> tuple[str, str]:
    """(a few words for the cell, the full explanation for its tooltip)."""
    if facts.kind == LocalError.SECRET_MISSING:
        if keyring_available:
            return (
                translate("overview", "No password saved"),
                translate(
                    "overview",
                    "No password or API key is saved for this account. Open it (double-click) "
                    "to enter one.",
                ),
            )
        return (
            translate("overview", "Password not available"),
            translate(
                "overview",
                "The system keyring is locked or not available, so the password of this "
                "account could not be read. Open the account (double-click) to enter it for "
                "this session.",
            ),
        )
    if facts.kind == LocalError.SANDBOX:
        return (
            translate("overview", "Sandbox not running"),
            translate("overview", "The built-in SMSC sandbox of this demo account did not start."),
        )
    if facts.kind == LocalError.PROFILE_INVALID:
        return (
            translate("overview", "Check the account settings"),
            translate(
                "overview",
                "The server address or the login of this account cannot be used. Fix it in "
                "File → Accounts….",
            ),
        )
    if facts.kind == LocalError.INTERNAL:
        return (
            translate("overview", "Failed"),
            translate("overview", "The balance could not be read because of an internal error."),
        )
    error = facts.to_error()
    brief, full = brief_error(error), describe_connection_error(error)
    if skipped:
        full = (
            translate(
                "overview",
                "Not asked: the server did not answer for another account in this refresh.",
            )
            + " "
            + full
        )
    return brief, full


# --- what needs attention ------------------------------------------------------------------


def attention_summary(items: Sequence[AttentionItem]) -> str:
    """One line: every kind of item once, in the order given (most serious first)."""
    phrases = []
    by_kind: dict[AttentionKind, list[AttentionItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    for kind, group in by_kind.items():
        phrases.append(_attention_phrase(kind, group))
    return "; ".join(phrases)


def _attention_phrase(kind: AttentionKind, items: list[AttentionItem]) -> str:
    first = items[0]
    n = len(items)
    if kind is AttentionKind.LOW_BALANCE:
        level = format_money(first.limit or Decimal(0), first.currency)
        return translate("overview", "Balance below the warning level of %1").replace("%1", level)
    if kind is AttentionKind.RENEWALS_NOT_COVERED:
        short = (first.limit or Decimal(0)) - (first.amount or Decimal(0))
        return translate("overview", "Balance %1 short of next month's renewals").replace(
            "%1", format_money(short, first.currency)
        )
    if kind is AttentionKind.SIGN_IN_REFUSED:
        if first.detail == "ip_blocked":
            return translate("overview", "SMSC blocked this computer's IP address")
        return translate("overview", "Sign-in refused: check the password and allowed IPs")
    if kind is AttentionKind.RENEWAL_REFUSED:
        if n == 1:
            return translate("overview", "Renewal change refused for %1").replace(
                "%1", format_phone(first.subject)
            )
        return counted().refused_numbers(n)
    if kind is AttentionKind.PROBABLY_RENTED:
        if n == 1:
            return translate(
                "overview", "%1 probably rented: confirm it in the SMSC cabinet"
            ).replace("%1", format_phone(first.subject))
        return counted().probably_rented(n)
    if kind is AttentionKind.DOWNLOAD_FAILED:
        return counted().download_failures(n)
    return counted().expired_verifications(n)


# --- the toolbar and the status line -------------------------------------------------------


def refresh_all() -> str:
    return translate("overview", "Refresh all")


def refresh_all_tooltip() -> str:
    return translate(
        "overview",
        "Ask SMSC for every account's balance (F5), a few accounts at a time and within "
        "SMSC's limits",
    )


def stop() -> str:
    return translate("overview", "Stop")


def stop_tooltip() -> str:
    return translate("overview", "Ask no more accounts in this refresh")


def interval_label() -> str:
    return translate("overview", "Refresh automatically:")


def interval_choice(minutes: int) -> str:
    if not minutes:
        return translate("overview", "off")
    return counted().minutes(minutes)


def interval_tooltip() -> str:
    return translate(
        "overview",
        "Automatic refreshes leave out accounts whose sign-in was refused, so a wrong "
        "password is not sent again and again (SMSC blocks the IP address after many). "
        "Refresh all asks them too.",
    )


def filter_placeholder() -> str:
    return translate("overview", "Filter: name, server, login (Ctrl+F)")


def filter_name() -> str:
    return translate("overview", "Filter accounts")


def show_label() -> str:
    return translate("overview", "Show:")


def show_choices() -> list[str]:
    """In the order of ``ShowFilter``."""
    return [
        translate("overview", "All accounts"),
        translate("overview", "Needing attention"),
        translate("overview", "Refresh failed"),
        translate("overview", "Live servers"),
    ]


def show_name() -> str:
    return translate("overview", "Which accounts to show")


def export_label() -> str:
    return translate("overview", "Export CSV…")


def export_tooltip() -> str:
    return translate("overview", "Save the accounts as shown to a CSV file for Excel")


def summary(accounts: int, attention: int, failed: int, totals: Sequence[str]) -> str:
    """``12 accounts · 3 need attention · 1 failed to refresh · Total: 1 234,00 ₽``."""
    parts = [counted().accounts(accounts)]
    if attention:
        parts.append(counted().need_attention(attention))
    if failed:
        parts.append(counted().failed_to_refresh(failed))
    if totals:
        parts.append(translate("overview", "Total: %1").replace("%1", " + ".join(totals)))
    return " · ".join(parts)


def progress_text(progress: RefreshProgress) -> str:
    summary_ = progress.summary
    if summary_ is None:
        return (
            translate("overview", "Refreshing… %1 of %2 accounts")
            .replace("%1", str(progress.done))
            .replace("%2", str(progress.total))
        )
    if summary_.cancelled:
        text = (
            translate("overview", "Stopped after %1 of %2 accounts")
            .replace("%1", str(progress.done))
            .replace("%2", str(progress.total))
        )
    else:
        text = (
            translate("overview", "Refreshed %1 of %2 accounts in %3 s")
            .replace("%1", str(progress.ok))
            .replace("%2", str(progress.total))
            .replace("%3", str(max(1, round(summary_.seconds))))
        )
    if progress.failed:
        text += " · " + counted().failed(progress.failed)
    if progress.waiting:
        text += " · " + counted().waiting_for_limit(progress.waiting)
    return text


def figures_from(when: datetime) -> str:
    return translate("overview", "Figures from %1").replace("%1", moment(when))


def placeholder_empty() -> str:
    return translate(
        "overview",
        "No accounts yet. Add your clients' SMSC accounts with File → Accounts… "
        "(Ctrl+Shift+A); each one appears here with its balance and what needs attention.",
    )


def placeholder_filtered() -> str:
    return translate("overview", "No account matches the filter.")


# --- the row menu --------------------------------------------------------------------------


def open_account() -> str:
    return translate("overview", "Open account")


def open_in(tab: str) -> str:
    names = {
        "numbers": translate("overview", "Open its Numbers"),
        "verification": translate("overview", "Open its Verification"),
        "exports": translate("overview", "Open its Exports"),
    }
    return names.get(tab, open_account())


def refresh_one() -> str:
    return translate("overview", "Refresh this account")


def edit_account() -> str:
    return translate("overview", "Edit account…")


def open_hint() -> str:
    return translate("overview", "Double-click or Enter opens the account; Shift+F10 shows more.")


# --- CSV --------------------------------------------------------------------------------------


def csv_header() -> list[str]:
    return [
        translate("overview", "Account"),
        translate("overview", "Server"),
        translate("overview", "Server address"),
        translate("overview", "Login"),
        translate("overview", "Balance"),
        translate("overview", "Currency"),
        translate("overview", "Warning level"),
        translate("overview", "Numbers rented"),
        translate("overview", "Renewing next month"),
        translate("overview", "Per month"),
        translate("overview", "Next renewal"),
        translate("overview", "Balance covers next month"),
        translate("overview", "Short by"),
        translate("overview", "Verifications in progress"),
        translate("overview", "Downloads in the queue"),
        translate("overview", "Downloads failed"),
        translate("overview", "Attention items"),
        translate("overview", "Needs attention"),
        translate("overview", "Balance read at"),
        translate("overview", "Last error"),
    ]


def yes() -> str:
    return translate("overview", "yes")


def no() -> str:
    return translate("overview", "no")


def csv_name(today: date) -> str:
    return f"accounts-overview-{today:%Y-%m-%d}.csv"


def export_failed(path: Path, error: OSError) -> str:
    return (
        translate("overview", "The file %1 could not be written: %2. Choose another folder.")
        .replace("%1", str(path))
        .replace("%2", str(error.strerror or error))
    )


def exported(count: int, path: Path) -> str:
    return (
        translate("overview", "Saved %1 accounts to %2 (for Excel: UTF-8, columns separated by ;).")
        .replace("%1", str(count))
        .replace("%2", str(path))
    )


def open_folder() -> str:
    return translate("overview", "Open folder")
