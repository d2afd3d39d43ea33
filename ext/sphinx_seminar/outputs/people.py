"""The Speakers page, the list of lectures in several parts, and the Archive of terms."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..core.model import Session
from ..core.schedule import series_title
from ..formats.wording import Words
from ..integration.language import words as words_of
from ..integration.snapshot import site_of
from .links import page_link


def _when(words: Words, session: Session) -> str:
    """", Wed, 19 Feb 2031", with the status where there is one: " (cancelled)"."""
    return f", {words.short_date(session.date)}" + words.status_suffix(session)


def _sessions_line(app: Sphinx, fromdocname: str, sessions: list[Session]) -> nodes.bullet_list:
    words = words_of(app)
    items = nodes.bullet_list()
    for session in sessions:
        items += nodes.list_item(
            "", nodes.paragraph("", "", page_link(app, fromdocname, session.docname, words.title(session)),
                                nodes.Text(_when(words, session)))
        )
    return items


def render_speakers(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    """Each speaker with their affiliations and sessions, by family name (the snapshot's speakers)."""
    speakers = site_of(app).speakers
    people = nodes.bullet_list(classes=["speakers"])
    for speaker in speakers:
        head = nodes.paragraph("", "", nodes.strong("", speaker.name))
        if speaker.affiliations:
            head += nodes.Text(f" ({'; '.join(speaker.affiliations)})")
        people += nodes.list_item("", head, _sessions_line(app, fromdocname, list(speaker.sessions)),
                                  ids=[nodes.make_id(f"speaker-{speaker.name}")])
    return [people] if speakers else [nodes.paragraph("", words_of(app)._("No sessions yet."))]


def render_series_list(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    series = site_of(app).series
    words = words_of(app)
    overview = nodes.bullet_list(classes=["series-list"])
    for slug, parts in sorted(series.items(), key=lambda item: item[1][0].date):
        speakers = words.names(list(dict.fromkeys(s.name for p in parts for s in p.speakers))) or words.tba
        by = words.plural("by {speakers}, {count} part", "by {speakers}, {count} parts", len(parts), speakers=speakers)
        head = nodes.paragraph("", "", nodes.strong("", series_title(parts)), nodes.Text(" " + by))
        overview += nodes.list_item("", head, _sessions_line(app, fromdocname, list(parts)), ids=[nodes.make_id(f"series-{slug}")])
    return [overview] if series else [nodes.paragraph("", words._("No lecture in several parts yet."))]


def render_archive(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    """Every term, newest first: its dates, and how many sessions (not counting cancelled ones) and speakers it had."""
    site = site_of(app)
    words = words_of(app)
    terms = site.terms[::-1]
    items = nodes.bullet_list(classes=["archive"])
    for term in terms:
        sessions = [s for s in site.sessions_of(term.id) if not s.cancelled]
        speakers = {speaker.name for s in sessions for speaker in s.speakers}
        summary = words._("{first} to {last}, {sessions}, {speakers}", first=words.day_month_year(term.fields.first_day),
                          last=words.day_month_year(term.fields.last_day),
                          sessions=words.plural("{count} session", "{count} sessions", len(sessions)),
                          speakers=words.plural("{count} speaker", "{count} speakers", len(speakers)))
        line = nodes.paragraph("", "", page_link(app, fromdocname, term.docname, term.title), nodes.Text(f": {summary}"))
        items += nodes.list_item("", line, ids=[nodes.make_id(f"term-{term.id}")])
    return [items] if terms else [nodes.paragraph("", words._("No terms yet."))]


def render_rooms(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    """Every room the sessions meet in (not the cancelled, not online): its name, its full name and
    address where the term's ``rooms`` give them, and how many meetings it had, from when to when."""
    rooms = site_of(app).rooms
    words = words_of(app)
    items = nodes.bullet_list(classes=["seminar-rooms"])
    for use in rooms:
        line = nodes.paragraph("", "", nodes.strong("", use.name), support_smartquotes=False)
        place = words.room_place(use)
        if place:
            line += nodes.Text(f", {place}")
        line += nodes.Text(f": {words.room_use(len(use.sessions), use.sessions[0], use.sessions[-1])}.")
        items += nodes.list_item("", line)
    return [items] if rooms else [nodes.paragraph("", words._("No meeting has a room yet."))]
