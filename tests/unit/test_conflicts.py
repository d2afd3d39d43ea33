"""Problems between sessions (``core/conflicts.py``): overlaps, duplicates, no-meeting days, unknown further reading.

Each session is read from its front-matter as in ``test_model.py``; the
problems are compared whole.
"""

from __future__ import annotations

import pytest

from sphinx_seminar.core.conflicts import check_sessions, unknown_further_reading
from sphinx_seminar.core.problems import Problem

from .test_model import _session, term

MOVE = "move one of the two sessions to another time or room"


def page(name: str, title: str = "Beta", speaker: str = "Alan Turing", date: str = "2030-11-25", more: str = ""):
    return _session(name, f"title: {title}\nspeaker: {speaker}\ndate: {date}\n{more}")


def check(*sessions):
    return check_sessions(list(sessions), {"2030-31": term()[0]})


def overlap(path: str, earlier: str, title: str, room: str, times: str, line: int = 4) -> Problem:
    return Problem(path, line, "date", f"overlaps with '{title}' ({earlier}) in {room} on 2030-11-25, {times}", MOVE)


A, B, C = (f"sessions/2030-31/{name}.md" for name in "abc")


def test_the_same_talk_twice_is_a_duplicate_at_the_later_page_not_an_overlap() -> None:
    found = check(page("b", title="BETA", speaker="alan turing"), page("a"))
    assert found == [Problem(B, 2, "title", f"duplicate of {A} (same date, speaker and title)", "remove one of the two pages")]


def test_the_same_talk_on_another_day_is_not_a_duplicate() -> None:
    assert check(page("a"), page("b", date="2030-12-02")) == []


@pytest.mark.parametrize(("first", "second"), [
    ({"title": "Gamma"}, {}),
    ({"speaker": "Emmy Noether"}, {}),
])
def test_a_talk_that_differs_in_speaker_or_title_overlaps(first: dict, second: dict) -> None:
    found = check(page("a", **second), page("b", **first))
    assert found == [overlap(B, A, "Beta", "Room 1", "15:00–16:30")]


def test_the_later_start_then_the_later_page_is_told() -> None:
    early = page("c", title="Early", more='start: "14:00"\nend: "15:30"\n')
    found = check(page("b", title="Gamma"), page("a"), early)
    assert found == [overlap(A, C, "Early", "Room 1", "14:00–15:30"), overlap(B, C, "Early", "Room 1", "14:00–15:30"),
                     overlap(B, A, "Beta", "Room 1", "15:00–16:30")]


def test_rooms_are_compared_without_case() -> None:
    found = check(page("a", more="room: HALL 2\n"), page("b", title="Gamma", more="room: Hall 2\n"))
    assert found == [overlap(B, A, "Beta", "Hall 2", "15:00–16:30")]


@pytest.mark.parametrize("more", [
    "room: Room 2\n",
    "status: cancelled\n",
    "online: true\n",
    'start: "16:30"\nend: "17:00"\n',
    'start: "13:00"\nend: "15:00"\n',
])
def test_what_does_not_overlap(more: str) -> None:
    assert check(page("a"), page("b", title="Gamma", more=more)) == []
    assert check(page("a", title="Gamma", more=more), page("b")) == []


def test_overlapping_by_a_minute_at_either_end() -> None:
    assert check(page("a"), page("b", title="Gamma", more='start: "16:29"\nend: "17:00"\n')) == [
        overlap(B, A, "Beta", "Room 1", "15:00–16:30", line=4)]
    assert check(page("a"), page("b", title="Gamma", more='start: "14:00"\nend: "15:01"\n')) == [
        overlap(A, B, "Gamma", "Room 1", "14:00–15:01")]


def test_a_meeting_on_a_no_meeting_day_of_its_term_only() -> None:
    session = page("a", date="2030-11-18")
    found = check_sessions([session], {"2030-31": term()[0]})
    assert found == [Problem(A, 4, "date", "2030-11-18 is a no-meeting date of Term 2030/31",
                             "pick another date, or remove the date from 'no_meeting' in sessions/2030-31/index.md")]
    assert check_sessions([session], {}) == []
    assert check_sessions([session], {"other": term()[0]}) == []


def test_a_duplicate_on_a_no_meeting_day_is_both() -> None:
    found = check(page("a", date="2030-11-18"), page("b", date="2030-11-18"))
    assert [(p.path, p.field, p.message) for p in found] == [
        (A, "date", "2030-11-18 is a no-meeting date of Term 2030/31"),
        (B, "title", f"duplicate of {A} (same date, speaker and title)"),
        (B, "date", "2030-11-18 is a no-meeting date of Term 2030/31"),
    ]


READING = "add the entry to references.bib (with the source that confirms it) or correct the key"


def test_further_reading_that_no_bib_file_has() -> None:
    session = page("a", more="further_reading:\n  - known2020\n  - unknown2021\n  - other2022\n")
    assert unknown_further_reading(session, {"known2020", "else"}) == [
        Problem(A, 5, "further_reading", "unknown citation key 'unknown2021'", READING),
        Problem(A, 5, "further_reading", "unknown citation key 'other2022'", READING)]
    assert unknown_further_reading(session, {"known2020", "unknown2021", "other2022"}) == []
    assert [p.message for p in unknown_further_reading(session, None)] == [
        "unknown citation key 'known2020'", "unknown citation key 'unknown2021'", "unknown citation key 'other2022'"]
    assert unknown_further_reading(page("b"), None) == []
