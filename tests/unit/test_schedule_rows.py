"""A term's rows (meetings and weeks without one), and the parts of a lecture series."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sphinx_seminar.core.schedule import part_numbers, roman, schedule_rows, series_title

from .fixture_site import docname, make_site


def _rows(when: str, today: dt.date) -> list[tuple[str, int, str | None]]:
    site = make_site()
    term = site.term("2031-spring")
    return [(str(row.date), row.week, row.session.docname if row.session else None)
            for row in schedule_rows(site.sessions_of("2031-spring"), term.fields.no_meeting, when, today)]


def test_the_rows_are_the_meetings_and_the_days_without_one_in_date_order_with_iso_weeks() -> None:
    rows = _rows("all", dt.date(2031, 1, 20))
    assert rows[:3] == [("2031-01-06", 2, None), ("2031-01-13", 3, docname("scheduled")), ("2031-01-20", 4, docname("today"))]
    assert len(rows) == 12 and rows[-1] == ("2031-03-24", 13, docname("new-york"))


def test_upcoming_holds_the_day_itself_and_past_the_days_before() -> None:
    today = dt.date(2031, 1, 20)
    assert [r[0] for r in _rows("upcoming", today)][:2] == ["2031-01-20", "2031-01-27"]
    assert [r[0] for r in _rows("past", today)] == ["2031-01-06", "2031-01-13"]


def _titled(session, title: str):
    return dataclasses.replace(session, fields=session.fields.model_copy(update={"title": title}))


def test_parts_keep_the_numbers_their_titles_give_else_are_numbered_by_date() -> None:
    parts = list(make_site().series["morse"])
    assert part_numbers(parts) == ["I", "II"]
    # A part moved before another keeps the number in its title.
    assert part_numbers([_titled(parts[0], "Morse Theory II"), _titled(parts[1], "Morse Theory I")]) == ["II", "I"]
    assert part_numbers([_titled(parts[0], "Morse"), _titled(parts[1], "Handles")]) == ["I", "II"]
    assert series_title(parts) == "Morse Theory"
    assert series_title([_titled(parts[0], "Morse"), _titled(parts[1], "Handles")]) == "Morse"
    assert [roman(i) for i in (0, 3, 9, 10)] == ["I", "IV", "X", "11"]


def test_a_day_without_a_meeting_comes_before_that_days_meetings_and_they_go_by_start() -> None:
    site = make_site()
    scheduled, today = site.session(docname("scheduled")), site.session(docname("today"))
    later = dataclasses.replace(today, fields=today.fields.model_copy(update={"date": scheduled.date, "start": dt.time(17)}))
    earlier = dataclasses.replace(today, fields=today.fields.model_copy(update={"date": scheduled.date, "start": dt.time(9)}))
    rows = schedule_rows([later, scheduled, earlier], [scheduled.date], "all", dt.date(2031, 1, 20))
    assert [(row.date, row.session.start if row.session else None) for row in rows] == [
        (dt.date(2031, 1, 13), None), (dt.date(2031, 1, 13), dt.time(9)), (dt.date(2031, 1, 13), dt.time(15)),
        (dt.date(2031, 1, 13), dt.time(17))]


def test_one_part_is_its_own_series_title() -> None:
    part = make_site().series["morse"][0]
    assert series_title([_titled(part, "Learning Dynamical Systems")]) == "Learning Dynamical Systems"
