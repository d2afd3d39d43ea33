"""The package's layers: each imports only those before it, and the model and the formats load neither Sphinx nor docutils.

``core`` is the model, ``formats`` the outputs as functions of the site's
snapshot; ``integration`` and ``outputs`` are the Sphinx layer, ``cli`` the
command.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ext" / "sphinx_seminar"
ORDER = ("core", "formats", "integration", "outputs", "cli")
# What each layer may import from the others.  The Sphinx layer's two halves
# (integration: setup, domain, directives, transforms; outputs: the HTML and
# LaTeX rendering and the writer) use each other; the command uses the model
# and the formats.
ALLOWED = {"core": {"core"}, "formats": {"core", "formats"}, "integration": {"core", "formats", "integration", "outputs"},
           "outputs": {"core", "formats", "integration", "outputs"}, "cli": {"core", "formats", "cli"}}


def _layers_imported(path: Path, layer: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            module = (node.module or "").split(".")[0]
            if node.level == 1:
                found.add(layer)
            elif module in ORDER:
                found.add(module)
            else:  # "from .. import x": the package's own __init__ (its version)
                found.update(alias.name for alias in node.names if alias.name in ORDER)
    return found


@pytest.mark.parametrize("layer", ORDER)
def test_a_layer_imports_only_what_it_may(layer: str) -> None:
    for path in sorted((PACKAGE / layer).glob("*.py")):
        assert _layers_imported(path, layer) <= ALLOWED[layer], path.name


@pytest.mark.parametrize("module", sorted(f"{layer}.{p.stem}" for layer in ("core", "formats")
                                          for p in (PACKAGE / layer).glob("*.py") if p.stem != "__init__"))
def test_the_model_and_the_formats_load_neither_sphinx_nor_docutils(module: str) -> None:
    code = (f"import sys, sphinx_seminar.{module}; "
            "print(sorted(m for m in ('sphinx', 'docutils') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_the_seminar_command_loads_neither_sphinx_nor_docutils() -> None:
    run = subprocess.run([sys.executable, "-c", "import sys, sphinx_seminar.cli; print('sphinx' in sys.modules, 'docutils' in sys.modules)"],
                         capture_output=True, text=True)
    assert run.stdout.strip() == "False False", run.stderr


def _module_imports() -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports, also inside functions
    (not under ``if TYPE_CHECKING:``, which never runs)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level and id(node) not in skipped:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        graph[module] = found
    return {module: {d for d in deps if d in graph and d != module} for module, deps in graph.items()}


def test_no_module_imports_itself_through_others() -> None:
    graph = _module_imports()
    cycles = []
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            module = todo.pop()
            if module == start:
                cycles.append(start)
                break
            if module not in seen:
                seen.add(module)
                todo.extend(graph[module])
    assert cycles == []


def test_nothing_imports_the_speed_ups() -> None:
    graph = _module_imports()
    assert not [m for m, deps in graph.items() if not m.startswith("sphinx_seminar.speedups")
                and any(d.startswith("sphinx_seminar.speedups") for d in deps)]
