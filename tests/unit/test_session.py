"""The session and term models (``core/model.py``): statuses, speakers, the term's defaults and the term as sessions see it.

Pages are read as in ``test_model.py``; the values compared are the model's
own (parsed dates and times, the joined names, the zone), exactly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic_core import PydanticCustomError

from sphinx_seminar.core.frontmatter import FrontMatter, read_front_matter
from sphinx_seminar.core.model import (
    Materials, TermDefaults, _former, _speakers, _status, join_names, load_session, load_term, sessions_term, term_for_sessions,
)
from sphinx_seminar.core.problems import Problem

from .test_model import BETA, PAGE, TERM, TERM_PAGE, read, term

DAY = BETA + "date: 2030-11-25\n"


@pytest.mark.parametrize(("value", "expected"), [
    ("scheduled", "scheduled"), ("cancelled", "cancelled"), ("moved", "moved"), (" Canceled ", "cancelled"),
    ("CANCELLED", "cancelled"), ("postponed", "moved"), ("Rescheduled", "moved"),
])
def test_a_status_and_what_else_it_is_written_as(value: str, expected: str) -> None:
    assert _status(value) == expected


@pytest.mark.parametrize("value", ["maybe", " called  off ", ""])
def test_what_is_not_a_status(value: str) -> None:
    with pytest.raises(PydanticCustomError) as info:
        _status(value)
    assert (info.value.type, info.value.message(), info.value.context) == (
        "status_value", f"'{value.strip()}' is not a status", {"value": value.strip(), "hint": "write scheduled, cancelled or moved"})


def test_speakers_and_a_former_date_in_their_short_forms() -> None:
    assert _speakers("Ada") == [{"name": "Ada"}]
    assert _speakers(["Ada", {"name": "Alan", "affiliation": "X"}]) == [{"name": "Ada"}, {"name": "Alan", "affiliation": "X"}]
    assert _speakers([]) == []
    assert _former("2030-11-11") == {"date": "2030-11-11"}
    assert _former({"date": "2030-11-11"}) == {"date": "2030-11-11"}
    assert _former(None) is None


@pytest.mark.parametrize(("names", "expected"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"), (["A", "B", "C", "D"], "A, B, C and D"),
])
def test_join_names(names: list[str], expected: str) -> None:
    assert join_names(names) == expected


def test_a_joint_talk_and_its_affiliations() -> None:
    session, problems = read("title: Beta\nspeaker:\n  - Ada Lovelace\n  - name: Alan Turing\n    affiliation: Manchester\n"
                             "  - Emmy Noether\naffiliation: Göttingen\ndate: 2030-11-25\n")
    assert problems == []
    assert session.speaker == "Ada Lovelace, Alan Turing and Emmy Noether"
    assert session.speaker_line == "Ada Lovelace (Göttingen), Alan Turing (Manchester) and Emmy Noether (Göttingen)"
    assert session.affiliation == "Göttingen; Manchester"
    assert (session.speaker_tba, session.tba) == (False, False)


@pytest.mark.parametrize(("affiliation", "expected", "joined"), [
    # A list beside the list of speakers: each speaker's, in the same order.
    ("affiliation: [Göttingen, Manchester]\n", (("Ada Lovelace", "Göttingen"), ("Alan Turing", "Manchester")), "Göttingen; Manchester"),
    ("affiliation:\n  - Göttingen\n  - Manchester\n", (("Ada Lovelace", "Göttingen"), ("Alan Turing", "Manchester")),
     "Göttingen; Manchester"),
    # One text: the affiliation of each speaker who gives none, as before.
    ("affiliation: Göttingen\n", (("Ada Lovelace", "Göttingen"), ("Alan Turing", "Göttingen")), "Göttingen"),
    ("", (("Ada Lovelace", None), ("Alan Turing", None)), None),
])
def test_a_list_of_affiliations_beside_the_list_of_speakers(affiliation: str, expected: tuple, joined: str | None) -> None:
    session, problems = read("title: Beta\nspeaker: [Ada Lovelace, Alan Turing]\n" + affiliation + "date: 2030-11-25\n")
    assert problems == []
    assert tuple((s.name, s.affiliation) for s in session.speakers) == expected
    assert session.affiliation == joined


def test_a_speakers_own_affiliation_comes_before_the_lists() -> None:
    session, problems = read("title: Beta\nspeaker:\n  - Ada Lovelace\n  - name: Alan Turing\n    affiliation: Bletchley Park\n"
                             "affiliation: [Göttingen, Manchester]\ndate: 2030-11-25\n")
    assert problems == []
    assert session.speaker_line == "Ada Lovelace (Göttingen) and Alan Turing (Bletchley Park)"


@pytest.mark.parametrize(("series", "expected"), [
    # A title: the slug is made from it, and the title kept for the series.
    ("series: Random Walks on Graphs\n", ("random-walks-on-graphs", "Random Walks on Graphs", None)),
    ("series: '  Über  Graphen: Teil & Ganzes '\npart: ii\n", ("uber-graphen-teil-ganzes", "Über Graphen: Teil & Ganzes", "II")),
    # A slug stays a slug, with or without a title of its own.
    ("series: random-walks\n", ("random-walks", None, None)),
    ("series: walks\nseries_title: Random Walks\npart: 2\n", ("walks", "Random Walks", "2")),
    ("series: walks\nseries_title: walks\n", ("walks", "walks", None)),
    ("", (None, None, None)),
])
def test_a_series_by_its_title_or_its_slug_and_a_part_as_written(series: str, expected: tuple) -> None:
    session, problems = read(DAY + series)
    assert problems == []
    assert (session.series, session.series_title, session.part) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("title: TBA\nspeaker: Ada\ndate: 2030-11-25\n", ("To be announced", "To be announced (25 November 2030)", "Ada", True, False)),
    ("title: Beta\nspeaker: tbd\ndate: 2030-11-25\n", ("Beta", "Beta", "To be announced", False, True)),
    ("title: Beta\nspeaker: [TBA, Ada]\ndate: 2030-11-25\n", ("Beta", "Beta", "TBA and Ada", False, False)),
])
def test_what_is_not_known_yet(text: str, expected: tuple) -> None:
    session, problems = read(text)
    assert problems == []
    assert (session.title, session.page_title, session.speaker, session.title_tba, session.speaker_tba) == expected
    assert session.tba is (expected[3] or expected[4])


def test_the_fields_are_the_sessions_attributes_and_nothing_else() -> None:
    session, _ = read(DAY + "note: Bring a laptop.\nseries: graphs\n")
    assert (session.note, session.series, session.date, session.further_reading) == ("Bring a laptop.", "graphs", dt.date(2030, 11, 25), [])
    with pytest.raises(AttributeError, match="^colour$"):
        session.colour  # noqa: B018


def test_a_moved_session_says_where_it_was() -> None:
    session, problems = read(DAY + "status: moved\nmoved_from:\n  date: 2030-11-18\n  room: Room 9\n")
    assert problems == [] and session.moved and not session.cancelled
    assert session.previous_start.isoformat() == "2030-11-18T15:00:00+01:00"
    assert session.previous_room == "Room 9"
    session, _ = read(DAY + "status: cancelled\n")
    assert (session.cancelled, session.moved, session.previous_start, session.previous_room) == (True, False, None, None)


def test_the_venues_zone_is_the_sessions_else_the_terms() -> None:
    session, _ = read(DAY + "timezone: Asia/Tokyo\n")
    assert session.zone == "Asia/Tokyo" and session.starts.isoformat() == "2030-11-25T15:00:00+09:00"
    assert session.ends.isoformat() == "2030-11-25T16:30:00+09:00"
    session, _ = read(BETA + "date: 2030-12-30\n")
    assert (session.zone, session.week, session.iso_year) == ("Europe/Berlin", 1, 2031)


def test_the_page_overrides_each_default_and_the_weekday_is_not_one() -> None:
    session, problems = read(DAY + 'start: "10:00"\nend: "11:00"\nroom: Room 7\n')
    assert problems == [] and (session.start, session.end, session.room) == (dt.time(10), dt.time(11), "Room 7")
    assert dict(session.lines) == {"title": 2, "speaker": 3, "date": 4, "start": 5, "end": 6, "room": 7}


@pytest.mark.parametrize(("online", "attendance"), [("online: yes\n", "online"), ("online: no\n", "offline"), ("online: maybe\n", None)])
def test_only_a_talk_that_is_online_takes_no_room_from_the_term(online: str, attendance: str | None) -> None:
    session, problems = read(DAY + online)
    if attendance is None:
        assert session is None and problems == [Problem(PAGE, 5, "online", "'maybe' is not true or false", "write true or false")]
    else:
        assert problems == [] and (session.attendance, session.room) == (attendance, "Room 1" if attendance == "offline" else "Online")


def test_a_join_link_is_published_where_the_term_says_so() -> None:
    session, _ = read(DAY + "join_url: https://meet.example.org/x\n")
    public = term(TERM.replace("---\n", "join_links_public: true\n---\n", 2).replace("join_links_public: true\n", "", 1))[0]
    assert public.fields.join_links_public is True
    assert (session.published_join_url(public), session.published_join_url(term()[0]), session.published_join_url(None)) == (
        "https://meet.example.org/x", None, None)
    assert (session.attendance, session.place) == ("mixed", "Room 1 and online")
    plain, _ = read(DAY)
    assert (plain.published_join_url(public), plain.place) == (None, "Room 1")


def test_a_body_heading_is_the_title_only_where_the_front_matter_has_none() -> None:
    session, problems = read(DAY, body="\n# Other\n")
    assert problems == [] and session.title == "Beta" and session.line_of("title") == 2


def test_materials_in_their_order() -> None:
    assert Materials(notes="n.pdf", slides="s.pdf", code="https://example.org/c").items() == [
        ("slides", "s.pdf"), ("code", "https://example.org/c"), ("notes", "n.pdf")]
    assert Materials().items() == []


def test_a_term() -> None:
    found, problems = term()
    assert problems == [] and (found.id, found.docname, found.path, found.title) == (
        "2030-31", "sessions/2030-31/index", TERM_PAGE, "Term 2030/31")
    assert str(found.tz) == "Europe/Berlin" and found.fields.no_meeting == [dt.date(2030, 11, 18)]
    assert (found.covers(dt.date(2030, 10, 7)), found.covers(dt.date(2031, 2, 10)), found.covers(dt.date(2030, 10, 6)),
            found.covers(dt.date(2031, 2, 11))) == (True, True, False, False)


def _front(text: str) -> FrontMatter:
    front, problems = read_front_matter(text, TERM_PAGE)
    assert front is not None, problems
    return front


def test_a_valid_term_is_what_its_sessions_see() -> None:
    assert term_for_sessions("2030-31", "sessions/2030-31/index", TERM_PAGE, _front(TERM)) == term()[0]


def test_a_term_with_problems_lends_its_defaults_and_zone_without_limits() -> None:
    text = TERM.replace("title: Term 2030/31\n", "").replace("timezone: Europe/Berlin", "timezone: Asia/Tokyo")
    assert load_term("2030-31", "sessions/2030-31/index", TERM_PAGE, _front(text))[0] is None
    seen = term_for_sessions("2030-31", "sessions/2030-31/index", "shown/index.md", _front(text))
    assert (seen.id, seen.docname, seen.path, seen.title) == ("2030-31", "sessions/2030-31/index", "shown/index.md", "2030-31")
    assert seen.fields.defaults == TermDefaults(weekday="Monday", start=dt.time(15), end=dt.time(16, 30), room="Room 1")
    assert (seen.fields.timezone, seen.fields.first_day, seen.fields.last_day) == ("Asia/Tokyo", dt.date.min, dt.date.max)
    assert (seen.fields.organizers, seen.fields.no_meeting, seen.fields.join_links_public, seen.fields.join_info) == ([], [], False, None)
    # Its rooms are not lent either: a session's room has no address, and looking it up is no error.
    assert seen.fields.rooms == {} and seen.room("Room 1") is None
    front, _ = read_front_matter(f"---\n{BETA}date: 2099-01-01\n---\n", PAGE)
    session, problems = load_session(PAGE[:-3], PAGE, "2030-31", front, seen)
    assert problems == [] and (session.zone, session.room, session.start) == ("Asia/Tokyo", "Room 1", dt.time(15))


@pytest.mark.parametrize(("change", "defaults", "zone"), [
    (("timezone: Europe/Berlin", "timezone: Mars/Olympus"), TermDefaults(weekday="Monday", start=dt.time(15), end=dt.time(16, 30), room="Room 1"), "UTC"),
    (("timezone: Europe/Berlin\n", ""), TermDefaults(weekday="Monday", start=dt.time(15), end=dt.time(16, 30), room="Room 1"), "UTC"),
    (('start: "15:00"', "start: 3pm"), TermDefaults(), "Europe/Berlin"),
    (("defaults:\n  weekday: Monday\n", "defaults:\n  weekday: Monday\n  colour: red\n"), TermDefaults(), "Europe/Berlin"),
])
def test_what_a_term_with_problems_cannot_lend(change: tuple[str, str], defaults: TermDefaults, zone: str) -> None:
    text = TERM.replace("title: Term 2030/31\n", "").replace(*change)
    seen = term_for_sessions("2030-31", "sessions/2030-31/index", TERM_PAGE, _front(text))
    assert (seen.fields.defaults, seen.fields.timezone) == (defaults, zone)


def test_a_term_without_defaults_lends_none() -> None:
    text = "---\ntimezone: UTC\n---\n"
    seen = term_for_sessions("t", "sessions/t/index", TERM_PAGE, _front(text))
    assert (seen.fields.defaults, seen.fields.timezone) == (TermDefaults(), "UTC")
    seen = term_for_sessions("t", "sessions/t/index", TERM_PAGE, _front("---\ndefaults:\n---\n"))
    assert (seen.fields.defaults, seen.fields.timezone) == (TermDefaults(), "UTC")


def test_the_term_read_from_its_file(tmp_path: Path) -> None:
    path = tmp_path / "index.md"
    path.write_text(TERM, encoding="utf-8")
    assert sessions_term("2030-31", "sessions/2030-31/index", path, TERM_PAGE) == term()[0]
    path.write_text(TERM.replace("title: Term 2030/31\n", ""), encoding="utf-8")
    seen = sessions_term("2030-31", "sessions/2030-31/index", path, "shown.md")
    assert (seen.title, seen.path, seen.fields.timezone, seen.fields.defaults.room) == ("2030-31", "shown.md", "Europe/Berlin", "Room 1")
    path.write_bytes(b"---\ntitle: \xff\n---\n")
    assert sessions_term("2030-31", "sessions/2030-31/index", path, TERM_PAGE) is None
    path.write_text("no front-matter\n", encoding="utf-8")
    assert sessions_term("2030-31", "sessions/2030-31/index", path, TERM_PAGE) is None


@pytest.mark.parametrize(("problem", "text", "shown"), [
    (Problem("a.md", 3, "date", "is wrong", "fix it"), "date: is wrong (fix it)", "a.md:3: date: is wrong (fix it)"),
    (Problem("a.md", None, "date", "is wrong"), "date: is wrong", "a.md: date: is wrong"),
    (Problem("a.md", 0, None, "is wrong", "fix it"), "is wrong (fix it)", "a.md:0: is wrong (fix it)"),
])
def test_a_problem_as_text(problem: Problem, text: str, shown: str) -> None:
    assert (problem.text, str(problem)) == (text, shown)
