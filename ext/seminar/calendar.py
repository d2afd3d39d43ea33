"""iCalendar files of the schedule, from the same session model as the table.

``schedule.ics`` at the site root holds every meeting, and each session page
has its own ``.ics`` beside it.  The ``icalendar`` package does the RFC 5545
work: escaping of commas, semicolons and newlines, folding of long lines,
and the VTIMEZONE of Europe/Berlin.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from icalendar import Calendar, Event, Timezone
from sphinx.application import Sphinx

from .domain import SeminarDomain
from .model import Session, Term

SCHEDULE_ICS = "schedule.ics"
PRODID = "-//MPI MiS//Math and Machine Learning seminar site//EN"


def uid(session: Session, domain_name: str) -> str:
    """Stable across builds: made from the page's name, not from the build."""
    return f"{session.docname.replace('/', '-')}@{domain_name}"


def page_url(app: Sphinx, docname: str) -> str | None:
    base = app.config.html_baseurl
    if not base:
        return None
    return base.rstrip("/") + "/" + app.builder.get_target_uri(docname)


def event(app: Sphinx, session: Session, term: Term | None) -> Event:
    tz = term.tz if term else dt.timezone.utc
    item = Event()
    item.add("uid", uid(session, app.config.seminar_calendar_domain))
    item.add("dtstamp", _stamp())
    item.add("dtstart", dt.datetime.combine(session.date, session.start, tzinfo=tz))
    item.add("dtend", dt.datetime.combine(session.date, session.end, tzinfo=tz))
    item.add("summary", session.title)
    item.add("location", session.room)
    speaker = session.speaker + (f" ({session.affiliation})" if session.affiliation else "")
    description = [f"Speaker: {speaker}"]
    if session.abstract:
        description.append(session.abstract)
    url = page_url(app, session.docname)
    if url:
        description.append(url)
        item.add("url", url)
    item.add("description", "\n\n".join(description))
    return item


def _stamp() -> dt.datetime:
    # Reproducible builds set SOURCE_DATE_EPOCH; otherwise the build's time.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0)


def calendar(app: Sphinx, sessions: Iterable[Session], terms: dict[str, Term], name: str,
             zones: dict[str, Timezone] | None = None) -> Calendar:
    """A calendar of ``sessions``; ``zones`` reuses VTIMEZONEs already made."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    used = {}
    for session in sessions:
        term = terms.get(session.term)
        cal.add_component(event(app, session, term))
        if term is not None:
            used[term.fields.timezone] = session.date
    for tzid in sorted(used):
        if zones is None or tzid not in zones:
            # Transitions from 1970 to 2038, as icalendar makes them by default.
            zone = Timezone.from_tzid(tzid)
            if zones is not None:
                zones[tzid] = zone
        cal.add_component(zones[tzid] if zones is not None else zone)
    return cal


def session_ics_name(docname: str) -> str:
    return f"{docname}.ics"


def write_calendars(app: Sphinx, exception: Exception | None) -> None:
    """Write ``schedule.ics`` and one file per session (``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    domain: SeminarDomain = app.env.domains["seminar"]
    sessions = domain.sorted_sessions()
    outdir = Path(app.outdir)
    zones: dict[str, Timezone] = {}  # one VTIMEZONE per zone and build, not per file
    (outdir / SCHEDULE_ICS).write_bytes(calendar(app, sessions, domain.terms, app.config.project, zones).to_ical())
    for session in sessions:
        target = outdir / session_ics_name(session.docname)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar(app, [session], domain.terms, session.title, zones).to_ical())


