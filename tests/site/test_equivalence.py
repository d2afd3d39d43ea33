"""The extension's subclasses in upstream's place render exactly what upstream renders.

``sphinx_seminar.integration.bibdomain`` puts a subclass of sphinxcontrib-bibtex's ``cite``
domain in its place, and ``sphinx_seminar.integration.pagecheck`` one of myst-parser's parser,
each on the versions listed in its ``TESTED``.  Each build here runs in a
fresh process, so that nothing of one build is in the other; every page of
the real site and of a site citing a large lab bibliography is compared.
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


def _same_pages(one: Path, two: Path) -> None:
    first, second = _pages(one), _pages(two)
    assert len(first) > 5 and sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_the_site_is_the_same_with_upstreams_domain_and_parser(tmp_path: Path) -> None:
    ours = sphinx_build_fresh(ROOT, tmp_path / "ours")
    bibtex = sphinx_build_fresh(ROOT, tmp_path / "bibtex", "-D", "seminar_fast_bibtex=0")
    parser = sphinx_build_fresh(ROOT, tmp_path / "parser", "-D", "seminar_single_parse=0")
    for build in (ours, bibtex, parser):
        assert build.returncode == 0, build.warnings + build.stderr
    _same_pages(ours.outdir, bibtex.outdir)
    _same_pages(ours.outdir, parser.outdir)


@pytest.mark.skipif(not CDL_BIB.is_file(), reason=f"{CDL_BIB} is not in this checkout's shared data")
def test_a_site_citing_a_lab_bibliography_is_the_same_with_upstreams_domain(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    shutil.copyfile(CDL_BIB, site / "cdl.bib")
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nbibtex_bibfiles = ["refs.bib", "cdl.bib"]\n', encoding="utf-8")
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {cite:t}`Rame72`, {cite:t}`Hass17` and {cite:p}`CoopEtal04,HokEtal07`.\n", encoding="utf-8")
    ours = sphinx_build_fresh(site, tmp_path / "ours")
    upstream = sphinx_build_fresh(site, tmp_path / "upstream", "-D", "seminar_fast_bibtex=0")
    assert ours.returncode == upstream.returncode
    assert ours.warnings == upstream.warnings.replace(str(tmp_path / "upstream"), str(tmp_path / "ours"))
    _same_pages(ours.outdir, upstream.outdir)


def test_the_log_says_when_a_version_guard_declines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sphinx_seminar.integration.bibdomain as bibdomain
    import sphinx_seminar.integration.pagecheck as pagecheck

    monkeypatch.setattr(bibdomain, "TESTED", ("0.0.",))
    monkeypatch.setattr(pagecheck, "TESTED", ("0.0.",))
    build = sphinx_build(copy_site("mini", tmp_path), tmp_path / "html")
    assert build.returncode == 0, build.warnings
    assert "sphinxcontrib-bibtex 2." in build.log and "is not a version its bibliography domain was tested with" in build.log
    assert "myst-parser 5." in build.log and "pages are parsed a second time for their checks" in build.log


def test_the_log_says_when_the_latex_shortcut_is_not_tested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_seminar.core import bibtext

    monkeypatch.setattr(bibtext, "TESTED", {"pybtex": ("0.0.",), "latexcodec": ("2.", "3.")})
    bibtext.untested_versions.cache_clear()
    try:
        build = sphinx_build(copy_site("mini", tmp_path), tmp_path / "html")
    finally:
        bibtext.untested_versions.cache_clear()
    assert build.returncode == 0, build.warnings
    assert "the bibliography's shortcut past LaTeX decoding was not tested with pybtex 0." in build.log
    assert "pybtex decodes every value" in build.log


REAL_BIBS = sorted((ROOT.parent / "shared" / "data" / "real-bib").glob("*/*.bib"))


@pytest.mark.skipif(not REAL_BIBS, reason="the real lab bibliographies are not in this checkout's shared data")
def test_names_split_later_are_those_pybtex_splits_when_parsing() -> None:
    # The build parses without splitting names and splits those of the entries it shows.
    from bibtext_probe import read

    from sphinx_seminar.core.bibfields import split_persons

    eager, lazy = read(REAL_BIBS).entries, read(REAL_BIBS, person_fields=()).entries
    assert len(eager) > 6000 and list(eager) == list(lazy)
    for key, entry in lazy.items():
        split_persons(entry)
        assert [(role, [str(p) for p in people]) for role, people in entry.persons.items()] == \
            [(role, [str(p) for p in people]) for role, people in eager[key].persons.items()], key
        assert list(entry.fields.items()) == list(eager[key].fields.items()), key
