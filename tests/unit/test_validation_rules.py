"""The problems of ``core/validation.py``: each kind of pydantic error as a problem, and each rule between fields.

Pages are read as in ``test_model.py`` (the front-matter reader, then
``load_session`` or ``load_term``) and every problem is compared whole:
file, line, field, message and hint.  ``field_problems`` is also called on
errors no page can cause, to pin its fallbacks.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from sphinx_seminar.core.frontmatter import FrontMatter, read_front_matter
from sphinx_seminar.core.model import Materials, SessionFields, TermFields, load_session, load_term, term_for_sessions
from sphinx_seminar.core.problems import Problem
from sphinx_seminar.core.validation import _unknown_field_hint, field_problems, fields_at

from .test_model import BETA, PAGE, TERM, TERM_PAGE, problem, term

DAY = BETA + "date: 2030-11-25\n"
NO_ROOM = TERM.replace("  room: Room 1\n", "")
MOVED_SAME = "is the same date, time and room as the session's"
MOVED_SAME_HINT = "give where it was planned before in moved_from, and where it takes place now in date, start and room"
ONLINE_ROOM_HINT = "remove the room; for a hybrid talk (a room and a join link) remove 'online: true' instead"
NO_ROOM_HINT = "add a line 'room: ...' (or a default room on the term's page), or 'online: true' for an online talk"
LATER = "give an end time later than the start time"
AFFILIATIONS_HINT = ("give one affiliation per speaker, in the same order, or give each speaker's with it: "
                     "speaker: [{name: ..., affiliation: ...}]")
AFFILIATION_ITEM_HINT = "write each speaker's affiliation as one line '- Institution', in the order of the speakers"
SERIES_HINT = ("give the series' title, e.g. Learning Dynamical Systems, or its slug, in lower-case letters, digits and hyphens, "
               "e.g. learning-dynamical-systems")
INDENTED = "write each on its own line below '{}:', indented"


def read(front_matter: str, term_text: str | None = TERM):
    """The session of a page in the term ``term_text`` (None: no term), and every problem of reading it."""
    front, problems = read_front_matter(f"---\n{front_matter}---\n", PAGE)
    assert front is not None, problems
    the_term = term(term_text)[0] if term_text is not None else None
    session, more = load_session(PAGE[:-3], PAGE, "2030-31", front, the_term)
    return session, problems + more


CASES = {
    # field_problems: pydantic's kinds of error.
    "unknown field, a name from another tool": (DAY + "speakers: Alan Turing\n", [
        problem(5, "speakers", "unknown field", "the field is called 'speaker' (a list for a joint talk)")]),
    # Another tool's name: the hint names the field that means the same thing (no alias is accepted).
    "another tool's name for the series": (DAY + "part_of: random-walks\n", [
        problem(5, "part_of", "unknown field", "the field is called 'series': the series' title, the same on every part")]),
    "another tool's name for the room": (DAY + "location: Room 2\n", [problem(5, "location", "unknown field", "the field is called 'room'")]),
    "another tool's name for the venue": (DAY + "venue: Room 2\n", [
        problem(5, "venue", "unknown field", "the field is called 'room' (its address goes under 'rooms:' on the term's page)")]),
    "cancelled as a field of its own": (DAY + "cancelled: true\n", [problem(5, "cancelled", "unknown field", "write status: cancelled")]),
    "postponed as a field of its own": (DAY + "postponed: true\n", [
        problem(5, "postponed", "unknown field", "write status: moved, with moved_from: and the date it had before")]),
    "affiliations in the plural": ("title: Beta\nspeaker: [Ada, Alan]\naffiliations: [X, Y]\ndate: 2030-11-25\n", [
        problem(4, "affiliations", "unknown field", "the field is called 'affiliation' (a list of one per speaker for a joint talk)")]),
    "a part's number by another name": (DAY + "series: walks\npart_number: II\n", [
        problem(6, "part_number", "unknown field", "the field is called 'part': its numeral, e.g. part: II")]),
    "unknown field, close to none": (DAY + "colour: red\n", [
        problem(5, "colour", "unknown field", "known fields: " + ", ".join(SessionFields.model_fields))]),
    "unknown field under materials": (DAY + "materials:\n  slide: slides.pdf\n", [
        problem(6, "materials.slide", "unknown field", "did you mean 'slides'?")]),
    "another tool's name under materials": (DAY + "materials:\n  video: https://example.org/v\n", [
        problem(6, "materials.video", "unknown field", "known fields: slides, recording, code, notes")]),
    "unknown field of a speaker": ("title: Beta\nspeaker:\n  - name: Alan Turing\n    affil: Manchester\ndate: 2030-11-25\n", [
        problem(5, "speaker.0.affil", "unknown field", "did you mean 'affiliation'?")]),
    "missing title": ("speaker: Alan Turing\ndate: 2030-11-25\n", [
        problem(1, "title", "required field is missing",
                "add a line 'title: ...' to the front-matter, or start the page's text with '# Your title'")]),
    "missing speaker": ("title: Beta\ndate: 2030-11-25\n", [
        problem(1, "speaker", "required field is missing", "add a line 'speaker: ...' to the front-matter")]),
    "missing former date": (DAY + 'status: moved\nmoved_from:\n  start: "14:00"\n', [
        problem(6, "moved_from.date", "required field is missing", "add a line 'date: ...' to the front-matter")]),
    "no speaker in the list": ("title: Beta\nspeaker: []\ndate: 2030-11-25\n", [
        problem(3, "speaker", "must not be empty", "write a value after the colon")]),
    "empty note": (DAY + 'note: ""\n', [problem(5, "note", "must not be empty", "write a value after the colon")]),
    "a series neither a title nor a slug": (DAY + "series: '---'\n", [problem(5, "series", "'---' is neither a title in words nor a slug", SERIES_HINT)]),
    "a series as a list": (DAY + "series: [walks]\n", [
        problem(5, "series", "expected a single line of text, got a list", "write the value on the same line as the field name")]),
    "a series' title given twice": (DAY + "series: Random Walks\nseries_title: Walks\n", [
        problem(6, "series_title", "the series' title is given twice, in 'series' and in 'series_title'",
                "give its title in 'series' alone, or its slug in 'series' and its title in 'series_title'")]),
    "a part without a series": (DAY + "part: II\n", [
        problem(5, "part", "a part belongs to a series", "add 'series:' with the series' title, the same on every part")]),
    "a part's number in words": (DAY + "series: walks\npart: two\n", [
        problem(6, "part", "'two' is not a part's number", "write a Roman or an Arabic numeral, e.g. part: II or part: 2")]),
    "a part numbered from 0": (DAY + "series: walks\npart: 0\n", [
        problem(6, "part", "'0' is not a part's number", "write a Roman or an Arabic numeral, e.g. part: II or part: 2")]),
    "a series by its title, a part": (DAY + "series: Random Walks\npart: ii\n", []),
    "a series by its slug and title": (DAY + "series: random-walks\nseries_title: Random Walks\npart: 2\n", []),
    "materials on one line": (DAY + "materials: slides.pdf\n", [
        problem(5, "materials", "expected fields indented under this one", INDENTED.format("materials"))]),
    "a former date as a list": (DAY + "status: moved\nmoved_from:\n  - 2030-11-11\n", [
        problem(6, "moved_from", "expected fields indented under this one", INDENTED.format("moved_from"))]),
    "a value's own hint": (DAY + "status: maybe\n", [problem(5, "status", "'maybe' is not a status", "write scheduled, cancelled or moved")]),
    "a list of further reading": (DAY + "further_reading: lovasz1993random\n", [
        problem(5, "further_reading", "expected a list", "write one '- item' per line under the field")]),
    "a bad item of further reading": (DAY + "further_reading:\n  - a\n  - [b]\n", [
        problem(7, "further_reading.1", "expected a single line of text, got a list", "write the value on the same line as the field name")]),
    # affiliation: a text, or a list of one per speaker
    "more affiliations than speakers": ("title: Beta\nspeaker: [Ada, Alan]\naffiliation: [X, Y, Z]\ndate: 2030-11-25\n", [
        problem(4, "affiliation", "2 speakers but 3 affiliations", AFFILIATIONS_HINT)]),
    "fewer affiliations than speakers": ("title: Beta\nspeaker:\n  - Ada\n  - Alan\n  - Emmy\naffiliation:\n  - X\n  - Y\n"
                                         "date: 2030-11-25\n", [problem(7, "affiliation", "3 speakers but 2 affiliations", AFFILIATIONS_HINT)]),
    "a list of affiliations for one speaker": ("title: Beta\nspeaker: Ada\naffiliation: [X, Y]\ndate: 2030-11-25\n", [
        problem(4, "affiliation", "1 speaker but 2 affiliations", AFFILIATIONS_HINT)]),
    "one affiliation in a list for one speaker": ("title: Beta\nspeaker: Ada\naffiliation: [X]\ndate: 2030-11-25\n", []),
    "an empty item of the affiliations": ("title: Beta\nspeaker: [Ada, Alan]\naffiliation: [X, '']\ndate: 2030-11-25\n", [
        problem(4, "affiliation", "item 2 of the list is not a line of text", AFFILIATION_ITEM_HINT)]),
    "a list in the affiliations": ("title: Beta\nspeaker: [Ada, Alan]\naffiliation:\n  - [X]\n  - Y\ndate: 2030-11-25\n", [
        problem(4, "affiliation", "item 1 of the list is not a line of text", AFFILIATION_ITEM_HINT)]),
    "no affiliation in the list": ("title: Beta\nspeaker: [Ada, Alan]\naffiliation: []\ndate: 2030-11-25\n", [
        problem(4, "affiliation", "must not be empty", "write a value after the colon")]),
    "an empty affiliation": ("title: Beta\nspeaker: [Ada, Alan]\naffiliation: ' '\ndate: 2030-11-25\n", [
        problem(4, "affiliation", "must not be empty", "write a value after the colon")]),
    # _time_and_place
    "end before the term's start": (DAY + 'end: "14:00"\n', [problem(5, "end", "ends at 14:00, not after its start at 15:00", LATER)]),
    "start after the term's end": (DAY + 'start: "17:00"\n', [problem(5, "start", "ends at 16:30, not after its start at 17:00", LATER)]),
    "an online talk with a room": (DAY + "online: true\nroom: Room 2\n", [problem(6, "room", "an online talk has no room", ONLINE_ROOM_HINT)]),
    # _status_rules
    "a cancelled session with a former date": (DAY + "status: cancelled\nmoved_from: 2030-11-11\n", [
        problem(6, "moved_from", "only a moved session has a former date", "add 'status: moved', or remove moved_from")]),
    "moved to where it was": (DAY + "status: moved\nmoved_from: 2030-11-25\n", [problem(6, "moved_from", MOVED_SAME, MOVED_SAME_HINT)]),
    "moved to where it was, said in full": (DAY + 'status: moved\nmoved_from:\n  date: 2030-11-25\n  start: "15:00"\n  room: Room 1\n', [
        problem(6, "moved_from", MOVED_SAME, MOVED_SAME_HINT)]),
    "moved and said twice": (DAY + "status: moved\nreason: Why not.\nmoved_from: 2030-11-25\n", [
        problem(7, "moved_from", MOVED_SAME, MOVED_SAME_HINT)]),
    "moved without a former date, with a reason": (DAY + "status: moved\nreason: Illness.\n", [
        problem(5, "status", "a moved session says where it was planned before",
                "add 'moved_from:' with its former date (and start and room if they changed), indented below it")]),
    "a reason and a former date without the move": (DAY + "reason: Illness.\nmoved_from: 2030-11-11\n", [
        problem(6, "moved_from", "only a moved session has a former date", "add 'status: moved', or remove moved_from"),
        problem(5, "reason", "only a cancelled or moved session has a reason",
                "add 'status: cancelled' or 'status: moved', or remove the reason")]),
    "a reason and an online room": (DAY + "reason: Illness.\nonline: true\nroom: Room 2\n", [
        problem(7, "room", "an online talk has no room", ONLINE_ROOM_HINT),
        problem(5, "reason", "only a cancelled or moved session has a reason",
                "add 'status: cancelled' or 'status: moved', or remove the reason")]),
    "outside the term and ending early": (BETA + 'date: 2031-03-03\nend: "15:00"\n', [
        problem(5, "end", "ends at 15:00, not after its start at 15:00", LATER),
        problem(4, "date", "2031-03-03 is outside Term 2030/31 (2030-10-07 to 2031-02-10)",
                "correct the date, or move the page to the folder of the term that covers it ('seminar term new' starts a "
                "term; its dates are in sessions/2030-31/index.md)")]),
    "the term's first and last days are in it": (BETA + "date: 2030-10-07\n", []),
    "the term's last day": (BETA + "date: 2031-02-10\n", []),
    "moved from another day": (DAY + "status: moved\nmoved_from: 2030-11-11\nreason: Illness.\n", []),
    "moved to another start the same day": (DAY + 'status: moved\nmoved_from:\n  date: 2030-11-25\n  start: "11:00"\n', []),
    "moved to another room the same day": (DAY + "status: moved\nmoved_from:\n  date: 2030-11-25\n  room: Room 9\n", []),
    "cancelled, with a reason": (DAY + "status: cancelled\nreason: Illness.\n", []),
    "a hybrid talk": (DAY + "room: Room 2\njoin_url: https://meet.example.org/x\n", []),
}


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_is_one_exact_problem(case: str) -> None:
    text, expected = CASES[case]
    session, problems = read(text)
    assert problems == expected
    assert (session is None) is bool(expected)


def test_a_talk_without_a_room_where_the_term_has_none() -> None:
    assert read(DAY, NO_ROOM) == (None, [problem(1, "room", "required field is missing", NO_ROOM_HINT)])
    session, problems = read(DAY + "online: true\n", NO_ROOM)
    assert problems == [] and session.room == "Online"


def test_without_a_term_a_page_gives_its_own_time_and_room_and_any_date() -> None:
    session, problems = read("title: Beta\nspeaker: Alan Turing\ndate: 2040-01-01\n", None)
    assert session is None
    assert problems == [problem(1, "start", "required field is missing", "add a line 'start: ...' to the front-matter"),
                        problem(1, "end", "required field is missing", "add a line 'end: ...' to the front-matter")]
    session, problems = read('title: Beta\nspeaker: Alan Turing\ndate: 2040-01-01\nstart: "9:00"\nend: "10:00"\nroom: A\n', None)
    assert problems == [] and (session.date, session.zone, session.room) == (dt.date(2040, 1, 1), "UTC", "A")
    assert read('title: Beta\nspeaker: Alan Turing\ndate: 2040-01-01\nstart: "9:00"\nend: "10:00"\n', None) == (
        None, [problem(1, "room", "required field is missing", NO_ROOM_HINT)])


def test_a_term_whose_defaults_end_before_they_start() -> None:
    text = TERM.replace('end: "16:30"', 'end: "14:00"')
    found, problems = term(text)
    assert found is None
    assert problems == [Problem(TERM_PAGE, 9, "defaults.end", "ends at 14:00, not after the start at 15:00", LATER)]
    # Its sessions take its defaults still (term_for_sessions): the page that gives neither is told at its first line.
    front, _ = read_front_matter(text, TERM_PAGE)
    seen = term_for_sessions("2030-31", "sessions/2030-31/index", TERM_PAGE, front)
    front, _ = read_front_matter(f"---\n{DAY}---\n", PAGE)
    assert load_session(PAGE[:-3], PAGE, "2030-31", front, seen) == (
        None, [problem(1, "start", "ends at 14:00, not after its start at 15:00", LATER)])


def test_a_term_whose_defaults_have_no_length() -> None:
    found, problems = term(TERM.replace('end: "16:30"', 'end: "15:00"'))
    assert (found, problems) == (None, [Problem(TERM_PAGE, 9, "defaults.end", "ends at 15:00, not after the start at 15:00", LATER)])


@pytest.mark.parametrize(("defaults", "valid"), [
    ('defaults:\n  start: "15:00"\n', True),
    ('defaults:\n  end: "15:00"\n', True),
    ("defaults:\n  room: Room 1\n", True),
])
def test_a_term_may_give_only_some_defaults(defaults: str, valid: bool) -> None:
    text = "---\ntitle: T\ntimezone: UTC\nfirst_day: 2030-10-07\nlast_day: 2030-10-07\n" + defaults + "---\n"
    found, problems = term(text)
    assert problems == [] and (found is not None) is valid


def test_a_no_meeting_day_outside_the_term() -> None:
    text = TERM.replace("  - 2030-11-18\n", "  - 2030-10-07\n  - 2030-10-06\n  - 2031-02-10\n  - 2031-02-11\n")
    found, problems = term(text)
    outside = "is outside the term (2030-10-07 to 2031-02-10)"
    assert (found, problems) == (None, [
        Problem(TERM_PAGE, 13, "no_meeting.1", f"2030-10-06 {outside}", "correct the date, or the term's first_day and last_day"),
        Problem(TERM_PAGE, 15, "no_meeting.3", f"2031-02-11 {outside}", "correct the date, or the term's first_day and last_day")])


def test_a_one_day_term() -> None:
    found, problems = term(TERM.replace("last_day: 2031-02-10", "last_day: 2030-10-07").replace("  - 2030-11-18\n", "  - 2030-10-07\n"))
    assert problems == [] and found.covers(dt.date(2030, 10, 7))


@pytest.mark.parametrize(("text", "expected"), [
    ("timezone: UTC\nfirst_day: 2030-10-07\nlast_day: 2030-10-08\n",
     [Problem(TERM_PAGE, 1, "title", "required field is missing",
              "add a line 'title: ...' to the front-matter, or start the page's text with '# Your title'")]),
    ("title: T\ntimezone: UTC\nfirst_day: 2030-10-07\nlast_day: 2030-10-08\ndefaults: Monday\n",
     [Problem(TERM_PAGE, 6, "defaults", "expected fields indented under this one", INDENTED.format("defaults"))]),
    ("title: T\ntimezone: UTC\nfirst_day: 2030-10-07\nlast_day: 2030-10-08\ndefaults:\n  colour: red\n",
     [Problem(TERM_PAGE, 7, "defaults.colour", "unknown field", "known fields: weekday, start, end, room")]),
    ("title: T\ntimezone: UTC\nfirst_day: 2030-10-07\nlast_day: 2030-10-08\ndefault:\n  room: A\n",
     [Problem(TERM_PAGE, 6, "default", "unknown field", "did you mean 'defaults'?")]),
    ("title: T\ntimezone: UTC\nfirst_day: 2030-10-07\nlast_day: 2030-10-08\nlocation: A\n",
     [Problem(TERM_PAGE, 6, "location", "unknown field", "the field is called 'room'")]),
])
def test_a_mistake_in_a_term_page(text: str, expected: list[Problem]) -> None:
    front, _ = read_front_matter(f"---\n{text}---\n", TERM_PAGE)
    assert load_term("t", "sessions/t/index", TERM_PAGE, front) == (None, expected)


@pytest.mark.parametrize(("key", "known", "top", "expected"), [
    ("place", ("room", "place2"), True, "the field is called 'room'"),
    ("place", ("room", "place2"), False, "did you mean 'place2'?"),
    ("speakers", ("speaker",), True, "the field is called 'speaker' (a list for a joint talk)"),
    ("speakr", ("title", "speaker"), True, "did you mean 'speaker'?"),
    ("xyz", ("title", "speaker"), True, "known fields: title, speaker"),
    ("xyz", (), False, "known fields: "),
])
def test_the_hint_for_an_unknown_field(key: str, known: tuple[str, ...], top: bool, expected: str) -> None:
    assert _unknown_field_hint(key, known, top=top) == expected


def test_the_hint_for_an_unknown_field_is_for_a_top_level_field_by_default() -> None:
    assert _unknown_field_hint("zoom", ()) == "the join link is 'join_url'"


@pytest.mark.parametrize(("model", "loc", "expected"), [
    (SessionFields, (), tuple(SessionFields.model_fields)),
    (SessionFields, ("materials",), ("slides", "recording", "code", "notes")),
    (SessionFields, ("speaker", 0), ("name", "affiliation", "group")),
    (SessionFields, ("moved_from",), ("date", "start", "room")),
    (SessionFields, ("title",), ()),
    (SessionFields, ("nothing", "slides"), ()),
    (SessionFields, ("materials", "slides"), ()),
    (TermFields, ("defaults",), ("weekday", "start", "end", "room")),
    (Materials, (), ("slides", "recording", "code", "notes")),
])
def test_the_fields_at_a_place_of_the_front_matter(model, loc, expected) -> None:
    assert fields_at(model, loc) == expected


def _error(*items: dict) -> ValidationError:
    return ValidationError.from_exception_data("SessionFields", list(items))


def test_an_error_without_a_hint_points_to_the_reference() -> None:
    front = FrontMatter(values={"date": "x"}, lines={("date",): 4}, first_line=2)
    found = field_problems(_error({"type": "int_parsing", "loc": ("date",), "input": "x"}), front, PAGE, SessionFields)
    assert found == [problem(4, "date", "Input should be a valid integer, unable to parse string as an integer", "see docs/front-matter")]


def test_an_error_of_the_whole_front_matter_has_no_field() -> None:
    front = FrontMatter(values={}, lines={("date",): 4}, first_line=2)
    found = field_problems(_error({"type": "int_parsing", "loc": (), "input": "x"}), front, PAGE, SessionFields)
    assert found == [problem(2, None, "Input should be a valid integer, unable to parse string as an integer", "see docs/front-matter")]


def test_a_missing_field_is_at_the_opening_line_and_a_nested_one_at_its_parent() -> None:
    front = FrontMatter(values={"moved_from": {}}, lines={("moved_from",): 6, ("date",): 9}, first_line=3)
    found = field_problems(_error({"type": "missing", "loc": ("date",), "input": {}},
                                  {"type": "missing", "loc": ("moved_from", "date"), "input": {}}), front, PAGE, SessionFields)
    assert found == [problem(3, "date", "required field is missing", "add a line 'date: ...' to the front-matter"),
                     problem(6, "moved_from.date", "required field is missing", "add a line 'date: ...' to the front-matter")]


def test_a_rule_is_at_its_fields_line_or_else_at_the_opening_line() -> None:
    session, problems = read(DAY + 'start: "17:00"\n')
    assert problems == [problem(5, "start", "ends at 16:30, not after its start at 17:00", LATER)]
    front = FrontMatter(values={"title": "Beta"}, lines={("end",): 7}, first_line=3)
    fields = SessionFields.model_validate({"title": "Beta", "speaker": "A", "date": "2030-11-25", "start": "15:00", "end": "15:00",
                                           "room": "R"})
    from sphinx_seminar.core.validation import session_rules

    assert session_rules(fields, front, PAGE, None) == [problem(3, "start", "ends at 15:00, not after its start at 15:00", LATER)]


def test_a_value_of_only_spaces_is_empty() -> None:
    # YAML gives '   ' as a string; the text is nothing once its spaces are joined.
    session, problems = read('title: "   "\nspeaker: Alan Turing\ndate: 2030-11-25\n')
    assert session is None
    assert problems == [problem(2, "title", "must not be empty", "write a value after the colon")]


def test_an_empty_list_value_is_the_empty_list_and_list_fields_say_what_they_hold() -> None:
    from sphinx_seminar.core.fields import Text, label_of, list_of

    seen, problems = term(TERM.replace("no_meeting:\n  - 2030-11-18\n", 'no_meeting: ""\n'))
    assert problems == [] and seen.fields.no_meeting == []
    assert label_of(list_of(Text)) == "list of text"
    # The model's classes call list_of when the module is imported; here it runs under the test too.
    from pydantic import TypeAdapter
    assert TypeAdapter(list_of(Text)).validate_python("") == []
    assert label_of(list_of(TermFields)) == "list of mapping"
