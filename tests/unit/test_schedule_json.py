"""``schedule.json`` and each term's, whole, for every kind of session: what another program receives."""

from __future__ import annotations

import json

import jsonschema
import pytest

from sphinx_seminar.core.site import Settings
from sphinx_seminar.formats import schedule_json

from .fixture_site import docname, make_site

SITE = "https://seminar.example.org/"


def person(name: str, affiliation: str | None = None) -> dict:
    return {"name": name, "affiliation": affiliation}


def session(short: str, title: str, speakers: list[dict], start: str, end: str, *, zone: str = "Europe/Berlin",
            room: str | None = "Room 101", attendance: str = "offline", status: str = "scheduled", **rest) -> dict:
    found = {"id": docname(short).replace("/", "-") + "@seminar.example.org", "title": title, "speakers": speakers,
             "start": start, "end": end, "timezone": zone, "room": room, "attendance": attendance, "status": status,
             "previous_start": None, "reason": None, "tba": False, "series": None, "note": None, "abstract": None,
             "materials": {}, "url": f"{SITE}{docname(short)}.html"}
    assert set(rest) <= set(found), rest
    return {**found, **rest}


SPRING = [
    session("scheduled", "Random Walks on Graphs", [person("Ada Lovelace", "University of Example")],
            "2031-01-13T15:00:00+01:00", "2031-01-13T16:30:00+01:00", note="Bring a laptop.",
            abstract="First paragraph.\n\nSecond paragraph.",
            # The code file is missing from the site: no address to give.
            materials={"slides": "https://example.org/slides.pdf", "notes": f"{SITE}_downloads/0123abcd/notes.pdf"}),
    session("today", "Invariants", [person("Emmy Noether")], "2031-01-20T15:00:00+01:00", "2031-01-20T16:30:00+01:00",
            room=None, attendance="online"),
    session("cancelled", "Cancelled Talk", [person("Alan Turing")], "2031-01-27T15:00:00+01:00", "2031-01-27T16:30:00+01:00",
            status="cancelled", reason="Illness."),
    session("moved-date", "Moved by a Day", [person("Grace Hopper")], "2031-02-04T15:00:00+01:00", "2031-02-04T16:30:00+01:00",
            status="moved", previous_start="2031-02-03T15:00:00+01:00"),
    session("moved-start", "Moved in Time", [person("John von Neumann")], "2031-02-11T15:00:00+01:00",
            "2031-02-11T16:30:00+01:00", status="moved", previous_start="2031-02-10T10:00:00+01:00"),
    session("moved-room", "Moved in Space", [person("Kurt Gödel")], "2031-02-18T15:00:00+01:00", "2031-02-18T16:30:00+01:00",
            status="moved", previous_start="2031-02-17T15:00:00+01:00", reason="Room works."),
    session("tba-speaker", "Spectral Graph Theory", [], "2031-02-24T15:00:00+01:00", "2031-02-24T16:30:00+01:00", tba=True),
    session("tba-title", "To be announced", [person("Sofia Kovalevskaya")], "2031-03-03T15:00:00+01:00",
            "2031-03-03T16:30:00+01:00", tba=True),
    session("tba-both", "To be announced", [], "2031-03-10T15:00:00+01:00", "2031-03-10T16:30:00+01:00", tba=True),
    session("joint", "The Analytical Engine",
            [person("Ada Lovelace", "Analytical Society"), person("Charles Babbage", "University of Cambridge")],
            "2031-03-17T15:00:00+01:00", "2031-03-17T16:30:00+01:00", attendance="mixed"),
    session("new-york", "Far Away", [person("Emmy Noether", "Bryn Mawr College")], "2031-03-24T10:00:00-04:00",
            "2031-03-24T11:00:00-04:00", zone="America/New_York", room="Hall 3"),
]
AUTUMN = [
    session("online-private", "Online Only", [person("Alan Turing")], "2031-10-13T14:00:00+02:00", "2031-10-13T15:30:00+02:00",
            room=None, attendance="online"),
    session("hybrid-private", "Hybrid", [person("Grace Hopper")], "2031-10-20T14:00:00+02:00", "2031-10-20T15:30:00+02:00",
            room="Room 202", attendance="mixed"),
    session("morse-1", "Morse Theory I", [person("Marston Morse")], "2031-10-27T14:00:00+01:00", "2031-10-27T15:30:00+01:00",
            room="Room 202", series="morse"),
    session("morse-2", "Morse Theory II", [person("Marston Morse")], "2031-11-03T14:00:00+01:00", "2031-11-03T15:30:00+01:00",
            room="Room 202", series="morse"),
]
TERMS = [
    {"id": "2031-spring", "title": "Spring 2031", "first_day": "2031-01-06", "last_day": "2031-03-28",
     "timezone": "Europe/Berlin", "url": f"{SITE}sessions/2031-spring/index.html", "sessions": SPRING},
    {"id": "2031-autumn", "title": "Autumn 2031", "first_day": "2031-10-06", "last_day": "2032-01-30",
     "timezone": "Europe/Berlin", "url": f"{SITE}sessions/2031-autumn/index.html", "sessions": AUTUMN},
]


def _document(data: bytes) -> dict:
    document = json.loads(data)
    jsonschema.validate(document, json.loads(schedule_json.schema()))
    return document


@pytest.mark.parametrize("index", range(len(SPRING) + len(AUTUMN)))
def test_each_session_has_exactly_its_fields(index: int) -> None:
    found = [s for term in _document(schedule_json.site_document(make_site()))["terms"] for s in term["sessions"]]
    assert found[index] == (SPRING + AUTUMN)[index]


def test_the_site_document_is_whole() -> None:
    assert _document(schedule_json.site_document(make_site())) == {"seminar": "Test Seminar", "url": SITE, "terms": TERMS}


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["id"])
def test_a_terms_document_holds_that_term_alone(term: dict) -> None:
    assert _document(schedule_json.term_document(make_site(), term["id"])) == {"seminar": "Test Seminar", "url": SITE, "terms": [term]}


def test_without_the_sites_address_addresses_are_from_the_root() -> None:
    site = make_site(settings=Settings(project="Test Seminar", uid_domain="seminar.example.org"))
    document = _document(schedule_json.site_document(site))
    first = document["terms"][0]["sessions"][0]
    assert (document["url"], document["terms"][0]["url"], first["url"]) == (
        None, "sessions/2031-spring/index.html", f"{docname('scheduled')}.html")
    assert first["materials"] == {"slides": "https://example.org/slides.pdf", "notes": "_downloads/0123abcd/notes.pdf"}


def test_the_text_is_stable() -> None:
    """Unchanged data, unchanged bytes: a key order and a layout of its own, not of the dict."""
    data = schedule_json.site_document(make_site())
    assert data == schedule_json.site_document(make_site())
    assert data.decode().startswith('{\n "seminar": "Test Seminar",\n "url": "https://seminar.example.org/",\n "terms": [\n')
