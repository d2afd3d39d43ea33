"""A term's rows (meetings and weeks without one), and the parts of a lecture series."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sphinx_seminar.core.schedule import numeral_value, part_numbers, parts_total, roman, schedule_rows, series_title

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


def _part(session, part: str | None = None, series_title: str | None = None):
    return dataclasses.replace(session, fields=session.fields.model_copy(update={"part": part, "series_title": series_title}))


def test_a_part_given_is_the_number_shown_and_the_total_is_in_its_style() -> None:
    first, second = make_site().series["morse"]
    # The titles say I and II; the parts' own numbers come first, as written.
    assert part_numbers([_part(first, "II"), _part(second, "III")]) == ["II", "III"]
    assert part_numbers([_part(first, "1"), _part(second, "2")]) == ["1", "2"]
    assert part_numbers([_part(first), _part(second, "IV")]) == ["I", "IV"]
    assert part_numbers([_titled(_part(first), "Morse"), _titled(_part(second, "3"), "Handles")]) == ["I", "3"]
    assert parts_total(["I", "II"]) == "II"
    assert parts_total(["1", "2"]) == "2"
    assert parts_total(["II", "III"]) == "III"  # the first part is not on the site (yet)
    assert parts_total(["2", "4"]) == "4"
    assert parts_total(["I", "3"]) == "III"
    assert [numeral_value(n) for n in ("I", "IV", "IX", "XIV", "XL", "XC", "CX", "12")] == [1, 4, 9, 14, 40, 90, 110, 12]


def test_a_series_title_given_comes_before_the_words_its_parts_share() -> None:
    first, second = make_site().series["morse"]
    assert series_title([_part(first), _part(second, series_title="Morse Theory, in Two Parts")]) == "Morse Theory, in Two Parts"
    assert series_title([_part(first, series_title="A"), _part(second, series_title="B")]) == "A"
    assert series_title([first, second]) == "Morse Theory"


def test_one_part_is_its_own_series_title() -> None:
    part = make_site().series["morse"][0]
    assert series_title([_titled(part, "Learning Dynamical Systems")]) == "Learning Dynamical Systems"
