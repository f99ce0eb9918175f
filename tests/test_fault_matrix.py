"""The fault matrix (tests/helpers/fault_matrix.py): each sandbox fault × each user action.

The suite runs a representative subset (``CI_CELLS``: every fault once, every action once);
``SMSC_FAULTS_FULL=1`` runs every cell (``./dev perf faults`` does, and prints the table).
``SMSC_FAULTS_REPORT=PATH`` appends one JSON line per cell to PATH.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from shiboken6 import isValid

from smsc_desktop.services.session import SessionOptions
from tests.helpers.app import AppHarness
from tests.helpers.fault_actions import Action, World
from tests.helpers.fault_matrix import TIMEOUT, Fault, cells, run_cell
from tests.helpers.sandbox import SandboxHandle

# Every fault and every action at least once, the money actions under the faults that
# lose an answer.
CI_CELLS = [
    ("latency", "rent"),
    ("drop", "renewal"),
    ("closed_mid_body", "download"),
    ("error_as_file", "download"),
    ("lying_length", "load_list"),
    ("truncated_json", "check"),
    ("http_500", "job_list"),
    ("html", "connection_test"),
    ("error_2", "balance"),
    ("error_9", "wait_call"),
    ("one_byte_a_second", "poll"),
    ("error_3", "rent"),
    ("error_1", "add"),
    ("error_4", "confirm"),
    ("drop", "overview"),
    ("http_500", "captcha_send"),
]
FULL = bool(os.environ.get("SMSC_FAULTS_FULL"))
SELECTED = cells() if FULL else cells(CI_CELLS)

if FULL:
    pytestmark = pytest.mark.slow


async def quick_sleep(seconds: float) -> None:
    """Backoffs pass at once; the schedules of a minute or more keep their time."""
    await asyncio.sleep(seconds if seconds >= 20 else min(seconds, 0.05))


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage()}")


@pytest.fixture
def errors() -> Iterator[list[str]]:
    handler = Errors()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)


def open_world(qtbot: Any, qloop: Any, sandbox: SandboxHandle, root: Path) -> World:
    options = SessionOptions(timeout=TIMEOUT, poll_interval=0.2, sleep=quick_sleep)
    app = AppHarness(qtbot, qloop, root / "app", sandbox, session_options=options)
    app.ctx.accounts.test_timeout = TIMEOUT  # the connection test's own client, likewise
    app.ctx.overview.timeout = TIMEOUT  # and the overview's
    profile = app.add_sandbox_profile("Client")
    app.ctx.profiles.set_active(profile.id)
    app.run(app.controller.start())
    session = app.wait_session(profile.id)
    # The account's tabs; the overview reads its accounts only once it is shown.
    pages = [page for name, page in app.window.pages.items() if name != "overview"]
    qtbot.waitUntil(
        lambda: all(p.is_loaded() for p in pages) and session.balance is not None, timeout=20_000
    )
    app.window.show()
    return World(app, sandbox, root / "Downloads")


def report(outcome: dict[str, Any]) -> None:
    path = os.environ.get("SMSC_FAULTS_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(outcome, ensure_ascii=False) + "\n")


@pytest.mark.parametrize(
    ("fault", "action"), SELECTED, ids=[f"{f.name}-{a.name}" for f, a in SELECTED]
)
def test_the_app_stays_up_names_the_cause_and_repeats_no_payment(
    qtbot: Any,
    qloop: Any,
    sandbox: SandboxHandle,
    tmp_path: Path,
    errors: list[str],
    fault: Fault,
    action: Action,
) -> None:
    world = open_world(qtbot, qloop, sandbox, tmp_path)
    try:
        outcome = run_cell(world, fault, action, errors).to_json()
    finally:
        for key in ("dialog", "confirm"):
            dialog = world.state.get(key)
            if dialog is not None and isValid(dialog) and dialog.isVisible():
                dialog.reject()
        world.app.close()
    report(outcome)
    assert outcome["ok"], outcome
