"""``atom.xml``: an Atom feed (RFC 4287) with one entry per session, newest meeting first.

An entry is updated when its page last changed in the repository's
history (the calendars' stamps), so a feed reader shows a moved or
cancelled talk again, and an unchanged one not.  ``feedgen`` writes and
escapes the XML.
"""

from __future__ import annotations

from feedgen.feed import FeedGenerator

from ..core.model import Session
from ..core.site import NO_HISTORY, Site
from . import wording

FEED = "atom.xml"


def entry_id(site: Site, docname: str) -> str:
    return f"tag:{site.settings.uid_domain or 'invalid'},2000:{docname}"


def entry_title(site: Site, session: Session) -> str:
    words = wording.Words.of(site)
    return f"{words.prefixed_title(session)} ({words.speaker(session)}, {words.short_date(session.date)})"


def entry_summary(site: Site, session: Session) -> str:
    words = wording.Words.of(site)
    lines = [f"{words.when(site, session)}, {words.place(session)}. {words.speakers_line(session)}."]
    change = words.change(session, with_time_and_room=False)
    if change:
        lines.append(change)
    if session.note:
        lines.append(session.note)
    if session.abstract:
        lines.append(session.abstract)
    return "\n\n".join(lines)


def feed(site: Site) -> bytes:
    """The feed; each entry updated when its page last changed, the feed when the latest did."""
    generator = FeedGenerator()
    generator.id(entry_id(site, FEED))
    generator.title(site.settings.project)
    generator.author({"name": site.settings.project})
    generator.link(href=site.url(FEED), rel="self")
    generator.link(href=site.url(site.settings.root_page), rel="alternate")
    generator.language(wording.html_language(site.settings.language))
    latest = NO_HISTORY
    for session in reversed(site.sessions):
        # A page without history is as new as the newest after it.
        updated = site.revisions[session.docname].modified if session.docname in site.revisions else latest
        latest = max(latest, updated)
        entry = generator.add_entry(order="append")
        entry.id(entry_id(site, session.docname))
        entry.title(entry_title(site, session))
        entry.updated(updated)
        entry.link(href=site.url(site.page(session.docname)), rel="alternate")
        entry.summary(entry_summary(site, session))
    generator.updated(latest)
    return generator.atom_str(pretty=True)
