"""PyPI ``smsc`` 0.1.1 (by Otetz), a client nobody here wrote, against the sandbox.

What the library does (read from its source): ``SMSC(login, password)`` sends every call as a
GET to ``SMSC._url + "<script>.php"`` with ``login``, ``psw`` (the password or its MD5, as
given) and ``fmt=3``; ``get_balance()`` adds ``cur=1`` and wraps ``r.json()`` in a
``BalanceResponse`` (``balance``/``credit`` as floats, ``currency``, and ``error`` =
``SMSCError(code, error)`` or None). Any HTTP status but 200 raises the call's own exception
(``GetBalanceError``, ``SendError``...), so SMSC errors must come back as HTTP 200 bodies.
"""

from __future__ import annotations

import hashlib
import logging
from types import ModuleType

import pytest

from tests.helpers.sandbox import SandboxHandle


@pytest.fixture
def smsc_lib(sandbox: SandboxHandle, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The ``smsc`` package, pointed at the sandbox.

    Importing it calls ``logging.basicConfig(level=DEBUG)``; the root logger is put back as
    it was so the rest of the suite does not log at DEBUG.
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    import smsc
    import smsc.api

    root.setLevel(level)
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    monkeypatch.setattr(smsc.api.SMSC, "_url", f"{sandbox.url}/sys/")
    return smsc


def test_balance_with_the_password(smsc_lib: ModuleType, sandbox: SandboxHandle) -> None:
    result = smsc_lib.SMSC(login=sandbox.login, password=sandbox.password).get_balance()
    assert result.error is None
    assert result.balance == 5000.0
    assert result.credit == 0.0
    assert result.currency == "RUR"
    (entry,) = sandbox.state()["log"]
    assert entry["method"] == "GET"
    assert entry["params"]["cur"] == "1"


def test_balance_with_the_md5_of_the_password(smsc_lib: ModuleType, sandbox: SandboxHandle) -> None:
    md5 = hashlib.md5(sandbox.password.encode()).hexdigest()
    result = smsc_lib.SMSC(login=sandbox.login, password=md5).get_balance()
    assert result.error is None
    assert (result.balance, result.currency) == (5000.0, "RUR")


def test_balance_in_another_currency(smsc_lib: ModuleType, sandbox: SandboxHandle) -> None:
    result = smsc_lib.SMSC(login=sandbox.kz.login, password=sandbox.kz.password).get_balance()
    assert (result.balance, result.currency, result.error) == (250000.0, "KZT", None)


def test_balance_with_a_wrong_password(smsc_lib: ModuleType, sandbox: SandboxHandle) -> None:
    result = smsc_lib.SMSC(login=sandbox.login, password="not-the-password").get_balance()
    assert result.error == (2, "authorise error")
    assert result.error.code == 2
    assert result.balance == 0.0
    assert result.currency == ""


def test_balance_of_a_blocked_account(smsc_lib: ModuleType, sandbox: SandboxHandle) -> None:
    client = smsc_lib.SMSC(login=sandbox.blocked.login, password=sandbox.blocked.password)
    result = client.get_balance()
    assert result.error == (4, "IP is temporarily blocked")
    assert result.balance == 0.0


def test_balance_over_the_limit(smsc_lib: ModuleType, sandbox: SandboxHandle) -> None:
    client = smsc_lib.SMSC(login=sandbox.login, password=sandbox.password)
    results = [client.get_balance() for _ in range(11)]
    assert [r.error for r in results[:10]] == [None] * 10
    assert results[10].error == (9, "duplicate request, wait a minute")
    assert results[10].balance == 0.0
    sandbox.advance_clock(61)
    assert client.get_balance().error is None


def test_cost_and_send_through_the_library(smsc_lib: ModuleType, sandbox: SandboxHandle) -> None:
    """send.php (issue 12): the library's ``get_cost`` (``cost=1``) and ``send`` (``cost=2``)
    read the sandbox's answers; status.php is still not simulated, and the library raises on
    that SMSC error as on any object it cannot read."""
    client = smsc_lib.SMSC(login=sandbox.login, password=sandbox.password)
    message = smsc_lib.SMSMessage(text="Привет")
    cost = client.get_cost(to="79161234567", message=message)
    assert cost.error is None
    assert (cost.count, cost.cost) == (1, 2.5)
    result = client.send(to="79161234567", message=message)
    assert result.error is None
    assert (result.message_id, result.count, result.cost) == (3001, 1, 2.5)
    assert sandbox.account_state()["balance"] == "4997.50"
    with pytest.raises(smsc_lib.GetStatusError, match=r"status\.php is not simulated"):
        client.get_status(to="79161234567", msg_id="1")  # the library raises on any object
    entries = sandbox.state()["log"]
    assert [(e["endpoint"], e["command"]) for e in entries[:2]] == [
        ("send", "cost"),
        ("send", "send"),
    ]
    assert entries[1]["params"]["mes"] == "Привет"
    assert entries[1]["params"]["phones"] == "79161234567"


def test_a_send_the_sandbox_refuses_is_an_error_the_library_reports(
    smsc_lib: ModuleType, sandbox: SandboxHandle
) -> None:
    """An SMSC error in the body: the library turns it into ``SendResponse.error`` instead of
    raising ``SendError`` for a non-200 page."""
    client = smsc_lib.SMSC(login=sandbox.poor.login, password=sandbox.poor.password)
    text = "Длинное сообщение " * 40  # 720 characters of Cyrillic: 11 parts, 27.50 > 10.00
    result = client.send(to="79161234567", message=smsc_lib.SMSMessage(text=text))
    assert result.error == (3, "no money")
    assert (result.message_id, result.count, result.cost) == (None, 0, 0.0)
