"""Places (issue 24, point 7): a term's ``rooms`` give a room its address, and every output that
says where a meeting is carries it: the calendars' LOCATION, the Google Calendar and Outlook
links (each parameter compared exactly), the JSON-LD Place, and the rooms the sessions use.

The fixture's spring term lists "hall 3" (in another case than its session's "Hall 3") with a
full name and an address, and "Room 9", which no session uses; Room 101 is not listed (no
address, no problem). The autumn term gives Room 202 an address as one line.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from sphinx_seminar.core.frontmatter import read_front_matter
from sphinx_seminar.core.model import Room, load_term
from sphinx_seminar.core.problems import Problem
from sphinx_seminar.formats import calendarlinks, ical, jsonld, wording

from .fixture_site import docname, make_site

HALL_3 = "3 Example Avenue, New York, NY 10001, USA"
ROOM_202 = "2 Example Road, 04103 Example Town, Germany"
SITE = "https://seminar.example.org/"


def _location(short: str) -> str:
    site = make_site()
    event = Calendar.from_ical(ical.session_calendar(site, site.session(docname(short)))).walk("VEVENT")[0]
    return str(event["LOCATION"])


def test_a_room_is_looked_up_in_its_terms_rooms_in_any_case() -> None:
    site = make_site()
    spring, autumn = site.term("2031-spring"), site.term("2031-autumn")
    assert spring.room("Hall 3") == Room(address=HALL_3, name="Great Hall Three")
    assert autumn.room("room 202") == Room(address=ROOM_202)  # the one-line form
    assert spring.room("Room 101") is None and spring.room("Room 202") is None  # another term's room is not this one's
    assert site.address(site.session(docname("new-york"))) == HALL_3
    assert site.address(site.session(docname("scheduled"))) is None  # not listed: no address, no problem
    assert site.address(site.session(docname("online-private"))) is None  # online: no room
    assert site.address(site.session(docname("hybrid-private"))) == ROOM_202  # hybrid: its room's


@pytest.mark.parametrize(("short", "location"), [
    ("new-york", f"Hall 3, {HALL_3}"),
    ("morse-1", f"Room 202, {ROOM_202}"),
    ("hybrid-private", f"Room 202, {ROOM_202}"),
    ("scheduled", "Room 101"),
    ("online-private", "Online"),
    ("today", "https://meet.example.org/noether"),  # online, the term publishes join links
])
def test_the_calendars_location_is_the_room_with_its_address(short: str, location: str) -> None:
    assert _location(short) == location


def test_the_calendars_location_is_escaped_as_rfc_5545_asks() -> None:
    site = make_site()
    raw = ical.session_calendar(site, site.session(docname("morse-1"))).decode()
    assert "\r\nLOCATION:Room 202\\, 2 Example Road\\, 04103 Example Town\\, Germany\r\n" in raw


def _query(url: str, base: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == base
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), query
    return {name: values[0] for name, values in query.items()}


def test_the_google_calendar_link_carries_every_field() -> None:
    site = make_site()
    url = calendarlinks.google_link(site, site.session(docname("morse-1")))
    assert _query(url, "https://calendar.google.com/calendar/render") == {
        "action": "TEMPLATE",
        "text": "Morse Theory I",
        "dates": "20311027T130000Z/20311027T143000Z",  # 14:00-15:30 in Berlin (CET) is 13:00-14:30 UTC
        "details": f"Speaker: Marston Morse\n\n{SITE}{docname('morse-1')}.html",
        "location": f"Room 202, {ROOM_202}",
        "ctz": "Europe/Berlin",
    }


def test_the_outlook_link_carries_every_field() -> None:
    site = make_site()
    url = calendarlinks.outlook_link(site, site.session(docname("new-york")))
    assert _query(url, "https://outlook.office.com/calendar/0/deeplink/compose") == {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": "Far Away",
        "startdt": "2031-03-24T14:00:00+00:00",  # 10:00 in New York (EDT) is 14:00 UTC
        "enddt": "2031-03-24T15:00:00+00:00",
        "body": f"Speaker: Emmy Noether (Bryn Mawr College)\n\n{SITE}{docname('new-york')}.html",
        "location": f"Hall 3, {HALL_3}",
    }


def test_the_links_encode_every_value() -> None:
    site = make_site()
    session = site.session(docname("scheduled"))  # a note with a full stop, speakers with parentheses
    for url in (calendarlinks.google_link(site, session), calendarlinks.outlook_link(site, session)):
        query = urlsplit(url).query
        assert " " not in query and "\n" not in query and "(" not in query and "," not in query
    assert _query(calendarlinks.google_link(site, session), calendarlinks.GOOGLE)["details"] == (
        f"Speaker: Ada Lovelace (University of Example)\n\nBring a laptop.\n\n{SITE}{docname('scheduled')}.html")


def test_the_json_ld_place_has_the_rooms_address() -> None:
    site = make_site()
    assert jsonld.session_event(site, site.session(docname("new-york")), None)["location"] == [
        {"@type": "Place", "name": "Hall 3", "address": HALL_3}]
    # Not listed: the institute's name, as before.
    assert jsonld.session_event(site, site.session(docname("scheduled")), None)["location"] == [
        {"@type": "Place", "name": "Room 101", "address": "Institute of Examples"}]


def test_the_rooms_in_use_with_their_meetings() -> None:
    site = make_site()
    found = [(r.name, r.address, [s.date for s in r.sessions]) for r in site.rooms]
    spring = [dt.date(2031, 1, 13), dt.date(2031, 2, 4), dt.date(2031, 2, 11), dt.date(2031, 2, 18), dt.date(2031, 2, 24),
              dt.date(2031, 3, 3), dt.date(2031, 3, 10), dt.date(2031, 3, 17)]  # not the cancelled 27.01, not the online 20.01
    assert found == [
        ("Room 101", None, spring),
        ("Hall 3", HALL_3, [dt.date(2031, 3, 24)]),
        ("Room 202", ROOM_202, [dt.date(2031, 10, 20), dt.date(2031, 10, 27), dt.date(2031, 11, 3)]),
    ]  # Room 9, listed but never used, is not among them
    hall = site.rooms[1]
    assert wording.Words.of(site).room_use(len(hall.sessions), hall.sessions[0], hall.sessions[-1]) == "1 meeting, on 24 March 2031"
    room = site.rooms[2]
    assert wording.Words.of(site).room_use(len(room.sessions), room.sessions[0], room.sessions[-1]) == (
        "3 meetings, 20 October 2031 to 3 November 2031")


TERM = """---
title: Term
timezone: Europe/Berlin
first_day: 2030-10-07
last_day: 2031-02-10
"""


def _term(rooms: str):
    front, problems = read_front_matter(TERM + rooms + "---\n", "sessions/t/index.md")
    assert front is not None, problems
    return load_term("t", "sessions/t/index", "sessions/t/index.md", front)


def test_rooms_of_the_wrong_shape_are_one_exact_problem_each() -> None:
    assert _term("rooms:\n  - Room 1\n") == (None, [Problem(
        "sessions/t/index.md", 6, "rooms", "expected fields indented under this one", "write each on its own line below 'rooms:', indented")])
    term, problems = _term("rooms:\n  Room 1:\n    adress: Street 1\n")
    assert term is None and [(p.line, p.field, p.message) for p in problems] == [
        (7, "rooms.Room 1.address", "required field is missing"), (8, "rooms.Room 1.adress", "unknown field")]
    term, problems = _term("rooms:\n  Room 1: {address: Street 1, name: Hall One}\n  Room 2: Street 2\n")
    assert problems == [] and term.room("Room 1") == Room(address="Street 1", name="Hall One") and term.room("room 2").address == "Street 2"


def test_each_room_in_use_is_said_with_its_name_and_address_and_a_page_says_its_room_with_the_address() -> None:
    site = make_site()
    assert [wording.Words.room_place(use) for use in site.rooms] == ["", f"Great Hall Three, {HALL_3}", ROOM_202]
    assert wording.Words.of(site).place_line(site.session(docname("new-york")), HALL_3) == f"Hall 3 ({HALL_3})"
    assert wording.Words.of(site).place_line(site.session(docname("scheduled")), None) == "Room 101"
    assert wording.Words.of(site).place_line(site.session(docname("hybrid-private")), ROOM_202) == f"Room 202 and online ({ROOM_202})"


@pytest.mark.parametrize(("text", "limit", "shown"), [
    ("Short.\n\nSecond paragraph.", 300, "Short."),  # the first paragraph only
    ("exactly ten", 11, "exactly ten"),  # at the limit: whole
    ("one two three four", 9, "one two…"),  # cut before the word that would pass the limit
    ("one two, three", 8, "one two…"),  # at a space right after the limit's last word; its comma goes
    ("one two, three", 9, "one two…"),  # the comma before the cut goes, not the word
    ("abcdefghijkl", 5, "abcde…"),  # one long word: cut inside it
    ("one two ab cd", 9, "one two…"),  # a space just past the limit does not let a longer piece in
    ("abcdefghijk l", 10, "abcdefghij…"),  # nor a space two past it
    ("one TWOX three", 9, "one TWOX…"),  # only punctuation is taken off the end
    ("— one two", 6, "— one…"),  # what starts the text stays
])
def test_the_abstracts_first_lines_are_cut_at_a_word(text: str, limit: int, shown: str) -> None:
    assert wording.excerpt(text, limit) == shown


def test_the_links_times_are_utc_whatever_the_machines_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    site = make_site()
    session = site.session(docname("morse-1"))
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        google = _query(calendarlinks.google_link(site, session), "https://calendar.google.com/calendar/render")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert google["dates"] == "20311027T130000Z/20311027T143000Z"
