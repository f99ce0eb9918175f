"""The whole fault matrix (issue #11 item 5): ``./dev perf faults``.

Runs tests/test_fault_matrix.py with ``SMSC_FAULTS_FULL=1`` in a child pytest: every sandbox
fault × every user action of every tab, each in the whole main window on the sandbox (see
tests/helpers/fault_matrix.py). Prints one JSON row per cell (``ok``: the app stayed up, a
plain message named the cause or the action ended well after all, no payment was repeated;
``value``: the cell's seconds), then the totals (failing cells: budget 0; repeated payments:
budget 0), and the table of outcomes on stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.helpers.fault_matrix import table
from tests.perf.common import result

BENCH = "faults"
ROOT = Path(__file__).resolve().parents[2]


def run() -> Iterator[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "faults.jsonl"
        env = dict(os.environ, SMSC_FAULTS_FULL="1", SMSC_FAULTS_REPORT=str(report))
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/test_fault_matrix.py", "-q", "-p",
             "no:cacheprovider", "--timeout=600"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        wall = time.perf_counter() - started
        outcomes = [json.loads(line) for line in report.read_text().splitlines() if line]
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
