"""One session as an iCalendar event (RFC 5545, with RFC 7986's CONFERENCE).

A cancelled session keeps its UID with ``STATUS:CANCELLED``, so that
subscribers' calendars cancel the event instead of keeping a stale one; a
moved session keeps its UID and says where it moved from.  ``SEQUENCE``,
``LAST-MODIFIED`` and ``DTSTAMP`` come from the repository's history of
the page (:mod:`sphinx_seminar.core.history`, noted once a build by
:func:`note_revisions`), never from the clock: two builds of one commit
write the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from icalendar import Event
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.history import SHALLOW, is_shallow, revisions
from ..core.materials import LABELS
from ..core.model import Session, Term
from ..integration.config import calendar_domain
from ..integration.domain import SeminarDomain
from ..integration.sessionpage import DEFAULT_JOIN_INFO
from .links import absolute_url, material_uri

logger = logging.getLogger(__name__)
#: Where a page has no history (no git, no SOURCE_DATE_EPOCH, no file): a fixed moment, not the clock.
_NO_HISTORY = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def uid(session: Session, domain_name: str) -> str:
    """Stable across builds, moves and cancellations: made from the page's name, not from its date or the build."""
    return f"{session.docname.replace('/', '-')}@{domain_name}"


def page_url(app: Sphinx, docname: str) -> str | None:
    """A page's absolute address; None where the site's address is not known."""
    return absolute_url(app, app.builder.get_target_uri(docname))


def note_revisions(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: each session page's revision (SEQUENCE, LAST-MODIFIED), from one ``git log`` for all."""
    domain = cast(SeminarDomain, env.domains["seminar"])
    paths = {docname: env.doc2path(docname) for docname in domain.sessions}
    found, why_not = revisions(env.srcdir, paths.values())
    if why_not and domain.sessions:
        logger.info(f"calendar: {why_not}; SEQUENCE is 0 and LAST-MODIFIED the pages' file times")
    elif domain.sessions and is_shallow(env.srcdir):
        logger.warning(SHALLOW, type="seminar", subtype="history")
    domain.data["revisions"] = {
        docname: (found[path].sequence, found[path].modified.isoformat()) for docname, path in paths.items() if path in found
    }
    return []


def _revision(app: Sphinx, session: Session) -> tuple[int, dt.datetime]:
    sequence, modified = app.env.domains["seminar"].data.get("revisions", {}).get(session.docname, (0, None))
    return sequence, dt.datetime.fromisoformat(modified) if modified else _NO_HISTORY


def _location(session: Session, term: Term | None) -> str:
    if session.attendance == "online":
        return session.published_join_url(term) or "Online"
    return session.room


def _description(app: Sphinx, session: Session, term: Term | None) -> str:
    parts = [("Speakers: " if len(session.speakers) > 1 else "Speaker: ") + session.speaker_line]
    if session.cancelled:
        parts.append("This session is cancelled." + (f" Reason: {session.reason}" if session.reason else ""))
    elif session.moved and session.previous_start is not None:
        before = session.previous_start
        parts.append(f"Moved from {before:%A, %d %B %Y, %H:%M} in {session.previous_room}."
                     + (f" Reason: {session.reason}" if session.reason else ""))
    if session.note:
        parts.append(session.note)
    if session.attendance != "offline":
        join = session.published_join_url(term)
        parts.append(f"Join online: {join}" if join else (term.fields.join_info if term and term.fields.join_info else DEFAULT_JOIN_INFO))
    if session.abstract:
        parts.append(session.abstract)
    links = [(LABELS[kind], material_uri(app, None, session, value)) for kind, value in session.materials.items()] if session.materials else []
    if any(uri for _, uri in links):
        parts.append("\n".join(f"{label}: {uri}" for label, uri in links if uri))
    url = page_url(app, session.docname)
    if url:
        parts.append(url)
    return "\n\n".join(parts)


def event(app: Sphinx, session: Session, term: Term | None) -> Event:
    item = Event()
    sequence, modified = _revision(app, session)
    item.add("uid", uid(session, calendar_domain(app) or "invalid"))
    item.add("dtstamp", modified)
    item.add("last-modified", modified)
    item.add("sequence", sequence)
    item.add("dtstart", session.starts)
    item.add("dtend", session.ends)
    item.add("summary", ("Cancelled: " if session.cancelled else "") + session.title)
    item.add("status", "CANCELLED" if session.cancelled else "TENTATIVE" if session.tba else "CONFIRMED")
    item.add("location", _location(session, term))
    join = session.published_join_url(term)
    if join:
        item.add("conference", join, parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Join online"})
    item.add("description", _description(app, session, term))
    url = page_url(app, session.docname)
    if url:
        item.add("url", url)
    return item
