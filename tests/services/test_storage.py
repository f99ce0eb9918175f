"""``services/storage.py``: writes that end late never put back an older state."""

from __future__ import annotations

import json
from pathlib import Path

from smsc_desktop.services.storage import OrderedWrites


def test_ordered_writes_never_put_back_an_older_state(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    writes = OrderedWrites()
    late = writes.take()  # a worker thread took this snapshot...
    newest = writes.take()
    writes.write(path, newest, {"items": []})  # ...the shutdown wrote a newer one first...
    writes.write(path, late, {"items": [1, 2]})  # ...and the worker's write ends now
    assert json.loads(path.read_text(encoding="utf-8")) == {"items": []}
    writes.write(path, writes.take(), {"items": [3]})
    assert json.loads(path.read_text(encoding="utf-8")) == {"items": [3]}
