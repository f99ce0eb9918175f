"""Fixtures for the packaging tests: the packaging/ scripts imported as modules."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """Import packaging/<name>.py (packaging/ is scripts, not a package)."""
    module = sys.modules.get(f"packaging_{name}")
    if module is None:
        spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_py() -> ModuleType:
    return load("build")


@pytest.fixture(scope="session")
def prune_py() -> ModuleType:
    return load("prune")


@pytest.fixture(scope="session")
def icons_py() -> ModuleType:
    return load("icons")


@pytest.fixture(scope="session")
def smoke_py() -> ModuleType:
    return load("smoke")


@pytest.fixture(scope="session")
def icu_py() -> ModuleType:
    return load("icu")
