"""What ``seminar init`` writes with its options, read as the tools read it (make, a YAML parser, pip),
and the site built from it with warnings as errors; this site's own list of pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from sitebuild import ROOT, run_seminar, sphinx_build

OPTIONS = ("--name", "Seminar on Geometry & Learning", "--institute", "Institute of Examples", "--organiser", "Emmy Noether",
           "--timezone", "Australia/Sydney", "--start", "16:15", "--end", "17:45", "--room", "Hall B",
           "--first-day", "2031-02-24", "--last-day", "2031-11-28", "--calendar-domain", "geometry.example.org")


def make_targets(makefile: str) -> dict[str, list[str]]:
    """Each rule's target and its prerequisites, as make reads them."""
    return {m[1]: m[2].split() for m in re.finditer(r"^([A-Za-z][\w.-]*)\s*:(?!=)([^\n]*)$", makefile, re.M)}


def init(tmp_path: Path, *extra: str) -> Path:
    site = tmp_path / "site"
    run = run_seminar("init", str(site), *OPTIONS, *extra)
    assert run.returncode == 0, run.stderr
    return site


def test_the_makefile_builds_the_pdfs_and_the_site_with_them(tmp_path: Path) -> None:
    site = init(tmp_path)
    targets = make_targets((site / "Makefile").read_text(encoding="utf-8"))
    assert {"html", "test", "live", "latexpdf", "handouts", "site", "clean"} <= set(targets)
    assert targets["site"] == ["latexpdf", "handouts", "html"]  # the PDFs first: the HTML links to them
    assert "check-tex" in targets["latexpdf"] and "check-tex" in targets["handouts"]
    # What make would run (-n: nothing is run); the environment is there, so only the builds are printed.
    (site / ".venv").mkdir()
    (site / ".venv/.installed").touch()
    dry = subprocess.run(["make", "-n", "-C", str(site), "latexpdf", "handouts"], capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert ".venv/bin/sphinx-build -M latexpdf . _build -W --keep-going" in dry.stdout
    assert ".venv/bin/sphinx-build -M latexpdf . _build/handouts -D seminar_handouts=1 -W --keep-going" in dry.stdout


def test_the_workflow_checks_out_the_whole_history(tmp_path: Path) -> None:
    site = init(tmp_path)
    workflow = yaml.safe_load((site / ".github/workflows/build.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)
    assert [step["run"] for step in steps if "run" in step] == ["make test", "make html"]


def test_the_site_has_its_speakers_and_series_pages_and_reads_no_other_folder(tmp_path: Path) -> None:
    site = init(tmp_path)
    # What `pip wheel .`, `python -m build` or a virtual environment leave in a folder: never pages.
    for stray in ("build/lib/x/templates/site/foo.md", "dist/notes.md", "venv/lib/python3.11/site-packages/x/README.md",
                  "drafts.md"):
        (site / stray).parent.mkdir(parents=True, exist_ok=True)
        # Sphinx would warn of it, and `seminar check` refuse its include of a hidden file, if either read it.
        (site / stray).write_text("# A page no toctree lists\n\n{unknown-role}`x`\n\n```{include} /.secret\n```\n", encoding="utf-8")
    (site / ".secret").write_text("token\n", encoding="utf-8")
    (site / "dist/sphinx_seminar-0.1.0.tar.gz").write_bytes(b"\x1f\x8b not a page")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    pages = sorted(str(p.relative_to(build.outdir)) for p in build.outdir.rglob("*.html"))
    assert pages == ["archive.html", "embed.html", "genindex.html", "index.html", "references.html", "search.html",
                     "series.html", "sessions/2031/index.html", "speakers.html"], pages
    assert build.page("speakers").title.get_text().startswith("Speakers")
    assert build.page("series").title.get_text().startswith("Lecture series")
    nav = build.page("index").get_text(" ")
    assert "Speakers" in nav and "Lecture series" in nav
    check = run_seminar("check", cwd=site)
    assert check.returncode == 0 and "checked 0 sessions in 1 term(s)" in check.stdout, check.stdout + check.stderr


def test_without_furo_the_site_builds_with_sphinxs_theme_and_says_how_to_get_furo(tmp_path: Path) -> None:
    site = init(tmp_path)
    hidden = tmp_path / "no-furo"
    (hidden / "furo").mkdir(parents=True)
    (hidden / "furo/__init__.py").write_text("raise ImportError('furo is not installed (hidden by the test)')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(hidden), os.environ.get("PYTHONPATH")]))}
    build = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", str(site), str(tmp_path / "html")],
                           capture_output=True, text=True, timeout=600, env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Traceback" not in build.stderr and "no theme named" not in build.stderr
    assert "note: the Furo theme is not installed" in build.stdout and "pip install furo" in build.stdout
    assert "alabaster" in (tmp_path / "html/index.html").read_text(encoding="utf-8")
    with_furo = sphinx_build(site, tmp_path / "furo-html")
    assert with_furo.returncode == 0, with_furo.warnings
    assert "furo" in (with_furo.outdir / "index.html").read_text(encoding="utf-8")
    assert "note: the Furo theme" not in with_furo.log


def test_this_site_lists_its_pages_and_reads_no_build_or_dist_folder(tmp_path: Path) -> None:
    source = tmp_path / "copy"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    # What `pip wheel .` leaves: the package, with the new-site templates, under build/lib; and dist/.
    shutil.copytree(source / "ext/sphinx_seminar", source / "build/lib/sphinx_seminar")
    (source / "build/lib/x/templates/site").mkdir(parents=True)
    (source / "build/lib/x/templates/site/foo.md").write_text("# Foo\n\n{unknown-role}`x`\n", encoding="utf-8")
    (source / "dist").mkdir()
    (source / "dist/notes.md").write_text("# Not a page\n", encoding="utf-8")
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    pages = {str(p.relative_to(build.outdir)) for p in build.outdir.rglob("*.html")}
    assert not [page for page in pages if page.startswith(("build/", "dist/", "tests/", "ext/", "bench/"))], sorted(pages)
    assert {"index.html", "archive.html", "docs/speakers.html", "docs/series.html"} <= pages
    assert any(page.startswith("sessions/2024-25/") for page in pages)


def test_requirements_txt_installs_the_extension_from_an_index_or_a_url_never_a_local_path(tmp_path: Path) -> None:
    from sphinx_seminar.cli.init import installed_source, requirement

    run = run_seminar("init", str(tmp_path / "default"))
    assert run.returncode == 0, run.stderr
    (line,) = (tmp_path / "default/requirements.txt").read_text(encoding="utf-8").splitlines()
    assert line.startswith("sphinx-seminar[site]") and "file:" not in line and "/" not in line.split("@")[0]
    version, direct = installed_source()
    if direct == {} or (direct and direct.get("url", "").startswith("file:")):  # this suite runs from a clone
        assert line == f"sphinx-seminar[site]>={version}"
        assert f"note: requirements.txt installs '{line}' from the package index" in run.stdout and "--extension-source" in run.stdout
    assert line == requirement(version, direct)[0]
    url = "git+https://github.com/example/seminar.git@v0.1.0"
    given = run_seminar("init", str(tmp_path / "given"), "--extension-source", url)
    assert given.returncode == 0, given.stderr
    assert (tmp_path / "given/requirements.txt").read_text(encoding="utf-8") == f"sphinx-seminar[site] @ {url}\n"
    assert "note: requirements.txt" not in given.stdout
    pinned = run_seminar("init", str(tmp_path / "pinned"), "--extension-source", "sphinx-seminar[site]==0.1.0")
    assert (tmp_path / "pinned/requirements.txt").read_text(encoding="utf-8") == "sphinx-seminar[site]==0.1.0\n"
    bad = run_seminar("init", str(tmp_path / "bad"), "--extension-source", "x\n--index-url https://evil.example")
    assert bad.returncode == 2 and "is not one line of text" in bad.stderr and not (tmp_path / "bad").exists()
