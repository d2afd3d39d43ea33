"""Late resolution (``doctree-resolved``): the placeholders that show every session and
every reference are filled in once every page has been read, from what the
seminar domain and the bibtex domain hold (as ``sphinx.ext.todo`` does)."""

from __future__ import annotations


from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..formats import registry
from ..outputs import handouts
from ..outputs.calendarlinks import add_to_calendar_links, subscribe_link
from .snapshot import site_of
from ..outputs.citations import add_reference_extras, cited_in, render_reference_items
from ..outputs.links import link_line, site_file
from ..outputs.nextmeeting import render_next_meeting
from ..outputs.people import render_archive, render_rooms, render_series_list, render_speakers
from ..outputs.schedule import render_schedule, render_series
from . import language, nodes as seminar_nodes

logger = logging.getLogger(__name__)


def render_session_links(app: Sphinx, docname: str, fromdocname: str) -> list[nodes.Node]:
    """'Add to calendar' (the file, Google Calendar, Outlook) and, where it was built, the PDF handout (HTML only)."""
    words = language.words(app)
    ics = site_file(app, fromdocname, registry.session_calendar(docname), words._("Add to calendar (.ics)"), "session-calendar")
    site = site_of(app)
    session = site.session(docname)
    others = add_to_calendar_links(site, session) if session is not None and ics is not None else []
    series = None
    if session is not None and session.series and len(site.series.get(session.series, ())) > 1:
        series = subscribe_link(app, fromdocname, registry.series_calendar(session.series), words._("Subscribe to this lecture (iCalendar)"), "calendar-series")
    pdf = handouts.link(app, fromdocname, docname, words._("Printable handout of this session (PDF)"))
    return link_line("session-links", ics, *others, series, pdf)


def render_site_file(app: Sphinx, node: seminar_nodes.site_file, fromdocname: str) -> nodes.Node:
    """The file's name as code, linked in HTML; a located warning where the build writes no such file."""
    target = node["target"]
    names = list(registry.site_files(site_of(app)))  # the names only: nothing is made here
    if target not in names:
        logger.warning(f"{{site-file}} names {target!r}, which the build does not write beside the pages; "
                       f"name one of: {', '.join(names)}", location=node, type="seminar", subtype="site-file")
        return nodes.literal(target, target)
    # A calendar is linked to subscribe to it (webcal:// where the site's address is known).
    make = subscribe_link if target.endswith(".ics") else site_file
    link = make(app, fromdocname, target, "", "site-file")
    if link is None:  # not HTML: the name alone
        return nodes.literal(target, target)
    link += nodes.literal(target, target)
    return link


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # One walk of the tree for every kind of placeholder, not one per kind.
    kinds = (*seminar_nodes.PLACEHOLDERS, nodes.citation)
    found: dict[type, list[nodes.Element]] = {kind: [] for kind in kinds}
    for node in doctree.findall(lambda node: isinstance(node, kinds)):
        found[next(kind for kind in kinds if isinstance(node, kind))].append(node)
    for node in found[seminar_nodes.schedule]:
        node.replace_self(render_schedule(app, node, docname))
    # In a LaTeX document several pages share one tree: each placeholder
    # knows the page it came from.
    for node in found[seminar_nodes.series_navigation]:
        node.replace_self(render_series(app, node, node["docname"]))
    for node in found[seminar_nodes.session_links]:
        node.replace_self(render_session_links(app, node["docname"], docname))
    for node in found[seminar_nodes.speakers]:
        node.replace_self(render_speakers(app, docname))
    for node in found[seminar_nodes.series_list]:
        node.replace_self(render_series_list(app, docname))
    for node in found[seminar_nodes.archive]:
        node.replace_self(render_archive(app, docname))
    for node in found[seminar_nodes.next_meeting]:
        node.replace_self(render_next_meeting(app, docname))
    for node in found[seminar_nodes.rooms]:
        node.replace_self(render_rooms(app, docname))
    for node in found[seminar_nodes.site_file]:
        node.replace_self(render_site_file(app, node, docname))
    if app.builder.format == "html" and found[nodes.citation]:
        add_reference_extras(app, found[nodes.citation], docname)
    for node in found[seminar_nodes.session_references]:
        node.replace_self(render_reference_items(app, cited_in(app, {node["docname"]})))
    for node in found[seminar_nodes.further_reading]:
        node.replace_self(render_reference_items(app, node["keys"], classes="further-reading-list"))
