"""Sessions and terms as schema.org data (JSON-LD), for search engines and calendars that read pages.

A session is an ``EducationEvent`` with its status (``EventCancelled``,
``EventRescheduled`` with ``previousStartDate``), attendance mode, place,
performers with their affiliations, and its term as ``superEvent``; a
term is an ``EventSeries``.  Addresses are absolute where the site's
address is known, and left out where it is not.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.model import Session, Term
from ..core.site import Site
from . import wording

SCHEMA = "https://schema.org/"
_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "moved": "EventRescheduled"}
_ATTENDANCE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode", "mixed": "MixedEventAttendanceMode"}


def _place(session: Session, address: str | None, institute: str, join_url: str | None, page_url: str | None,
           online: str = "Online") -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if session.attendance != "online":
        place: dict[str, Any] = {"@type": "Place", "name": session.room}
        # The room's postal address (the term's rooms), as text; else the institute's name.
        if address or institute:
            place["address"] = address or institute
        places.append(place)
    if session.attendance != "offline":
        virtual = {"@type": "VirtualLocation", "name": online}
        if join_url or page_url:
            virtual["url"] = join_url or page_url
        places.append(virtual)
    return places


def term_series(term: Term, url: str | None) -> dict[str, Any]:
    series: dict[str, Any] = {"@type": "EventSeries", "name": term.title,
                              "startDate": term.fields.first_day.isoformat(), "endDate": term.fields.last_day.isoformat()}
    if url:
        series["url"] = url
    return series


def session_event(site: Site, session: Session, image: str | None) -> dict[str, Any]:
    """The ``EducationEvent`` of one session (``image``: its preview's address)."""
    term = site.term_of(session)
    url = site.page_url(session.docname)
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        "name": session.title,
        "startDate": session.starts.isoformat(),
        "endDate": session.ends.isoformat(),
        "eventStatus": SCHEMA + _STATUS[session.status],
        "eventAttendanceMode": SCHEMA + _ATTENDANCE[session.attendance],
        "location": _place(session, site.address(session), site.settings.institute, session.published_join_url(term), url,
                           wording.Words.of(site)._("Online")),
        "organizer": {"@type": "Organization", "name": site.settings.organizer},
    }
    if session.previous_start is not None:
        event["previousStartDate"] = session.previous_start.isoformat()
    if session.speakers:
        event["performer"] = [_person(s.name, s.affiliation, s.group) for s in session.speakers]
    if session.abstract:
        event["description"] = session.abstract
    for key, value in (("url", url), ("image", image)):
        if value:
            event[key] = value
    if term is not None:
        event["superEvent"] = term_series(term, site.page_url(term.docname))
    return event


def term_event_series(site: Site, term: Term) -> dict[str, Any]:
    """The ``EventSeries`` of a term, with its sessions as ``subEvent`` (name, start, address)."""
    series = {"@context": "https://schema.org", **term_series(term, site.page_url(term.docname)),
              "organizer": {"@type": "Organization", "name": site.settings.organizer}}
    sessions = site.sessions_of(term.id)
    if sessions:
        series["subEvent"] = [
            {"@type": "EducationEvent", "name": s.title, "startDate": s.starts.isoformat(), "endDate": s.ends.isoformat(),
             "eventStatus": SCHEMA + _STATUS[s.status], **({"url": link} if (link := site.page_url(s.docname)) else {})}
            for s in sessions
        ]
    return series


def _person(name: str, affiliation: str | None, group: bool = False) -> dict[str, Any]:
    """A speaker: a ``Person``, or the ``Organization`` a group of people is."""
    person: dict[str, Any] = {"@type": "Organization" if group else "Person", "name": name}
    if affiliation:
        person["affiliation"] = {"@type": "Organization", "name": affiliation}
    return person


def script(data: dict[str, Any]) -> str:
    """The ``<script type="application/ld+json">`` element: JSON with ``<``, ``>`` and ``&`` as
    ``\\u`` escapes, so that no value (a title is text from a pull request) can end the script."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'
