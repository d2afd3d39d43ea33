"""Problems between sessions, and between a session and the rest of the site.

Two talks in one room at overlapping times, the same talk twice, a talk
on a no-meeting day, a suggested reading that no ``.bib`` file has.  One
page alone cannot show these; the build and ``seminar check`` run them
once every page is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

from .model import Session, Term
from .problems import Problem


def check_sessions(sessions: list[Session], terms: dict[str, Term]) -> list[Problem]:
    """Problems between sessions: overlaps in one room, meetings on no-meeting days."""
    problems: list[Problem] = []
    ordered = sorted(sessions, key=lambda s: (s.date, s.start, s.docname))
    same_day: dict[dt.date, list[Session]] = {}
    for session in ordered:
        earlier_that_day = same_day.setdefault(session.date, [])
        for earlier in earlier_that_day:
            if (earlier.date, earlier.title.casefold(), earlier.speaker.casefold()) == (
                session.date, session.title.casefold(), session.speaker.casefold()
            ):
                problems.append(
                    Problem(session.path, session.line_of("title"), "title",
                            f"duplicate of {earlier.path} (same date, speaker and title)",
                            "remove one of the two pages")
                )
            elif session.overlaps(earlier):
                problems.append(
                    Problem(
                        session.path,
                        session.line_of("date"),
                        "date",
                        f"overlaps with '{earlier.title}' ({earlier.path}) in {session.room} "
                        f"on {session.date:%Y-%m-%d}, {earlier.start:%H:%M}–{earlier.end:%H:%M}",
                        "move one of the two sessions to another time or room",
                    )
                )
        earlier_that_day.append(session)
        term = terms.get(session.term)
        if term is not None and session.date in term.fields.no_meeting:
            problems.append(
                Problem(
                    session.path,
                    session.line_of("date"),
                    "date",
                    f"{session.date:%Y-%m-%d} is a no-meeting date of {term.title}",
                    f"pick another date, or remove the date from 'no_meeting' in {term.path}",
                )
            )
    return problems


def unknown_further_reading(session: Session, known: Container[str] | None) -> list[Problem]:
    """A problem for each key of the session's ``further_reading`` that no ``.bib`` file has."""
    return [
        Problem(session.path, session.line_of("further_reading"), "further_reading", f"unknown citation key '{key}'",
                "add the entry to references.bib (with the source that confirms it) or correct the key")
        for key in session.further_reading
        if known is None or key not in known
    ]
