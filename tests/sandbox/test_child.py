"""The demo's sandbox in a process of its own (sandbox/child.py): it says where it listens,
serves the demo account, ends with its input, and says why when it cannot start; the app in
``--demo`` runs it there and never imports the server."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from smsc_desktop.sandbox import DEMO_LOGIN, DEMO_PASSWORD
from smsc_desktop.sandbox import child as sandbox_child
from smsc_desktop.sandbox.child import SandboxChild, SandboxChildError
from tests.helpers.processes import ROOT, child_env


@pytest.fixture(autouse=True)
def _from_this_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.chdir(ROOT)


def balance(url: str) -> str:
    fields = {"login": DEMO_LOGIN, "psw": DEMO_PASSWORD, "fmt": "3"}
    answer = httpx.post(f"{url}/sys/balance.php", data=fields, timeout=10)
    return str(answer.json()["balance"])


def refused(url: str) -> bool:
    try:
        httpx.get(url, timeout=10)
    except httpx.ConnectError:
        return True
    return False


def test_the_child_serves_the_demo_account_with_its_exports_until_stopped() -> None:
    child = SandboxChild()
    url = child.url()
    assert child.url() == url  # asked again: the same child, no second one
    assert float(balance(url)) > 0
    fields = {
        "login": DEMO_LOGIN,
        "psw": DEMO_PASSWORD,
        "fmt": "3",
        "get_list": "1",
        "charset": "utf-8",
    }
    jobs = httpx.post(f"{url}/sys/downloads.php", data=fields, timeout=10).json()
    assert {job["name"] for job in jobs} >= {"messages_year_full", "Выгрузка за квартал"}
    process = child.process
    assert process is not None
    child.stop()
    assert process.returncode == 0
    assert refused(url)


def test_the_child_ends_when_its_input_closes_as_when_the_app_dies() -> None:
    """A killed app closes nothing itself: the system closes its end of the pipe, and the
    child stops serving and exits (it never outlives the app)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "smsc_desktop", sandbox_child.FLAG],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    url = json.loads(process.stdout.readline())["url"]
    assert float(balance(url)) > 0
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    process.stdout.close()
    assert refused(url)


def test_a_taken_port_is_reported_in_the_childs_words() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        child = SandboxChild(port)
        with pytest.raises(SandboxChildError, match=r"could not start: OSError.*address"):
            child.url()
    assert child.process is None  # reaped


def test_a_child_that_ends_without_a_word_is_reported_with_its_exit_code() -> None:
    child = SandboxChild(command=[sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(
        SandboxChildError, match=r"could not start: it ended before it started \(exit code 3\)"
    ):
        child.url()


def test_the_childs_answer_is_the_only_line_on_its_output() -> None:
    """What the sandbox or a library prints goes to stderr, never into the answer."""
    stdin, stdout = io.StringIO(""), io.StringIO()
    real = sys.stdout
    try:
        assert sandbox_child.main(["0"], stdin=stdin, stdout=stdout) == 0
    finally:
        sys.stdout = real
    (line,) = stdout.getvalue().splitlines()
    assert json.loads(line)["url"].startswith("http://127.0.0.1:")


def test_demo_mode_runs_the_sandbox_outside_the_app(tmp_path: Path) -> None:
    """``--demo`` shows the demo account's data from the child's sandbox; aiohttp and the
    sandbox's server are never imported into the app."""
    shot = tmp_path / "numbers.png"
    code = f"""
import sys
from smsc_desktop import app
code = app.main(["--demo", "--screenshot", {str(shot)!r}, "--tab", "numbers"])
loaded = [m for m in ("aiohttp", "smsc_desktop.sandbox.server") if m in sys.modules]
assert not loaded, loaded
raise SystemExit(code)
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=child_env(tmp_path / "home"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert shot.stat().st_size > 10_000


def test_a_job_made_in_a_later_demo_never_takes_the_number_of_an_earlier_one() -> None:
    """The app resumes a failed download by its job's number: a later demo (a restart, or a
    reset) handing out that number again would resume it into another job's file."""
    from smsc_desktop.sandbox import SandboxConfig, SandboxServer
    from smsc_desktop.sandbox.child import stage_demo_exports

    def demo(now: float) -> SandboxServer:
        server = SandboxServer(SandboxConfig(trickle_seconds=sandbox_child.DEMO_TRICKLE))
        stage_demo_exports(server, now=now)
        return server

    def job_numbers(server: SandboxServer) -> list[int]:
        (demo_account,) = (a for a in server.state()["accounts"] if a["login"] == DEMO_LOGIN)
        return sorted(job["id"] for job in demo_account["jobs"])

    started = 1_764_800_000.0  # 2025-12-03
    first = demo(started)
    given = job_numbers(first)
    mine = first.create_job(1024, name="made by the user")["id"]
    first.reset()  # the sandbox panel's reset: the sample data again
    after_reset = first.create_job(1024, name="made after the reset")["id"]
    second = demo(started + 30)  # the app restarted half a minute later
    assert job_numbers(second) == given  # the sample jobs keep their numbers (same files)
    again = second.create_job(1024, name="made in the next run")["id"]
    assert max(given) < mine < after_reset < again
