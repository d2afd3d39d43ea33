"""The extension's configuration: neutral defaults, one table, documented from that table."""

from __future__ import annotations

import re
from pathlib import Path

from icalendar import Calendar

from sitebuild import ROOT, Build, copy_site, sphinx_build


def mini_with(tmp_path: Path, conf_lines: str = "", drop: str = "") -> Build:
    site = copy_site("mini", tmp_path)
    conf = site / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text((text.replace(drop, "") if drop else text) + conf_lines, encoding="utf-8")
    return sphinx_build(site, tmp_path / "html")


def test_calendar_uids_take_the_host_of_html_baseurl_and_prodid_the_project(tmp_path: Path) -> None:
    build = mini_with(tmp_path, 'html_baseurl = "https://seminar.example.org/archive/"\n',
                      drop='seminar_calendar_domain = "test-seminar.example.org"\n')
    assert build.returncode == 0, build.warnings
    calendar = Calendar.from_ical((build.outdir / "schedule.ics").read_bytes())
    assert calendar["PRODID"] == "-//Test seminar//seminar calendar//EN"
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids and all(uid.endswith("@seminar.example.org") for uid in uids), uids
    assert "sessions-2030-31-2030-11-25-beta@seminar.example.org" in uids


def test_without_an_address_or_a_calendar_domain_the_build_says_what_to_set(tmp_path: Path) -> None:
    build = mini_with(tmp_path, drop='seminar_calendar_domain = "test-seminar.example.org"\n')
    assert build.returncode != 0
    assert ("WARNING: calendar UIDs need a domain of this site's own: set html_baseurl (its address) or "
            "seminar_calendar_domain (for example your site's host name) in conf.py") in build.warnings


def test_a_term_must_name_its_time_zone(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    term = site / "sessions/2030-31/index.md"
    term.write_text(term.read_text(encoding="utf-8").replace("timezone: Europe/Berlin\n", ""), encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode != 0
    assert f"{term}:1: WARNING: timezone: required field is missing (add a line 'timezone: ...' to the front-matter)" in build.warnings


def test_no_default_names_this_seminar() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "ext").rglob("*") if path.suffix in (".py", ".js", ".css"))
    for name in ("mis.mpg", "MPI MiS", "Max Planck", "Leipzig", "E2 10", "Joharinad", "Taha", "Scherf", "Europe/Berlin"):
        assert not re.search(re.escape(name), text), name
