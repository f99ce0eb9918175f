"""Test SMS in the account's journal (issue 12): their lines read back, and the Numbers tab's
journal words every action and outcome a send can write."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from smsc_desktop.services.journal import Journal, JournalAction, JournalEntry, JournalOutcome
from smsc_desktop.ui.models.journal import OUTCOME_TONES, JournalColumn, JournalModel

WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def line(outcome: JournalOutcome, **fields: Any) -> JournalEntry:
    values: dict[str, Any] = {
        "time": WHEN,
        "profile": "Sandbox demo",
        "action": JournalAction.SEND,
        "phone": "79161234567",
        "outcome": outcome,
        "currency": "RUR",
        "amount": Decimal("2.50"),
        "op": "s1",
    }
    values.update(fields)
    return JournalEntry(**values)


def test_a_send_line_reads_back_with_its_message_id(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.append(line(JournalOutcome.REQUESTED))
    journal.append(line(JournalOutcome.OK, message_id=3001))
    requested, done = journal.read()
    assert requested.message_id is None
    assert "message_id" not in requested.to_json()
    assert done.message_id == 3001
    assert done.action is JournalAction.SEND


def test_the_journal_words_sends_and_their_checks(qtmodeltester: Any) -> None:
    model = JournalModel()
    model.set_entries(
        [
            line(JournalOutcome.REQUESTED),
            line(JournalOutcome.OK, message_id=3001),
            line(JournalOutcome.PROBABLY_SENT, op="s2", action=JournalAction.CHECK),
            line(JournalOutcome.PROBABLY_NOT_SENT, op="s3", action=JournalAction.CHECK),
        ]
    )
    qtmodeltester.check(model)
    rows = {model.data(model.index(r, JournalColumn.OUTCOME)): r for r in range(3)}
    assert set(rows) == {"Done", "Probably sent", "Probably not sent"}
    sent = rows["Done"]
    assert model.data(model.index(sent, JournalColumn.ACTION)) == "Test SMS"
    assert "SMS id 3001" in model.data(model.index(sent, JournalColumn.DETAIL))
    assert set(OUTCOME_TONES) == set(JournalOutcome)
    for action in JournalAction:
        assert model.action_text(action)
    for outcome in JournalOutcome:
        assert model.outcome_text(outcome)
