"""A site without what the extension can do without: Furo, offline MathJax
(django-static-mathjax) and sphinx-autobuild, each made unimportable in a
fresh process, as if not installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from sitebuild import copy_site

ABSENT = ("furo", "mathjax", "sphinx_autobuild")
BUILD = """
import sys
for name in {absent!r}:
    sys.modules[name] = None  # import fails, find_spec finds nothing: as if not installed
from sphinx.cmd.build import main
sys.exit(main({arguments!r}))
"""


def test_a_site_builds_without_furo_offline_mathjax_and_autobuild(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThe loss is $\\mathcal{L}(\\theta)$.\n", encoding="utf-8")
    outdir = tmp_path / "html"
    arguments = ["-b", "html", "-W", "--keep-going", "-N", str(site), str(outdir)]
    run = subprocess.run([sys.executable, "-c", BUILD.format(absent=ABSENT, arguments=arguments)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert "django-static-mathjax package is not installed, so MathJax is loaded from its CDN" in run.stdout
    html = BeautifulSoup((outdir / "sessions/2030-31/2030-11-25-beta.html").read_text(encoding="utf-8"), "html.parser")
    scripts = [tag.get("src", "") for tag in html.find_all("script")]
    assert any(src.startswith("https://") and "mathjax" in src for src in scripts), scripts
    assert not (outdir / "_static" / "mathjax").exists()
    index = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select("table.schedule tbody tr")
    for link in index.find_all("link", rel="stylesheet"):
        assert (outdir / link["href"].split("?")[0]).is_file(), link["href"]
    assert any("seminar.css" in link["href"] for link in index.find_all("link", rel="stylesheet"))


def test_make_live_without_sphinx_autobuild_says_what_to_install(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".installed").touch()
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(["make", "-C", str(root), "live", f"VENV={venv}", "STAMP=" + str(venv / ".installed")],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert f"make live needs sphinx-autobuild: {venv}/bin/pip install sphinx-autobuild" in run.stderr
