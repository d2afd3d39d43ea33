"""Placeholder nodes, filled in late (``doctree-resolved``) from the domain.

They are created while a page is read and rendered only when every page
has been read, so a schedule always shows every session, however the
pages were read (serially, in parallel or incrementally).
"""

from __future__ import annotations

from docutils import nodes


class schedule(nodes.General, nodes.Element):
    """Where a ``{schedule}`` directive stood; its options are attributes."""


class series_navigation(nodes.General, nodes.Element):
    """Where a session page shows the other parts of its series."""


class session_references(nodes.General, nodes.Element):
    """Where a session page lists the works it cites."""


class further_reading(nodes.General, nodes.Element):
    """Where a session page lists the works its ``further_reading`` names (attribute ``keys``)."""


class session_links(nodes.General, nodes.Element):
    """Where a session page links to its calendar file and its PDF handout."""


class speakers(nodes.General, nodes.Element):
    """Where the list of speakers and their sessions goes."""


class series_list(nodes.General, nodes.Element):
    """Where the overview of multi-part lectures goes."""


class archive(nodes.General, nodes.Element):
    """Where the list of every term goes."""


class rooms(nodes.General, nodes.Element):
    """Where the list of the rooms the sessions use goes."""


class next_meeting(nodes.General, nodes.Element):
    """Where the landing page's panel of the next meeting goes."""


class site_file(nodes.Inline, nodes.TextElement):
    """A link to a file the build writes beside the pages (attribute ``target``: its name), from ``{site-file}``."""


class time_range(nodes.Inline, nodes.TextElement):
    """A meeting's time: ``<time datetime>`` in HTML (attributes ``start``, ``end``, ``label``), its text elsewhere."""


def visit_placeholder(translator: object, node: nodes.Element) -> None:
    # Every placeholder is replaced at doctree-resolved; reaching a writer
    # means the page was written without being resolved: drop it.
    raise nodes.SkipNode


def bibtex_loaded(app: object) -> bool:
    """Whether sphinxcontrib-bibtex is in use: the site may have no bibliography."""
    return "sphinxcontrib.bibtex" in app.extensions  # type: ignore[attr-defined]


PLACEHOLDERS = (schedule, series_navigation, session_references, further_reading, session_links, speakers, series_list, archive,
                site_file, rooms, next_meeting)


def site_file_role(name: str, rawtext: str, text: str, lineno: int, inliner, options=None, content=None):
    """``{site-file}`schedule.ics```: a link to a file the build writes beside the pages,
    checked against the registry when the page is resolved (``integration.resolve``)."""
    node = site_file(rawtext, text.strip(), target=text.strip())
    node.source, node.line = inliner.reporter.get_source_and_line(lineno)
    env = inliner.document.settings.env
    # The files follow the terms and series: the page is written again when any session changes.
    env.domains["seminar"].note_overview(env.docname, None)
    return [node], []
