"""Links that put one session into the reader's own calendar: Google Calendar's and Outlook's "add event" pages.

Both take the event from the link's query (nothing is sent until the
reader saves it there): the title, the start and end in UTC, a short
description (speakers, note, the page) and the place, the room with its
address where the term's ``rooms`` gives one.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from ..core.model import Session
from ..core.site import Site
from . import wording

GOOGLE = "https://calendar.google.com/calendar/render"
#: Outlook on the web (work and school accounts; a personal account is sent on from here after signing in).
OUTLOOK = "https://outlook.office.com/calendar/0/deeplink/compose"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def details(site: Site, session: Session) -> str:
    """The event's description: "Speaker: A (X)", the note and the page's address, a paragraph each."""
    parts = (wording.Words.of(site).speakers_line(session), session.note, site.page_url(session.docname))
    return "\n\n".join(part for part in parts if part)


def google_link(site: Site, session: Session) -> str:
    dates = f"{_utc(session.starts):%Y%m%dT%H%M%SZ}/{_utc(session.ends):%Y%m%dT%H%M%SZ}"
    query = {"action": "TEMPLATE", "text": wording.Words.of(site).title(session), "dates": dates, "details": details(site, session),
             "location": wording.Words.of(site).location(site, session), "ctz": session.zone}
    return f"{GOOGLE}?{urlencode(query)}"


def outlook_link(site: Site, session: Session) -> str:
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": wording.Words.of(site).title(session),
             "startdt": _utc(session.starts).isoformat(), "enddt": _utc(session.ends).isoformat(),
             "body": details(site, session), "location": wording.Words.of(site).location(site, session)}
    return f"{OUTLOOK}?{urlencode(query)}"
