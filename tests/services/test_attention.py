"""What needs attention: a pure function of an account's facts, and the change detector."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from smsc_desktop.api import AuthError, ConnectFailedError, IpBlockedError
from smsc_desktop.services.attention import (
    AttentionKind,
    AttentionWatch,
    Severity,
    attention_items,
    next_renewal_date,
    renewals_due_soon,
)
from smsc_desktop.services.overview.facts import (
    AccountFacts,
    DownloadFacts,
    ErrorFacts,
    FailedDownload,
    Figures,
    FileFacts,
    NumbersFacts,
    RenewalRefusal,
    VerificationFacts,
    VerificationRef,
)
from smsc_desktop.services.profiles import Profile

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def facts(
    balance: str | None = "1000.00",
    *,
    level: str | None = None,
    files: FileFacts | None = None,
    error: BaseException | None = None,
) -> AccountFacts:
    profile = Profile(
        name="Client",
        server="smsc.ru",
        login="client",
        id="p1",
        low_balance=None if level is None else Decimal(level),
    )
    figures = Figures(
        balance=None if balance is None else Decimal(balance),
        currency="RUR",
        balance_at=NOW,
        error=ErrorFacts.from_error(error, NOW) if error else None,
    )
    return AccountFacts(profile, figures, files)


def kinds(account: AccountFacts, now: datetime = NOW) -> list[AttentionKind]:
    return [item.kind for item in attention_items(account, now)]


def renewing(monthly: str, count: int = 2) -> FileFacts:
    return FileFacts(
        numbers=NumbersFacts(rented=count, renewing=count, monthly=Decimal(monthly), currency="RUR")
    )


def test_a_healthy_account_needs_nothing() -> None:
    assert kinds(facts(level="100", files=renewing("500"))) == []
    assert kinds(facts(None, level="100")) == []  # nothing known, nothing to say


def test_a_balance_under_its_warning_level() -> None:
    (item,) = attention_items(facts("99.99", level="100"), NOW)
    assert item.kind is AttentionKind.LOW_BALANCE
    assert (item.amount, item.limit, item.currency) == (Decimal("99.99"), Decimal("100"), "RUR")
    assert item.severity is Severity.WARNING
    assert kinds(facts("100.00", level="100")) == []  # at the level is not under it


def test_a_balance_under_next_months_renewals() -> None:
    (item,) = attention_items(facts("400", files=renewing("500")), NOW)
    assert item.kind is AttentionKind.RENEWALS_NOT_COVERED
    assert (item.amount, item.limit) == (Decimal("400"), Decimal("500"))
    assert item.severity is Severity.BAD
    assert kinds(facts("500", files=renewing("500"))) == []
    # another currency cannot be compared
    other = FileFacts(numbers=NumbersFacts(renewing=1, monthly=Decimal("9000"), currency="KZT"))
    assert kinds(facts("400", files=other)) == []


def test_refused_renewals_probably_rented_failed_downloads() -> None:
    files = FileFacts(
        numbers=NumbersFacts(
            rented=3,
            probably_rented=("79990000001",),
            refused=(RenewalRefusal("79990000002", False, NOW - timedelta(days=3), 1),),
        ),
        downloads=DownloadFacts(1, (FailedDownload("d1", "jobs.csv", "disk_full"),)),
    )
    items = attention_items(facts(files=files), NOW)
    assert [(i.kind, i.subject) for i in items] == [
        (AttentionKind.RENEWAL_REFUSED, "79990000002"),  # bad first
        (AttentionKind.PROBABLY_RENTED, "79990000001"),
        (AttentionKind.DOWNLOAD_FAILED, "d1"),
    ]
    assert items[0].detail == "off"  # the user wanted it off; it still renews
    assert items[2].detail == "jobs.csv"


def test_expired_verifications_of_the_last_week_and_ones_that_ran_out() -> None:
    files = FileFacts(
        verifications=VerificationFacts(
            waiting=(
                VerificationRef("w-live", "79990000001", NOW + timedelta(minutes=5)),
                VerificationRef("w-gone", "79990000002", NOW - timedelta(minutes=1)),
            ),
            expired=(
                VerificationRef("e-new", "79990000003", NOW - timedelta(days=1)),
                VerificationRef("e-old", "79990000004", NOW - timedelta(days=8)),
            ),
        )
    )
    items = attention_items(facts(files=files), NOW)
    assert sorted(i.subject for i in items) == ["e-new", "w-gone"]
    assert {i.kind for i in items} == {AttentionKind.VERIFICATION_EXPIRED}
    assert files.verifications.in_progress(NOW) == 1


def test_a_refused_sign_in_needs_attention_a_dead_server_does_not() -> None:
    (item,) = attention_items(facts(error=AuthError(2)), NOW)
    assert (item.kind, item.detail) == (AttentionKind.SIGN_IN_REFUSED, "auth")
    (item,) = attention_items(facts(error=IpBlockedError(4)), NOW)
    assert item.detail == "ip_blocked"
    assert kinds(facts(error=ConnectFailedError())) == []


def test_the_function_is_pure() -> None:
    account = facts("10", level="100", files=renewing("500"))
    assert attention_items(account, NOW) == attention_items(account, NOW)
    assert account.figures.balance == Decimal("10")


def test_renewal_day_is_the_first_of_next_month() -> None:
    assert next_renewal_date(datetime(2026, 12, 30, 12, tzinfo=UTC)).isoformat() == "2027-01-01"
    assert not renewals_due_soon(datetime(2026, 3, 10, 12, tzinfo=UTC))
    assert renewals_due_soon(datetime(2026, 3, 26, 12, tzinfo=UTC))


def test_the_watch_reports_an_item_once_and_again_after_it_cleared() -> None:
    watch = AttentionWatch()
    low = attention_items(facts("10", level="100"), NOW)
    watch.seed({"p1": ()})
    assert [i.kind for i in watch.update("p1", low)] == [AttentionKind.LOW_BALANCE]
    assert watch.update("p1", attention_items(facts("5", level="100"), NOW)) == []  # still low
    assert watch.update("p1", ()) == []  # topped up
    assert len(watch.update("p1", low)) == 1  # low again: news again

    seeded = AttentionWatch()
    seeded.seed({"p1": low})  # known at start: not news
    assert seeded.update("p1", low) == []
