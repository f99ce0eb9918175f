"""A sandbox export's rows are dated in the period its job names, or before the job was made
(a file called messages_2026-11-01_2026-11-30 held rows of 01.05.2024 before)."""

from __future__ import annotations

import datetime as dt
import re

from smsc_desktop.sandbox import SandboxState
from smsc_desktop.sandbox.exportfile import export_first_day

DATE = re.compile(rb"^(\d{2})\.(\d{2})\.(\d{4}) ", re.MULTILINE)


def row_dates(data: bytes) -> list[dt.date]:
    return [dt.date(int(y), int(m), int(d)) for d, m, y in DATE.findall(data)]


def test_every_job_file_is_dated_as_its_job() -> None:
    state = SandboxState()
    account = next(iter(state.accounts.values()))
    checked = 0
    for job in account.jobs.values():
        if job.size == 0:
            continue
        data = b"".join(piece for _offset, piece in state.export_file(job).pieces())
        dates = row_dates(data)
        assert dates, job.name
        made = dt.datetime.fromtimestamp(job.created_unix).date()
        assert max(dates) < made, job.name
        named = re.search(r"(\d{4})-(\d{2})-(\d{2})_(\d{4})-(\d{2})-(\d{2})", job.name)
        if named is not None and job.size <= 4 * 1024 * 1024:
            first = dt.date(*map(int, named.groups()[:3]))
            last = dt.date(*map(int, named.groups()[3:]))
            assert first == min(dates), job.name
            assert max(dates) <= last, job.name
        checked += 1
    assert checked >= 3


def test_the_first_day_of_a_file() -> None:
    made = dt.datetime(2026, 12, 3, 12, 0).timestamp()
    assert export_first_day("messages_2026-11-01_2026-11-30", 100_000, made, "utf-8") == (
        dt.date(2026, 11, 1)
    )
    unnamed = export_first_day("Выгрузка за неделю", 100_000, made, "utf-8")
    assert unnamed < dt.date(2026, 12, 3)
    assert export_first_day("messages_2026-99-01", 100_000, made, "utf-8") == unnamed
