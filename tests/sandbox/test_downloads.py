"""downloads.php: the job list, job progression, files, ranges, errors, limits."""

from __future__ import annotations

import csv
import hashlib
import io
from urllib.parse import urlencode

import httpx
import pytest

from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc

DEMO_JOBS = [1841, 1842, 1843, 1844, 1845, 1846]


def _jobs(smsc: Smsc, **kwargs: object) -> list[dict[str, object]]:
    jobs = smsc.json("downloads", get_list=1, **kwargs)
    assert isinstance(jobs, list)
    return jobs


def test_list_shows_seeded_jobs(smsc: Smsc) -> None:
    jobs = _jobs(smsc)
    assert [j["id"] for j in jobs] == DEMO_JOBS
    assert [j["status"] for j in jobs] == [2, 3, 4, 2, 1, 0]
    assert set(jobs[0]) == {"id", "name", "status", "created", "time", "file"}
    done, cancelled, failed, cyrillic, running, waiting = jobs
    assert str(done["file"]).endswith(".csv")
    assert cancelled["file"] == ""
    assert cancelled["time"] == ""
    assert failed["file"] == ""
    assert failed["time"] != ""
    assert cyrillic["name"] == "Выгрузка за неделю"
    assert running["time"] != ""
    assert running["file"] == ""
    assert waiting["time"] == ""
    assert waiting["file"] == ""
    assert len(str(done["created"])) == len("01.06.2024 10:15:02")


def test_list_paging(smsc: Smsc, sandbox: SandboxHandle) -> None:
    assert [j["id"] for j in _jobs(smsc, cnt=2)] == DEMO_JOBS[:2]
    assert [j["id"] for j in _jobs(smsc, cnt=2, after_id=1842)] == [1843, 1844]
    assert _jobs(smsc, after_id=1846) == []
    assert smsc.json("downloads", get_list=1, cnt=0)["error_code"] == 1
    kz = _jobs(smsc, account=sandbox.kz)
    assert kz
    assert not {j["id"] for j in kz} & set(DEMO_JOBS)


def test_list_other_formats(smsc: Smsc) -> None:
    line0 = smsc.text("downloads", fmt=0, get_list=1, cnt=1)
    assert line0.startswith("id = 1841, name = messages_")
    assert ", status = 2, created = " in line0
    line1 = smsc.text("downloads", fmt=1, get_list=1, cnt=1, after_id=1843)
    assert line1.startswith("1844,Выгрузка за неделю,2,")
    xml = smsc.text("downloads", fmt=2, get_list=1, after_id=1844)
    assert xml.startswith('<result><job id="1845" name="messages_')
    assert xml.count("<job ") == 2


def test_jobs_progress_with_the_clock(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.reset(enforce_limits=False)
    status = {j["id"]: j["status"] for j in _jobs(smsc)}
    assert (status[1845], status[1846]) == (1, 0)
    assert smsc.json("downloads", get_file=1, id=1846) == {
        "error": "job file is not ready",
        "error_code": 1,
    }
    sandbox.advance_clock(30)
    status = {j["id"]: j["status"] for j in _jobs(smsc)}
    assert (status[1845], status[1846]) == (1, 1)
    sandbox.advance_clock(50)
    jobs = {j["id"]: j for j in _jobs(smsc)}
    assert (jobs[1845]["status"], jobs[1846]["status"]) == (2, 1)
    assert jobs[1845]["file"] == f"{jobs[1845]['name']}.csv"
    sandbox.advance_clock(10)
    assert {j["id"]: j["status"] for j in _jobs(smsc)}[1846] == 2
    assert (
        smsc.call("downloads", get_file=1, id=1846).headers["content-type"].startswith("text/csv")
    )


def test_created_jobs_and_failures(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.reset(enforce_limits=False)
    fixed = sandbox.create_job(2048, status=2, name="bench")
    failing = sandbox.create_job(2048, final_status=4, start_delay=5, run_time=5)
    cancelled = sandbox.create_job(2048, status=3)
    assert fixed["status"] == 2
    assert fixed["file"] == "bench.csv"
    assert failing["status"] == 0
    sandbox.advance_clock(5)
    assert sandbox.job_info(failing["id"])["status"] == 1
    sandbox.advance_clock(5)
    assert sandbox.job_info(failing["id"])["status"] == 4
    for job in (failing, cancelled):
        got = smsc.json("downloads", get_file=1, id=job["id"])
        assert got == {"error": "job file is not ready", "error_code": 1}
    assert len(smsc.call("downloads", get_file=1, id=fixed["id"]).content) == 2048
    kz_job = sandbox.create_job(100, status=2, login="kz_demo")
    assert smsc.json("downloads", get_file=1, id=kz_job["id"])["error_code"] == 3


def test_file_download(smsc: Smsc, sandbox: SandboxHandle) -> None:
    r = smsc.call("downloads", get_file=1, id=1841)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=windows-1251"
    assert r.headers["content-length"] == str(48 * 1024) == str(len(r.content))
    assert r.headers["accept-ranges"] == "bytes"
    disposition = r.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith('.csv"')
    rows = list(csv.reader(io.StringIO(r.content.decode("cp1251"), newline=""), delimiter=";"))
    assert rows[0][:4] == ["Дата отправки", "Телефон", "Отправитель", "Статус"]
    # Every row has the header's fields except the first day's three unreadable lines.
    assert [len(row) for row in rows if len(row) != len(rows[0])] == [1, 12, 1]
    assert any(";" in row[-1] for row in rows[1:])  # quoted message texts survive
    info = sandbox.job_info(1841)
    assert info["size"] == 48 * 1024
    assert info["sha256"] == hashlib.sha256(r.content).hexdigest()


def test_file_by_name_with_a_cyrillic_name(sandbox: SandboxHandle, http: httpx.Client) -> None:
    for charset, codec in [("windows-1251", "cp1251"), ("utf-8", "utf-8"), ("koi8-r", "koi8_r")]:
        fields = {**sandbox.auth(), "get_file": 1, "name": "Выгрузка за неделю", "fmt": 3}
        body = urlencode({**fields, "charset": charset}, encoding=codec)
        r = http.post(
            sandbox.endpoint("downloads"),
            content=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        assert len(r.content) == 16 * 1024


def test_file_errors(smsc: Smsc, sandbox: SandboxHandle) -> None:
    not_found = {"error": "job not found", "error_code": 3}
    assert smsc.json("downloads", get_file=1, id=999) == not_found
    assert smsc.json("downloads", get_file=1, name="nope.csv") == not_found
    assert smsc.json("downloads", get_file=1) == {"error": "parameters error", "error_code": 1}
    assert smsc.json("downloads", get_file=1, id="x1")["error_code"] == 1
    assert smsc.json("downloads") == {"error": "parameters error", "error_code": 1}
    r = smsc.call("downloads", fmt=0, get_file=1, id=1842)
    assert r.text == "ERROR = 1 (job file is not ready)"
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert "content-disposition" not in r.headers


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-99", 0, 100), ("bytes=1000-", 1000, 49152), ("bytes=-500", 48652, 49152)],
)
def test_ranges(smsc: Smsc, sandbox: SandboxHandle, header: str, start: int, end: int) -> None:
    full = smsc.call("downloads", get_file=1, id=1841).content
    r = smsc.call("downloads", get_file=1, id=1841, headers={"Range": header})
    assert r.status_code == 206
    assert r.headers["content-range"] == f"bytes {start}-{end - 1}/49152"
    assert r.headers["content-length"] == str(end - start)
    assert r.content == full[start:end]


def test_range_out_of_bounds_is_416(smsc: Smsc) -> None:
    r = smsc.call("downloads", get_file=1, id=1841, headers={"Range": "bytes=49152-"})
    assert r.status_code == 416
    assert r.headers["content-range"] == "bytes */49152"
    assert r.content == b""


def test_downloads_limit_three_identical_per_minute(smsc: Smsc, sandbox: SandboxHandle) -> None:
    for _ in range(3):
        assert isinstance(_jobs(smsc), list)
    assert smsc.json("downloads", get_list=1) == {
        "error": "duplicate request, wait a minute",
        "error_code": 9,
    }
    assert isinstance(_jobs(smsc, cnt=5), list)  # other parameters: another window
    for _ in range(3):
        assert smsc.call("downloads", get_file=1, id=1844).status_code == 200
    r = smsc.call("downloads", get_file=1, id=1844)
    assert r.json() == {"error": "duplicate request, wait a minute", "error_code": 9}
    sandbox.advance_clock(61)
    assert (
        smsc.call("downloads", get_file=1, id=1844).headers["content-type"].startswith("text/csv")
    )


def test_big_job_streams_with_correct_digest(sandbox: SandboxHandle, http: httpx.Client) -> None:
    size = 24 * 1024 * 1024 + 123
    job = sandbox.create_job(size, status=2)
    digest = hashlib.sha256()
    received = 0
    with http.stream(
        "POST",
        sandbox.endpoint("downloads"),
        data={**sandbox.auth(), "get_file": 1, "id": job["id"], "fmt": 3},
    ) as r:
        assert r.headers["content-length"] == str(size)
        for chunk in r.iter_raw():
            digest.update(chunk)
            received += len(chunk)
    assert received == size
    assert digest.hexdigest() == sandbox.job_info(job["id"])["sha256"]


def test_a_job_created_done_never_reports_a_start_in_the_future(sandbox: SandboxHandle) -> None:
    from datetime import datetime

    job = sandbox.create_job(size=1000, status=2)
    answer = httpx.post(
        sandbox.endpoint("downloads"),
        data={**sandbox.auth(), "get_list": "1", "fmt": "3", "charset": "utf-8"},
    ).json()
    record = next(j for j in answer if j["id"] == job["id"])

    def parse(text: str) -> datetime:
        return datetime.strptime(text, "%d.%m.%Y %H:%M:%S")

    # It was created and listed within the same second or two: its start lies between.
    assert 0 <= (parse(record["time"]) - parse(record["created"])).total_seconds() <= 2
