"""Runs the benchmarks named on the command line (all of them without arguments)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all): {available()}")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = args.names or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; available: {available()}")
    failed = False
    for name in names:
        module = importlib.import_module(f"tests.perf.bench_{name}")
        try:
            for row in module.run():
                print(json.dumps(row, ensure_ascii=False), flush=True)
                failed |= not row.get("ok", True)
        except Exception:
            traceback.print_exc()
            print(
                json.dumps(
                    {
                        "bench": name,
                        "metric": "error",
                        "value": None,
                        "unit": "",
                        "budget": None,
                        "ok": False,
                    }
                ),
                flush=True,
            )
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
