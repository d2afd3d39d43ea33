"""The calendar files, field by field, for every kind of session: what a calendar program receives.

Each event of the fixture's site (``fixture_site``) is parsed back with
``icalendar`` and compared whole: every property it has, with its exact
value, times with their zones and offsets.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from icalendar import Calendar

from sphinx_seminar.core.site import Settings
from sphinx_seminar.formats import ical

from .fixture_site import SETTINGS, docname, make_site

BERLIN, NEW_YORK = zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("America/New_York")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
SITE = "https://seminar.example.org/"
#: The autumn term's rooms give Room 202 its address (a room they do not list has none: Room 101).
ROOM_202 = "Room 202, 2 Example Road, 04103 Example Town, Germany"


def berlin(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2031, month, day, hour, minute, tzinfo=BERLIN)


def page(short: str) -> str:
    return f"{SITE}{docname(short)}.html"


def uid(short: str) -> str:
    return docname(short).replace("/", "-") + "@seminar.example.org"


def _event(short: str, summary: str, start: dt.datetime, end: dt.datetime, description: str, *, status: str = "CONFIRMED",
           location: str = "Room 101", sequence: int = 0, stamp: dt.datetime = EPOCH, conference: str | None = None) -> dict:
    found = {"UID": uid(short), "SUMMARY": summary, "DTSTART": start, "DTEND": end, "STATUS": status, "LOCATION": location,
             "SEQUENCE": sequence, "DTSTAMP": stamp, "LAST-MODIFIED": stamp, "DESCRIPTION": description, "URL": page(short)}
    if conference:
        found["CONFERENCE"] = conference
    return found


#: Every event of the fixture, as a calendar program should read it.
EXPECTED = {
    "scheduled": _event(
        "scheduled", "Random Walks on Graphs", berlin(1, 13, 15), berlin(1, 13, 16, 30),
        "Speaker: Ada Lovelace (University of Example)\n\nBring a laptop.\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
        "Slides: https://example.org/slides.pdf\nNotes: https://seminar.example.org/_downloads/0123abcd/notes.pdf\n\n"
        + page("scheduled"),
        sequence=2, stamp=dt.datetime(2031, 1, 2, 10, 0, tzinfo=dt.UTC)),
    "today": _event(
        "today", "Invariants", berlin(1, 20, 15), berlin(1, 20, 16, 30),
        "Speaker: Emmy Noether\n\nJoin online: https://meet.example.org/noether\n\n" + page("today"),
        location="https://meet.example.org/noether", conference="https://meet.example.org/noether"),
    "cancelled": _event(
        "cancelled", "Cancelled: Cancelled Talk", berlin(1, 27, 15), berlin(1, 27, 16, 30),
        "Speaker: Alan Turing\n\nThis session is cancelled. Reason: Illness.\n\n" + page("cancelled"),
        status="CANCELLED", sequence=3, stamp=dt.datetime(2031, 1, 25, 8, 30, tzinfo=dt.UTC)),
    "moved-date": _event(
        "moved-date", "Moved by a Day", berlin(2, 4, 15), berlin(2, 4, 16, 30),
        "Speaker: Grace Hopper\n\nMoved from Monday, 3 February 2031, 15:00 in Room 101.\n\n" + page("moved-date")),
    "moved-start": _event(
        "moved-start", "Moved in Time", berlin(2, 11, 15), berlin(2, 11, 16, 30),
        "Speaker: John von Neumann\n\nMoved from Monday, 10 February 2031, 10:00 in Room 101.\n\n" + page("moved-start")),
    "moved-room": _event(
        "moved-room", "Moved in Space", berlin(2, 18, 15), berlin(2, 18, 16, 30),
        "Speaker: Kurt Gödel\n\nMoved from Monday, 17 February 2031, 15:00 in Room 7. Reason: Room works.\n\n" + page("moved-room")),
    "tba-speaker": _event(
        "tba-speaker", "Spectral Graph Theory", berlin(2, 24, 15), berlin(2, 24, 16, 30),
        "Speaker: To be announced\n\n" + page("tba-speaker"), status="TENTATIVE"),
    "tba-title": _event(
        "tba-title", "To be announced", berlin(3, 3, 15), berlin(3, 3, 16, 30),
        "Speaker: Sofia Kovalevskaya\n\n" + page("tba-title"), status="TENTATIVE"),
    "tba-both": _event(
        "tba-both", "To be announced", berlin(3, 10, 15), berlin(3, 10, 16, 30),
        "Speaker: To be announced\n\n" + page("tba-both"), status="TENTATIVE"),
    "joint": _event(
        "joint", "The Analytical Engine", berlin(3, 17, 15), berlin(3, 17, 16, 30),
        "Speakers: Ada Lovelace (Analytical Society) and Charles Babbage (University of Cambridge)\n\n"
        "Join online: https://meet.example.org/engine\n\n" + page("joint"),
        conference="https://meet.example.org/engine"),
    "new-york": _event(
        "new-york", "Far Away", dt.datetime(2031, 3, 24, 10, tzinfo=NEW_YORK), dt.datetime(2031, 3, 24, 11, tzinfo=NEW_YORK),
        "Speaker: Emmy Noether (Bryn Mawr College)\n\n" + page("new-york"),
        location="Hall 3, 3 Example Avenue, New York, NY 10001, USA"),  # the term lists "hall 3": in any case
    "online-private": _event(
        "online-private", "Online Only", berlin(10, 13, 14), berlin(10, 13, 15, 30),
        "Speaker: Alan Turing\n\nThe link is sent to the mailing list.\n\n" + page("online-private"), location="Online"),
    "hybrid-private": _event(
        "hybrid-private", "Hybrid", berlin(10, 20, 14), berlin(10, 20, 15, 30),
        "Speaker: Grace Hopper\n\nThe link is sent to the mailing list.\n\n" + page("hybrid-private"), location=ROOM_202),
    "morse-1": _event(
        "morse-1", "Morse Theory I", berlin(10, 27, 14), berlin(10, 27, 15, 30),
        "Speaker: Marston Morse\n\n" + page("morse-1"), location=ROOM_202),
    "morse-2": _event(
        "morse-2", "Morse Theory II", berlin(11, 3, 14), berlin(11, 3, 15, 30),
        "Speaker: Marston Morse\n\n" + page("morse-2"), location=ROOM_202),
}


def _parsed(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def _read(event) -> dict:
    """Every property of a VEVENT, decoded: times as aware datetimes, text as text."""
    found = {}
    for name in event:
        value = event.decoded(name)
        found[name] = value.decode() if isinstance(value, bytes) else value
    return found


def _zone(moment: dt.datetime) -> tuple[str, dt.timedelta]:
    return str(moment.tzinfo), moment.utcoffset()


@pytest.mark.parametrize("short", EXPECTED)
def test_each_event_has_exactly_its_fields(short: str) -> None:
    site = make_site()
    event = _parsed(ical.session_calendar(site, site.session(docname(short)))).events[0]
    found, expected = _read(event), EXPECTED[short]
    assert found == expected
    # The same instants in the venue's own zone, not only the same instants.
    assert _zone(found["DTSTART"]) == _zone(expected["DTSTART"])
    assert _zone(found["DTEND"]) == _zone(expected["DTEND"])


@pytest.mark.parametrize(("short", "zone", "offset"), [
    ("scheduled", "Europe/Berlin", 1), ("new-york", "America/New_York", -4), ("hybrid-private", "Europe/Berlin", 2),
    ("morse-2", "Europe/Berlin", 1),
])
def test_times_carry_the_venues_zone_and_the_offset_of_that_day(short: str, zone: str, offset: int) -> None:
    site = make_site()
    event = _parsed(ical.session_calendar(site, site.session(docname(short)))).events[0]
    start = event.decoded("DTSTART")
    assert (str(start.tzinfo), start.utcoffset()) == (zone, dt.timedelta(hours=offset))
    assert event["DTSTART"].params["TZID"] == zone


def _uids(data: bytes) -> list[str]:
    return [str(event["UID"]) for event in _parsed(data).events]


def _name(data: bytes) -> str:
    return str(_parsed(data)["X-WR-CALNAME"])


SPRING = ["scheduled", "today", "cancelled", "moved-date", "moved-start", "moved-room", "tba-speaker", "tba-title",
          "tba-both", "joint", "new-york"]
AUTUMN = ["online-private", "hybrid-private", "morse-1", "morse-2"]


def test_each_term_calendar_holds_its_own_sessions_only() -> None:
    site = make_site()
    assert _uids(ical.term_calendar(site, "2031-spring")) == [uid(s) for s in SPRING]
    assert _uids(ical.term_calendar(site, "2031-autumn")) == [uid(s) for s in AUTUMN]
    assert _name(ical.term_calendar(site, "2031-spring")) == "Test Seminar: Spring 2031"
    assert _name(ical.term_calendar(site, "2031-autumn")) == "Test Seminar: Autumn 2031"


def test_the_series_calendar_holds_its_parts_only() -> None:
    site = make_site()
    data = ical.series_calendar(site, "morse")
    assert _uids(data) == [uid("morse-1"), uid("morse-2")]
    assert _name(data) == "Test Seminar: Morse Theory"


def test_the_site_calendar_holds_every_session_in_date_order() -> None:
    site = make_site()
    data = ical.site_calendar(site)
    assert _uids(data) == [uid(s) for s in SPRING + AUTUMN]
    assert _name(data) == "Test Seminar"


def test_a_session_calendar_holds_that_session_alone() -> None:
    site = make_site()
    data = ical.session_calendar(site, site.session(docname("joint")))
    assert _uids(data) == [uid("joint")]
    assert _name(data) == "The Analytical Engine"


@pytest.mark.parametrize(("data", "zones"), [
    (lambda site: ical.site_calendar(site), ["America/New_York", "Europe/Berlin"]),
    (lambda site: ical.term_calendar(site, "2031-autumn"), ["Europe/Berlin"]),
    (lambda site: ical.session_calendar(site, site.session(docname("new-york"))), ["America/New_York"]),
], ids=["site", "term", "session"])
def test_a_calendar_has_the_zones_its_events_name_and_no_others(data, zones) -> None:
    calendar = _parsed(data(make_site()))
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == zones
    head = {name: str(calendar[name]) for name in calendar}
    assert head == {"VERSION": "2.0", "PRODID": "-//Test Seminar//seminar calendar//EN", "CALSCALE": "GREGORIAN",
                    "X-WR-CALNAME": head["X-WR-CALNAME"], "REFRESH-INTERVAL": head["REFRESH-INTERVAL"], "X-PUBLISHED-TTL": "PT12H"}
    assert calendar.decoded("REFRESH-INTERVAL") == dt.timedelta(hours=12)


def test_without_the_sites_address_no_event_links_a_page_or_a_repository_file() -> None:
    site = make_site(settings=Settings(project="Test Seminar", uid_domain="seminar.example.org"))
    event = _read(_parsed(ical.session_calendar(site, site.session(docname("scheduled")))).events[0])
    assert "URL" not in event
    assert event["DESCRIPTION"] == ("Speaker: Ada Lovelace (University of Example)\n\nBring a laptop.\n\nFirst paragraph.\n\n"
                                    "Second paragraph.\n\nSlides: https://example.org/slides.pdf")


def test_without_a_calendar_domain_uids_say_so() -> None:
    site = make_site(settings=Settings(project="Test Seminar"))
    assert _uids(ical.session_calendar(site, site.session(docname("today")))) == [
        "sessions-2031-spring-2031-01-20-today@invalid"]


def test_the_fixture_settings_are_what_the_tables_assume() -> None:
    assert SETTINGS.base_url == SITE


def test_the_join_link_is_a_conference_uri_with_its_features_and_label() -> None:
    site = make_site()
    event = _parsed(ical.session_calendar(site, site.session(docname("today")))).events[0]
    assert dict(event["CONFERENCE"].params) == {"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Join online"}
    assert dict(_parsed(ical.site_calendar(site))["REFRESH-INTERVAL"].params) == {"VALUE": "DURATION"}
