"""Sessions and terms as schema.org data (JSON-LD), for search engines and calendars that read pages.

A session is an ``EducationEvent`` with its status (``EventCancelled``,
``EventRescheduled`` with ``previousStartDate``), attendance mode, place,
performers with their affiliations, and its term as ``superEvent``; a
term is an ``EventSeries``.  Addresses are given by the caller (they need
the site's address, which only the build knows).
"""

from __future__ import annotations

import json
from typing import Any

from .model import Session, Term

SCHEMA = "https://schema.org/"
_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "moved": "EventRescheduled"}
_ATTENDANCE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode", "mixed": "MixedEventAttendanceMode"}


def _place(session: Session, institute: str, join_url: str | None, page_url: str | None) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if session.attendance != "online":
        place: dict[str, Any] = {"@type": "Place", "name": session.room}
        if institute:
            place["address"] = institute
        places.append(place)
    if session.attendance != "offline":
        virtual = {"@type": "VirtualLocation", "name": "Online"}
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


def session_event(session: Session, term: Term | None, *, organizer: str, institute: str, url: str | None,
                  term_url: str | None, image: str | None, join_url: str | None) -> dict[str, Any]:
    """The ``EducationEvent`` of one session."""
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationEvent",
        "name": session.title,
        "startDate": session.starts.isoformat(),
        "endDate": session.ends.isoformat(),
        "eventStatus": SCHEMA + _STATUS[session.status],
        "eventAttendanceMode": SCHEMA + _ATTENDANCE[session.attendance],
        "location": _place(session, institute, join_url, url),
        "organizer": {"@type": "Organization", "name": organizer},
    }
    if session.previous_start is not None:
        event["previousStartDate"] = session.previous_start.isoformat()
    if session.speakers:
        event["performer"] = [_person(s.name, s.affiliation) for s in session.speakers]
    if session.abstract:
        event["description"] = session.abstract
    for key, value in (("url", url), ("image", image)):
        if value:
            event[key] = value
    if term is not None:
        event["superEvent"] = term_series(term, term_url)
    return event


def term_event_series(term: Term, sessions: list[tuple[Session, str | None]], *, organizer: str, url: str | None) -> dict[str, Any]:
    """The ``EventSeries`` of a term, with its sessions as ``subEvent`` (name, start, address)."""
    series = {"@context": "https://schema.org", **term_series(term, url), "organizer": {"@type": "Organization", "name": organizer}}
    if sessions:
        series["subEvent"] = [
            {"@type": "EducationEvent", "name": s.title, "startDate": s.starts.isoformat(), "endDate": s.ends.isoformat(),
             "eventStatus": SCHEMA + _STATUS[s.status], **({"url": link} if link else {})}
            for s, link in sessions
        ]
    return series


def _person(name: str, affiliation: str | None) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": name}
    if affiliation:
        person["affiliation"] = {"@type": "Organization", "name": affiliation}
    return person


def script(data: dict[str, Any]) -> str:
    """The ``<script type="application/ld+json">`` element: JSON with ``<``, ``>`` and ``&`` as
    ``\\u`` escapes, so that no value (a title is text from a pull request) can end the script."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'
