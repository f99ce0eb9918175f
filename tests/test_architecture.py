"""The layering rules of DEVELOPERS.md, checked on the source and on real imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "smsc_desktop"


def imported_modules(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(PACKAGE))] = names
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        (
            "api",
            (
                "PySide6",
                "qasync",
                "keyring",
                "smsc_desktop.sandbox",
                "smsc_desktop.services",
                "smsc_desktop.ui",
            ),
        ),
        (
            "sandbox",
            (
                "PySide6",
                "qasync",
                "keyring",
                "smsc_desktop.api",
                "smsc_desktop.services",
                "smsc_desktop.ui",
            ),
        ),
        ("services", ("PySide6", "qasync", "smsc_desktop.ui", "smsc_desktop.sandbox")),
    ],
)
def test_layer_does_not_import(folder: str, forbidden: tuple[str, ...]) -> None:
    offenders = {
        module: sorted(n for n in names if n.startswith(forbidden))
        for module, names in imported_modules(PACKAGE / folder).items()
    }
    assert {m: n for m, n in offenders.items() if n} == {}


def test_widgets_do_not_touch_network_or_keyring() -> None:
    offenders = {
        module: sorted(n for n in names if n.split(".")[0] in {"httpx", "aiohttp", "keyring"})
        for module, names in imported_modules(PACKAGE / "ui").items()
    }
    assert {m: n for m, n in offenders.items() if n} == {}


def test_core_imports_load_no_qt() -> None:
    code = (
        "import smsc_desktop.api, smsc_desktop.sandbox, smsc_desktop.services.session, sys; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), "
        "[m for m in sys.modules if m.startswith('PySide6')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_no_coroutine_pumps_the_qt_event_loop() -> None:
    """processEvents() inside a coroutine runs other tasks' steps re-entrantly under qasync
    ("Cannot enter into task ... while another task is being executed")."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"processEvents", "exec", "exec_"}
                ):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


# Where asyncio tasks may be created: the UI's task groups, the services' task sets, the app's
# startup, and the two parts that run their own loops on their own threads.
TASK_MAKERS = {
    "ui/aio.py",
    "services/tasks.py",
    "app.py",
    "api/fast_download.py",
}


def test_tasks_are_created_only_through_the_task_helpers() -> None:
    """No create_task/ensure_future/get_event_loop outside ui/aio.py and services/tasks.py:
    every task belongs to a widget's TaskGroup or a service's TaskSet, so it ends with its
    owner and its failure is reported (issue #10 item 3)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = str(path.relative_to(PACKAGE))
        if relative in TASK_MAKERS or relative.startswith("sandbox/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                name = node.func.id
            if name in {"create_task", "ensure_future", "get_event_loop"}:
                offenders.append(f"{relative}:{node.lineno} {name}")
    assert offenders == []


def test_services_reach_the_network_only_through_the_api() -> None:
    offenders = {
        module: sorted(n for n in names if n.split(".")[0] in {"httpx", "aiohttp"})
        for module, names in imported_modules(PACKAGE / "services").items()
    }
    assert {m: n for m, n in offenders.items() if n} == {}
