"""The lint gate: ruff (lint and format) and mypy, as .ci/run runs it before the tests.

    ./dev lint          # or: python packaging/lint.py

mypy is strict on the whole package (pyproject.toml). A module that cannot be strict yet gets
a ``[[tool.mypy.overrides]]`` entry and a line in ``RATCHET`` below with the number of errors
it had under strict; the gate fails when that number grows, and asks for the line to be
lowered when it shrinks, so the list only ever gets shorter. ``# type: ignore`` must carry an
error code mypy knows (``ignore-without-code`` is on, and unused ignores are errors).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# module path -> strict errors it may still have (shrinks only). Empty: all strict-clean.
RATCHET: dict[str, int] = {}


def run(*cmd: str) -> int:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


def strict_errors(module: str) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return len(re.findall(r": error:", done.stdout))


def main() -> int:
    failed = 0
    failed |= run(sys.executable, "-m", "ruff", "check", ".")
    failed |= run(sys.executable, "-m", "ruff", "format", "--check", ".")
    failed |= run(sys.executable, "-m", "mypy")
    for module, allowed in RATCHET.items():
        found = strict_errors(module)
        if found > allowed:
            print(f"{module}: {found} strict mypy errors, more than the {allowed} allowed")
            failed = 1
        elif found < allowed:
            print(f"{module}: {found} strict mypy errors: lower its RATCHET line to {found}")
            failed = 1
    print("lint:", "FAILED" if failed else "passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
