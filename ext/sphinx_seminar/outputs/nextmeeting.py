"""The landing page's next meeting first (``{next-meeting}``): one panel per meeting that may be next.

Which meeting is next is the reader's clock's to say, not the build's (a
site may be built weeks before it is read), so the panel holds every
meeting of the current and the next term that is not cancelled, each
with its title, speakers, times (the reader's own added by
``static/seminar.js``), room with its address, the start of its abstract
and its calendar links.  Without JavaScript the build's choice shows (the
first meeting from the build's day on) and the others are hidden;
``seminar.js`` shows the first whose end is after the reader's now, marked
"Now, until 16:30" while it is on, or the sentence that no meeting is
planned.  Below them: how to subscribe to the whole schedule.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..core.model import Session
from ..core.site import Site
from ..formats import registry
from ..formats.wording import N_, excerpt
from ..integration.language import words as words_of
from ..integration.snapshot import site_of
from . import timezones
from .calendarlinks import add_to_calendar_links, subscribe_link
from .links import link_line, page_link, site_file

HIDDEN = "next-hidden"
#: The difference between adding one meeting and subscribing to the schedule, in one sentence.
IMPORT_OR_SUBSCRIBE = N_("Adding a meeting imports a copy that your calendar never updates; subscribing keeps "
                         "the whole schedule up to date in your calendar, with every change and cancellation.")


def candidates(site: Site) -> list[Session]:
    """The meetings that may be next: those of the current term and of the one after it, not cancelled."""
    return [s for s in site.current_and_next_term_sessions if not s.cancelled]


def build_choice(site: Site, sessions: list[Session]) -> Session | None:
    """The next meeting by the build's day: what a reader without JavaScript sees."""
    return next((s for s in sessions if s.date >= site.today), None)


def _candidate(app: Sphinx, site: Site, fromdocname: str, session: Session, shown: bool) -> nodes.container:
    term = site.term_of(session)
    words = words_of(app)
    box = nodes.container(classes=["next-candidate"] + ([] if shown else [HIDDEN]))
    box += nodes.paragraph("", "", nodes.inline("", words._("Next"), classes=["next-label"]), classes=["next-when"])
    title = page_link(app, fromdocname, session.docname, words.title(session))
    box += nodes.paragraph("", "", nodes.emphasis("", "", title) if session.title_tba else title, classes=["next-title"])
    box += nodes.paragraph("", words.speaker_line(session), classes=["next-speaker"], support_smartquotes=False)
    when = nodes.paragraph("", f"{words.long_date(session.date)}, ", classes=["next-time"])
    when += timezones.labelled_time_nodes(app.config, words, session, term.fields.timezone if term else None)
    box += when
    box += nodes.paragraph("", words.place_line(session, site.address(session)), classes=["next-room"],
                           support_smartquotes=False)
    if session.abstract:
        abstract = nodes.paragraph("", excerpt(session.abstract) + " ", classes=["next-abstract"], support_smartquotes=False)
        more = page_link(app, fromdocname, session.docname, words._("Read more"))
        more["classes"].append("next-read-more")
        abstract += more
        box += abstract
    ics = site_file(app, fromdocname, registry.session_calendar(session.docname), words._("This meeting (.ics)"), "next-ics")
    links = link_line("next-add", ics, *add_to_calendar_links(site, session))
    for line in links:
        line.insert(0, nodes.strong("", words._("Add to calendar:") + " "))
    box += links
    return box


def render_next_meeting(app: Sphinx, fromdocname: str) -> list[nodes.Node]:
    """The panel in HTML; elsewhere (a PDF) nothing, as it is about the moment of reading."""
    if app.builder.format != "html":
        return []
    site = site_of(app)
    words = words_of(app)
    sessions = candidates(site)
    chosen = build_choice(site, sessions)
    panel = nodes.container(classes=["seminar-next"])
    for session in sessions:
        panel += _candidate(app, site, fromdocname, session, session is chosen)
    panel += nodes.paragraph("", words._("No meeting is planned at the moment."), classes=["next-none"] + ([HIDDEN] if chosen else []))
    subscribe = subscribe_link(app, fromdocname, registry.SCHEDULE_ICS, words._("the whole schedule (iCalendar)"),
                               "next-subscribe-link")
    line = nodes.paragraph("", "", nodes.strong("", words._("Subscribe:") + " "), subscribe, nodes.Text(". " + words._(IMPORT_OR_SUBSCRIBE)),
                           classes=["next-subscribe"])
    panel += line
    return [panel]
