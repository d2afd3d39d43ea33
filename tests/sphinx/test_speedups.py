"""``seminar_speedups`` switches the speed-ups, piece by piece; the product never needs them.

What each piece replaces is checked on a real application: the registered
``cite`` domain and Markdown parser, where the bibliography parse goes, and
the handlers of Furo's page context.  (That the output is the same either
way is ``tests/site/test_equivalence.py``.)
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from sitebuild import copy_site


def _in_place(tmp_path: Path, value: object) -> dict[str, bool]:
    """Which pieces an application of the mini site has, with ``seminar_speedups = value``."""
    site = copy_site("mini", tmp_path)
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f'\nhtml_theme = "furo"\nseminar_speedups = {value!r}\n', encoding="utf-8")
    # As sphinx.testing does: the directives registered stay with this application.
    with docutils_namespace():
        app = Sphinx(site, site, tmp_path / "html", tmp_path / "doctrees", "html", status=io.StringIO(), warning=io.StringIO())
        return _what_is_in_place(app) | {"loaded": "sphinx_seminar.speedups" in app.extensions}


def _what_is_in_place(app: Sphinx) -> dict[str, bool]:
    handlers = [listener.handler.__qualname__ for listener in app.events.listeners["html-page-context"]]
    return {
        "cite-domain": type(app.env.domains["cite"]).__name__ == "SeminarBibtexDomain",
        "bib-recipe": type(app.env.domains["cite"].bibdata.data).__name__ == "ParsedBibliography",
        "navigation": "SharedSidebars.share" in handlers,
    }


PIECES = ["cite-domain", "bib-recipe", "navigation"]


def test_every_piece_is_on_by_default_and_none_when_off(tmp_path: Path) -> None:
    assert _in_place(tmp_path / "on", True) == dict.fromkeys(PIECES, True) | {"loaded": True}
    assert _in_place(tmp_path / "off", False) == dict.fromkeys(PIECES, False) | {"loaded": False}


@pytest.mark.parametrize("piece", ["bib-recipe", "navigation", "cite-domain"])
def test_a_list_puts_only_the_pieces_named_in_place(tmp_path: Path, piece: str) -> None:
    assert _in_place(tmp_path, [piece]) == {name: name == piece for name in PIECES} | {"loaded": True}


def test_the_removed_pieces_names_put_nothing_in_place(tmp_path: Path) -> None:
    # latex-decoding and myst-parser were removed (docs/performance.md): a conf.py that still names them builds.
    assert _in_place(tmp_path, ["latex-decoding", "myst-parser"]) == dict.fromkeys(PIECES, False) | {"loaded": True}


def test_a_copy_of_the_package_without_the_speed_ups_builds_the_same_site(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    from sitebuild import ROOT

    package = tmp_path / "ext" / "sphinx_seminar"
    shutil.copytree(ROOT / "ext" / "sphinx_seminar", package, ignore=shutil.ignore_patterns("__pycache__", "speedups"))
    site = copy_site("mini", tmp_path)
    outputs = {}
    for name, path in (("without", str(tmp_path / "ext")), ("with", str(ROOT / "ext"))):
        run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-N", "-W", "--keep-going", "-d",
                              str(tmp_path / name / ".doctrees"), str(site), str(tmp_path / name)],
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": path})
        assert run.returncode == 0, run.stderr
        outputs[name] = run.stdout
    assert "the speed-ups (sphinx_seminar.speedups) are not installed" in outputs["without"]
    assert "not installed" not in outputs["with"]
    pages = sorted(p.relative_to(tmp_path / "with") for p in (tmp_path / "with").rglob("*.html"))
    assert len(pages) > 5
    assert [p for p in pages if (tmp_path / "with" / p).read_bytes() != (tmp_path / "without" / p).read_bytes()] == []
