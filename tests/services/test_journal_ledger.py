"""The append-only journal, the My numbers ledger and the CSV writer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from smsc_desktop.services.csv_export import csv_text, money_cell, write_csv
from smsc_desktop.services.journal import (
    Journal,
    JournalAction,
    JournalEntry,
    JournalOutcome,
    operations,
)
from smsc_desktop.services.ledger import Ledger, OwnedNumber, RentalSource, RentalStatus, totals

T0 = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def entry(outcome: JournalOutcome, op: str = "op1", minutes: int = 0, **kw: object) -> JournalEntry:
    data: dict[str, object] = {
        "time": T0 + timedelta(minutes=minutes),
        "profile": "Main account",
        "action": JournalAction.RENT,
        "phone": "79161234567",
        "outcome": outcome,
        "amount": Decimal("258.06"),
        "currency": "RUR",
        "op": op,
    }
    data.update(kw)
    return JournalEntry(**data)  # type: ignore[arg-type]


def test_journal_appends_and_never_rewrites(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.append(entry(JournalOutcome.REQUESTED))
    first = journal.path.read_bytes()
    journal.append(entry(JournalOutcome.OK, minutes=1, detail="ок; «quoted»"))
    second = journal.path.read_bytes()
    assert second.startswith(first)
    assert second.count(b"\n") == 2
    lines = journal.read()
    assert lines == [
        entry(JournalOutcome.REQUESTED),
        entry(JournalOutcome.OK, minutes=1, detail="ок; «quoted»"),
    ]


def test_structured_fields_round_trip(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    full = entry(
        JournalOutcome.PROBABLY_RENTED,
        action=JournalAction.CHECK,
        monthly=Decimal("500.00"),
        renew=False,
        error_code=3,
        error="no money",
        balance_before=Decimal("5000.00"),
        balance_after=Decimal("4741.94"),
        detail="x",
    )
    journal.append(full)
    journal.append(entry(JournalOutcome.OK))  # no optional fields: none written
    assert journal.read() == [full, entry(JournalOutcome.OK)]
    assert '"error"' not in journal.path.read_text(encoding="utf-8").splitlines()[1]


def test_damaged_lines_are_skipped(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.append(entry(JournalOutcome.REQUESTED))
    with journal.path.open("a", encoding="utf-8") as fh:
        fh.write('{"time": "yesterday", "action": "rent"}\n{"trunc')
    assert len(journal.read()) == 1
    assert journal.skipped_lines == 2
    assert Journal(tmp_path / "nowhere").read() == []


def test_operations_show_the_outcome_at_the_request_time() -> None:
    lines = [
        entry(JournalOutcome.REQUESTED, "a", 0),
        entry(JournalOutcome.OK, "a", 1),
        entry(JournalOutcome.REQUESTED, "b", 5, action=JournalAction.RENEWAL_OFF),
    ]
    merged = operations(lines)
    assert [(e.op, e.outcome, e.time) for e in merged] == [
        ("b", JournalOutcome.REQUESTED, T0 + timedelta(minutes=5)),
        ("a", JournalOutcome.OK, T0),
    ]


def test_ledger_round_trip_and_damage(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path)
    ledger.load()
    assert len(ledger) == 0
    assert ledger.load_problem is None
    owned = OwnedNumber(
        "79161234567",
        renew=False,
        status=RentalStatus.PROBABLY_RENTED,
        source=RentalSource.APP,
        monthly_cost=Decimal("500.00"),
        paid=Decimal("258.06"),
        currency="RUR",
        type=1,
        info="MTS; SMS",
        rented_at=T0,
        renew_confirmed=False,
        note="for the shop",
    )
    ledger.put(owned)
    ledger.save()
    again = Ledger(tmp_path)
    again.load()
    assert again.get("79161234567") == owned
    assert "79161234567" in again
    assert again.update("79161234567", renew=True).renew is True  # type: ignore[union-attr]
    assert again.update("70000000000", renew=True) is None
    again.remove("79161234567")
    again.save()
    assert Ledger(tmp_path).path.read_text(encoding="utf-8").count("phone") == 0

    ledger.path.write_text("{ not json", encoding="utf-8")
    broken = Ledger(tmp_path)
    broken.load()
    assert broken.load_problem == "unreadable"
    assert len(broken) == 0
    assert list(tmp_path.glob("my_numbers.json.damaged-*"))  # kept for the user


def test_totals() -> None:
    numbers = [
        OwnedNumber("1", renew=True, monthly_cost=Decimal("500.00")),
        OwnedNumber(
            "2", renew=True, monthly_cost=Decimal("700.00"), status=RentalStatus.PROBABLY_RENTED
        ),
        OwnedNumber("3", renew=False, monthly_cost=Decimal("900.00")),
        OwnedNumber("4", renew=True, monthly_cost=Decimal("900.00"), status=RentalStatus.ENDED),
        OwnedNumber("5", renew=True, monthly_cost=Decimal("900.00"), status=RentalStatus.UNKNOWN),
        OwnedNumber("6", renew=True, monthly_cost=None),
    ]
    t = totals(numbers, Decimal("1000.00"))
    assert (t.monthly, t.renewing, t.unknown_price) == (Decimal("1200.00"), 3, 1)
    assert t.covered is False
    assert t.shortfall == Decimal("200.00")
    assert totals(numbers, None).covered is None
    assert totals(numbers, Decimal("1200.00")).covered is True


def test_csv_for_excel_in_russian(tmp_path: Path) -> None:
    assert money_cell(Decimal("1234.5")) == "1234,50"
    assert money_cell(None) == ""
    path = tmp_path / "out.csv"
    write_csv(
        path,
        ["Номер", "Оператор", "Цена"],
        [["+7 916 123-45-67", "МТС; SMS", money_cell(Decimal("500"))]],
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text == 'Номер;Оператор;Цена\r\n+7 916 123-45-67;"МТС; SMS";500,00\r\n'
    assert csv_text(["a"], [['say "hi"\nthere']]) == 'a\r\n"say ""hi""\nthere"\r\n'


def test_csv_cells_excel_would_run_as_formulas_are_neutralised() -> None:
    from smsc_desktop.services.csv_export import excel_safe

    assert excel_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert excel_safe("@SUM(A1)") == "'@SUM(A1)"
    assert excel_safe("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert excel_safe("-5,00") == "-5,00"  # a plain negative amount stays a number
    assert excel_safe("+7 916 123-45-67") == "+7 916 123-45-67"
    assert excel_safe("79001234567") == "79001234567"
    assert excel_safe(Decimal("-1")) == Decimal("-1")
    assert csv_text(["a"], [["=SUM(1;1)"]]).splitlines()[1] == '"\'=SUM(1;1)"'


def test_excel_copy_of_a_downloaded_file_is_neutralised_too(tmp_path: Path) -> None:
    from smsc_desktop.services.csv_preview import export_for_excel

    source = tmp_path / "job.csv"
    source.write_bytes('Телефон;Текст\r\n79001234567;=HYPERLINK("x")\r\n'.encode("cp1251"))
    dest = tmp_path / "excel.csv"
    assert export_for_excel(source, dest, encoding="windows-1251", separator=";") == 2
    expected = '79001234567;"\'=HYPERLINK(""x"")"'  # quoted: the cell holds quotes
    assert dest.read_text(encoding="utf-8-sig").splitlines()[1] == expected
