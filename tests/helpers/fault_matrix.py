"""The fault matrix of issue #11 item 5: each sandbox fault × each user action of every tab.

One cell: the whole main window (``AppHarness``) on the sandbox's demo account, brought to
where the action starts; the fault put on the action's endpoint (for one request); the action
done as a user does it; then, once its outcome is shown:

- the app is up (the window exists, no error was logged, no exception escaped a slot);
- a plain message named the cause (its family: a timeout, a broken connection, an answer
  that was not SMSC data, SMSC's error N, a result unknown and checked), or the action ended
  well after all (a resumed download with the server's SHA-256, a poll that read again);
- no money-spending request was repeated (the sandbox's request log: at most one rent or
  renewal change per action, none for the others).

``run_cell(world_factory, fault, action)`` returns an :class:`Outcome`; tests/test_fault_matrix.py
runs a CI-sized subset, ``./dev perf faults`` the whole matrix.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from tests.helpers.fault_actions import ACTIONS, Action, World

TIMEOUT = 1.0
"""The client timeout of the matrix's sessions (seconds)."""
LATENCY = 3.0
"""Past the timeout and the whole-request deadline of any request."""


@dataclass(frozen=True)
class Fault:
    name: str
    spec: dict[str, Any]
    causes: tuple[str, ...]
    """The families of message that name this fault's cause."""
    only: tuple[str, ...] = ()
    """The only actions it applies to (empty: all)."""


# What the user reads for each kind of cause (English: the tests run untranslated).
CAUSES: dict[str, re.Pattern[str]] = {
    "timeout": re.compile(r"did not answer (in time|within)", re.I),
    "broken": re.compile(r"connection (broke|dropped)|cannot be reached", re.I),
    "not_smsc": re.compile(r"unexpected|web page|not SMSC data|error page|could not be read", re.I),
    "unknown": re.compile(
        r"result (is )?unknown|is unknown|answer .* was lost|most likely rented|"
        r"was not rented|still unknown|unconfirmed|not confirmed",
        re.I,
    ),
    "e1": re.compile(r"rejected the request as invalid|invalid|\berror 1\b", re.I),
    "e2": re.compile(r"login|password|sign-in", re.I),
    "e3": re.compile(r"money|did not find|not found", re.I),
    "e4": re.compile(r"blocked", re.I),
    "e5": re.compile(r"error 5\b", re.I),
    "e6": re.compile(r"error 6\b", re.I),
    "e7": re.compile(r"error 7\b", re.I),
    "e8": re.compile(r"error 8\b", re.I),
    "e9": re.compile(r"too many|identical|wait a minute", re.I),
}

LOST = ("timeout", "broken", "unknown")
"""A request that left and whose answer did not (whole) come back."""

FAULTS: tuple[Fault, ...] = (
    Fault("latency", {"latency": LATENCY}, ("timeout", "unknown")),
    Fault("drop", {"drop_after": 0}, ("broken", "unknown")),
    Fault("http_500", {"http_500": True}, ("not_smsc", "unknown")),
    Fault("html", {"html": 200}, ("not_smsc", "unknown")),
    Fault("truncated_json", {"truncate": True}, ("not_smsc", "broken", "unknown")),
    *(Fault(f"error_{code}", {"error_code": code}, (f"e{code}",)) for code in range(1, 10)),
    Fault("closed_mid_body", {"drop_after": 1}, ("broken", "unknown")),
    Fault("one_byte_a_second", {"rate": 1}, LOST),
    Fault("lying_length", {"extra_length": 1000}, ("broken", "not_smsc", "unknown")),
    Fault("error_as_file", {"file_error": 3}, ("e3",), only=("download",)),
)


@dataclass
class Outcome:
    fault: str
    action: str
    up: bool = True
    settled: bool = True
    cause: str = ""
    """The family of the message that named the cause; "recovered"; "local"; "" (none)."""
    message: str = ""
    money_requests: int = 0
    repeated: bool = False
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str = ""

    @property
    def ok(self) -> bool:
        if self.skipped:
            return True
        return self.up and self.settled and bool(self.cause) and not self.repeated

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def applies(fault: Fault, action: Action) -> bool:
    return not fault.only or action.name in fault.only


def cells(names: list[tuple[str, str]] | None = None) -> list[tuple[Fault, Action]]:
    """Every (fault, action) that applies, or the ones ``names`` lists."""
    faults = {f.name: f for f in FAULTS}
    actions = {a.name: a for a in ACTIONS}
    if names is not None:
        return [(faults[f], actions[a]) for f, a in names]
    return [(f, a) for f in FAULTS for a in ACTIONS if applies(f, a)]


MONEY_KEYS = ("receive_phones.buy", "receive_phones.chg", "send.send")


def money_count(world: World) -> int:
    counters = world.sandbox.state()["requests"]
    return sum(int(counters.get(key, 0)) for key in MONEY_KEYS)


def name_cause(fault: Fault, texts: list[str]) -> tuple[str, str]:
    """(family, text) of the first shown text that names one of the fault's causes."""
    for text in texts:
        for family in fault.causes:
            if CAUSES[family].search(text):
                return family, text
    return "", ""


def run_cell(world: World, fault: Fault, action: Action, errors: list[str]) -> Outcome:
    """Do ``action`` under ``fault`` in ``world`` (prepared, not yet faulted); ``errors``
    collects what is logged at ERROR or above meanwhile."""
    outcome = Outcome(fault.name, action.name)
    started = time.monotonic()
    if action.tab in world.window.pages:
        world.window.show_tab(action.tab)  # where the user does it
    action.prepare(world)
    before = money_count(world)
    logged_before = len(errors)
    world.sandbox.set_fault(action.endpoint, count=1, **fault.spec)
    seen: list[str] = []

    def look() -> bool:
        for text in action.texts(world):
            if text and text not in seen:
                seen.append(text)
        return action.settled(world)

    action.perform(world)
    try:
        world.wait(look, timeout=45_000)
    except Exception:  # pytest-qt's TimeoutError: never settled
        outcome.settled = False
    look()
    world.sandbox.clear_faults()
    outcome.seconds = round(time.monotonic() - started, 2)
    outcome.money_requests = money_count(world) - before
    outcome.repeated = outcome.money_requests > (1 if action.money else 0)
    outcome.errors = errors[logged_before:]
    outcome.up = world.window.isVisible() and not outcome.errors
    family, text = name_cause(fault, seen)
    if family:
        outcome.cause, outcome.message = family, text
    elif action.local and outcome.settled:
        outcome.cause = "local"
    elif action.recovered(world):
        outcome.cause = "recovered"
    outcome.message = outcome.message or (seen[-1] if seen else "")
    return outcome


def table(outcomes: list[dict[str, Any]]) -> str:
    """A readable table: one row per fault, one column per action (ok/FAIL and the family)."""
    actions = [a.name for a in ACTIONS]
    by_cell = {(o["fault"], o["action"]): o for o in outcomes}
    faults = [f.name for f in FAULTS if any(o["fault"] == f.name for o in outcomes)]
    width = max(len(a) for a in actions) + 1
    lines = ["fault".ljust(18) + "".join(a[:width].ljust(width + 1) for a in actions)]
    for name in faults:
        row = name.ljust(18)
        for action in actions:
            cell = by_cell.get((name, action))
            if cell is None:
                mark = "-"
            elif cell["skipped"]:
                mark = "n/a"
            else:
                mark = ("ok " if cell["ok"] else "FAIL ") + (cell["cause"] or "?")
            row += mark[:width].ljust(width + 1)
        lines.append(row)
    return "\n".join(lines)
