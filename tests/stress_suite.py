"""Run the whole test suite repeatedly while other processes keep every core busy.

    ./dev stress [RUNS] [PYTEST ARGS...]     # default 10 runs of the whole suite

A test that fails once in ten runs under load is a bug (in the code or the test), never
noise: this is how such a failure is found before CI finds it. One busy-loop process per
core runs for the whole time (``os.cpu_count()``); each run is the README's test command.
Prints one JSON object per run and a summary: ``{"runs", "passed", "failed", ...}``; exits 1
if any run failed (its output is kept in ``.cache/stress/run-N.log``).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _burn() -> None:  # pragma: no cover - runs in the load processes
    while True:
        pass


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv and argv[0].isdigit() else 10
    pytest_args = argv[1:] if argv and argv[0].isdigit() else argv
    logs = ROOT / ".cache" / "stress"
    logs.mkdir(parents=True, exist_ok=True)
    load = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(os.cpu_count() or 2)]
    for process in load:
        process.start()
    results = []
    try:
        for run in range(1, runs + 1):
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.monotonic() - started
            output = done.stdout + done.stderr
            (logs / f"run-{run}.log").write_text(output, encoding="utf-8")
            tail = output.strip().splitlines()[-1] if output.strip() else ""
            counts = {k: int(v) for v, k in re.findall(r"(\d+) (passed|failed|errors?)", tail)}
            failures = re.findall(r"^(?:FAILED|ERROR) (\S+)", output, re.M)
            result = {
                "run": run,
                "ok": done.returncode == 0,
                "seconds": round(seconds, 1),
                "passed": counts.get("passed", 0),
                "failed": counts.get("failed", 0),
                "errors": counts.get("error", 0) + counts.get("errors", 0),
                "failures": failures,
            }
            results.append(result)
            print(json.dumps(result), flush=True)
    finally:
        for process in load:
            process.kill()
    failed = [r for r in results if not r["ok"]]
    summary = {
        "runs": len(results),
        "passed": len(results) - len(failed),
        "failed": len(failed),
        "cores_loaded": len(load),
        "median_seconds": sorted(r["seconds"] for r in results)[len(results) // 2],
    }
    print(json.dumps(summary), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
