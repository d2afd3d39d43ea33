"""The extension as a package: a wheel carries every file a site built from it links."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from sitebuild import ROOT


def clean_copy(target: Path) -> Path:
    """The repository's tracked files only, as a fresh clone has them (no build leftovers such as egg-info)."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def test_the_wheel_carries_the_browser_files(tmp_path: Path) -> None:
    source = clean_copy(tmp_path / "source")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    static = sorted(p.relative_to(ROOT / "ext").as_posix() for p in (ROOT / "ext/sphinx_seminar/static").iterdir())
    assert static == [f"sphinx_seminar/static/{name}" for name in ("embed.js", "seminar-when.js", "seminar.css", "seminar.js")]
    assert set(static) <= names
    assert "sphinx_seminar/py.typed" in names and "sphinx_seminar/integration/extension.py" in names
    assert {f"sphinx_seminar/{layer}/__init__.py" for layer in ("core", "integration", "outputs", "cli")} <= names
    assert "sphinx_seminar/texinputs/sphinxseminar.sty" in names
    templates = {f"sphinx_seminar/cli/templates/site/{p.name}" for p in (ROOT / "ext/sphinx_seminar/cli/templates/site").iterdir()}
    assert templates and templates <= names
    # The messages' catalogue and the German translation, compiled: what a German site reads.
    assert {"sphinx_seminar/locale/sphinx_seminar.pot", "sphinx_seminar/locale/de/LC_MESSAGES/sphinx_seminar.mo"} <= names
    compiled = zipfile.ZipFile(wheel).read("sphinx_seminar/locale/de/LC_MESSAGES/sphinx_seminar.mo")
    assert compiled == (ROOT / "ext/sphinx_seminar/locale/de/LC_MESSAGES/sphinx_seminar.mo").read_bytes()
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "[pybtex.style.formatting]\nseminar = sphinx_seminar.outputs.bibstyle:SeminarFormattingStyle" in entry_points


def local_files_linked(page: Path, outdir: Path) -> list[Path]:
    """The files a built page loads from the site itself (stylesheets, scripts, images)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refs = [tag.get("href") for tag in soup.find_all("link", rel="stylesheet")] + [tag.get("src") for tag in soup.find_all(["script", "img"])]
    return [(page.parent / ref.split("?")[0]).resolve() for ref in refs if ref and "://" not in ref and not ref.startswith("data:")]


def test_a_second_seminar_goes_from_the_wheel_to_a_built_site_in_two_commands(tmp_path: Path) -> None:
    source = clean_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)], check=True, timeout=600)
    (wheel,) = wheels.glob("*.whl")
    # Their own environment, outside this repository, with the extension from the wheel.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900)

    # Command one.
    site = tmp_path / "their-seminar"
    init = subprocess.run([str(venv / "bin/seminar"), "init", str(site), "--name", "Seminar on Geometry & Learning",
                           "--institute", "Institute of Examples", "--organiser", "Emmy Noether", "--timezone", "America/New_York",
                           "--start", "16:15", "--end", "17:45", "--room", "Hall B", "--first-year", "2031",
                           "--calendar-domain", "geometry.example.org", "--extension-source", str(wheel)],
                          capture_output=True, text=True, timeout=120)
    assert init.returncode == 0, init.stderr
    for name in ("conf.py", "index.md", "sessions/2031-32/index.md", "references.bib", "Makefile", "README.md",
                 ".pre-commit-config.yaml", ".github/workflows/build.yml"):
        assert (site / name).is_file(), name
    assert (site / "requirements.txt").read_text(encoding="utf-8").strip() == f"sphinx-seminar[site] @ {wheel.as_uri()}"
    # Without --extension-source, a wheel from a local path is no source for CI: the package index's version, and a note.
    other = subprocess.run([str(venv / "bin/seminar"), "init", str(tmp_path / "other")], capture_output=True, text=True, timeout=120)
    assert other.returncode == 0, other.stderr
    assert (tmp_path / "other/requirements.txt").read_text(encoding="utf-8") == "sphinx-seminar[site]>=0.1.0\n"
    assert f"note: requirements.txt installs 'sphinx-seminar[site]>=0.1.0' from the package index: this copy of the extension was installed from a local path ({wheel.as_uri()})" in other.stdout
    assert "make html" in (site / "README.md").read_text(encoding="utf-8") and "make test" in (site / "README.md").read_text(encoding="utf-8")
    # A first session, as a speaker adds it.
    new = subprocess.run([str(venv / "bin/seminar"), "new", "--date", "2031-10-06", "--speaker", "Ada Lovelace", "--title", "Engines"],
                         cwd=site, capture_output=True, text=True, timeout=120)
    assert new.returncode == 0, new.stderr
    page = next((site / "sessions/2031-32").glob("2031-10-06-*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nThe analytical engine.\n", encoding="utf-8")

    # Command two: its Makefile makes its own environment from requirements.txt and builds, warnings as errors.
    build = subprocess.run(["make", "-C", str(site), "html"], capture_output=True, text=True, timeout=1200)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    # -W: a single Sphinx warning would have failed it (pip's own notes about this machine's index are no concern).
    assert "build succeeded." in build.stdout and not [line for line in build.stderr.splitlines() if ": WARNING: " in line]
    outdir = site / "_build/html"
    schedule = (outdir / "index.html").read_text(encoding="utf-8")
    assert "Engines" in schedule and "Ada Lovelace" in schedule and "16:15–17:45" in schedule and "Hall B" in schedule
    for html in [outdir / "index.html", *outdir.glob("sessions/2031-32/*.html")]:
        missing = [str(f) for f in local_files_linked(html, outdir) if not f.is_file()]
        assert missing == [], (html.name, missing)
    assert any(f.name == "seminar.css" for f in local_files_linked(outdir / "index.html", outdir))
    ics = (outdir / "schedule.ics").read_text(encoding="utf-8")
    assert "@geometry.example.org" in ics and "TZID=America/New_York" in ics and "Seminar on Geometry & Learning" in ics
