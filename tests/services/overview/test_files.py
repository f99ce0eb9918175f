"""Reading an account's files for the overview (without a session), and overview.json."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from smsc_desktop.api import AuthError
from smsc_desktop.services.downloads import DownloadItem, DownloadState, Problem, ProblemKind
from smsc_desktop.services.journal import Journal, JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.services.ledger import Ledger, OwnedNumber, RentalStatus
from smsc_desktop.services.overview import store
from smsc_desktop.services.overview.facts import ErrorFacts, Figures
from smsc_desktop.services.overview.scan import scan_account, scan_accounts
from smsc_desktop.services.storage import atomic_write_json
from smsc_desktop.services.verification.history import HISTORY_FILE, snapshot
from smsc_desktop.services.verification.models import Verification, VerificationState

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An account's folder."""
    path = tmp_path / "profiles" / "p1"
    path.mkdir(parents=True)
    return path


def write_ledger(folder: Path) -> None:
    ledger = Ledger(folder)
    ledger.put(OwnedNumber("79990000001", monthly_cost=Decimal("500.00"), currency="RUR"))
    ledger.put(OwnedNumber("79990000002", renew=False, monthly_cost=Decimal("700.00")))
    ledger.put(OwnedNumber("79990000003", status=RentalStatus.PROBABLY_RENTED, monthly_cost=None))
    ledger.put(OwnedNumber("79990000004", status=RentalStatus.ENDED, monthly_cost=Decimal(9)))
    ledger.save()


def renewal(phone: str, outcome: JournalOutcome, op: str, minutes: int, on: bool) -> JournalEntry:
    return JournalEntry(
        time=NOW - timedelta(days=1) + timedelta(minutes=minutes),
        profile="Client",
        action=JournalAction.RENEWAL_ON if on else JournalAction.RENEWAL_OFF,
        phone=phone,
        outcome=outcome,
        error_code=1 if outcome is JournalOutcome.REFUSED else None,
        op=op,
    )


def write_journal(folder: Path) -> None:
    journal = Journal(folder)
    for line in (
        # 0001: refused, then switched successfully: fine now
        renewal("79990000001", JournalOutcome.REQUESTED, "a", 0, False),
        renewal("79990000001", JournalOutcome.REFUSED, "a", 1, False),
        renewal("79990000001", JournalOutcome.REQUESTED, "b", 2, False),
        renewal("79990000001", JournalOutcome.OK, "b", 3, False),
        # 0002: refused last (a later attempt that never left changes nothing)
        renewal("79990000002", JournalOutcome.REQUESTED, "c", 4, True),
        renewal("79990000002", JournalOutcome.REFUSED, "c", 5, True),
        renewal("79990000002", JournalOutcome.REQUESTED, "d", 6, True),
        renewal("79990000002", JournalOutcome.NOT_SENT, "d", 7, True),
        # 0004 has ended: its refusal no longer matters
        renewal("79990000004", JournalOutcome.REFUSED, "e", 8, True),
    ):
        journal.append(line)
    with journal.path.open("a", encoding="utf-8") as fh:
        fh.write("{broken line\n")


def write_history(folder: Path) -> None:
    def item(vid: str, state: VerificationState, expires: timedelta) -> Verification:
        return Verification(
            id=vid,
            phone="7999000" + vid[-4:],
            state=state,
            created_at=NOW - timedelta(days=2),
            expires_at=NOW + expires,
            finished_at=NOW + expires if state.is_final else None,
        )

    items = [
        item("v-waiting-0001", VerificationState.WAITING, timedelta(minutes=10)),
        item("v-expired-0002", VerificationState.EXPIRED, -timedelta(hours=3)),
        item("v-expired-0003", VerificationState.EXPIRED, -timedelta(days=30)),
        item("v-confirm-0004", VerificationState.CONFIRMED, -timedelta(hours=1)),
    ]
    atomic_write_json(folder / HISTORY_FILE, snapshot(items))


def write_downloads(folder: Path) -> None:
    def item(name: str, state: DownloadState) -> dict[str, object]:
        download = DownloadItem(1, "job", name, folder, id=name, state=state)
        if state is DownloadState.FAILED:
            download.problem = Problem(ProblemKind.DISK_FULL, "no space")
        return download.to_json()

    items = [
        item("a.csv", DownloadState.QUEUED),
        item("b.csv", DownloadState.DOWNLOADING),
        item("c.csv", DownloadState.PAUSED),
        item("d.csv", DownloadState.FAILED),
        item("e.csv", DownloadState.DONE),
    ]
    atomic_write_json(folder / "downloads.json", {"schema": 1, "items": items})


def test_an_accounts_files_summed_up(folder: Path) -> None:
    write_ledger(folder)
    write_journal(folder)
    write_history(folder)
    write_downloads(folder)
    facts = scan_account(folder, None, NOW)

    numbers = facts.numbers
    assert numbers.rented == 3  # the ended one is not rented any more
    assert numbers.renewing == 2  # 0001 and the probably rented 0003
    assert numbers.monthly == Decimal("500.00")
    assert numbers.unknown_price == 1
    assert numbers.currency == "RUR"
    assert numbers.probably_rented == ("79990000003",)
    assert [(r.phone, r.wanted, r.code) for r in numbers.refused] == [("79990000002", True, 1)]
    assert not numbers.unreadable

    verifications = facts.verifications
    assert [v.id for v in verifications.waiting] == ["v-waiting-0001"]
    assert [v.id for v in verifications.expired] == ["v-expired-0002"]  # not a month old one
    assert verifications.in_progress(NOW) == 1
    assert verifications.in_progress(NOW + timedelta(minutes=11)) == 0

    assert facts.downloads.unfinished == 3
    assert [(f.file_name, f.problem) for f in facts.downloads.failed] == [("d.csv", "disk_full")]


def test_unchanged_files_are_not_read_again(folder: Path) -> None:
    write_ledger(folder)
    first = scan_account(folder, None, NOW)
    assert scan_account(folder, first, NOW) is first
    assert scan_accounts({"p": folder}, {"p": first}, NOW) == {}

    write_downloads(folder)
    second = scan_account(folder, first, NOW)
    assert second is not first
    assert second.numbers is first.numbers  # My numbers unchanged: taken as it was
    assert second.downloads.unfinished == 3


def test_a_damaged_ledger_is_reported_and_left_where_it_is(folder: Path) -> None:
    (folder / "my_numbers.json").write_text("{not json", encoding="utf-8")
    facts = scan_account(folder, None, NOW)
    assert facts.numbers.unreadable
    assert sorted(p.name for p in folder.iterdir()) == ["my_numbers.json"]  # not renamed


def test_an_account_without_files(folder: Path) -> None:
    facts = scan_account(folder / "never-opened", None, NOW)
    assert facts.numbers.rented == 0
    assert set(facts.signatures.values()) == {None}


def test_the_overview_file_round_trip(folder: Path) -> None:
    write_ledger(folder)
    write_journal(folder)
    write_history(folder)
    write_downloads(folder)
    files = scan_account(folder, None, NOW)
    figures = Figures(
        account="https://smsc.ru|login:client",
        balance=Decimal("12.50"),
        currency="RUR",
        balance_at=NOW,
        checked_at=NOW,
        error=ErrorFacts.from_error(AuthError(2, server_message="invalid password"), NOW),
    )
    path = folder / "overview.json"
    atomic_write_json(path, store.snapshot({"p1": store.Stored(figures, files)}))
    loaded = store.load(path)["p1"]
    assert loaded.figures == figures
    assert loaded.files == files
    assert "password" not in json.dumps(loaded.figures.to_json()).replace("invalid password", "")


def test_a_bad_overview_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "overview.json"
    for content in ("", "[]", '{"accounts": 5}', '{"accounts": {"p": {"figures": 7}}}'):
        path.write_text(content, encoding="utf-8")
        loaded = store.load(path)
        assert loaded in ({}, {"p": store.Stored(Figures(), None)})
    assert store.load(tmp_path / "missing.json") == {}
