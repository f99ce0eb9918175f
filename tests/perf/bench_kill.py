"""The app killed in the middle of a 200 MB download and of a rent (issue #11 item 6):
``./dev perf kill``.

The scenario of tests/test_kill_restart.py (``tests.helpers.processes.kill_and_restart``)
with a 200 MB export file sent at 40 MB/s and the app killed (SIGKILL) once 100 MB are on
disk, while a rent SMSC has carried out waits for its late answer. Rows: where the file was
cut, whether the resumed file has the server's SHA-256 (budget: yes), the rents SMSC got
(budget 1), the time from the restart until the file is done and the rent reconciled.
``SMSC_PERF_KILL_MB`` sets another size.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.helpers.processes import kill_and_restart
from tests.perf.common import result

BENCH = "kill"
MB = 1024 * 1024


def run() -> Iterator[dict[str, Any]]:
    size = int(os.environ.get("SMSC_PERF_KILL_MB", "200")) * MB
    with tempfile.TemporaryDirectory(prefix="smsc-kill-") as folder:
        seen = kill_and_restart(Path(folder), size, rate=40 * MB, kill_at=size // 2)
    yield result(BENCH, "file_size", size / MB, "MB", None)
    yield result(BENCH, "cut_at", seen["cut"] / MB, "MB", None)
    yield result(BENCH, "resumed_with_range", float(seen["file_statuses"][1:] == [206]), "bool",
                 1.0, lower_is_better=False, statuses=seen["file_statuses"])  # fmt: skip
    yield result(BENCH, "sha256_matches", float(seen["sha256"] == seen["server_sha256"]), "bool",
                 1.0, lower_is_better=False)  # fmt: skip
    yield result(BENCH, "rents_sent", seen["rents"], "requests", 1)
    shown = any(text.startswith("Result unknown") for text in seen["shown"])
    yield result(BENCH, "rent_shown_unknown", float(shown), "bool", 1.0, lower_is_better=False)
    reconciled = ("check", "probably_rented") in seen["journal"]
    yield result(BENCH, "rent_reconciled", float(reconciled), "bool", 1.0, lower_is_better=False)
    yield result(BENCH, "app_errors", len(seen["errors"]), "errors", 0)
    yield result(BENCH, "restart_to_done_s", seen["restart_to_done_s"], "s", None)
