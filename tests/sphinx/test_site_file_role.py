"""``{site-file}`name```: a page links a file the build writes beside the pages, by its name in the registry."""

from __future__ import annotations

from pathlib import Path

from sitebuild import copy_site, sphinx_build


def _site(tmp_path: Path, text: str) -> Path:
    site = copy_site("mini", tmp_path)
    page = site / "series.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return site


def test_a_file_of_the_registry_is_linked_from_the_page_and_a_calendar_to_subscribe(tmp_path: Path) -> None:
    site = _site(tmp_path, "Follow {site-file}`atom.xml`, {site-file}`schedule-2030-31.ics` or {site-file}`schedule.json`.")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    links = {a.get_text(): a["href"] for a in build.page("series").select("a.site-file")}
    assert links == {"atom.xml": "atom.xml", "schedule-2030-31.ics": "schedule-2030-31.ics", "schedule.json": "schedule.json"}
    assert all((build.outdir / href).is_file() for href in links.values())
    based = sphinx_build(site, tmp_path / "based", "-D", "html_baseurl=https://example.org/seminar/")
    links = {a.get_text(): a["href"] for a in based.page("series").select("a.site-file")}
    assert links["schedule-2030-31.ics"] == "webcal://example.org/seminar/schedule-2030-31.ics"
    assert links["atom.xml"] == "atom.xml"


def test_a_name_the_build_does_not_write_is_a_located_warning_and_stays_text(tmp_path: Path) -> None:
    site = _site(tmp_path, "Subscribe to {site-file}`schedule-2029-30.ics`.")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 1
    (line,) = build.warning_lines()
    text = (site / "series.md").read_text(encoding="utf-8").splitlines()
    assert f"{site / 'series.md'}:{text.index('Subscribe to {site-file}`schedule-2029-30.ics`.') + 1}:" in line
    assert "{site-file} names 'schedule-2029-30.ics', which the build does not write beside the pages" in line
    assert "name one of: schedule.json, schedule.schema.json, schedule-2030-31.json, schedule-2030-31.ics" in line
    page = build.page("series")
    assert not page.select("a.site-file") and "schedule-2029-30.ics" in page.get_text()
