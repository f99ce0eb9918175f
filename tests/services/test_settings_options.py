"""Declared options with a range: a saved value outside it reads as the nearest end, and
setting one outside it is refused (the settings dialog offers only the range)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsc_desktop.services.settings import OPTIONS, Settings


def test_inbox_options_and_their_ranges(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert settings.get("inbox/lookback_hours") == 24
    assert settings.get("inbox/poll_seconds") == 15
    lookback = OPTIONS["inbox/lookback_hours"]
    assert (lookback.minimum, lookback.maximum) == (1, 168)
    poll = OPTIONS["inbox/poll_seconds"]
    assert (poll.minimum, poll.maximum) == (10, 30)
    settings.set("inbox/lookback_hours", 168)
    with pytest.raises(ValueError, match=r"1\.\.168"):
        settings.set("inbox/lookback_hours", 169)
    with pytest.raises(TypeError):
        settings.set("inbox/poll_seconds", "20")
    assert Settings(tmp_path / "settings.json").get("inbox/lookback_hours") == 168


def test_a_hand_edited_value_out_of_range_reads_as_the_nearest_end(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "schema": 1,
                "values": {
                    "inbox/lookback_hours": 1000,
                    "inbox/poll_seconds": 1,
                    "verification/poll_seconds": True,
                },
            }
        ),
        encoding="utf-8",
    )
    settings = Settings(path)
    assert settings.get("inbox/lookback_hours") == 168
    assert settings.get("inbox/poll_seconds") == 10
    assert settings.get("verification/poll_seconds") == 5  # a bool is not a number here
