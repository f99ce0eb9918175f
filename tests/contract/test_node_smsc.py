"""npm ``node-smsc`` 0.2.3 (by rmdm), a client nobody here wrote, against the sandbox.

What the package does (read from its source): every call is a GET to ``<request URL><script>``
with the query ``login``, ``psw`` (always the MD5 of the password unless ``hashed``),
``charset=utf-8`` and ``fmt=3``; with ``options.files`` the call becomes a POST with a
``multipart/form-data`` body (the ``form-data`` package). A JSON answer with ``error_code``
rejects with ``SmscApiError`` (message ``"<error> (<code>)"``, ``response`` = the object);
anything that is not JSON rejects with a ``SyntaxError`` that escapes the caller.

Needs ``node`` and ``npm`` on PATH: the package is installed once from the npm registry into
``.cache/node-smsc-<version>/`` (gitignored). Without them the tests are skipped; in CI
(``SMSC_CI=1``) a failed install fails them, so a CI that has node always runs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.sandbox import SandboxHandle

VERSION = "0.2.3"
REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("node_smsc_calls.js")


def _unavailable(reason: str) -> None:
    if os.environ.get("SMSC_CI") and shutil.which("node"):
        pytest.fail(f"node is installed on this CI machine but node-smsc is not usable: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def node_smsc() -> Path:
    """The folder node-smsc is installed in (its ``node_modules``), installed on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are not on PATH: the node-smsc contract tests need them")
    cache = REPO / ".cache"
    target = cache / f"node-smsc-{VERSION}"
    if (target / "node_modules" / "node-smsc" / "package.json").is_file():
        return target
    cache.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="node-smsc-", dir=cache))
    command = [
        npm,
        "install",
        "--prefix",
        str(work),
        "--no-audit",
        "--no-fund",
        "--no-package-lock",
        "--loglevel=error",
        "--cache",
        str(cache / "npm"),
        f"node-smsc@{VERSION}",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        shutil.rmtree(work, ignore_errors=True)
        _unavailable("npm install node-smsc took more than 5 minutes")
        raise  # not reached
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        head = (done.stderr or done.stdout).strip().splitlines()[:3]
        _unavailable("npm install node-smsc failed: " + " / ".join(head))
    try:
        work.rename(target)
    except OSError:  # installed meanwhile by another run
        shutil.rmtree(work, ignore_errors=True)
    return target


def run_node(
    node_smsc: Path, sandbox: SandboxHandle, options: dict[str, Any], calls: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run(
        [
            node,
            "--no-deprecation",  # node-smsc uses new Buffer(); the warning is not ours
            str(SCRIPT),
            str(node_smsc),
            f"{sandbox.url}/sys/",
            json.dumps(options),
            json.dumps(calls),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


BALANCE = {"method": "balance", "query": {"cur": 1}}


def test_balance_with_the_password(node_smsc: Path, sandbox: SandboxHandle) -> None:
    options = {"login": sandbox.login, "password": sandbox.password}
    assert run_node(node_smsc, sandbox, options, [BALANCE]) == [
        {"ok": {"balance": "5000.00", "currency": "RUR"}}
    ]
    (entry,) = sandbox.state()["log"]
    assert entry["method"] == "GET"
    assert entry["params"]["charset"] == "utf-8"


def test_balance_with_the_md5_of_the_password(node_smsc: Path, sandbox: SandboxHandle) -> None:
    import hashlib

    md5 = hashlib.md5(sandbox.password.encode()).hexdigest()
    options = {"login": sandbox.login, "password": md5, "hashed": True}
    assert run_node(node_smsc, sandbox, options, [BALANCE]) == [
        {"ok": {"balance": "5000.00", "currency": "RUR"}}
    ]


def test_balance_with_a_wrong_password(node_smsc: Path, sandbox: SandboxHandle) -> None:
    options = {"login": sandbox.login, "password": "not-the-password"}
    assert run_node(node_smsc, sandbox, options, [BALANCE]) == [
        {
            "error": {
                "name": "SmscApiError",
                "message": "authorise error (2)",
                "response": {"error": "authorise error", "error_code": 2},
            }
        }
    ]


def test_balance_of_a_blocked_account(node_smsc: Path, sandbox: SandboxHandle) -> None:
    options = {"login": sandbox.blocked.login, "password": sandbox.blocked.password}
    [result] = run_node(node_smsc, sandbox, options, [BALANCE])
    assert result["error"]["name"] == "SmscApiError"
    assert result["error"]["response"] == {"error": "IP is temporarily blocked", "error_code": 4}


def test_balance_over_the_limit(node_smsc: Path, sandbox: SandboxHandle) -> None:
    options = {"login": sandbox.login, "password": sandbox.password}
    results = run_node(node_smsc, sandbox, options, [BALANCE] * 11)
    assert results[:10] == [{"ok": {"balance": "5000.00", "currency": "RUR"}}] * 10
    assert results[10] == {
        "error": {
            "name": "SmscApiError",
            "message": "duplicate request, wait a minute (9)",
            "response": {"error": "duplicate request, wait a minute", "error_code": 9},
        }
    }


def test_multipart_body_from_form_data(node_smsc: Path, sandbox: SandboxHandle) -> None:
    """node-smsc's multipart path (the form-data package), Cyrillic in the body."""
    options = {"login": sandbox.login, "password": sandbox.password}
    calls = [
        {
            "method": "balance",
            "query": {},
            "files": [{"field": "cur", "value": "1"}, {"field": "note", "value": "Привет"}],
        }
    ]
    assert run_node(node_smsc, sandbox, options, calls) == [
        {"ok": {"balance": "5000.00", "currency": "RUR"}}
    ]
    (entry,) = sandbox.state()["log"]
    assert (entry["method"], entry["body"]) == ("POST", "multipart")
    assert entry["params"]["note"] == "Привет"


def test_unsimulated_scripts_reject_with_an_smsc_error(
    node_smsc: Path, sandbox: SandboxHandle
) -> None:
    """status/info... are not simulated: node-smsc rejects with its own SmscApiError
    instead of a SyntaxError from parsing a "404: Not Found" page; send is (issue 12)."""
    options = {"login": sandbox.login, "password": sandbox.password}
    calls = [
        {"method": "status", "query": {"phone": "79161234567", "id": 1}},
        {"method": "info", "query": {"get_operator": 1, "phone": "79161234567"}},
    ]
    results = run_node(node_smsc, sandbox, options, calls)
    assert [r["error"]["name"] for r in results] == ["SmscApiError"] * 2
    assert [r["error"]["response"]["error"] for r in results] == [
        "status.php is not simulated by the SMSC sandbox",
        "info.php is not simulated by the SMSC sandbox",
    ]


def test_send_and_a_wrong_captcha(node_smsc: Path, sandbox: SandboxHandle) -> None:
    """send.php through node-smsc: a send is answered with its id; a wrong captcha code
    rejects with SmscApiError carrying the sandbox's error (code 1 by default)."""
    options = {"login": sandbox.login, "password": sandbox.password}
    calls = [
        {"method": "send", "query": {"phones": "79161234567", "mes": "hi"}},
        {
            "method": "send",
            "query": {"phones": "79161234567", "mes": "hi", "imgcode": "1", "userip": "10.0.0.1"},
        },
    ]
    sent, refused = run_node(node_smsc, sandbox, options, calls)
    assert sent == {"ok": {"id": 3001, "cnt": 1}}
    assert refused["error"]["name"] == "SmscApiError"
    assert refused["error"]["response"] == {
        "error": "parameters error: no imgcode for this userip",
        "error_code": 1,
    }


def test_get_answers_in_the_live_shape(node_smsc: Path, sandbox: SandboxHandle) -> None:
    options = {"login": sandbox.login, "password": sandbox.password}
    [result] = run_node(
        node_smsc, sandbox, options, [{"method": "get", "query": {"get_answers": 1}}]
    )
    messages = result["ok"]
    assert messages
    assert all(
        list(m) == ["id", "received", "phone", "message", "to_phone", "sent"] for m in messages
    )
    assert all(isinstance(m["sent"], str) and len(m["sent"]) == 19 for m in messages)
