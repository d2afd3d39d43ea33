"""Sessions as iCalendar (RFC 5545, with RFC 7986's CONFERENCE and REFRESH-INTERVAL).

A cancelled session keeps its UID with ``STATUS:CANCELLED``, so that
subscribers' calendars cancel the event instead of keeping a stale one; a
moved session keeps its UID and says where it moved from.  ``SEQUENCE``,
``LAST-MODIFIED`` and ``DTSTAMP`` come from the repository's history of
the page (the snapshot's revisions), never from the clock: two builds of
one commit write the same bytes.

The ``icalendar`` package does the RFC 5545 work: escaping of commas,
semicolons and newlines, folding of long lines, and the VTIMEZONE of each
venue's zone.  A VTIMEZONE holds the transitions of the years its events
fall in, not 1970 to 2038: RFC 5545 asks only for those, and it was most
of every file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from icalendar import Calendar, Event, Timezone

from ..core.model import Session
from ..core.schedule import series_title
from ..core.site import Site
from . import wording

REFRESH = dt.timedelta(hours=12)


def prodid(site: Site) -> str:
    """The calendar's producer (RFC 5545 PRODID): this site, by its project name."""
    return f"-//{site.settings.project}//seminar calendar//EN"


@functools.lru_cache(maxsize=256)
def zone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of ``tzid`` with its transitions from ``first_year`` to ``last_year``."""
    # Cached by value (a zone's rules for some years), so shared by every site of the process.
    return Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1))


def location(site: Site, session: Session) -> str:
    """The room with its address where the term's ``rooms`` gives one (a map finds it), the join link online."""
    return wording.Words.of(site).location(site, session)


def description(site: Site, session: Session) -> str:
    """Speakers, status, note, how to join, abstract, materials and the page, one paragraph each."""
    term = site.term_of(session)
    words = wording.Words.of(site)
    parts = [words.speakers_line(session)]
    change = words.change(session, with_time_and_room=True)
    if change:
        parts.append(change)
    if session.note:
        parts.append(session.note)
    join = words.join_line(session, term)
    if join:
        parts.append(join)
    if session.abstract:
        parts.append(session.abstract)
    links = site.material_links(session, absolute=True)
    if links:
        parts.append("\n".join(f"{words.material_label(kind)}: {uri}" for kind, uri in links))
    url = site.page_url(session.docname)
    if url:
        parts.append(url)
    return "\n\n".join(parts)


def status(session: Session) -> str:
    return "CANCELLED" if session.cancelled else "TENTATIVE" if session.tba else "CONFIRMED"


def event(site: Site, session: Session) -> Event:
    """The VEVENT of one session."""
    item = Event()
    revision = site.revision(session)
    item.add("uid", site.uid(session))
    item.add("dtstamp", revision.modified)
    item.add("last-modified", revision.modified)
    item.add("sequence", revision.sequence)
    item.add("dtstart", session.starts)
    item.add("dtend", session.ends)
    words = wording.Words.of(site)
    item.add("summary", words.prefixed_title(session))
    item.add("status", status(session))
    item.add("location", location(site, session))
    join = session.published_join_url(site.term_of(session))
    if join:
        item.add("conference", join, parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": words._("Join online")})
    item.add("description", description(site, session))
    url = site.page_url(session.docname)
    if url:
        item.add("url", url)
    return item


def calendar(site: Site, sessions: Iterable[Session], name: str) -> Calendar:
    """A calendar of ``sessions``, with a VTIMEZONE for each venue's zone."""
    cal = Calendar()
    cal.add("prodid", prodid(site))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    # How often subscribers should fetch the file again (RFC 7986, and the older X- form that Outlook reads).
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # An X- property is text to icalendar: the duration as RFC 5545 writes it.
    cal.add("x-published-ttl", f"PT{int(REFRESH.total_seconds()) // 3600}H")
    years: dict[str, tuple[int, int]] = {}
    for session in sessions:
        cal.add_component(event(site, session))
        first, last = years.get(session.zone, (session.date.year, session.date.year))
        years[session.zone] = (min(first, session.date.year), max(last, session.date.year))
    for tzid, (first, last) in sorted(years.items()):
        cal.add_component(zone(tzid, first, last))
    return cal


def session_calendar(site: Site, session: Session) -> bytes:
    """A session page's own ``.ics``."""
    return calendar(site, [session], wording.Words.of(site).title(session)).to_ical()


def site_calendar(site: Site) -> bytes:
    """``schedule.ics``: every session of every term."""
    return calendar(site, site.sessions, site.settings.project).to_ical()


def term_calendar(site: Site, term_id: str) -> bytes:
    term = site.term(term_id)
    title = term.title if term else term_id
    return calendar(site, site.sessions_of(term_id), f"{site.settings.project}: {title}").to_ical()


def series_calendar(site: Site, slug: str) -> bytes:
    parts = site.series[slug]
    return calendar(site, parts, f"{site.settings.project}: {series_title(list(parts))}").to_ical()
