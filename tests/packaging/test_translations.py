"""Translations compiled for the bundle (build.py) and loadable by Qt."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


def test_translations_are_compiled_for_the_bundle(
    build_py: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTranslator

    monkeypatch.setattr(build_py, "TRANSLATIONS", tmp_path / "translations")
    compiled = build_py.build_translations()
    sources = sorted(p.stem for p in (build_py.ROOT / "resources" / "translations").glob("*.ts"))
    assert [p.stem for p in compiled] == sources
    for qm in compiled:
        assert QTranslator().load(str(qm))
