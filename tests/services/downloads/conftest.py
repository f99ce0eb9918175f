"""Fixtures of the download-queue tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """An empty download folder."""
    folder = tmp_path / "files"
    folder.mkdir()
    return folder
