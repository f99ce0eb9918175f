"""The request log's text form (copy, save, debug info): every field, no secret."""

from __future__ import annotations

from datetime import UTC, datetime

from smsc_desktop.api import RequestRecord
from smsc_desktop.services.debuginfo import debug_info
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.redaction import register_secret
from smsc_desktop.services.request_log import (
    COLUMNS,
    LoggedRequest,
    RequestLog,
    format_requests,
    request_fields,
)
from smsc_desktop.services.secrets import KeyringProblem, KeyringStatus


def record(**fields: object) -> RequestRecord:
    values: dict[str, object] = {
        "started_at": datetime(2025, 3, 1, 9, 30, 0, 123000, tzinfo=UTC),
        "host": "smsc.ru",
        "endpoint": "balance",
        "command": "balance",
        "params": {"cur": "1"},
        "duration": 0.2345,
        "http_status": 200,
        "outcome": "ok",
    }
    values.update(fields)
    return RequestRecord(**values)  # type: ignore[arg-type]


def test_fields_and_lines() -> None:
    ok = LoggedRequest("Client A", record())
    failed = LoggedRequest(
        "Client B", record(outcome="error", error="2", error_code=2, http_status=200)
    )
    fields = request_fields(ok)
    assert fields["endpoint"] == "balance.php balance"
    assert fields["duration_ms"] == "234"
    assert fields["params"] == "cur=1"
    assert request_fields(failed)["outcome"] == "error 2"
    text = format_requests([ok, failed])
    lines = text.splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    assert len(lines) == 3
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)


def test_echoed_secrets_are_masked() -> None:
    register_secret("Echoed-Secret-4242")
    item = LoggedRequest("A", record(params={"phone": "Echoed-Secret-4242", "psw": "x1"}))
    text = format_requests([item])
    assert "Echoed-Secret-4242" not in text
    assert "x1" not in text


def test_ring_buffer_keeps_the_newest() -> None:
    log = RequestLog(capacity=3)
    observe = log.observer_for("A")
    for n in range(5):
        observe(record(command=f"c{n}"))
    assert [i.record.command for i in log] == ["c2", "c3", "c4"]
    assert log.capacity == 3


def test_debug_info_has_versions_keyring_requests_and_no_secret() -> None:
    register_secret("Debug-Secret-777")
    log = RequestLog()
    log.observer_for("Client")(record(params={"x": "Debug-Secret-777"}))
    text = debug_info(
        extra=["Qt 6.x"],
        keyring=KeyringStatus("k.SecretService", KeyringProblem.LOCKED, "read: locked"),
        profile=Profile(name="Client", server="https://smsc.ru", login="secret-login"),
        requests=log,
    )
    assert "SMSC Desktop" in text
    assert "Python" in text
    assert "Qt 6.x" in text
    assert "k.SecretService; session only (locked)" in text
    assert "smsc.ru (production, sign-in by password)" in text
    assert "balance.php balance" in text
    assert "Debug-Secret-777" not in text
    assert "secret-login" not in text  # the login is not needed to help
