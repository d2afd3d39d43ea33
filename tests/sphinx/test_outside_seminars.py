"""A second and a third seminar from outside (issue 25, point 7): sites made by ``seminar init``,
with their organisers' pages as written (``tests/sites/outside``), checked and built with warnings
as errors, and read as their readers get them: the pages, the calendar (icalendar) and the feed
(feedparser).

- Sydney, in Australian English, a term that is the calendar year 2031 (southern hemisphere),
  across the end of daylight saving time.
- Leipzig, in German, the winter semester 2024/25 across the new year.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest

from sitebuild import Build, run_seminar, schedule_rows, sphinx_build

FIXTURES = Path(__file__).resolve().parents[1] / "sites" / "outside"
SITES = {
    "en_AU": ("--name", "Random Structures Seminar", "--institute", "School of Mathematics", "--language", "en_AU",
              "--timezone", "Australia/Sydney", "--start", "16:00", "--end", "17:30", "--room", "Carslaw 535",
              "--first-day", "2031-02-24", "--last-day", "2031-11-28", "--weekday", "Monday",
              "--calendar-domain", "random.example.edu.au"),
    "de_DE": ("--name", "Oberseminar Geometrie und Daten", "--institute", "Mathematischen Institut", "--language", "de_DE",
              "--timezone", "Europe/Berlin", "--start", "14:00", "--end", "15:30", "--room", "Hörsaal 1",
              "--first-day", "2024-10-14", "--last-day", "2025-02-14", "--weekday", "Monday",
              "--term-title", "Wintersemester 2024/25", "--calendar-domain", "oberseminar.example.de"),
}
TODAY = {"en_AU": "2031-03-01", "de_DE": "2024-10-15"}
TERM = {"en_AU": "2031", "de_DE": "2024-25"}


def made(tmp_path: Path, language: str) -> Path:
    """The site ``seminar init`` makes, with the fixture's pages copied in as they are."""
    site = tmp_path / language
    run = run_seminar("init", str(site), *SITES[language])
    assert run.returncode == 0, run.stderr
    shutil.copytree(FIXTURES / language / "sessions", site / "sessions", dirs_exist_ok=True)
    return site


@pytest.fixture(scope="module", params=sorted(SITES))
def outside(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Build]:
    language = request.param
    site = made(tmp_path_factory.mktemp("outside"), language)
    build = sphinx_build(site, site / "_build" / "html", "-D", f"seminar_today={TODAY[language]}")
    return language, site, build


def test_every_page_passes_seminar_check_and_builds_without_a_warning(outside) -> None:
    language, site, build = outside
    check = run_seminar("check", cwd=site)
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"checked 5 sessions in 1 term(s)" in check.stdout
    assert build.returncode == 0 and build.warning_lines() == [], build.warnings


def test_the_term_is_named_from_its_days(outside) -> None:
    language, site, build = outside
    # A calendar year in the south is "2031", not a winter or a summer; a winter semester spans the new year.
    assert (site / "sessions" / TERM[language] / "index.md").is_file()
    title = build.page(f"sessions/{TERM[language]}/index").select_one("h1").get_text().rstrip("¶")
    assert title == {"en_AU": "Term 2031", "de_DE": "Wintersemester 2024/25"}[language]


EXPECTED = {
    "en_AU": {
        "first_row": ["10", "Mon, 3 Mar 2031", "16:15–17:45", "Carslaw 535",
                      "Mei Lin Chen and Tomás Ortega", "Spectral gaps of random regular graphs"],
        "tba": "To be announced",
        "cancelled": "Cancelled: Open problems in random geometry",
        "joint": "Mei Lin Chen (University of Sydney) and Tomás Ortega (UNSW Sydney)",
        "part": "Part II of II. Previous: Free probability I (Mon, 31 Mar 2031).",
        "date": "Monday, 7 April 2031 (week 15)",
        "time": "16:00–17:30 Sydney time",
        "series": "Free probability for random matrices by Priya Raman, 2 parts",
        "pages": {"speakers": "Speakers", "archive": "Archive", "series": "Lecture series"},
        "first_speaker": "Analysis Working Group",
    },
    "de_DE": {
        "first_row": ["43", "Mo., 21.10.2024", "14:15–15:45", "Hörsaal 1",
                      "Jürgen Weiß und Anna Łukasiewicz", "Krümmung und Ricci-Fluss auf Graphen"],
        "tba": "Wird noch bekannt gegeben",
        "cancelled": "Abgesagt: Geodätische Netze",
        "joint": "Jürgen Weiß (Universität Leipzig) und Anna Łukasiewicz (MPI MiS)",
        "part": "Teil 2 von 2. Zuvor: Optimaler Transport I (Mo., 04.11.2024).",
        "date": "Montag, 11. November 2024 (Woche 46)",
        "time": "14:00–15:30 Ortszeit Berlin",
        "series": "Optimaler Transport von Sören Müller, 2 Teile",
        "pages": {"speakers": "Vortragende", "archive": "Archiv", "series": "Vorlesungsreihen"},
        "first_speaker": "Anna Łukasiewicz",
    },
}
SECOND_PART = {"en_AU": "2031-04-07-free-probability-2", "de_DE": "2024-11-11-optimaler-transport-2"}
JOINT = {"en_AU": "2031-03-03-spectral-gaps", "de_DE": "2024-10-21-kruemmung"}


def _details(build: Build, docname: str) -> list[str]:
    return [dd.get_text(" ", strip=True) for dd in build.page(docname).select("dl.session-details > dd")]


def test_the_schedule_in_the_sites_language(outside) -> None:
    language, _, build = outside
    rows = schedule_rows(build.page(f"sessions/{TERM[language]}/index"))
    assert rows[0] == EXPECTED[language]["first_row"]
    assert [row[-1] for row in rows].count(EXPECTED[language]["tba"]) == 1
    assert any(row[-1].startswith(EXPECTED[language]["cancelled"].split(":")[0]) for row in rows)


def test_the_session_pages_say_who_when_and_which_part(outside) -> None:
    language, _, build = outside
    term = TERM[language]
    assert _details(build, f"sessions/{term}/{JOINT[language]}")[0] == EXPECTED[language]["joint"]
    second = f"sessions/{term}/{SECOND_PART[language]}"
    assert build.page(second).select_one("p.series-navigation").get_text(" ", strip=True).replace(" .", ".") == \
        EXPECTED[language]["part"]
    date, time = _details(build, second)[1:3]
    assert (date, time) == (EXPECTED[language]["date"], EXPECTED[language]["time"])


def test_the_starter_pages_and_lists_in_the_sites_language(outside) -> None:
    language, _, build = outside
    for page, title in EXPECTED[language]["pages"].items():
        assert build.page(page).select_one("h1").get_text().rstrip("¶") == title
    listed = build.page("series").select_one("ul.series-list > li > p").get_text(" ", strip=True)
    assert listed == EXPECTED[language]["series"]
    speakers = [li.select_one("p strong").get_text() for li in build.page("speakers").select("ul.speakers > li")]
    assert speakers[0] == EXPECTED[language]["first_speaker"]
    assert build.page("index").html["lang"] == language.replace("_", "-")


def test_the_calendar_has_every_meeting_at_the_venues_time(outside) -> None:
    language, _, build = outside
    calendar = icalendar.Calendar.from_ical((build.outdir / "schedule.ics").read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert len(events) == 5
    zone = {"en_AU": "Australia/Sydney", "de_DE": "Europe/Berlin"}[language]
    assert all(e["DTSTART"].params["TZID"] == zone for e in events)
    offsets = [e.decoded("DTSTART").utcoffset().total_seconds() / 3600 for e in events]
    # Sydney leaves daylight saving time on 6 April 2031 (+11 to +10); Leipzig on 27 October 2024 (+2 to +1).
    assert offsets == {"en_AU": [11, 11, 10, 10, 10], "de_DE": [2, 1, 1, 1, 1]}[language]
    cancelled = [e for e in events if e["STATUS"] == "CANCELLED"]
    assert [str(e["SUMMARY"]) for e in cancelled] == [EXPECTED[language]["cancelled"]]


def test_the_feed_in_the_sites_language(outside) -> None:
    language, _, build = outside
    feed = feedparser.parse((build.outdir / "atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 5
    assert feed.feed.language == language.replace("_", "-")
    titles = [e.title for e in feed.entries]
    assert any(EXPECTED[language]["first_row"][1] in title for title in titles), titles
