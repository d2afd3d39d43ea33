"""The package's layers: each imports only those before it, and the core loads neither Sphinx nor docutils."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ext" / "sphinx_seminar"
ORDER = ("core", "integration", "outputs", "cli")
# What each layer may import from the others.  The Sphinx integration and the
# outputs use each other (setup() wires the outputs; they read the domain);
# the command-line tools use the core alone.
ALLOWED = {"core": {"core"}, "integration": {"core", "integration", "outputs"},
           "outputs": {"core", "integration", "outputs"}, "cli": {"core", "cli"}}


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


@pytest.mark.parametrize("module", sorted(p.stem for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__"))
def test_the_core_loads_neither_sphinx_nor_docutils(module: str) -> None:
    code = (f"import sys, sphinx_seminar.core.{module}; "
            "print(sorted(m for m in ('sphinx', 'docutils') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_the_seminar_command_loads_neither_sphinx_nor_docutils() -> None:
    run = subprocess.run([sys.executable, "-c", "import sys, sphinx_seminar.cli; print('sphinx' in sys.modules, 'docutils' in sys.modules)"],
                         capture_output=True, text=True)
    assert run.stdout.strip() == "False False", run.stderr
