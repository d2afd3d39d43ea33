"""What the organisers still have to do: ``seminar check --reminders``.

Not problems (the site builds without them), but what a term needs
before and after its meetings: slots still to be announced in the coming
weeks, regular meeting days with neither a session nor a no-meeting
entry, and past talks without their slides or recording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .fields import WEEKDAYS
from .model import Session, Term
from .problems import Problem


def _tba(session: Session) -> Problem:
    unknown = " and ".join(part for part, tba in (("speaker", session.speaker_tba), ("title", session.title_tba)) if tba)
    return Problem(session.path, session.line_of("speaker" if session.speaker_tba else "title"), None,
                   f"{session.date:%a %Y-%m-%d}: the {unknown} {'are' if ' and ' in unknown else 'is'} still to be announced",
                   "fill them in once the speaker confirms, or cancel the slot with 'status: cancelled'")


def _no_materials(session: Session) -> Problem:
    return Problem(session.path, session.line_of("date"), None, f"{session.date:%a %Y-%m-%d}: no materials yet",
                   "add the slides, recording, code or notes under 'materials:', as https:// links or files beside the page")


def _open_days(term: Term, sessions: list[Session], first: dt.date, last: dt.date) -> Iterable[dt.date]:
    """The term's regular meeting days from ``first`` to ``last`` that have no session in their week and are no no-meeting day."""
    weekday = term.fields.defaults.weekday
    if weekday is None:
        return
    weeks = {s.date.isocalendar()[:2] for s in sessions}
    day = max(first, term.fields.first_day)
    day += dt.timedelta(days=(WEEKDAYS.index(weekday) - day.weekday()) % 7)
    while day <= min(last, term.fields.last_day):
        if day.isocalendar()[:2] not in weeks and day not in term.fields.no_meeting:
            yield day
        day += dt.timedelta(weeks=1)


def reminders(sessions: list[Session], terms: dict[str, Term], today: dt.date, weeks: int = 4) -> list[Problem]:
    """The reminders of the site on ``today``, looking ``weeks`` ahead, in date order."""
    horizon = today + dt.timedelta(weeks=weeks)
    found: list[tuple[dt.date, Problem]] = []
    for session in sessions:
        if session.cancelled:
            continue
        if session.tba and today <= session.date <= horizon:
            found.append((session.date, _tba(session)))
        elif not session.tba and session.date < today and session.materials is None:
            found.append((session.date, _no_materials(session)))
    for term in terms.values():
        own = [s for s in sessions if s.term == term.id]
        for day in _open_days(term, own, today, horizon):
            found.append((day, Problem(term.path, None, None, f"{day:%a %Y-%m-%d}: no session and not a no-meeting day",
                                       f"add a slot with 'seminar new --date {day} --speaker TBA --title TBA', "
                                       "or list the day under no_meeting")))
    return [problem for _, problem in sorted(found, key=lambda item: (item[0], item[1].path))]
