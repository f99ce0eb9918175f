"""The app killed (SIGKILL) in the middle of a download and of a rent, then started again.

Real processes: a sandbox of its own (it outlives the app), and the app on a saved profile
(tests/helpers/app_child.py). The first run starts a download of an export file (at a
capped rate) and a rent (which SMSC carries out and answers late), and is killed while both
are on their way. The second run resumes the file, which ends with the server's SHA-256,
and shows the rent as "result unknown", reconciles it and never sends it again: the
sandbox's request log has exactly one rent. ``./dev perf kill`` does the same with 200 MB.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.processes import kill_and_restart

pytestmark = pytest.mark.slow

SIZE = 4 * 1024 * 1024


def test_killed_mid_download_and_mid_rent_resumes_and_reconciles(tmp_path: Path) -> None:
    # 256 KiB/s: the file is at the kill point after 1 s and whole only after 16 s, so the
    # kill lands in the middle of it however slow the machine is at that moment.
    seen = kill_and_restart(tmp_path, SIZE, rate=256 * 1024, kill_at=256 * 1024)
    assert seen["errors"] == []
    # the file: cut in the middle, resumed there, whole, the server's bytes
    assert 0 < seen["cut"] < SIZE
    assert seen["file_statuses"] == [200, 206]
    assert seen["size"] == SIZE
    assert seen["sha256"] == seen["server_sha256"]
    # the rent: shown unknown, reconciled, never sent again
    assert any(text.startswith("Result unknown") for text in seen["shown"])
    assert seen["rents"] == 1
    assert seen["journal"] == [
        ("rent", "requested"),
        ("rent", "unknown"),
        ("check", "probably_rented"),
    ]
