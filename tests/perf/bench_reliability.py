"""Parser fuzzing at full strength (issue #11 item 4): ``./dev perf reliability``.

Runs ``tests/api/test_fuzz.py`` with the ``reliability`` hypothesis profile (random seed,
≥ 10,000 generated bodies across the seven endpoints and job-file heads) in a child pytest,
and prints one JSON row per target with its count, then the totals: bodies fed (budget
≥ 10,000), failing tests (budget 0: every body gave a value or a plain ``SmscError``) and the
slowest single body (budget 5 s: no hangs). The normal suite runs the same tests with the
small fixed-seed ``ci`` profile.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.perf.common import result

BENCH = "reliability"
ROOT = Path(__file__).resolve().parents[2]


def run() -> Iterator[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "fuzz.jsonl"
        env = dict(os.environ, SMSC_FUZZ_PROFILE="reliability", SMSC_FUZZ_REPORT=str(report))
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/api/test_fuzz.py", "-q", "-p",
             "no:cacheprovider", "--timeout=1800"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        wall = time.perf_counter() - started
        rows = [json.loads(line) for line in report.read_text().splitlines() if line.strip()]
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
