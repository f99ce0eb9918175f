"""Benchmarks: ``python -m tests.perf [NAME ...]`` (or ``./dev perf [NAME ...]``).

Each benchmark is a module ``tests/perf/bench_<name>.py`` with a function
``run() -> Iterator[dict]`` yielding results made with ``tests.perf.common.result``. The runner
prints one JSON object per line:

    {"bench": ..., "metric": ..., "value": ..., "unit": ..., "budget": ..., "ok": true|false}

These machines are noisy: every benchmark measures its own baseline in the same run (a bare
PySide6 window, curl against the same server, ...) and reports ratios against it where the
budget is a ratio. Benchmarks are not tests: they are not collected by pytest.
"""
