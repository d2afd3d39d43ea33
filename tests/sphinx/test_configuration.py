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


def test_the_configuration_is_the_same_from_one_build_to_the_next(tmp_path: Path) -> None:
    # Sphinx compares the configuration with the last build's: the extension's own values (its
    # static folder among html_static_path) must not differ, or every build says it has changed
    # and reads every page again.
    site = copy_site("mini", tmp_path / "site")
    first = sphinx_build(site, tmp_path / "html")
    again = sphinx_build(site, tmp_path / "html")
    assert first.returncode == again.returncode == 0, again.warnings
    assert not re.search(r"config(uration)? (has )?changed", again.log, re.I), again.log
    assert again.read() == []
    # A real change still says so.
    changed = sphinx_build(site, tmp_path / "html", "-D", "seminar_week_numbers=0")
    assert re.search(r"config(uration)? (has )?changed", changed.log, re.I), changed.log


def test_the_week_column_can_be_left_out(tmp_path: Path) -> None:
    from sitebuild import schedule_rows

    site = copy_site("mini", tmp_path / "site")
    build = sphinx_build(site, tmp_path / "html", "-D", "seminar_week_numbers=0")
    assert build.returncode == 0, build.warnings
    index = build.page("index")
    assert [th.get_text(strip=True) for th in index.select("table.schedule th")] == [
        "Date", "Time (Berlin)", "Room", "Speaker", "Topic"]
    assert not index.select("td.column-week") and schedule_rows(index)[0][0] == "Mon, 04.11.2030"
    date = build.page("sessions/2030-31/2030-11-04-alpha-1").select_one("dl.session-details dt.session-date + dd")
    assert date.get_text(" ", strip=True) == "Monday, 4 November 2030"
