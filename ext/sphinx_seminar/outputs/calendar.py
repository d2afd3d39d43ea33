"""iCalendar files of the schedule, from the same session model as the table.

``schedule.ics`` at the site root holds every meeting, and each session page
has its own ``.ics`` beside it.  The ``icalendar`` package does the RFC 5545
work: escaping of commas, semicolons and newlines, folding of long lines,
and the VTIMEZONE of each term's zone.

A session's file is written with its page (``html-page-context``), so it is
rewritten when the page is, and by the writer processes of ``-j N``; the
schedule's with the first page that shows every term (at the end of the
build where there is none).  A VTIMEZONE holds the transitions of
the years its events fall in, not 1970 to 2038: RFC 5545 asks only for
those, and it was most of every file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from pathlib import Path

from icalendar import Calendar, Timezone
from sphinx.application import Sphinx

from ..core.model import Session, Term
from ..integration.domain import SeminarDomain
from .icsevent import event

SCHEDULE_ICS = "schedule.ics"
REFRESH = dt.timedelta(hours=12)


def prodid(app: Sphinx) -> str:
    """The calendar's producer (RFC 5545 PRODID): this site, by its project name."""
    return f"-//{app.config.project}//seminar calendar//EN"


@functools.lru_cache(maxsize=256)
def zone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of ``tzid`` with its transitions from ``first_year`` to ``last_year``."""
    return Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1))


def calendar(app: Sphinx, sessions: Iterable[Session], terms: dict[str, Term], name: str) -> Calendar:
    """A calendar of ``sessions``, with a VTIMEZONE for each venue's zone."""
    cal = Calendar()
    cal.add("prodid", prodid(app))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    # How often subscribers should fetch the file again (RFC 7986, and the older X- form that Outlook reads).
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # An X- property is text to icalendar: the duration as RFC 5545 writes it.
    cal.add("x-published-ttl", f"PT{int(REFRESH.total_seconds()) // 3600}H")
    years: dict[str, tuple[int, int]] = {}
    for session in sessions:
        cal.add_component(event(app, session, terms.get(session.term)))
        first, last = years.get(session.zone, (session.date.year, session.date.year))
        years[session.zone] = (min(first, session.date.year), max(last, session.date.year))
    for tzid, (first, last) in sorted(years.items()):
        cal.add_component(zone(tzid, first, last))
    return cal


def session_ics_name(docname: str) -> str:
    return f"{docname}.ics"


def schedule_calendar(app: Sphinx, domain: SeminarDomain) -> bytes:
    """``schedule.ics``: every session of every term (written with the feeds, where what they show changed)."""
    return calendar(app, domain.sorted_sessions(), domain.terms, app.config.project).to_ical()


def write_page_calendars(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """``html-page-context``: a session page's own ``.ics`` beside it; so by the writer
    processes of ``-j N``, and only when the page is written again."""
    if app.builder.format != "html" or doctree is None:
        return
    domain: SeminarDomain = app.env.domains["seminar"]
    session = domain.sessions.get(pagename)
    if session is None:
        return
    target = Path(app.outdir) / session_ics_name(session.docname)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(calendar(app, [session], domain.terms, session.title).to_ical())
