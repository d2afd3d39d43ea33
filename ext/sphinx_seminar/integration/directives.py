"""The ``{schedule}`` directive: records where a schedule goes and with which options."""

from __future__ import annotations

from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives.other import TocTree
from sphinx.util.docutils import SphinxDirective

from . import nodes as seminar_nodes
from .domain import SeminarDomain
from .reading import classify

WHEN = ("all", "upcoming", "past")


class ScheduleDirective(SphinxDirective):
    """Show the schedule of one term, or of every term grouped by term.

    On a term's own page, the term is that one unless ``:term:`` says otherwise;
    ``:term: current`` is the term under way (between terms the next, after the
    last the latest), for a landing page that stays the same size as terms pass.
    """

    has_content = False
    option_spec: ClassVar = {
        "term": directives.unchanged_required,
        "when": lambda value: directives.choice(value, WHEN),
    }

    def run(self) -> list[nodes.Node]:
        term = self.options.get("term")
        if term is None:
            kind = classify(self.env.docname, self.config.seminar_sessions_dir)
            if kind and kind[0] == "term":
                term = kind[1]
        node = seminar_nodes.schedule(term=term or "", when=self.options.get("when", "all"))
        self.set_source_info(node)
        # "current" depends on every term (which one is current, and its sessions).
        cast(SeminarDomain, self.env.domains["seminar"]).note_overview(self.env.docname, None if term == "current" else term)
        return [node]


class OverviewDirective(SphinxDirective):
    """Base of directives that show every session: they are rendered late."""

    has_content = False
    node_class: type[nodes.Element]

    def run(self) -> list[nodes.Node]:
        node = self.node_class()
        self.set_source_info(node)
        cast(SeminarDomain, self.env.domains["seminar"]).note_overview(self.env.docname, None)
        return [node]


class SpeakersDirective(OverviewDirective):
    """Every speaker, their affiliation and their sessions."""

    node_class = seminar_nodes.speakers


class SeriesListDirective(OverviewDirective):
    """Every lecture in several parts, with its parts."""

    node_class = seminar_nodes.series_list


class ArchiveDirective(OverviewDirective):
    """Every term with its dates and its numbers of sessions and speakers."""

    node_class = seminar_nodes.archive


class RoomsDirective(OverviewDirective):
    """Every room the sessions meet in, with its address and its meetings."""

    node_class = seminar_nodes.rooms


class NextMeetingDirective(OverviewDirective):
    """The next meeting first: its title, people, times, room, abstract and calendar links."""

    node_class = seminar_nodes.next_meeting


class SessionPagesDirective(TocTree):
    """A term page's hidden toctree of its session pages, as ``:glob:`` would list them.

    A glob that matches nothing warns, and a new term has no sessions yet;
    this lists what the term's folder holds, nothing at first.  It is marked
    as a glob so that Sphinx reads the term page again when a session page
    is added or removed.
    """

    has_content = False
    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        self.options = {"hidden": True, "glob": True}
        return super().run()

    def parse_content(self, toctree: addnodes.toctree) -> None:
        here = self.env.current_document.docname
        folder = here.rpartition("/")[0]
        pages = sorted(d for d in self.env.found_docs if d.rpartition("/")[0] == folder and d != here)
        toctree["entries"] = [(None, page) for page in pages]
        toctree["includefiles"] = pages
