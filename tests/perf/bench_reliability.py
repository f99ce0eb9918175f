"""Parser fuzzing at full strength (issue #11 item 4): ``./dev perf reliability``.

Runs ``tests/api/test_fuzz.py`` with the ``reliability`` hypothesis profile (random seed,
≥ 10,000 generated bodies across the seven endpoints and job-file heads) in a child pytest,
and prints one JSON row per target with its count, then the totals: bodies fed (budget
≥ 10,000), failing tests (budget 0: every body gave a value or a plain ``SmscError``) and the
slowest single body (budget 5 s: no hangs). The normal suite runs the same tests with the
small fixed-seed ``ci`` profile.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from tests.perf.common import result, run_pytest_report

BENCH = "reliability"


def run() -> Iterator[dict[str, Any]]:
    done = run_pytest_report(
        "tests/api/test_fuzz.py", "SMSC_FUZZ_REPORT", 1800, SMSC_FUZZ_PROFILE="reliability"
    )
    rows, wall = done.rows, done.wall_s
    failed = _count(done.stdout, "failed") + _count(done.stdout, "error")
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:])
    total = 0
    for row in rows:
        total += row["bodies"]
        yield result(BENCH, f"bodies_{row['target']}", row["bodies"], "bodies", None)
    slowest = max((row["slowest_s"] for row in rows), default=0.0)
    yield result(BENCH, "bodies_total", total, "bodies", 10_000, lower_is_better=False)
    yield result(BENCH, "failing_tests", failed, "tests", 0, exit_code=done.returncode)
    yield result(BENCH, "slowest_body_s", slowest, "s", 5.0)
    yield result(BENCH, "wall_s", wall, "s", None)


def _count(output: str, word: str) -> int:
    """How many tests pytest's summary line reports as *word* ("failed", "error")."""
    found = re.findall(rf"(\d+) {word}", output.strip().splitlines()[-1] if output.strip() else "")
    return int(found[-1]) if found else 0
