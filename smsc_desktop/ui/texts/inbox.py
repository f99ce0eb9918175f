"""Wording of the Numbers tab's inbox, of "Test this number" and of the simulated SMS.

Phrases with a count are methods of :class:`InboxCounted` (a QObject, so that lupdate marks
their plural forms); the rest are ``translate("inbox", ...)`` calls.
"""

from __future__ import annotations

import html
from datetime import datetime
from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from smsc_desktop.services.inbox import PollStatus
from smsc_desktop.services.numbers.probes import NumberProbe, ProbeState
from smsc_desktop.ui.formatting import format_duration, format_phone
from smsc_desktop.ui.texts.errors import describe_error

# Called by this name (not wrapped) so that pyside6-lupdate extracts every string.
translate = QCoreApplication.translate


class InboxCounted(QObject):
    """Phrases with a number in them, in the plural form the language needs."""

    def messages(self, n: int) -> str:
        return self.tr("%n SMS", "", n)

    def new_messages(self, n: int) -> str:
        return self.tr("%n new", "", n)

    def arrived(self, n: int) -> str:
        return self.tr("%n new SMS in the inbox", "", n)

    def every(self, seconds: int) -> str:
        return self.tr("every %n s while this tab is open", "", seconds)

    def retry_in(self, seconds: int) -> str:
        return self.tr("next try in %n s", "", seconds)

    def lookback(self, hours: int) -> str:
        return self.tr("over the last %n h", "", hours)


@cache
def counted() -> InboxCounted:
    return InboxCounted()


def clock(when: datetime | None) -> str:
    return when.astimezone().strftime("%H:%M:%S") if when is not None else ""


# --- the pane --------------------------------------------------------------------------------


def title(unseen: int) -> str:
    text = translate("inbox", "Incoming SMS")
    return f"{text} · {counted().new_messages(unseen)}" if unseen else text


def all_numbers() -> str:
    return translate("inbox", "All my numbers")


def not_in_my_numbers(phone: str) -> str:
    return translate("inbox", "%1 (not in My numbers)").replace("%1", format_phone(phone))


def placeholder(*, has_account: bool, rented: bool, loaded: bool, filtered: bool) -> str:
    """The note over an empty inbox."""
    if not has_account:
        return translate("inbox", "Open an account to see its incoming SMS.")
    if not rented:
        return translate(
            "inbox",
            "SMS sent to the account's numbers show up here. Rent a number above, or add "
            "one rented elsewhere to My numbers.",
        )
    if not loaded:
        return translate("inbox", "Reading the incoming SMS from SMSC")
    if filtered:
        return translate("inbox", "No SMS match the filter.")
    return translate("inbox", "No SMS yet. Use \u201cTest this number\u201d to send one.")


def status(
    poll: PollStatus,
    *,
    loaded: bool,
    rented: bool,
    shown: int,
    total: int,
    interval: float,
    lookback: int,
) -> str:
    """The line under the inbox: how many are shown, when it was checked, what is wrong."""
    parts = []
    if total:
        locale = QLocale()
        if shown == total:
            count = counted().messages(total)
        else:
            count = (
                translate("inbox", "%1 of %2 shown")
                .replace("%1", locale.toString(shown))
                .replace("%2", locale.toString(total))
            )
        parts.append(f"{count} {counted().lookback(lookback)}")
    if poll.error is not None:
        text = "⚠ " + translate("inbox", "Could not check for new SMS: %1").replace(
            "%1", describe_error(poll.error)
        )
        if poll.next_check_in:
            text += " " + counted().retry_in(int(poll.next_check_in) + 1)
        parts.append(text)
    elif not rented:
        pass
    elif poll.active and poll.last_success is not None:
        parts.append(
            translate("inbox", "checked at %1").replace("%1", clock(poll.last_success))
            + ", "
            + counted().every(round(interval))
        )
    elif loaded and poll.last_success is not None:
        parts.append(
            translate("inbox", "checked at %1; paused while another tab is open").replace(
                "%1", clock(poll.last_success)
            )
        )
    return " · ".join(parts)


def filter_placeholder() -> str:
    return translate("inbox", "Filter by sender or text")


def detail_html(sender: str, number: str, received: str, text: str) -> str:
    head = (
        translate("inbox", "From %1 to %2, %3")
        .replace("%1", html.escape(format_phone(sender)))
        .replace("%2", html.escape(format_phone(number)))
        .replace("%3", html.escape(received))
    )
    body = html.escape(text).replace("\n", "<br>")
    return f"<b>{head}</b><br>{body}"


def csv_header() -> list[str]:
    return [
        translate("inbox", "Received"),
        translate("inbox", "On number"),
        translate("inbox", "From"),
        translate("inbox", "Text"),
    ]


def messages_noun() -> str:
    return translate("inbox", "messages")


def csv_name(number: str | None, day: str) -> str:
    return f"sms-{number or 'all'}-{day}.csv"


# --- "Test this number" ----------------------------------------------------------------------


def test_title(phone: str) -> str:
    return translate("inbox", "Test %1").replace("%1", format_phone(phone))


def test_instruction() -> str:
    return translate(
        "inbox",
        "Send any SMS to this number now, from any phone. The app watches the incoming SMS "
        "and tells you when it arrives and how long it took.",
    )


def test_state(probe: NumberProbe) -> str:
    state = probe.state
    if state is ProbeState.STARTING:
        return translate("inbox", "Reading the incoming SMS once, to know what is old…")
    if state is ProbeState.WAITING:
        return translate("inbox", "Waiting for an SMS on this number…")
    if state is ProbeState.RECEIVED:
        return translate("inbox", "The SMS arrived after %1.").replace(
            "%1", format_duration(probe.duration or 0)
        )
    if state is ProbeState.EXPIRED:
        return translate(
            "inbox",
            "No SMS arrived within 10 minutes. Check that the sender's phone sent it, and "
            "that the number is still rented in the SMSC cabinet.",
        )
    return translate("inbox", "The test was stopped.")


def test_message(sender: str, text: str) -> str:
    return translate("inbox", "From %1: %2").replace("%1", format_phone(sender)).replace("%2", text)


def arrived(sender: str, number: str, text: str, count: int) -> str:
    """Said to screen readers when SMS arrive: one in full (up to 200 characters), several
    counted."""
    if count > 1:
        return counted().arrived(count)
    short = text if len(text) <= 200 else text[:199] + "…"
    return (
        translate("inbox", "New SMS to %1 from %2: %3")
        .replace("%1", format_phone(number))
        .replace("%2", format_phone(sender))
        .replace("%3", short)
    )


def countdown_tooltip() -> str:
    return translate("inbox", "Time left to wait for the SMS")


# --- simulating an SMS (sandbox) --------------------------------------------------------------


def simulate_tooltip() -> str:
    return translate(
        "inbox",
        "Sandbox only: an SMS from a subscriber lands on one of the demo account's numbers.",
    )


def simulated(phone: str, delay: float) -> str:
    if delay > 0:
        return (
            translate("inbox", "The sandbox will deliver the SMS to %1 in %2 s.")
            .replace("%1", format_phone(phone))
            .replace("%2", str(round(delay)))
        )
    return translate("inbox", "The sandbox delivered an SMS to %1.").replace(
        "%1", format_phone(phone)
    )


def simulate_failed(message: str) -> str:
    return translate("inbox", "The sandbox did not deliver the SMS: %1").replace("%1", message)


def sample_text() -> str:
    return translate("inbox", "Hello! This is a test SMS.")
