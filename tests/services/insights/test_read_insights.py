"""Reading a whole export: the fast scanner against a plain csv-module reading of the same
file, in both encodings and separators, with quoted line breaks, unreadable lines and any
block size; cancel and progress."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import threading
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from smsc_desktop.sandbox.exportfile import ExportFile
from smsc_desktop.services.insights import Field, Outcome, ScanCancelled, Step, read_insights
from smsc_desktop.services.insights import scan as scan_module
from smsc_desktop.services.insights.values import (
    amount_of,
    hour_of,
    outcome_of,
    parts_for,
)


def reference(path: Path, encoding: str, separator: str) -> dict[str, object]:
    """The same figures the slow, obvious way: every row through the csv module."""
    text = path.read_bytes().decode(encoding, errors="replace").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    header, records = rows[0], rows[1:]
    names = {name.lower(): i for i, name in enumerate(header)}

    def col(*options: str) -> int | None:
        return next((names[o] for o in options if o in names), None)

    date, status, cost = (
        col("дата отправки", "send date"),
        col("статус", "status"),
        col("стоимость", "cost"),
    )
    sender, parts, text_at = (
        col("отправитель", "sender"),
        col("частей"),
        col("текст сообщения", "message"),
    )
    good = [r for r in records if len(r) == len(header) and any(r)]
    bad = [r for r in records if len(r) != len(header) and any(r)]
    hours: Counter[dt.datetime] = Counter()
    for r in good:
        moment = hour_of(r[date][:13]) if date is not None else None
        if moment is not None:
            hours[moment] += 1
    return {
        "rows": len(good),
        "bad": len(bad),
        "statuses": Counter(r[status] for r in good) if status is not None else Counter(),
        "senders": Counter(r[sender] for r in good) if sender is not None else Counter(),
        "delivered": sum(
            1 for r in good if status is not None and outcome_of(r[status]) is Outcome.DELIVERED
        ),
        "cost": sum(((amount_of(r[cost]) or Decimal(0)) for r in good), Decimal(0))
        if cost is not None
        else Decimal(0),
        "hours": hours,
        "parts": Counter(
            int(r[parts]) if parts is not None else parts_for(len(r[text_at]), r[text_at].isascii())  # type: ignore[index]
            for r in good
        )
        if parts is not None or text_at is not None
        else Counter(),
    }


def check(path: Path, encoding: str, separator: str) -> None:
    got = read_insights(path)
    want = reference(path, encoding, separator)
    assert got.format.separator == separator
    assert got.rows == want["rows"]
    assert got.bad_lines == want["bad"]
    assert Counter({s.label: s.messages for s in got.statuses}) == want["statuses"]
    assert Counter({s.label: s.messages for s in got.senders}) == want["senders"]
    assert got.delivered == want["delivered"]
    assert got.total_cost == want["cost"]
    assert Counter({b.start: b.messages for b in got.hours}) == want["hours"]
    assert Counter(got.parts) == want["parts"]


@pytest.mark.parametrize("charset", ["windows-1251", "utf-8"])
def test_a_sandbox_export_matches_the_csv_module(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(ExportFile(700_000, charset).read())  # several 128 KiB blocks, two days
    check(path, "cp1251" if charset == "windows-1251" else "utf-8", ";")
    insights = read_insights(path)
    assert insights.bad_lines == 3
    assert insights.bad_examples == (59, 207, 315)  # the sandbox's first day
    assert insights.format.columns.missing == []
    assert {s.outcome for s in insights.statuses} == {
        Outcome.DELIVERED,
        Outcome.PENDING,
        Outcome.FAILED,
    }
    assert len(insights.senders) >= 5
    assert len(insights.operators) >= 5
    assert set(insights.parts) == {1, 2, 3}
    assert insights.step() is Step.HOUR  # less than two days: per hour
    assert insights.timeline[0].start == dt.datetime(2024, 3, 1, 0)


LINES = [
    ["Send date", "Phone", "Sender", "Status", "Cost", "Message"],
    ["2024-05-01 10:00:01", "79161234567", "Shop", "Delivered", "3,50", "Your code: 1234"],
    ["2024-05-01 10:20:00", "79161234568", "Shop", "Expired", "3,50", 'He said "hi", twice'],
    ["2024-05-01 11:00:00", "79161234569", "Taxi", "Delivered", "7,00", "Line one\r\nline two"],
    ["2024-05-02 09:00:00", "79161234569", "Taxi", "Delivered", "0", "Ок, жду курьера"],
    ["2024-05-02 09:30:00", "79161234569", "Bank", "Delivered", "10,50", "Ж" * 140],
]


def write(path: Path, rows: list[list[str]], encoding: str, separator: str, extra: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path.write_bytes((buffer.getvalue() + extra).encode(encoding))


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1251", ";"), ("cp1251", "\t")],
)
def test_quotes_line_breaks_and_broken_lines_any_block_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, separator: str
) -> None:
    path = tmp_path / "export.csv"
    broken = "cut short\r\n\r\n" + separator.join(["a"] * 9) + "\r\n"
    write(path, LINES * 40 + LINES[1:], encoding, separator, broken)
    check(path, "utf-8" if encoding == "utf-8-sig" else encoding, separator)
    whole = read_insights(path)
    assert whole.bad_lines == 2  # cut short, a field too many; the blank line is skipped
    assert whole.parts_from_text  # no parts column: counted from the text
    assert whole.parts[3] == 41  # 140 Cyrillic letters: 3 parts
    for block in (7, 64, 1000):  # blocks end anywhere, also inside a quoted line break
        monkeypatch.setattr(scan_module, "CHUNK", block)
        again = read_insights(path)
        assert (again.rows, again.bad_lines, again.parts) == (
            whole.rows,
            whole.bad_lines,
            whole.parts,
        )
        assert again.hours == whole.hours
        assert again.bad_examples == whole.bad_examples


def test_missing_columns_are_absent_and_the_rest_works(tmp_path: Path) -> None:
    path = tmp_path / "phones.csv"
    write(
        path,
        [["Телефон", "Статус"], ["7916", "Доставлено"], ["7917", "Просрочено"]],
        "cp1251",
        ";",
        "",
    )
    insights = read_insights(path)
    assert insights.rows == 2
    assert insights.delivered == 1
    assert insights.hours == ()
    assert insights.timeline == ()
    assert insights.senders == ()
    assert insights.parts == {}
    assert Field.DATE in insights.format.columns.missing
    assert insights.total_cost == 0


def test_a_stray_quote_or_a_wrong_field_count_is_an_unreadable_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    text = (
        "Дата отправки;Статус;Стоимость\r\n"
        "01.05.2024 10:00:00;Доставлено;3.50\r\n"
        '01.05.2024 10:00:01;Достав"лено;3.50\r\n'
        "01.05.2024 10:00:02;Доставлено\r\n"
        "01.05.2024 10:00:03;Доставлено;3.50;лишнее\r\n"
        "01.05.2024 10:00:04;Доставлено;3.50;\r\n"  # a trailing separator is fine
        "01.05.2024 10:00:05;Доставлено;abc\r\n"  # an unreadable amount is not a broken line
    )
    path.write_bytes(text.encode("cp1251"))
    insights = read_insights(path)
    assert insights.rows == 3
    assert insights.bad_lines == 3
    assert insights.bad_examples == (3, 4, 5)
    assert insights.unreadable_costs == 1
    assert insights.total_cost == Decimal("7.00")


def test_progress_reaches_the_end_and_cancel_stops(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(ExportFile(600_000).read())
    seen: list[tuple[int, int]] = []
    read_insights(path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (600_000, 600_000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    cancel = threading.Event()

    def stop(done: int, total: int) -> None:
        cancel.set()

    with pytest.raises(ScanCancelled):
        read_insights(path, progress=stop, cancel=cancel)


def test_an_empty_file_and_a_header_only_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert read_insights(empty).rows == 0
    header = tmp_path / "header.csv"
    header.write_bytes(codecs.BOM_UTF8 + "Дата отправки;Статус".encode())
    insights = read_insights(header)
    assert insights.rows == 0
    assert insights.format.columns.index == {Field.DATE: 0, Field.STATUS: 1}


def test_a_file_that_is_no_csv_at_all_is_read_without_a_crash(tmp_path: Path) -> None:
    random_bytes = tmp_path / "photo.jpg"
    random_bytes.write_bytes(bytes((i * 7919 + i // 13) % 256 for i in range(300_000)))
    insights = read_insights(random_bytes)
    assert insights.bad_lines > 0
    one_line = tmp_path / "one_line.csv"
    one_line.write_bytes(b'a;b;"c' * 200_000)  # no line break, an open quote
    insights = read_insights(one_line)
    assert insights.rows == 0
    assert len(insights.format.columns.header) <= 500
