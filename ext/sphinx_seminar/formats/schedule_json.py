"""The schedule as data for other programs: ``schedule.json``, and its JSON Schema.

One document for the site and one per term, made from the site's
snapshot as every other output.  Times carry their offsets (ISO 8601),
so a program needs no time zone database to place them; the venue's zone
is given by name beside them.  ``seminar schemas`` writes the schema file
that the docs publish (a test keeps it current).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from ..core.model import Session, Term
from ..core.site import Site



class SpeakerData(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    affiliation: str | None = None


class SessionData(BaseModel):
    """One session as other programs see it."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable identifier: the calendar event's UID.")
    title: str = Field(description='"To be announced" while not known.')
    speakers: list[SpeakerData] = Field(description="Empty while the speaker is to be announced.")
    start: dt.datetime = Field(description="Start, ISO 8601 with the venue's offset.")
    end: dt.datetime
    timezone: str = Field(description="IANA time zone of the venue.")
    room: str | None = Field(description="None for a talk given online only.")
    attendance: str = Field(description="offline, online or mixed (hybrid).")
    status: str = Field(description="scheduled, cancelled or moved.")
    previous_start: dt.datetime | None = Field(None, description="Where a moved session was planned before.")
    reason: str | None = None
    tba: bool = Field(description="Whether the speaker or title is still to be announced.")
    series: str | None = None
    note: str | None = None
    abstract: str | None = None
    materials: dict[str, str] = Field(default_factory=dict, description="slides, recording, code, notes: links.")
    url: str | None = Field(None, description="The session's page (absolute where the site's address is known).")


class TermData(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    first_day: dt.date
    last_day: dt.date
    timezone: str
    url: str | None = None
    sessions: list[SessionData]


class ScheduleData(BaseModel):
    """``schedule.json``: the seminar's terms and sessions."""

    model_config = ConfigDict(frozen=True, title="Seminar schedule")

    seminar: str
    url: str | None = Field(None, description="The site's address, where known.")
    terms: list[TermData]


SCHEDULE_JSON = "schedule.json"
SCHEMA = "schedule.schema.json"


def session_data(site: Site, session: Session) -> SessionData:
    return SessionData(
        id=site.uid(session), title=session.title,
        speakers=[SpeakerData(name=s.name, affiliation=s.affiliation) for s in session.speakers],
        start=session.starts, end=session.ends, timezone=session.zone,
        room=None if session.attendance == "online" else session.room, attendance=session.attendance,
        status=session.status, previous_start=session.previous_start, reason=session.reason, tba=session.tba,
        series=session.series, note=session.note, abstract=session.abstract,
        materials=dict(site.material_links(session, absolute=False)), url=site.url(site.page(session.docname)),
    )


def term_data(site: Site, term: Term) -> TermData:
    return TermData(id=term.id, title=term.title, first_day=term.fields.first_day, last_day=term.fields.last_day,
                    timezone=term.fields.timezone, url=site.url(site.page(term.docname)),
                    sessions=[session_data(site, s) for s in site.sessions_of(term.id)])


def _document(site: Site, terms: Iterable[Term]) -> str:
    data = ScheduleData(seminar=site.settings.project, url=site.settings.base_url or None, terms=[term_data(site, t) for t in terms])
    return render(data)


def site_document(site: Site) -> bytes:
    """``schedule.json``: every term with a page, and its sessions."""
    return _document(site, site.terms).encode("utf-8")


def term_document(site: Site, term_id: str) -> bytes:
    """``schedule-<term>.json``."""
    term = site.term(term_id)
    return _document(site, [term] if term else []).encode("utf-8")


def render(document: BaseModel) -> str:
    """The JSON text: stable key order and layout, so that unchanged data gives unchanged files."""
    return json.dumps(document.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"


def schema(site: Site | None = None) -> bytes:
    """The JSON Schema of ``schedule.json`` (the same for every site)."""
    return json_schema().encode("utf-8")


def json_schema() -> str:
    schema = ScheduleData.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2) + "\n"  # ASCII: the models' descriptions are
