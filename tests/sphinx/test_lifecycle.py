"""A seminar's life cycle on a second site: tests/sites/second.

Another institute, another time zone (New York) and weekday (Wednesday),
from the same extension: a cancelled, a moved, an online, a joint talk,
slots still to be announced, materials after a talk, a room change, a
talk at a venue in London, a two-part lecture and an unquoted ``15:00``.
Each is checked where readers see it: the HTML, the calendar (parsed by
``icalendar``) and ``seminar check``.  The PDF is in test_lifecycle_pdf.py.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import icalendar

from sitebuild import Build, copy_site, schedule_rows, seminar, sphinx_build

TERM = "sessions/2031-spring"
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
LONDON = zoneinfo.ZoneInfo("Europe/London")
DOMAIN = "topology.northfield.example"


def rows_by_date(build: Build) -> dict[str, list[str]]:
    """The term page's schedule (the landing page shows the meetings to come only)."""
    return {row[1]: row for row in schedule_rows(build.page(f"{TERM}/index"))}


def events(build: Build, name: str = "schedule.ics") -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical((build.outdir / name).read_bytes())
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def event_of(build: Build, page: str) -> icalendar.Event:
    return events(build)[f"sessions-2031-spring-{page}"]


# -- the schedule ----------------------------------------------------------------------------


def test_the_schedule_shows_each_kind_of_session_in_words(second: Build) -> None:
    rows = rows_by_date(second)
    assert rows["Wed, 15.01.2031"][2:4] == ["15:00–16:15", "Hall B 204"]  # typed unquoted: start: 15:00
    assert "Note the irregular time." in rows["Wed, 15.01.2031"][5]
    assert rows["Wed, 19.02.2031"][5].startswith("Cancelled: Zigzag Persistence")
    assert rows["Wed, 26.03.2031"][5].startswith("Moved from Wed, 26.02.2031: Multiparameter Persistence")
    assert rows["Wed, 26.03.2031"][3] == "Hall C 010"
    assert rows["Wed, 12.02.2031"][4] == "Mira Okafor and Tomás Lindqvist"
    assert rows["Wed, 12.03.2031"][3] == "Online"
    assert rows["Wed, 02.04.2031"][2] == "16:00–17:00 (London, BST)"  # London's time, with its zone
    assert rows["Wed, 09.04.2031"][4:] == ["To be announced", "To be announced"]
    assert rows["Wed, 16.04.2031"][4:] == ["Søren Achterberg", "To be announced"]
    assert rows["Wed, 23.04.2031"][3] == "Hall A 101" and "Room change" in rows["Wed, 23.04.2031"][5]
    assert rows["Wed, 19.03.2031"][5] == "No meeting"
    assert "Wed, 26.02.2031" not in rows  # the moved talk is shown where it takes place now
    # The weekday and week come from the date: 15 January 2031 is in ISO week 3.
    assert rows["Wed, 15.01.2031"][0] == "3"


def test_materials_are_labelled_links_and_repository_files_are_copied_into_the_site(second: Build) -> None:
    row = next(tr for tr in second.page(f"{TERM}/index").select("table.schedule tr") if "date-2031-01-22" in tr.get("class", []))
    links = {a.get_text(strip=True): a["href"] for a in row.select("p.session-materials a")}
    assert list(links) == ["Slides", "Recording", "Code"]
    assert links["Recording"] == "https://video.northfield.example/topology/2031-01-22"
    slides = (second.outdir / TERM / links["Slides"]).resolve()
    assert slides.name == "2031-01-22-slides.pdf" and slides.read_bytes().startswith(b"%PDF")
    page = second.page(f"{TERM}/2031-01-22-mapper-in-practice")
    on_page = {a.get_text(strip=True): a["href"] for a in page.select("p.session-materials a")}
    assert (second.outdir / TERM / on_page["Slides"]).resolve() == slides


def test_a_cancelled_session_keeps_its_page_with_a_notice(second: Build) -> None:
    page = second.page(f"{TERM}/2031-02-19-zigzag-persistence")
    notice = " ".join(page.select_one("div.seminar-status").get_text(" ", strip=True).split())
    assert notice == "Cancelled This session on Wednesday, 19 February 2031 is cancelled. Reason: The speaker is ill."


def test_a_moved_session_says_where_and_when_it_was_planned(second: Build) -> None:
    page = second.page(f"{TERM}/2031-03-26-multiparameter-persistence")
    notice = " ".join(page.select_one("div.seminar-status").get_text(" ", strip=True).split())
    assert notice.startswith("Moved This session was moved from Wednesday, 26 February 2031, 16:00 in Hall B 204, "
                             "to Wednesday, 26 March 2031, 16:00 in Hall C 010.")


def details(build: Build, page: str) -> dict[str, str]:
    soup = build.page(f"{TERM}/{page}")
    names = [dt_.get_text(strip=True).rstrip(":") for dt_ in soup.select("dl.session-details > dt")]
    values = [dd.get_text(" ", strip=True) for dd in soup.select("dl.session-details > dd")]
    return dict(zip(names, values))


def test_session_pages_give_speakers_time_zone_place_and_join_link(second: Build) -> None:
    assert details(second, "2031-02-12-cellular-sheaves")["Speakers"] == "Mira Okafor (Northfield University) and Tomás Lindqvist"
    assert details(second, "2031-04-02-euler-calculus")["Time"] == "16:00–17:00 London time (BST)"
    assert details(second, "2031-01-29-discrete-morse-theory-1")["Time"] == "16:00–17:15 New York time"
    online = details(second, "2031-03-12-vietoris-rips-circle")
    assert online["Room"] == "Online" and online["Join online"] == "https://meet.northfield.example/topology"
    assert "Join online" not in details(second, "2031-01-29-discrete-morse-theory-1")
    tba = details(second, "2031-04-09-tba")
    assert tba["Speaker"] == "To be announced"
    # The page itself names its day, so that two slots differ in menus and links.
    assert second.page(f"{TERM}/2031-04-09-tba").select_one("h1").get_text(strip=True).rstrip("¶#") == "To be announced (9 April 2031)"


def test_each_speaker_of_a_joint_talk_has_an_entry_and_slots_have_none(second: Build) -> None:
    entries = [li.select_one("p").get_text(" ", strip=True) for li in second.page("speakers").select("ul.speakers > li")]
    assert "Mira Okafor (Northfield University)" in entries
    assert "Tomás Lindqvist" in entries
    assert "Søren Achterberg (Northfield University)" in entries  # the speaker is known, the title not yet
    assert not any("announced" in entry or entry == "TBA" for entry in entries)


def test_the_parts_of_a_lecture_keep_their_numbers(second: Build) -> None:
    page = second.page(f"{TERM}/2031-02-05-discrete-morse-theory-2")
    assert page.select_one("p.series-navigation").get_text(" ", strip=True).startswith("Part II of II.")
    series = second.page("series").select_one("ul.series-list > li > p").get_text(" ", strip=True)
    assert series == "Discrete Morse Theory by Anselm Quarrington , 2 parts".replace(" ,", ",")


# -- the calendar -------------------------------------------------------------------------------


def test_the_calendar_keeps_cancelled_and_moved_events_under_their_uids(second: Build) -> None:
    cancelled = event_of(second, "2031-02-19-zigzag-persistence")
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["UID"] == f"sessions-2031-spring-2031-02-19-zigzag-persistence@{DOMAIN}"
    assert "Reason: The speaker is ill." in cancelled["DESCRIPTION"]
    moved = event_of(second, "2031-03-26-multiparameter-persistence")
    assert moved["STATUS"] == "CONFIRMED"
    assert moved.decoded("DTSTART") == dt.datetime(2031, 3, 26, 16, 0, tzinfo=NEW_YORK)
    assert "Moved from Wednesday, 26 February 2031, 16:00 in Hall B 204." in moved["DESCRIPTION"]
    # The session's own calendar file has the same event.
    own = icalendar.Calendar.from_ical((second.outdir / TERM / "2031-03-26-multiparameter-persistence.ics").read_bytes())
    assert [str(e["UID"]) for e in own.walk("VEVENT")] == [str(moved["UID"])]


def test_calendar_times_are_the_venues_with_a_vtimezone_for_each_zone(second: Build) -> None:
    london = event_of(second, "2031-04-02-euler-calculus")
    assert london["DTSTART"].params["TZID"] == "Europe/London"
    assert london.decoded("DTSTART") == dt.datetime(2031, 4, 2, 16, 0, tzinfo=LONDON)
    assert london.decoded("DTSTART").astimezone(NEW_YORK).hour == 11
    first = event_of(second, "2031-01-15-persistence-barcodes")
    assert first.decoded("DTSTART") == dt.datetime(2031, 1, 15, 15, 0, tzinfo=NEW_YORK)
    calendar = icalendar.Calendar.from_ical((second.outdir / "schedule.ics").read_bytes())
    assert sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")) == ["America/New_York", "Europe/London"]


def test_calendar_events_carry_speakers_join_link_materials_and_slots(second: Build) -> None:
    joint = event_of(second, "2031-02-12-cellular-sheaves")
    assert joint["DESCRIPTION"].startswith("Speakers: Mira Okafor (Northfield University) and Tomás Lindqvist")
    online = event_of(second, "2031-03-12-vietoris-rips-circle")
    assert online["LOCATION"] == "https://meet.northfield.example/topology"
    assert online["CONFERENCE"] == "https://meet.northfield.example/topology"
    assert online["CONFERENCE"].params["VALUE"] == "URI"
    assert "Join online: https://meet.northfield.example/topology" in online["DESCRIPTION"]
    mapper = event_of(second, "2031-01-22-mapper-in-practice")["DESCRIPTION"]
    assert re.search(rf"^Slides: https://{DOMAIN}/_downloads/\w+/2031-01-22-slides\.pdf$", mapper, re.M)
    assert "Recording: https://video.northfield.example/topology/2031-01-22" in mapper
    slot = event_of(second, "2031-04-09-tba")
    assert slot["SUMMARY"] == "To be announced" and slot["STATUS"] == "TENTATIVE"


# -- join links that the term does not publish -------------------------------------------------


def test_join_links_stay_off_the_site_unless_the_term_publishes_them(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    index = site / TERM / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("join_links_public: true", "join_links_public: false"), encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    assert details(build, "2031-03-12-vietoris-rips-circle")["Join online"] == "Write to the organisers for the link."
    written = [p for p in build.outdir.rglob("*") if p.is_file() and p.suffix in (".html", ".ics", ".js", ".json")]
    assert not [p for p in written if "meet.northfield.example" in p.read_text(encoding="utf-8")]
    online = event_of(build, "2031-03-12-vietoris-rips-circle")
    assert online["LOCATION"] == "Online" and "CONFERENCE" not in online


# -- seminar check ---------------------------------------------------------------------------------


def test_seminar_check_accepts_the_second_site_and_lists_reminders(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    plain = seminar(site, "check")
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "reminder" not in plain.stdout
    todo = seminar(site, "check", "--reminders", "--weeks", "6")
    assert todo.returncode == 0, todo.stdout + todo.stderr
    assert seminar(site, "check", "--todo", "--weeks", "6").stdout == todo.stdout  # the shorter name the issue gave
    lines = [line for line in todo.stdout.splitlines() if ": reminder: " in line]
    days = [re.search(r"reminder: \w+ (\S+):", line).group(1) for line in lines]
    # In date order: past talks without materials (not the one with them, not the cancelled one),
    # the regular meeting day without a session, the slots of the next six weeks.
    assert days == ["2031-01-15", "2031-01-29", "2031-02-05", "2031-02-12", "2031-03-05", "2031-04-09", "2031-04-16"]
    assert f"{TERM}/index.md: reminder: Wed 2031-03-05: no session and not a no-meeting day" in todo.stdout
    assert f"{TERM}/2031-04-09-tba.md:3: reminder: Wed 2031-04-09: the speaker and title are still to be announced" in todo.stdout
    assert "the title is still to be announced" in lines[-1]
    assert "7 reminder(s) on 2031-03-05, looking 6 weeks ahead" in todo.stdout


def test_a_material_outside_the_source_folder_is_refused_and_never_copied(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    (tmp_path / "secrets.env").write_text("API_KEY=sk-do-not-publish\n", encoding="utf-8")  # beside the site
    page = site / TERM / "2031-04-30-stability.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\ndate:", "\nmaterials:\n  slides: ../../../secrets.env\n  recording: https://video.northfield.example/0430\ndate:", 1),
                    encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index("materials:") + 1
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode != 0
    assert (f"{page}:{line}: WARNING: materials.slides: '../../../secrets.env' is outside the site's source folder") in build.warnings
    copied = [p.name for p in (build.outdir / "_downloads").rglob("*") if p.is_file()]
    assert copied == ["2031-01-22-slides.pdf"]
    written = [p for p in build.outdir.rglob("*") if p.is_file() and p.suffix in (".html", ".ics", ".txt", ".js")]
    assert not [p for p in written if "sk-do-not-publish" in p.read_text(encoding="utf-8", errors="replace")]
    # The rest of the page's materials, and the other pages, are there.
    links = [a.get_text(strip=True) for a in build.page(f"{TERM}/2031-04-30-stability").select("p.session-materials a")]
    assert links == ["Recording"]
    check = seminar(site, "check")
    assert check.returncode == 1 and f"{TERM}/2031-04-30-stability.md:{line}: materials.slides:" in check.stdout


def test_parts_keep_the_numerals_their_titles_give() -> None:
    from sphinx_seminar.core.model import Session, SessionFields
    from sphinx_seminar.core.schedule import part_numbers

    def part(title: str, day: str) -> Session:
        fields = SessionFields.model_validate({"title": title, "speaker": "Ada Lovelace", "date": day, "start": "16:00",
                                               "end": "17:00", "room": "Hall B 204", "series": "engines"})
        return Session(docname=f"sessions/x/{day}", path=f"sessions/x/{day}.md", term="x", fields=fields)

    # Part II was moved after part III: each keeps the number its title gives.
    moved = [part("Engines I", "2031-01-15"), part("Engines III", "2031-01-22"), part("Engines II", "2031-01-29")]
    assert part_numbers(moved) == ["I", "III", "II"]
    # Titles without numerals are numbered by date.
    plain = [part("Difference engines", "2031-01-15"), part("Analytical engines", "2031-01-22")]
    assert part_numbers(plain) == ["I", "II"]
