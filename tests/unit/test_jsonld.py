"""The schema.org data of each session and term page, whole, for every kind of session: what search engines receive."""

from __future__ import annotations

import json

import pytest

from sphinx_seminar.core.site import Settings
from sphinx_seminar.formats import jsonld

from .fixture_site import docname, make_site

SITE = "https://seminar.example.org/"
S = "https://schema.org/"
IMAGE = "https://seminar.example.org/_previews/x.jpg"
INSTITUTE = "Institute of Examples"
SPRING = {"@type": "EventSeries", "name": "Spring 2031", "startDate": "2031-01-06", "endDate": "2031-03-28",
          "url": f"{SITE}sessions/2031-spring/index.html"}
AUTUMN = {"@type": "EventSeries", "name": "Autumn 2031", "startDate": "2031-10-06", "endDate": "2032-01-30",
          "url": f"{SITE}sessions/2031-autumn/index.html"}


def place(room: str, address: str = INSTITUTE) -> dict:
    """A room's Place: its address from the term's rooms, else the institute's name."""
    return {"@type": "Place", "name": room, "address": address}


ROOM_202 = place("Room 202", "2 Example Road, 04103 Example Town, Germany")


def online(url: str) -> dict:
    return {"@type": "VirtualLocation", "name": "Online", "url": url}


def person(name: str, affiliation: str | None = None) -> dict:
    return {"@type": "Person", "name": name, **({"affiliation": {"@type": "Organization", "name": affiliation}} if affiliation else {})}


def event(short: str, name: str, start: str, end: str, location: list[dict], *, status: str = "EventScheduled",
          mode: str = "Offline", performer: list[dict] | None = None, term: dict = SPRING, **rest) -> dict:
    found = {"@context": "https://schema.org", "@type": "EducationEvent", "name": name, "startDate": start, "endDate": end,
             "eventStatus": S + status, "eventAttendanceMode": f"{S}{mode}EventAttendanceMode", "location": location,
             "organizer": {"@type": "Organization", "name": INSTITUTE}, **rest}
    if performer:
        found["performer"] = performer
    return {**found, "url": f"{SITE}{docname(short)}.html", "image": IMAGE, "superEvent": term}


EXPECTED = {
    "scheduled": event("scheduled", "Random Walks on Graphs", "2031-01-13T15:00:00+01:00", "2031-01-13T16:30:00+01:00",
                       [place("Room 101")], performer=[person("Ada Lovelace", "University of Example")],
                       description="First paragraph.\n\nSecond paragraph."),
    "today": event("today", "Invariants", "2031-01-20T15:00:00+01:00", "2031-01-20T16:30:00+01:00",
                   [online("https://meet.example.org/noether")], mode="Online", performer=[person("Emmy Noether")]),
    "cancelled": event("cancelled", "Cancelled Talk", "2031-01-27T15:00:00+01:00", "2031-01-27T16:30:00+01:00",
                       [place("Room 101")], status="EventCancelled", performer=[person("Alan Turing")]),
    "moved-date": event("moved-date", "Moved by a Day", "2031-02-04T15:00:00+01:00", "2031-02-04T16:30:00+01:00",
                        [place("Room 101")], status="EventRescheduled", previousStartDate="2031-02-03T15:00:00+01:00",
                        performer=[person("Grace Hopper")]),
    "moved-start": event("moved-start", "Moved in Time", "2031-02-11T15:00:00+01:00", "2031-02-11T16:30:00+01:00",
                         [place("Room 101")], status="EventRescheduled", previousStartDate="2031-02-10T10:00:00+01:00",
                         performer=[person("John von Neumann")]),
    "moved-room": event("moved-room", "Moved in Space", "2031-02-18T15:00:00+01:00", "2031-02-18T16:30:00+01:00",
                        [place("Room 101")], status="EventRescheduled", previousStartDate="2031-02-17T15:00:00+01:00",
                        performer=[person("Kurt Gödel")]),
    "tba-speaker": event("tba-speaker", "Spectral Graph Theory", "2031-02-24T15:00:00+01:00", "2031-02-24T16:30:00+01:00",
                         [place("Room 101")]),
    "tba-title": event("tba-title", "To be announced", "2031-03-03T15:00:00+01:00", "2031-03-03T16:30:00+01:00",
                       [place("Room 101")], performer=[person("Sofia Kovalevskaya")]),
    "tba-both": event("tba-both", "To be announced", "2031-03-10T15:00:00+01:00", "2031-03-10T16:30:00+01:00",
                      [place("Room 101")]),
    "joint": event("joint", "The Analytical Engine", "2031-03-17T15:00:00+01:00", "2031-03-17T16:30:00+01:00",
                   [place("Room 101"), online("https://meet.example.org/engine")], mode="Mixed",
                   performer=[person("Ada Lovelace", "Analytical Society"), person("Charles Babbage", "University of Cambridge")]),
    "new-york": event("new-york", "Far Away", "2031-03-24T10:00:00-04:00", "2031-03-24T11:00:00-04:00",
                      [place("Hall 3", "3 Example Avenue, New York, NY 10001, USA")], performer=[person("Emmy Noether", "Bryn Mawr College")]),
    # Links kept private: the online place is the session's page, which says where to get the link.
    "online-private": event("online-private", "Online Only", "2031-10-13T14:00:00+02:00", "2031-10-13T15:30:00+02:00",
                            [online(f"{SITE}{docname('online-private')}.html")], mode="Online",
                            performer=[person("Alan Turing")], term=AUTUMN),
    "hybrid-private": event("hybrid-private", "Hybrid", "2031-10-20T14:00:00+02:00", "2031-10-20T15:30:00+02:00",
                            [ROOM_202, online(f"{SITE}{docname('hybrid-private')}.html")], mode="Mixed",
                            performer=[person("Grace Hopper")], term=AUTUMN),
    "morse-1": event("morse-1", "Morse Theory I", "2031-10-27T14:00:00+01:00", "2031-10-27T15:30:00+01:00",
                     [ROOM_202], performer=[person("Marston Morse")], term=AUTUMN),
    "morse-2": event("morse-2", "Morse Theory II", "2031-11-03T14:00:00+01:00", "2031-11-03T15:30:00+01:00",
                     [ROOM_202], performer=[person("Marston Morse")], term=AUTUMN),
}


@pytest.mark.parametrize("short", EXPECTED)
def test_each_session_event_has_exactly_its_fields(short: str) -> None:
    site = make_site()
    assert jsonld.session_event(site, site.session(docname(short)), IMAGE) == EXPECTED[short]


def test_a_term_is_an_event_series_of_its_own_sessions() -> None:
    site = make_site()
    found = jsonld.term_event_series(site, site.term("2031-autumn"))
    sub = [("Online Only", "2031-10-13T14:00:00+02:00", "2031-10-13T15:30:00+02:00", "online-private"),
           ("Hybrid", "2031-10-20T14:00:00+02:00", "2031-10-20T15:30:00+02:00", "hybrid-private"),
           ("Morse Theory I", "2031-10-27T14:00:00+01:00", "2031-10-27T15:30:00+01:00", "morse-1"),
           ("Morse Theory II", "2031-11-03T14:00:00+01:00", "2031-11-03T15:30:00+01:00", "morse-2")]
    assert found == {"@context": "https://schema.org", **AUTUMN, "organizer": {"@type": "Organization", "name": INSTITUTE},
                     "subEvent": [{"@type": "EducationEvent", "name": n, "startDate": a, "endDate": b,
                                   "eventStatus": S + "EventScheduled", "url": f"{SITE}{docname(d)}.html"} for n, a, b, d in sub]}


def test_a_cancelled_sub_event_says_so() -> None:
    site = make_site()
    statuses = [e["eventStatus"] for e in jsonld.term_event_series(site, site.term("2031-spring"))["subEvent"]]
    assert statuses == [S + s for s in ["EventScheduled", "EventScheduled", "EventCancelled", "EventRescheduled",
                                        "EventRescheduled", "EventRescheduled"] + ["EventScheduled"] * 5]


def test_without_the_sites_address_or_institute_no_address_is_made_up() -> None:
    site = make_site(settings=Settings(project="Test Seminar"))
    found = jsonld.session_event(site, site.session(docname("joint")), None)
    assert found["location"] == [{"@type": "Place", "name": "Room 101"},
                                 {"@type": "VirtualLocation", "name": "Online", "url": "https://meet.example.org/engine"}]
    assert found["organizer"] == {"@type": "Organization", "name": "Test Seminar"}
    assert "url" not in found and "image" not in found and "url" not in found["superEvent"]


def test_the_script_cannot_be_ended_by_a_value() -> None:
    text = jsonld.script({"name": "</script><script>alert(1)</script> & more"})
    assert text.count("</script>") == 1 and text.endswith("</script>")
    body = text.removeprefix('<script type="application/ld+json">\n').removesuffix("\n</script>")
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & more"}
    assert "<" not in body and ">" not in body and "&" not in body
