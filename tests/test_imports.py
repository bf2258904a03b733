"""The package's import graph: no cycles, and stages that know nothing of each other.

Every ``import`` statement counts, those inside functions too (a cycle hidden behind a
function-level import is still a cycle), except those under ``if TYPE_CHECKING:``, which
never run. ``from . import x`` is an edge to the module ``x`` when there is one, else to
the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "unspin"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's own modules that ``path`` imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            bases = [alias.name for alias in node.names]
            names: list[str] = []
        else:
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            if node.level == 0:
                base = node.module or ""
            elif node.module:
                base = f"{base}.{node.module}"
            bases = [base]
            names = [alias.name for alias in node.names]
        for base in bases:
            subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in modules]
            targets.update(subs)
            if len(subs) < len(names) or not names:
                targets.add(base)
    return {t for t in targets if t in modules and t != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_imports_form_no_cycle() -> None:
    assert cycles(import_graph()) == []


def test_cycles_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_imports_a_stage_imports_no_other_stage_and_not_the_pipeline() -> None:
    graph = import_graph()
    forbidden = {"unspin.pipeline", "unspin.registry", "unspin.runner"}
    for module, targets in graph.items():
        if module.startswith("unspin.stages.") and module != "unspin.stages":
            assert not targets & forbidden, (module, targets & forbidden)
            stages = {t for t in targets if t.startswith("unspin.stages")}
            assert not stages, (module, stages)


def test_imports_the_registry_imports_no_stage() -> None:
    assert not {t for t in import_graph()["unspin.registry"] if t.startswith("unspin.stages")}
