"""Links that put a session into the reader's own calendar, or subscribe to a calendar file.

Google Calendar and Outlook take an event from a link's query (their
"add event" pages, made in ``formats/calendarlinks.py``).
``webcal://`` is how calendar programs are told to subscribe rather than
import once; it needs the site's absolute address (``html_baseurl``).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx

from ..core.model import Session
from ..core.site import Site
from ..formats.calendarlinks import google_link, outlook_link


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


def add_to_calendar_links(site: Site, session: Session) -> list[nodes.reference]:
    """"Google Calendar" and "Outlook" for one session (not for a cancelled one: there is nothing to add)."""
    if session.cancelled:
        return []
    return [nodes.reference("", "Google Calendar", refuri=google_link(site, session), classes=["calendar-google"]),
            nodes.reference("", "Outlook", refuri=outlook_link(site, session), classes=["calendar-outlook"])]
