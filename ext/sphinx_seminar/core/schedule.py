"""A term's schedule as data: its rows in date order, with the weeks without a meeting.

What the HTML table, the printed table and the calendars show, computed
once from the sessions and the term's no-meeting days.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Session, iso_week

COLUMNS = ("Week", "Date", "Time", "Room", "Speaker", "Topic")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Row:
    """One line of a schedule: a session, or a week without a meeting."""

    date: dt.date
    session: Session | None = None

    @property
    def week(self) -> int:
        return iso_week(self.date)


def schedule_rows(sessions: Iterable[Session], no_meeting: Iterable[dt.date], when: str, today: dt.date) -> list[Row]:
    """The rows of one term's schedule in date order: ``when`` is all, upcoming or past."""
    rows = [Row(s.date, s) for s in sessions] + [Row(day) for day in no_meeting]
    rows.sort(key=lambda row: (row.date, row.session is not None, row.session.start if row.session else dt.time()))
    if when == "upcoming":
        rows = [row for row in rows if row.date >= today]
    elif when == "past":
        rows = [row for row in rows if row.date < today]
    return rows


def roman(index: int) -> str:
    """The part number of the ``index``-th part (from 0) of a series."""
    return _ROMAN[index] if index < len(_ROMAN) else str(index + 1)


_NUMERAL = re.compile(r"(?:^|\s)((?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))$")


def part_numbers(parts: list[Session]) -> list[str]:
    """The number of each part (in date order): its ``part:`` as written where it gives one;
    else the Roman numeral that ends every title where they all have one ("Learning
    Dynamical Systems II"), so that a moved or cancelled part keeps its number; else I, II,
    ... by date."""
    written = [_NUMERAL.search(p.title) for p in parts]
    from_titles = all(written) and len({m.group(1) for m in written}) == len(parts)
    return [p.fields.part or (written[index].group(1) if from_titles else roman(index)) for index, p in enumerate(parts)]


_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def numeral_value(numeral: str) -> int:
    """The number a part's numeral (Roman or Arabic, as :func:`part_numbers` gives it) stands for."""
    if numeral.isdigit():
        return int(numeral)
    values = [_VALUES[letter] for letter in numeral]
    return sum(-value if value < after else value for value, after in zip(values, values[1:] + [0]))


def parts_total(numbers: list[str]) -> str:
    """How many parts the series has ("Part II of III"), in Arabic where its parts' numbers all are:
    as many as it has pages, or the highest number given where that is more."""
    total = max([len(numbers)] + [numeral_value(number) for number in numbers])
    return str(total) if numbers and all(number.isdigit() for number in numbers) else roman(total - 1)


def series_title(parts: list[Session]) -> str:
    """The series' title given by its first part that gives one (``series:`` as a title, or
    ``series_title:``); else what the parts' titles share, without the part numbers."""
    given = next((p.fields.series_title for p in parts if p.fields.series_title), None)
    if given:
        return given
    words = [p.title.split() for p in parts]
    common = []
    for column in zip(*words):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    return " ".join(common) or parts[0].title
