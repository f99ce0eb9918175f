"""Reading what an account's files say, without opening a session (in a worker thread).

The files are the ones the account's services write in its folder: My numbers
(``my_numbers.json``) and the journal (``journal.jsonl``), the verification history
(``verifications.json``) and the download queue (``downloads.json``). Each is read with the
services' own parsers, tolerantly (a damaged file or line gives what can be read), and
never changed (a damaged ledger is not set aside here: that is the Numbers tab's job).

A file whose signature (modification time and size) has not changed since the last scan is
not read again, so rescanning 200 accounts costs 800 ``stat`` calls.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Final

from smsc_desktop.services.downloads.items import DownloadItem, DownloadState
from smsc_desktop.services.downloads.store import QUEUE_FILE
from smsc_desktop.services.journal import JOURNAL_FILE, Journal, JournalAction, operations
from smsc_desktop.services.journal import JournalOutcome as Outcome
from smsc_desktop.services.ledger import LEDGER_FILE, OwnedNumber, RentalStatus, totals
from smsc_desktop.services.overview.facts import (
    DownloadFacts,
    FailedDownload,
    FileFacts,
    NumbersFacts,
    RenewalRefusal,
    Signature,
    VerificationFacts,
    VerificationRef,
)
from smsc_desktop.services.storage import read_json
from smsc_desktop.services.verification.history import HISTORY_FILE, parse_history
from smsc_desktop.services.verification.models import VerificationState

log = logging.getLogger("smsc_desktop.services.overview")

FILES: Final = (LEDGER_FILE, JOURNAL_FILE, HISTORY_FILE, QUEUE_FILE)
EXPIRED_KEPT: Final = timedelta(days=7)
"""Expired verifications older than this are history, not news."""
MAX_LISTED: Final = 20
"""At most this many expired verifications and failed downloads are listed per account."""
MAX_FILE: Final = 64 * 1024 * 1024
"""A file bigger than this is not read (it is not one the app wrote)."""

_RENEWAL_ACTIONS = (JournalAction.RENEWAL_ON, JournalAction.RENEWAL_OFF)
_REACHED_SMSC = (Outcome.OK, Outcome.REFUSED, Outcome.UNKNOWN)
"""Renewal changes that reached SMSC (one not sent changed nothing)."""
_RENTING = (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED, RentalStatus.UNKNOWN)


def signature(path: Path) -> Signature | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def scan_account(folder: Path, previous: FileFacts | None, now: datetime) -> FileFacts:
    """What the files in ``folder`` say; parts whose files are unchanged since ``previous``
    are taken from it."""
    signatures = {name: signature(folder / name) for name in FILES}
    if previous is not None and previous.signatures == signatures:
        return previous
    old = previous.signatures if previous is not None else {}

    def unchanged(*names: str) -> bool:
        return previous is not None and all(old.get(n) == signatures[n] for n in names)

    numbers = (
        previous.numbers
        if previous is not None and unchanged(LEDGER_FILE, JOURNAL_FILE)
        else read_numbers(folder, signatures)
    )
    verifications = (
        previous.verifications
        if previous is not None and unchanged(HISTORY_FILE)
        else read_verifications(folder / HISTORY_FILE, signatures[HISTORY_FILE], now)
    )
    downloads = (
        previous.downloads
        if previous is not None and unchanged(QUEUE_FILE)
        else read_downloads(folder / QUEUE_FILE, signatures[QUEUE_FILE])
    )
    return FileFacts(numbers, verifications, downloads, signatures)


def scan_accounts(
    folders: Mapping[str, Path], previous: Mapping[str, FileFacts | None], now: datetime
) -> dict[str, FileFacts]:
    """``scan_account`` for each account; only the accounts whose facts changed."""
    changed: dict[str, FileFacts] = {}
    for key, folder in folders.items():
        before = previous.get(key)
        try:
            facts = scan_account(folder, before, now)
        except Exception:  # one unreadable folder must not hide the other accounts
            log.exception("Could not read the files of account %s in %s", key, folder)
            continue
        if facts is not before:
            changed[key] = facts
    return changed


def _readable(sig: Signature | None) -> bool:
    return sig is not None and sig[1] <= MAX_FILE


def read_numbers(folder: Path, signatures: Mapping[str, Signature | None]) -> NumbersFacts:
    """My numbers summed up, and the renewal changes SMSC refused (from the journal)."""
    numbers: list[OwnedNumber] = []
    unreadable = False
    if _readable(signatures.get(LEDGER_FILE)):
        raw = read_json(folder / LEDGER_FILE, None)
        entries = raw.get("numbers") if isinstance(raw, dict) else None
        if not isinstance(entries, list):
            unreadable = True
            entries = []
        for item in entries:
            try:
                numbers.append(OwnedNumber.from_dict(item))
            except (KeyError, TypeError, ValueError):
                continue
    elif signatures.get(LEDGER_FILE) is not None:
        unreadable = True
    renting = [n for n in numbers if n.status in _RENTING]
    total = totals(numbers, None)
    currency = next((n.currency for n in renting if n.currency), "")
    refused: list[RenewalRefusal] = []
    if _readable(signatures.get(JOURNAL_FILE)):
        by_phone = {n.phone: n for n in renting}
        latest: dict[str, tuple[JournalAction, Outcome, datetime, int | None]] = {}
        for op in reversed(operations(Journal(folder).read())):  # oldest first
            if op.action in _RENEWAL_ACTIONS and op.outcome in _REACHED_SMSC:
                latest[op.phone] = (op.action, op.outcome, op.time, op.error_code)
        for phone, (action, outcome, at, code) in latest.items():
            if outcome is Outcome.REFUSED and phone in by_phone:
                refused.append(RenewalRefusal(phone, action is JournalAction.RENEWAL_ON, at, code))
    return NumbersFacts(
        rented=len(renting),
        renewing=total.renewing,
        monthly=total.monthly if total.monthly.is_finite() else Decimal("0.00"),
        unknown_price=total.unknown_price,
        currency=currency,
        probably_rented=tuple(n.phone for n in renting if n.status is RentalStatus.PROBABLY_RENTED),
        refused=tuple(sorted(refused, key=lambda r: r.at, reverse=True)),
        unreadable=unreadable,
    )


def read_verifications(path: Path, sig: Signature | None, now: datetime) -> VerificationFacts:
    if not _readable(sig):
        return VerificationFacts()
    waiting: list[VerificationRef] = []
    expired: list[VerificationRef] = []
    for item in parse_history(read_json(path, {}), path):
        if item.is_pending:
            waiting.append(VerificationRef(item.id, item.phone, item.expires_at))
        elif item.state is VerificationState.EXPIRED:
            at = item.finished_at or item.expires_at
            if at is not None and now - at <= EXPIRED_KEPT:
                expired.append(VerificationRef(item.id, item.phone, at))
    expired.sort(key=lambda v: v.at or now, reverse=True)
    return VerificationFacts(tuple(waiting), tuple(expired[:MAX_LISTED]))


def read_downloads(path: Path, sig: Signature | None) -> DownloadFacts:
    if not _readable(sig):
        return DownloadFacts()
    raw = read_json(path, {})
    entries = raw.get("items") if isinstance(raw, dict) else None
    unfinished = 0
    failed: list[FailedDownload] = []
    for entry in entries if isinstance(entries, list) else ():
        item = DownloadItem.from_json(entry)
        if item is None:
            continue
        if item.state.is_unfinished:
            unfinished += 1
        elif item.state is DownloadState.FAILED:
            problem = item.problem.kind.value if item.problem else ""
            failed.append(FailedDownload(item.id, item.file_name, problem))
    return DownloadFacts(unfinished, tuple(failed[-MAX_LISTED:]))
