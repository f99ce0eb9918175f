"""The whole fault matrix (issue #11 item 5): ``./dev perf faults``.

Runs tests/test_fault_matrix.py with ``SMSC_FAULTS_FULL=1`` in a child pytest: every sandbox
fault × every user action of every tab, each in the whole main window on the sandbox (see
tests/helpers/fault_matrix.py). Prints one JSON row per cell (``ok``: the app stayed up, a
plain message named the cause or the action ended well after all, no payment was repeated;
``value``: the cell's seconds), then the totals (failing cells: budget 0; repeated payments:
budget 0), and the table of outcomes on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from tests.helpers.fault_matrix import table
from tests.perf.common import result, run_pytest_report

BENCH = "faults"


def run() -> Iterator[dict[str, Any]]:
    done = run_pytest_report(
        "tests/test_fault_matrix.py", "SMSC_FAULTS_REPORT", 600, SMSC_FAULTS_FULL="1"
    )
    outcomes, wall = done.rows, done.wall_s
    for cell in outcomes:
        yield result(
            BENCH,
            f"{cell['fault']}/{cell['action']}",
            cell["seconds"],
            "s",
            None,
            cause=cell["cause"],
            message=cell["message"],
            money_requests=cell["money_requests"],
            up=cell["up"],
            cell_ok=cell["ok"],
        ) | {"ok": cell["ok"]}
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-6000:])
    sys.stderr.write(table(outcomes) + "\n")
    failing = sum(1 for cell in outcomes if not cell["ok"])
    yield result(BENCH, "cells", len(outcomes), "cells", None)
    yield result(BENCH, "failing_cells", failing, "cells", 0, exit_code=done.returncode)
    repeated = sum(1 for cell in outcomes if cell["repeated"])
    yield result(BENCH, "repeated_payments", repeated, "cells", 0)
    down = sum(1 for cell in outcomes if not cell["up"])
    yield result(BENCH, "app_down_or_errors_logged", down, "cells", 0)
    yield result(BENCH, "wall_s", wall, "s", None)
