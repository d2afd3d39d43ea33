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

PACKAGE = Path(__file__).resolve().parents[1] / "ext" / "sphinx_seminar"
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
