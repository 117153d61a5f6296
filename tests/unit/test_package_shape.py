"""The package reads as its pipeline: no import cycles, and no module too long to hold in one's
head (issue 23). The word catalogues are long by nature and exempt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"
LONGEST = 400
"""Lines a module may have (the catalogues aside)."""
CATALOGUES = {"messages.py", "ui_text.py"}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Return the package modules each module imports, at its top or inside a function."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module in modules:
                    found.add(node.module)
                for alias in node.names:  # `from site_builder import build`: a module
                    if f"{node.module}.{alias.name}" in modules:
                        found.add(f"{node.module}.{alias.name}")
        found.discard(name)
        graph[name] = found
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """Return one import cycle of `graph` (its modules in order), or [] if there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = 1
        path.append(name)
        for imported in sorted(graph.get(name, ())):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state:
                found = visit(imported)
                if found:
                    return found
        path.pop()
        state[name] = 2
        return []

    for name in sorted(graph):
        if name not in state:
            found = visit(name)
            if found:
                return found
    return []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_import_graph_sees_function_level_and_module_imports() -> None:
    graph = imports(_modules())
    assert "site_builder.kiosk" in graph["site_builder.board_writer"]  # inside a function
    assert "site_builder.last_build" in graph["site_builder.incremental"]  # `from pkg import mod`


def test_the_package_has_no_import_cycle() -> None:
    assert cycle(imports(_modules())) == []


@pytest.mark.parametrize("name", sorted(_modules()))
def test_no_module_is_too_long(name: str) -> None:
    path = _modules()[name]
    if path.name in CATALOGUES:
        return
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LONGEST, f"{name}: {lines} lines; split it where its seams are"
