"""The speed-ups (``sphinx_seminar.speedups``) change no byte of the output.

Each of its pieces puts a subclass of another package's class in that
package's place (sphinxcontrib-bibtex's ``cite`` domain), or keeps a
parse or a sidebar for later, on the versions each was
tested with.  Each build here runs in a fresh process, so that nothing of
one build is in the other; every page of the real site and of a site citing
a large lab bibliography is compared with ``seminar_speedups`` on, off, and
with each piece alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import ROOT, copy_site, sphinx_build, sphinx_build_fresh

CDL_BIB = ROOT.parent / "shared" / "data" / "real-bib" / "cdl" / "cdl.bib"


def _pages(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.html"))
            if not p.relative_to(outdir).as_posix().startswith("_")}


def _files(outdir: Path) -> set[str]:
    """Every file written for readers (not Sphinx's saved environment and doctrees, which hold the settings)."""
    return {p.relative_to(outdir).as_posix() for p in outdir.rglob("*") if p.is_file() and ".doctrees" not in p.parts}


def _same_pages(one: Path, two: Path) -> None:
    first, second = _pages(one), _pages(two)
    assert len(first) > 5 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_site_is_the_same_without_the_speed_ups(tmp_path: Path) -> None:
    ours = sphinx_build_fresh(ROOT, tmp_path / "ours")
    without = sphinx_build_fresh(ROOT, tmp_path / "without", "-D", "seminar_speedups=0")
    for build in (ours, without):
        assert build.returncode == 0, build.warnings + build.stderr
    _same_pages(ours.outdir, without.outdir)
    # Every file, not only the pages: the search index, the calendars and feeds, the sources.
    files, theirs = _files(ours.outdir), _files(without.outdir)
    assert len(files) > 50 and files == theirs
    assert [f for f in sorted(files) if (ours.outdir / f).read_bytes() != (without.outdir / f).read_bytes()] == []


@pytest.mark.parametrize("piece", ["cite-domain", "bib-recipe", "navigation"])
def test_each_piece_alone_changes_nothing(tmp_path: Path, piece: str) -> None:
    site = copy_site("mini", tmp_path)
    (site / "conf.py").write_text((site / "conf.py").read_text(encoding="utf-8") + '\nhtml_theme = "furo"\n', encoding="utf-8")
    without = sphinx_build_fresh(site, tmp_path / "without", "-D", "seminar_speedups=0")
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"\nseminar_speedups = [{piece!r}]\n", encoding="utf-8")
    alone = sphinx_build_fresh(site, tmp_path / "alone")
    assert alone.returncode == without.returncode == 0, alone.warnings + without.warnings
    _same_pages(alone.outdir, without.outdir)


@pytest.mark.skipif(not CDL_BIB.is_file(), reason=f"{CDL_BIB} is not in this checkout's shared data")
def test_a_site_citing_a_lab_bibliography_is_the_same_without_the_speed_ups(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    shutil.copyfile(CDL_BIB, site / "cdl.bib")
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nbibtex_bibfiles = ["refs.bib", "cdl.bib"]\n', encoding="utf-8")
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {cite:t}`Rame72`, {cite:t}`Hass17` and {cite:p}`CoopEtal04,HokEtal07`.\n", encoding="utf-8")
    ours = sphinx_build_fresh(site, tmp_path / "ours")
    upstream = sphinx_build_fresh(site, tmp_path / "upstream", "-D", "seminar_speedups=0")
    assert ours.returncode == upstream.returncode
    assert ours.warnings == upstream.warnings.replace(str(tmp_path / "upstream"), str(tmp_path / "ours"))
    _same_pages(ours.outdir, upstream.outdir)


def test_the_log_says_when_a_version_guard_declines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sphinx_seminar.speedups.citedomain as citedomain

    monkeypatch.setattr(citedomain, "TESTED", ("0.0.",))
    build = sphinx_build(copy_site("mini", tmp_path), tmp_path / "html")
    assert build.returncode == 0, build.warnings
    assert "sphinxcontrib-bibtex 2." in build.log and "is not a version its bibliography domain was tested with" in build.log


REAL_BIBS = sorted((ROOT.parent / "shared" / "data" / "real-bib").glob("*/*.bib"))


@pytest.mark.skipif(not REAL_BIBS, reason="the real lab bibliographies are not in this checkout's shared data")
def test_names_split_later_are_those_pybtex_splits_when_parsing() -> None:
    # The build parses without splitting names and splits those of the entries it shows.
    from split_names_probe import read

    from sphinx_seminar.core.bibfields import split_persons

    eager, lazy = read(REAL_BIBS).entries, read(REAL_BIBS, person_fields=()).entries
    assert len(eager) > 6000 and list(eager) == list(lazy)
    for key, entry in lazy.items():
        split_persons(entry)
        assert [(role, [str(p) for p in people]) for role, people in entry.persons.items()] == \
            [(role, [str(p) for p in people]) for role, people in eager[key].persons.items()], key
        assert list(entry.fields.items()) == list(eager[key].fields.items()), key
