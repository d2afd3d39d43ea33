"""Links that put a session into the reader's own calendar, or subscribe to a calendar file.

Google Calendar and Outlook take an event from a link's query (their
"add event" pages; nothing is sent until the reader saves it there).
``webcal://`` is how calendar programs are told to subscribe rather than
import once; it needs the site's absolute address (``html_baseurl``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from urllib.parse import urlencode, urlsplit

from docutils import nodes
from sphinx.application import Sphinx

from ..core.model import Session

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/action/compose"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _details(session: Session, page: str | None) -> str:
    return "\n\n".join(part for part in (f"Speaker: {session.speaker_line}", session.note, page) if part)


def google_link(session: Session, page: str | None) -> str:
    dates = f"{_utc(session.starts):%Y%m%dT%H%M%SZ}/{_utc(session.ends):%Y%m%dT%H%M%SZ}"
    query = {"action": "TEMPLATE", "text": session.title, "dates": dates, "details": _details(session, page),
             "location": session.room, "ctz": session.zone}
    return f"{GOOGLE}?{urlencode(query)}"


def outlook_link(session: Session, page: str | None) -> str:
    query = {"rru": "addevent", "subject": session.title, "startdt": _utc(session.starts).isoformat(),
             "enddt": _utc(session.ends).isoformat(), "body": _details(session, page), "location": session.room}
    return f"{OUTLOOK}?{urlencode(query)}"


def subscribe_link(app: Sphinx, fromdocname: str, target: str, text: str, classes: str) -> nodes.reference | None:
    """A link to the calendar file ``target`` (from the site root): ``webcal://`` where the site's
    address is known, else the file itself (HTML only)."""
    if app.builder.format != "html":
        return None
    base = app.config.html_baseurl
    if base:
        parts = urlsplit(base.rstrip("/") + "/" + target)
        uri = f"webcal://{parts.netloc}{parts.path}"
    else:
        uri = posixpath.relpath(target, posixpath.dirname(fromdocname) or ".")
    return nodes.reference("", text, refuri=uri, classes=[classes])


def add_to_calendar_links(session: Session, page: str | None) -> list[nodes.reference]:
    """"Google Calendar" and "Outlook" for one session (not for a cancelled one: there is nothing to add)."""
    if session.cancelled:
        return []
    return [nodes.reference("", "Google Calendar", refuri=google_link(session, page), classes=["calendar-google"]),
            nodes.reference("", "Outlook", refuri=outlook_link(session, page), classes=["calendar-outlook"])]
