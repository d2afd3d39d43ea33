"""What subscribers and other programs read, beside the pages: written once a build.

* ``schedule.json`` and ``schedule-<term>.json`` (:mod:`sphinx_seminar.core.export`);
* ``schedule.ics`` (every session), and ``schedule-<term>.ics`` and
  ``series-<slug>.ics``: a calendar per term and per lecture series (each
  session's own is written with its page);
* ``atom.xml``: an Atom feed with one entry per session, updated when the
  session's page last changed (its git history, as the calendars' stamps);
* ``embed.html``: the next meetings as a page of its own, with no request
  to anywhere, for the institute's page to include.

They are written at the end of an HTML build, and only when what they show
changed (a fingerprint of the sessions, terms, history, settings and the
day): a no-op build does not rewrite them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import cast

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx

from ..core import export
from ..core.fields import is_web_link
from ..core.model import Session
from ..core.schedule import series_title
from ..integration.config import CONFIG_VALUES, calendar_domain
from ..integration.domain import SeminarDomain
from . import calendar, embed, icsevent
from .files import write_if_changed
from .links import material_copy, site_url
from .timezones import time_text

SCHEDULE_JSON = "schedule.json"
FEED = "atom.xml"
SCHEMA = "schedule.schema.json"


def term_calendar(term_id: str) -> str:
    return f"schedule-{term_id}.ics"


def series_calendar(slug: str) -> str:
    return f"series-{slug}.ics"


def term_json(term_id: str) -> str:
    return f"schedule-{term_id}.json"


def _page(app: Sphinx, docname: str) -> str:
    return site_url(app, app.builder.get_target_uri(docname))


def _fingerprint(app: Sphinx, domain: SeminarDomain, today: dt.date) -> str:
    # The settings they show too (calendar domain, zone names...): a change of those rebuilds no page.
    settings = repr(sorted((value.name, repr(app.config[value.name])) for value in CONFIG_VALUES))
    parts = [app.config.html_baseurl, app.config.project, today.isoformat(), repr(sorted(domain.data.get("revisions", {}).items())), settings]
    parts += [s.docname + s.fields.model_dump_json() for s in domain.sorted_sessions()]
    parts += [t.id + t.fields.model_dump_json() for t in sorted(domain.terms.values(), key=lambda t: t.id)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the files above, where what they show changed."""
    if exception is not None or app.builder.format != "html":
        return
    from .schedule import today

    domain = cast(SeminarDomain, app.env.domains["seminar"])
    day = today(app)
    outdir = Path(app.outdir)
    stamp = _fingerprint(app, domain, day)
    # Beside the environment, not in it: Sphinx has saved the environment before build-finished.
    stamp_file = Path(app.doctreedir) / "seminar-feeds.stamp"
    if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp and (outdir / FEED).is_file():
        return
    data = schedule_data(app, domain)
    _write(outdir / SCHEDULE_JSON, export.render(data))
    _write(outdir / SCHEMA, export.json_schema())
    for term in data.terms:
        _write(outdir / term_json(term.id), export.render(export.ScheduleData(seminar=app.config.project, url=_base(app), terms=[term])))
    for term_id in {s.term for s in domain.sessions.values()} | set(domain.terms):
        sessions = domain.sorted_sessions(term_id)
        title = domain.terms[term_id].title if term_id in domain.terms else term_id
        write_if_changed(outdir / term_calendar(term_id), calendar.calendar(app, sessions, domain.terms, f"{app.config.project}: {title}").to_ical())
    for slug, parts in domain.series_by_slug().items():
        name = f"{app.config.project}: {series_title(parts)}"
        write_if_changed(outdir / series_calendar(slug), calendar.calendar(app, parts, domain.terms, name).to_ical())
    write_if_changed(outdir / calendar.SCHEDULE_ICS, calendar.schedule_calendar(app, domain))
    write_if_changed(outdir / FEED, atom_feed(app, domain))
    _write(outdir / embed.EMBED, embed.render(app, domain, day))
    stamp_file.write_text(stamp, encoding="utf-8")


def _base(app: Sphinx) -> str | None:
    return app.config.html_baseurl or None


def schedule_data(app: Sphinx, domain: SeminarDomain) -> export.ScheduleData:
    """The whole schedule, from the domain's sessions and terms."""
    name = calendar_domain(app) or "invalid"

    def material(session: Session, kind: str, value: str) -> str | None:
        # A link as it is; a file of the repository where the site has it (from its root, as the pages' addresses).
        if is_web_link(value):
            return value
        copy = material_copy(app, session, value)
        return site_url(app, copy) if copy else None

    terms = []
    for term in sorted(domain.terms.values(), key=lambda t: (t.fields.first_day, t.id)):
        sessions = [export.session_data(s, icsevent.uid(s, name), _page(app, s.docname), material) for s in domain.sorted_sessions(term.id)]
        terms.append(export.term_data(term, sessions, _page(app, term.docname)))
    return export.ScheduleData(seminar=app.config.project, url=_base(app), terms=terms)


def atom_feed(app: Sphinx, domain: SeminarDomain) -> bytes:
    """One entry per session, newest meeting first; updated when its page last changed."""
    feed = FeedGenerator()
    name = calendar_domain(app) or "invalid"
    feed.id(f"tag:{name},2000:{FEED}")
    feed.title(app.config.project)
    feed.author({"name": app.config.project})
    feed.link(href=site_url(app, FEED), rel="self")
    feed.link(href=site_url(app, app.builder.get_target_uri(app.config.root_doc)), rel="alternate")
    feed.language(app.config.language or "en")
    revisions = domain.data.get("revisions", {})
    latest = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    for session in reversed(domain.sorted_sessions()):
        updated = dt.datetime.fromisoformat(revisions[session.docname][1]) if session.docname in revisions else latest
        latest = max(latest, updated)
        entry = feed.add_entry(order="append")
        entry.id(f"tag:{name},2000:{session.docname}")
        entry.title(_entry_title(session))
        entry.updated(updated)
        entry.link(href=_page(app, session.docname), rel="alternate")
        entry.summary(_entry_summary(app, session))
    feed.updated(latest)
    return feed.atom_str(pretty=True)


def _entry_title(session: Session) -> str:
    status = "Cancelled: " if session.cancelled else ""
    return f"{status}{session.title} ({session.speaker}, {session.date:%d %B %Y})"


def _entry_summary(app: Sphinx, session: Session) -> str:
    lines = [f"{session.date:%A, %d %B %Y}, {time_text(app, session)}, {session.room}. Speaker: {session.speaker_line}."]
    if session.cancelled:
        lines.append("This session is cancelled." + (f" Reason: {session.reason}" if session.reason else ""))
    elif session.moved and session.previous_start is not None:
        lines.append(f"Moved from {session.previous_start:%A, %d %B %Y}.")
    if session.note:
        lines.append(session.note)
    if session.abstract:
        lines.append(session.abstract)
    return "\n\n".join(lines)


def _write(path: Path, text: str) -> None:
    write_if_changed(path, text.encode("utf-8"))
