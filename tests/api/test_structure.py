"""The api package's shape: no import cycles, and no module reaching into another's
private members (issue #10 item 5)."""

from __future__ import annotations

import ast
from pathlib import Path

API = Path(__file__).resolve().parents[2] / "smsc_desktop" / "api"
PREFIX = "smsc_desktop.api"


def _module_name(path: Path) -> str:
    return PREFIX if path.name == "__init__.py" else f"{PREFIX}.{path.stem}"


def import_graph() -> dict[str, set[str]]:
    """Every api module and the api modules it imports anywhere in it (also under
    ``TYPE_CHECKING`` and inside functions: a cycle there is still a cycle of the design)."""
    modules = {_module_name(p) for p in API.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in API.glob("*.py"):
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module == PREFIX:
                    # "from smsc_desktop.api import parsing" names a module, not __init__
                    names = {f"{PREFIX}.{a.name}" for a in node.names}
                    edges.update(names & modules or {PREFIX})
                elif node.module in modules:
                    edges.add(node.module)
        graph[_module_name(path)] = edges - {_module_name(path)}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_api_has_no_import_cycles() -> None:
    assert find_cycle(import_graph()) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_modules_inside_the_api_do_not_import_the_package() -> None:
    """``from smsc_desktop.api import X`` inside the api loads ``__init__`` and with it
    everything; modules name the module they need."""
    offenders = [
        module for module, edges in import_graph().items() if module != PREFIX and PREFIX in edges
    ]
    assert offenders == []


def test_no_module_uses_the_clients_private_members() -> None:
    """``download`` and ``fast_download`` once used 13 private members of ``SmscClient``."""
    offenders = []
    for path in API.glob("*.py"):
        if path.name == "client.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name | ast.Attribute)
                and "client" in ast.unparse(node.value)
            ):
                offenders.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    assert offenders == []
