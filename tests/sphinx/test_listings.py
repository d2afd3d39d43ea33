"""Listings as people write them (issue 25, point 1), through a whole build of the small site.

A joint talk's affiliations as a list beside its speakers, each shown with
its speaker; a slot's page (TBA) with a heading and no text yet builds
without a warning; and too many affiliations fail the build with the
problem at the affiliation's line.  The exact problems are pinned without
Sphinx (``tests/unit/test_validation_rules.py``, ``tests/unit/test_slot_pages.py``).
"""

from __future__ import annotations

from pathlib import Path

from sitebuild import build_site_with, schedule_rows
from sphinx_seminar.core.check import check_project
from sphinx_seminar.core.problems import Problem

TERM = "sessions/2030-31"
JOINT = f"{TERM}/2030-12-02-joint.md"
SLOT = f"{TERM}/2030-12-09-tba.md"


def details(build, docname: str) -> dict[str, str]:
    soup = build.page(docname)
    names = [dt_.get_text(strip=True).rstrip(":") for dt_ in soup.select("dl.session-details > dt")]
    return dict(zip(names, [dd.get_text(" ", strip=True) for dd in soup.select("dl.session-details > dd")]))


def test_listings_as_people_write_them_build_without_a_warning(tmp_path: Path) -> None:
    site, build = build_site_with("mini", tmp_path, {
        JOINT: "---\ntitle: Joint\nspeaker: [Ada Lovelace, Alan Turing]\naffiliation: [Analytical Society, Manchester]\n"
               "date: 2030-12-02\n---\n\nText.\n",
        SLOT: "---\ntitle: TBA\nspeaker: TBA\ndate: 2030-12-09\n---\n\n# TBA\n",
    })
    assert build.returncode == 0, build.warnings
    assert "is empty" not in build.warnings
    assert details(build, JOINT[:-3])["Speakers"] == "Ada Lovelace (Analytical Society) and Alan Turing (Manchester)"
    entries = [li.select_one("p").get_text(" ", strip=True) for li in build.page("speakers").select("ul.speakers > li")]
    assert "Ada Lovelace (Analytical Society)" in entries and "Alan Turing (Manchester)" in entries
    assert "To be announced" in [row[-1] for row in schedule_rows(build.page("index"))]
    assert check_project(site).problems == []  # seminar check reads the pages as the build does


def test_a_known_sessions_empty_heading_and_too_many_affiliations_fail_the_build(tmp_path: Path) -> None:
    site, build = build_site_with("mini", tmp_path, {
        JOINT: "---\ntitle: Joint\nspeaker: [Ada Lovelace, Alan Turing]\naffiliation: [X, Y, Z]\ndate: 2030-12-02\n---\n\nText.\n",
        SLOT: "---\ntitle: Known\nspeaker: Emmy Noether\ndate: 2030-12-09\n---\n\n# Known\n",
    })
    assert build.returncode != 0
    assert "Traceback" not in build.stderr + build.warnings
    lines = [line.split("/mini/", 1)[-1] for line in build.warning_lines()]
    assert any(line.startswith(f"{JOINT}:4: WARNING: affiliation: 2 speakers but 3 affiliations (give one affiliation per speaker")
               for line in lines), lines
    assert any(line.startswith(f"{SLOT}:7: WARNING: section 'Known' is empty") for line in lines), lines
    assert check_project(site).problems == [
        Problem(JOINT, 4, "affiliation", "2 speakers but 3 affiliations",
                "give one affiliation per speaker, in the same order, or give each speaker's with it: speaker: [{name: ..., affiliation: ...}]"),
        Problem(SLOT, 7, None, "section 'Known' is empty", "write its text or remove the heading")]


ALPHA_I = f"{TERM}/2030-11-04-alpha-1.md"
ALPHA_II = f"{TERM}/2030-11-11-alpha-2.md"


def test_a_series_given_by_its_title_and_parts_by_their_numerals(tmp_path: Path) -> None:
    # The lecture's parts I and II are not on the site: these are its parts 3 and 4, in Arabic numerals,
    # one page naming the series by its title, the other by the slug made from it.
    _, build = build_site_with("mini", tmp_path, {
        ALPHA_I: "---\ntitle: Alpha I\nspeaker: Ada Lovelace\ndate: 2030-11-04\nseries: Alpha and Omega\npart: 3\n---\n\nText.\n",
        ALPHA_II: "---\ntitle: Alpha II\nspeaker: Ada Lovelace\ndate: 2030-11-11\nseries: alpha-and-omega\npart: 4\n---\n",
    })
    assert build.returncode == 0, build.warnings
    navigation = build.page(ALPHA_II[:-3]).select_one("p.series-navigation").get_text(" ", strip=True)
    assert navigation.startswith("Part 4 of 4. Previous: Alpha I"), navigation
    listed = build.page("series").select_one("ul.series-list > li > p").get_text(" ", strip=True)
    assert listed == "Alpha and Omega by Ada Lovelace, 2 parts", listed
    assert (build.outdir / "series-alpha-and-omega.ics").is_file()
