"""Issue 17, item 10: each documented alternative the client accepts does what README's
"Connecting to the real SMSC" table says, against the sandbox."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from smsc_desktop.api import Credentials
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import PRODUCTION_SERVERS, is_production_server
from smsc_desktop.services.session import AccountSession
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_profile

README = Path(__file__).resolve().parents[2] / "README.md"


def session_with(sandbox: SandboxHandle, tmp_path: Path, creds: Credentials) -> AccountSession:
    return AccountSession(sandbox_profile(sandbox), creds, AppPaths(tmp_path / "app"))


async def balance_with(sandbox: SandboxHandle, tmp_path: Path, creds: Credentials) -> str:
    session = session_with(sandbox, tmp_path, creds)
    try:
        await session.refresh_balance()
        assert session.balance is not None
        return str(session.balance.amount)
    finally:
        await session.close()


async def test_the_md5_of_the_password_signs_in_as_typed(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    md5 = hashlib.md5(sandbox.demo.password.encode(), usedforsecurity=False).hexdigest()
    assert await balance_with(sandbox, tmp_path, Credentials.from_password("demo", md5)) == (
        "5000.00"
    )
    entry = sandbox.state()["log"][-1]
    assert entry["params"]["psw"] != md5  # masked in the sandbox's log: sent, not shown
    assert entry["account"] == "demo"


async def test_requests_are_posted_as_utf8_json(sandbox: SandboxHandle, tmp_path: Path) -> None:
    creds = Credentials.from_password(sandbox.demo.login, sandbox.demo.password)
    await balance_with(sandbox, tmp_path, creds)
    entry = sandbox.state()["log"][-1]
    assert entry["method"] == "POST"
    assert entry["body"] == "urlencoded"
    assert entry["params"]["fmt"] == "3"
    assert entry["params"]["charset"] == "utf-8"


async def test_an_api_key_is_sent_as_apikey_never_as_an_empty_login(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="login"):
        Credentials.from_password("", sandbox.demo.apikey)
    creds = Credentials.from_api_key(sandbox.demo.apikey)
    assert await balance_with(sandbox, tmp_path, creds) == "5000.00"
    entry = sandbox.state()["log"][-1]
    assert "apikey" in entry["params"]
    assert "login" not in entry["params"]
    assert "psw" not in entry["params"]


@pytest.mark.parametrize("site", ["smsc.ru", "smsc.kz", "smsc.ua", "smscentre.com"])
def test_each_site_and_its_www2_mirror_is_a_live_server(site: str) -> None:
    assert is_production_server(f"https://{site}")
    assert is_production_server(f"www2.{site}")
    assert f"www2.{site} (mirror)" in PRODUCTION_SERVERS.values()


def test_the_readme_lists_each_alternative() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Connecting to the real SMSC", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    for documented in ("MD5", "`apikey`", "empty `login`", "`www2.`", "GET or POST", "koi8-r"):
        assert any(documented in row for row in rows), documented
    assert "`fmt` 0–3" in section
