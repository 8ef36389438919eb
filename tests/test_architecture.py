"""The layering of ``src/termcheck``, read from the imports (docs/architecture.md).

Every import is counted, including those inside functions: a lazy import is still a
dependency. A module may import a module of a lower layer, or one of its own package; readers
and reporters may import only the model, offsets and errors; nothing imports the CLI; and the
graph of modules has no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "termcheck"

LAYERS: dict[str, int] = {
    "termcheck": 0,
    "errors": 0,
    "offsets": 0,
    "atomic": 0,
    "files": 0,
    "model": 1,
    "languages": 2,
    "readers": 2,
    "reporters": 2,
    "normalize": 3,
    "casing": 3,
    "config": 3,
    "suppressions": 3,
    "baseline": 3,
    "glossary": 4,
    "matching": 5,
    "rules": 6,
    "discovery": 7,
    "parts": 7,
    "stretches": 7,
    "changes": 7,
    "engine": 8,
    "fixer": 9,
    "selftest": 10,
    "audit": 10,
    "cli": 11,
    "__main__": 12,
}
"""Top-level part of ``termcheck`` → its layer. A new module needs a line here."""

LEAF_PACKAGES = {"readers", "reporters"}
LEAF_ALLOWED = {"termcheck", "model", "offsets", "errors"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("termcheck"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if not module.startswith("termcheck"):
                continue
            found.add(module)
            # ``from termcheck.rules import deprecated_variant`` imports a submodule.
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                if (SOURCE.parent / Path(*candidate.split("."))).with_suffix(".py").exists() or (
                    SOURCE.parent / Path(*candidate.split(".")) / "__init__.py"
                ).exists():
                    found.add(candidate)
    found.discard(name)
    return found


def _graph() -> dict[str, set[str]]:
    return {
        _module_name(path): _imports(path, _module_name(path))
        for path in sorted(SOURCE.rglob("*.py"))
    }


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "termcheck"


def test_every_module_has_a_layer():
    missing = sorted({_part(m) for m in _graph()} - set(LAYERS))
    assert not missing, f"add these to LAYERS (and docs/architecture.md): {missing}"


def test_imports_point_down_the_layers():
    wrong = []
    for module, imported in _graph().items():
        mine = _part(module)
        for target in imported:
            theirs = _part(target)
            if theirs == mine:
                continue
            if mine in LEAF_PACKAGES and theirs not in LEAF_ALLOWED:
                wrong.append(f"{module} imports {target} ({mine} may import only the model)")
            elif LAYERS[theirs] >= LAYERS[mine] and theirs != "termcheck":
                layers = f"layer {LAYERS[theirs]} >= {LAYERS[mine]}"
                wrong.append(f"{module} imports {target} ({layers})")
    assert not wrong, "\n".join(sorted(wrong))


def test_nothing_imports_the_cli():
    users = sorted(
        module
        for module, imported in _graph().items()
        if "termcheck.cli" in imported and module != "termcheck.__main__"
    )
    assert not users


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in graph:
                continue
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_the_walker_sees_lazy_imports(tmp_path):
    # The checks above are only as good as the import walker: a function-level import counts.
    path = tmp_path / "lazy.py"
    path.write_text("def f():\n    from termcheck.cli import cli\n    return cli\n")
    assert "termcheck.cli" in _imports(path, "termcheck.lazy")
