"""What students get besides the schedule: calendars, speakers, series, usable references."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
from icalendar import Calendar
from pybtex.database import parse_string

from sitebuild import ROOT, Build, copy_site, sphinx_build
from test_site import EXPECTED

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
BASE = "https://example.org/seminar/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = sphinx_build(ROOT, tmp_path_factory.mktemp("students") / "html", "-D", f"html_baseurl={BASE}")
    assert build.returncode == 0, build.warnings
    return build


MIS_ADDRESS = "Inselstraße 22, 04103 Leipzig, Germany"


def events(path: Path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_schedule_ics_has_one_event_per_meeting_in_berlin_time(site: Build) -> None:
    calendar = Calendar.from_ical((site.outdir / "schedule.ics").read_bytes())
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    found = events(site.outdir / "schedule.ics")
    meetings = [row for row in EXPECTED if row[-1] != "No meeting"]
    assert len(found) == len(meetings) == 16
    for event, (week, date, time, room, speaker, title) in zip(sorted(found, key=lambda e: e["DTSTART"].dt), meetings):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        day = dt.datetime.strptime(date[5:], "%d.%m.%Y").date()
        assert start.tzinfo is not None and event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert (start.date(), f"{start:%H:%M}–{end:%H:%M}") == (day, time)
        assert start.utcoffset() == dt.datetime.combine(day, start.time(), BERLIN).utcoffset()
        # The room as the wiki gives it, with the address the term's rooms: give it (issue 24, point 7).
        assert str(event["SUMMARY"]) == title and str(event["LOCATION"]) == f"{room}, {MIS_ADDRESS}"
        assert str(event["DESCRIPTION"]).startswith(f"Speaker: {speaker}")
        assert str(event["URL"]).startswith(BASE + "sessions/2024-25/") and str(event["URL"]) in str(event["DESCRIPTION"])
    no_meeting_days = {dt.datetime.strptime(r[1][5:], "%d.%m.%Y").date() for r in EXPECTED if r[-1] == "No meeting"}
    assert not {e["DTSTART"].dt.date() for e in found} & no_meeting_days


def test_description_carries_the_abstract(site: Build) -> None:
    event = next(e for e in events(site.outdir / "schedule.ics") if str(e["SUMMARY"]) == "Deep Generative Models")
    assert "generative adversarial networks (GANs)" in str(event["DESCRIPTION"])
    assert str(event["DESCRIPTION"]).startswith("Speaker: Nico Scherf\n\nIn this lecture")


def test_uids_stay_the_same_across_builds(site: Build, tmp_path: Path) -> None:
    again = sphinx_build(ROOT, tmp_path / "html", "-D", f"html_baseurl={BASE}")
    first = {str(e["UID"]): str(e["SUMMARY"]) for e in events(site.outdir / "schedule.ics")}
    second = {str(e["UID"]): str(e["SUMMARY"]) for e in events(again.outdir / "schedule.ics")}
    assert first == second and len(first) == 16


def test_each_session_page_offers_its_own_calendar_file(site: Build) -> None:
    schedule = {str(e["UID"]): e for e in events(site.outdir / "schedule.ics")}
    for source in (ROOT / "sessions/2024-25").glob("2*.md"):
        docname = f"sessions/2024-25/{source.stem}"
        link = site.page(docname).select_one("a.session-calendar")
        assert link["href"] == f"{source.stem}.ics"
        (own,) = events(site.outdir / f"{docname}.ics")
        assert own["UID"] in schedule and own["SUMMARY"] == schedule[str(own["UID"])]["SUMMARY"]
    # The site's address is known (html_baseurl): a subscription, not a download.
    assert site.page("index").select_one("a.calendar-feed")["href"] == "webcal://" + BASE.split("://", 1)[1] + "schedule.ics"


def test_special_characters_are_escaped_and_long_lines_folded(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    abstract = "First, a comma; then a semicolon.\n\n  Second paragraph: " + "very long " * 20 + "end."
    page.write_text(
        "---\ntitle: 'Limits, colimits; and more'\nspeaker: Alan Turing\ndate: 2030-11-25\n"
        "room: 'Hall A, floor 2; east'\nabstract: |\n  " + abstract.replace("\n", "\n  ").replace("  \n", "\n") + "\n---\n",
        encoding="utf-8",
    )
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    raw = (build.outdir / "sessions/2030-31/2030-11-25-beta.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    unfolded = raw.replace(b"\r\n ", b"").decode()
    assert "SUMMARY:Limits\\, colimits\\; and more" in unfolded
    assert "LOCATION:Hall A\\, floor 2\\; east" in unfolded
    assert "First\\, a comma\\; then a semicolon.\\n\\nSecond paragraph: very long" in unfolded
    (event,) = events(build.outdir / "sessions/2030-31/2030-11-25-beta.ics")
    assert str(event["SUMMARY"]) == "Limits, colimits; and more" and str(event["LOCATION"]) == "Hall A, floor 2; east"


def test_speakers_page_lists_each_speaker_with_affiliation_and_sessions(site: Build) -> None:
    items = site.page("docs/speakers").select("ul.speakers > li")
    names = [item.find("strong").get_text() for item in items]
    assert names == ["Paul Breiding", "Jan Ewald", "Robert Haase", "Parvaneh Joharinad", "Duc Luu",
                     "Guido Montúfar", "Nico Scherf", "Diaaeldin Taha", "Angelica Torres"]
    taha = items[names.index("Diaaeldin Taha")]
    assert "(Max Planck Institute for Mathematics in the Sciences, Germany)" in taha.find("p").get_text()
    assert [a["href"] for a in taha.select("ul a")] == [
        "../sessions/2024-25/2024-11-04-graph-topological-nn-1.html", "../sessions/2024-25/2024-11-11-graph-topological-nn-2.html"]


def test_series_page_gives_each_multi_part_lecture_with_its_parts(site: Build) -> None:
    items = site.page("docs/series").select("ul.series-list > li")
    heads = [item.find("p").get_text(" ", strip=True) for item in items]
    assert heads == [
        "Graph and Topological Neural Networks by Diaaeldin Taha, 2 parts",
        "Group Equivariant Neural Networks by Parvaneh Joharinad, 2 parts",
        "Learning Dynamical Systems by Duc Luu, 2 parts",
        "An Overview of Theories for Feature Learning in Neural Networks by Guido Montúfar, 2 parts",
        "Computing with Algebraic Varieties by Paul Breiding, 2 parts",
        "Varieties in Machine Learning by Angelica Torres, 2 parts",
    ]
    assert all(len(item.select("ul a")) == 2 for item in items)


def test_references_page_links_back_to_sessions_and_offers_bibtex(site: Build) -> None:
    page = site.page("docs/references")
    entries = page.select("div.citation")
    assert len(entries) == 43  # every entry of references.bib that a page cites or suggests, once
    kipf = next(e for e in entries if "Semi-Supervised Classification" in e.get_text())
    hrefs = [a["href"] for a in kipf.select("a")]
    assert "https://openreview.net/forum?id=SJU4ayYgl" in hrefs and "https://arxiv.org/abs/1609.02907" in hrefs
    assert "../sessions/2024-25/2024-11-04-graph-topological-nn-1.html" in hrefs
    bibtex = kipf.select_one("a.bibtex-download")["href"]
    entry = parse_string((site.outdir / "docs" / bibtex).read_text(encoding="utf-8"), "bibtex")
    assert list(entry.entries) == ["kipf2017gcn"] and entry.entries["kipf2017gcn"].fields["year"] == "2017"
    prince = next(e for e in entries if "Understanding Deep Learning" in e.get_text())
    assert "Cited in: Deep Generative Models (Mon, 02.12.2024)." in prince.get_text(" ", strip=True).replace(" .", ".")
    whole = next(a for a in page.select("a.download") if a["href"].endswith("/references.bib"))
    assert (site.outdir / "docs" / whole["href"]).read_text(encoding="utf-8") == (ROOT / "references.bib").read_text(encoding="utf-8")


def test_math_is_served_from_the_site(site: Build) -> None:
    scripts = [s.get("src", "") for s in site.page("sessions/2024-25/2024-11-04-graph-topological-nn-1").find_all("script")]
    assert "../../_static/mathjax/tex-chtml.js" in [src.split("?v=")[0] for src in scripts]
    assert (site.outdir / "_static/mathjax/tex-chtml.js").stat().st_size > 1_000_000
    assert (site.outdir / "_static/mathjax/output/chtml/fonts/woff-v2/MathJax_Main-Regular.woff").is_file()
    html = "".join(p.read_text(encoding="utf-8") for p in site.outdir.rglob("*.html"))
    assert "cdn.jsdelivr.net" not in html and "https://cdn" not in html
