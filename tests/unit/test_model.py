"""The model's reading of a page: every mistake one exact problem (file, line, field, message, hint), without Sphinx.

The pages are read as the build and ``seminar check`` read them
(``read_front_matter``, then ``load_term`` or ``load_session`` with the
term's defaults), and the problems are compared whole.  The Sphinx tier
(``tests/sphinx/test_validation.py``) checks that such a problem fails the build
with its location while the other pages still build.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_seminar.core.conflicts import check_sessions
from sphinx_seminar.core.frontmatter import read_front_matter
from sphinx_seminar.core.model import load_session, load_term
from sphinx_seminar.core.problems import Problem

TERM = """---
title: Term 2030/31
timezone: Europe/Berlin
first_day: 2030-10-07
last_day: 2031-02-10
defaults:
  weekday: Monday
  start: "15:00"
  end: "16:30"
  room: Room 1
no_meeting:
  - 2030-11-18
---
"""
PAGE = "sessions/2030-31/2030-11-25-beta.md"
TERM_PAGE = "sessions/2030-31/index.md"


def term(text: str = TERM):
    front, problems = read_front_matter(text, TERM_PAGE)
    assert front is not None, problems
    return load_term("2030-31", "sessions/2030-31/index", TERM_PAGE, front)


def read(front_matter: str, body: str = "", path: str = PAGE):
    """The session of a page, and every problem of reading it."""
    front, problems = read_front_matter(f"---\n{front_matter}---\n{body}", path)
    if front is None:
        return None, problems
    session, more = load_session(path[:-3], path, "2030-31", front, term()[0])
    return session, problems + more


def problem(line: int | None, field: str | None, message: str, hint: str = "") -> Problem:
    return Problem(PAGE, line, field, message, hint)


BETA = "title: Beta\nspeaker: Alan Turing\n"
CASES = {
    "missing date": (BETA, [problem(1, "date", "required field is missing", "add a line 'date: ...' to the front-matter")]),
    "date not ISO": (BETA + "date: 25.11.2030\n", [problem(4, "date", "'25.11.2030' is not a date in the form YYYY-MM-DD",
                                                          "write the date as YYYY-MM-DD, for example 2024-11-04")]),
    "impossible date": (BETA + "date: 2030-02-30\n", [problem(4, "date", "'2030-02-30' is not a day of the calendar (day is out of range for month)",
                                                             "check the day and the month")]),
    "time out of range": (BETA + 'date: 2030-11-25\nstart: "25:00"\n', [problem(5, "start", "'25:00' is not a time of day",
                                                                               "hours go from 00 to 23 and minutes from 00 to 59")]),
    "time in words": (BETA + "date: 2030-11-25\nend: 4pm\n", [problem(5, "end", "'4pm' is not a time in the form HH:MM",
                                                                     'write a 24-hour time such as "15:00"')]),
    "end before start": (BETA + 'date: 2030-11-25\nstart: "16:00"\nend: "15:00"\n', [
        problem(6, "end", "ends at 15:00, not after its start at 16:00", "give an end time later than the start time")]),
    "no length": (BETA + 'date: 2030-11-25\nstart: "15:00"\nend: "15:00"\n', [
        problem(6, "end", "ends at 15:00, not after its start at 15:00", "give an end time later than the start time")]),
    "unknown field": ("title: Beta\nspeeker: Alan Turing\nspeaker: Alan Turing\ndate: 2030-11-25\n", [
        problem(3, "speeker", "unknown field", "did you mean 'speaker'?")]),
    "time instead of start and end": (BETA + "date: 2030-11-25\ntime: 15:00-16:30\n", [
        problem(5, "time", "unknown field", 'give \'start\' and \'end\' separately, e.g. start: "15:00" and end: "16:30"')]),
    "empty title": ("title:\nspeaker: Alan Turing\ndate: 2030-11-25\n", [problem(2, "title", "must not be empty",
                                                                                "write a value after the colon")]),
    "field given twice": (BETA + "date: 2030-11-25\ntitle: Gamma\n", [
        problem(5, "title", "field given twice (first on line 2)", "keep one of the two lines")]),
    "outside the term": (BETA + "date: 2031-03-03\n", [
        problem(4, "date", "2031-03-03 is outside Term 2030/31 (2030-10-07 to 2031-02-10)",
                "correct the date, or move the page to the folder of the term that covers it ('seminar term new' starts a "
                "term; its dates are in sessions/2030-31/index.md)")]),
    "moved without a former date": (BETA + "date: 2030-11-25\nstatus: moved\n", [
        problem(5, "status", "a moved session says where it was planned before",
                "add 'moved_from:' with its former date (and start and room if they changed), indented below it")]),
    "a former date without the move": (BETA + "date: 2030-11-25\nmoved_from: 2030-11-11\n", [
        problem(5, "moved_from", "only a moved session has a former date", "add 'status: moved', or remove moved_from")]),
    "a reason without a change": (BETA + "date: 2030-11-25\nreason: Why not.\n", [
        problem(5, "reason", "only a cancelled or moved session has a reason",
                "add 'status: cancelled' or 'status: moved', or remove the reason")]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_is_one_exact_problem(case: str) -> None:
    text, expected = CASES[case]
    session, problems = read(text)
    assert problems == expected
    # A field given twice keeps the first; every other mistake leaves the session out (and says so).
    assert (session is not None) is (case == "field given twice")


def test_a_mistake_in_the_yaml_is_located() -> None:
    session, problems = read("title: Beta\nspeaker: [Alan Turing\ndate: 2030-11-25\n")
    assert session is None and len(problems) == 1
    assert (problems[0].path, problems[0].field) == (PAGE, None) and problems[0].message.startswith("YAML syntax error")
    assert problems[0].line in (3, 4)


def test_a_page_without_front_matter_says_how_to_start_one() -> None:
    front, problems = read_front_matter("# Beta\n\nText.\n", PAGE)
    assert (front, problems) == (None, [Problem(PAGE, 1, None, "page has no front-matter",
                                                "start the page with a '---' line, the fields, and a closing '---' line")])


def test_front_matter_that_is_not_a_mapping() -> None:
    session, problems = read("- title\n- speaker\n")
    assert session is None
    assert [(p.line, p.message) for p in problems] == [(2, "front-matter is not a mapping of fields")]


def test_what_a_speaker_naturally_types_is_read_as_meant() -> None:
    # Unquoted times and dates, '9:30': text to the model (never YAML 1.1's base-60 number 570).
    session, problems = read(BETA + "date: 2030-11-25\nstart: 9:30\nend: 11:00\nroom: Room 2\nstatus: Canceled\n"
                             "reason: Illness\n")
    assert problems == []
    assert (session.start, session.end, session.status, session.room) == (dt.time(9, 30), dt.time(11, 0), "cancelled", "Room 2")


def test_the_terms_defaults_fill_what_the_page_leaves_out() -> None:
    session, problems = read(BETA + "date: 2030-11-25\n")
    assert problems == []
    assert (session.start, session.end, session.room, session.zone) == (dt.time(15), dt.time(16, 30), "Room 1", "Europe/Berlin")
    assert session.starts.isoformat() == "2030-11-25T15:00:00+01:00"
    assert session.week == 48 and session.line_of("date") == 4 and session.line_of("start") is None


def test_an_online_talk_takes_no_room_from_the_term() -> None:
    session, problems = read(BETA + "date: 2030-11-25\nonline: yes\n")
    assert problems == [] and (session.attendance, session.room, session.place) == ("online", "Online", "Online")


def test_a_title_from_the_body_when_the_front_matter_has_none() -> None:
    session, problems = read("speaker: Alan Turing\ndate: 2030-11-25\n", body="\n# Beta from the body\n\nText.\n")
    assert problems == [] and session.title == "Beta from the body" and session.line_of("title") == 6


@pytest.mark.parametrize(("text", "expected"), [
    ("title: Term\ndefaults:\n  start: 3pm\n", [Problem(TERM_PAGE, 4, "defaults.start", "'3pm' is not a time in the form HH:MM",
                                                        'write a 24-hour time such as "15:00"')]),
])
def test_a_mistake_in_a_term_page(text: str, expected: list[Problem]) -> None:
    front, problems = read_front_matter(f"---\n{text}---\n", TERM_PAGE)
    found, more = load_term("2030-31", "sessions/2030-31/index", TERM_PAGE, front)
    assert found is None
    assert [p for p in problems + more if p.field == "defaults.start"] == expected


def test_a_term_that_ends_before_it_begins() -> None:
    found, problems = term(TERM.replace("last_day: 2031-02-10", "last_day: 2030-10-01"))
    assert found is None
    assert problems == [Problem(TERM_PAGE, 5, "last_day", "2030-10-01 is before the first day, 2030-10-07",
                                "give the term's last day after its first"),
                        Problem(TERM_PAGE, 12, "no_meeting.0", "2030-11-18 is outside the term (2030-10-07 to 2030-10-01)",
                                "correct the date, or the term's first_day and last_day")]


def _session(name: str, text: str):
    session, problems = read(text, path=f"sessions/2030-31/{name}.md")
    assert problems == [], problems
    return session


def test_two_sessions_in_one_room_at_one_time_are_one_problem_at_the_later() -> None:
    first = _session("a", 'title: Beta\nspeaker: Alan Turing\ndate: 2030-11-25\nstart: "14:00"\nend: "15:30"\n')
    second = _session("b", "title: Gamma\nspeaker: Emmy Noether\ndate: 2030-11-25\n")
    found = check_sessions([first, second], {"2030-31": term()[0]})
    assert [(p.path, p.line, p.field) for p in found] == [("sessions/2030-31/b.md", 4, "date")]
    assert found[0].message == "overlaps with 'Beta' (sessions/2030-31/a.md) in Room 1 on 2030-11-25, 14:00–15:30"


def test_back_to_back_sessions_do_not_overlap() -> None:
    first = _session("a", 'title: Beta\nspeaker: Alan Turing\ndate: 2030-11-25\nstart: "14:00"\nend: "15:00"\n')
    second = _session("b", "title: Gamma\nspeaker: Emmy Noether\ndate: 2030-11-25\n")
    assert check_sessions([first, second], {"2030-31": term()[0]}) == []


def test_a_session_on_a_no_meeting_date() -> None:
    found = check_sessions([_session("a", BETA + "date: 2030-11-18\n")], {"2030-31": term()[0]})
    assert [(p.line, p.field, p.message, p.hint) for p in found] == [
        (4, "date", "2030-11-18 is a no-meeting date of Term 2030/31",
         "pick another date, or remove the date from 'no_meeting' in sessions/2030-31/index.md")]


def test_the_reference_table_comes_from_what_the_model_states() -> None:
    from sphinx_seminar.core.model import SessionFields, TermFields
    from sphinx_seminar.core.schema import field_rows, json_schema

    session = {name: (kind, need) for name, kind, need, _ in field_rows(SessionFields)}
    assert session["start"] == ('time ("HH:MM")', "required, or the term's default")
    assert session["room"] == ("text", "required, or the term's default (none for an online talk)")
    assert session["status"] == ("scheduled or cancelled or moved", "default: scheduled")
    assert session["series"] == ("title or slug", "optional") and session["part"] == ("numeral (II or 2)", "optional") and session["further_reading"] == ("list of text", "optional")
    assert session["moved_from"] == ("date (YYYY-MM-DD) or mapping", "optional")
    term = {name: (kind, need) for name, kind, need, _ in field_rows(TermFields)}
    assert term["timezone"] == ("IANA time zone", "required") and term["no_meeting"] == ("list of date (YYYY-MM-DD)", "optional")
    assert json_schema(SessionFields)["required"] == ["title", "speaker", "date"]
    assert json_schema(TermFields)["required"] == ["title", "timezone", "first_day", "last_day"]
