"""The seminar's Sphinx extension: what ``setup()`` registers, and the handlers that tie the modules together."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from docutils import nodes as docutils_nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from .directives import (ArchiveDirective, NextMeetingDirective, RoomsDirective, SessionPagesDirective, ScheduleDirective,
                         SeriesListDirective, SpeakersDirective)
from .domain import SeminarDomain
from ..core.conflicts import check_sessions
from .admission import setup_admission
from .language import setup_language
from .interruption import setup_interruption
from .pagecheck import DropControlCharacters, check_source, clean_copied_sources
from .reading import SessionPageTransform, terms_first, warn
from .._version import __version__
from . import config, navigation, nodes, references, resolve
from ..outputs import bibentries, bibstyle, citations, feeds, handouts, html, latex, latex_style, mathjax, metadata
from . import rewrite, snapshot

STATIC = Path(__file__).parents[1] / "static"
logger = logging.getLogger(__name__)


def _check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    site = snapshot.site_of(app)
    for problem in check_sessions(list(site.sessions), {t.id: t for t in site.terms}):
        docname = next(s.docname for s in site.sessions if s.path == problem.path)
        warn(problem, docname, subtype="schedule")


def _static_files(app: Sphinx, config: Config) -> None:
    """``config-inited``: the package's ``static/`` among the site's, once.

    Added before Sphinx compares this build's configuration with the last
    one's (``builder-inited`` is too late: the saved configuration would
    hold the folder and the new one not, and every build would say "the
    configuration has changed")."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def _check_bibliography_styles(app: Sphinx, config: Config) -> None:
    """``config-inited``: the ``seminar`` styles are entry points of the installed distribution."""
    styles = (config.bibtex_default_style, config.bibtex_reference_style) if nodes.bibtex_loaded(app) else ()
    missing = bibstyle.missing_plugins() if bibstyle.STYLE_NAME in styles else []
    if missing:
        logger.warning(f"the '{bibstyle.STYLE_NAME}' bibliography styles are not installed ({', '.join(missing)}): "
                       "install the extension with pip (pip install -e . in its repository) rather than "
                       "putting its folder on sys.path", type="seminar", subtype="config")


def _load_speedups(app: Sphinx, config: Config) -> None:
    """``config-inited``: the optional speed-ups, by name (the product never imports them), where
    ``seminar_speedups`` asks for them; last of the handlers, once the other extensions are set up."""
    if not config.seminar_speedups:
        return
    if importlib.util.find_spec("sphinx_seminar.speedups") is None:  # a copy of the package without them
        logger.info("sphinx-seminar: the speed-ups (sphinx_seminar.speedups) are not installed; "
                    "the site is the same, large archives build more slowly")
        return
    app.setup_extension("sphinx_seminar.speedups")


def setup(app: Sphinx) -> ExtensionMetadata:
    config.register(app)
    setup_admission(app)
    setup_interruption(app)
    setup_language(app)
    latex_style.setup_package(app)
    app.connect("builder-inited", config.require_calendar_domain)
    app.add_directive("session-pages", SessionPagesDirective)

    app.add_domain(SeminarDomain)
    # Where the bibliography parse goes (references.parse_bibfiles): pybtex's own data unless a handler gives other.
    app.add_event("seminar-bibliography-data")
    for node in nodes.PLACEHOLDERS:
        app.add_node(node, **{fmt: (nodes.visit_placeholder, None) for fmt in ("html", "latex", "text", "man", "texinfo")})
    app.add_node(nodes.time_range, html=(html.visit_time_range, html.depart_time_range),
                 **{fmt: (html.visit_text_only, html.visit_text_only) for fmt in ("latex", "text", "man", "texinfo")})
    app.add_node(docutils_nodes.title, override=True, html=(html.visit_title, html.depart_title))
    app.add_node(docutils_nodes.citation, override=True, html=(html.visit_citation, html.depart_citation))
    app.add_directive("schedule", ScheduleDirective)
    app.add_directive("speakers", SpeakersDirective)
    app.add_directive("series-list", SeriesListDirective)
    app.add_directive("archive", ArchiveDirective)
    app.add_directive("rooms", RoomsDirective)
    app.add_directive("next-meeting", NextMeetingDirective)
    app.add_role("site-file", nodes.site_file_role)
    app.add_transform(SessionPageTransform)
    app.add_transform(DropControlCharacters)
    app.add_css_file("seminar.css")
    # seminar-when.js first: seminar.js uses its rule (deferred scripts run in this order).
    app.add_js_file("seminar-when.js", defer="defer")
    app.add_js_file("seminar.js", defer="defer")
    # The printed schedule (outputs.schedule.latex_schedule) is an xltabular.
    app.add_latex_package("booktabs")
    app.add_latex_package("xltabular")

    app.connect("config-inited", mathjax.configure)
    app.connect("config-inited", _check_bibliography_styles)
    app.connect("config-inited", _load_speedups, priority=900)
    app.connect("config-inited", _static_files)
    # Around sphinxcontrib-bibtex's own builder-inited (priority 500).
    app.connect("builder-inited", references.parse_bibfiles, priority=100)
    app.connect("builder-inited", references.check_bibfiles, priority=900)
    app.connect("env-before-read-docs", terms_first)
    # After sphinxcontrib-bibtex's env-updated (500), which formats the listed entries.
    app.connect("env-updated", references.report_entry_problems, priority=600)
    app.connect("env-updated", references.rewrite_after_entry_changes, priority=650)
    app.connect("source-read", check_source)
    app.connect("html-page-context", navigation.collapse_navigation, priority=400)
    # The snapshot every output reads, once every page is read (with the pages' history).
    app.connect("env-updated", snapshot.make_site, priority=460)
    # Before the LaTeX builder starts writing: the handouts, from the snapshot.
    app.connect("env-updated", latex.configure)
    app.connect("env-updated", rewrite.pages_to_rewrite)
    app.connect("env-updated", citations.forget_citation_index)
    app.connect("env-check-consistency", _check_consistency)
    app.connect("doctree-resolved", resolve.resolve)
    # After resolve.resolve, which fills the placeholders it rearranges.
    app.connect("doctree-resolved", latex.resolve, priority=600)
    app.connect("build-finished", handouts.copy_pdfs)
    app.connect("build-finished", clean_copied_sources)
    app.connect("html-page-context", feeds.write_page_files)
    app.connect("html-page-context", bibentries.write_entries)
    app.connect("html-page-context", metadata.add_head)
    # After the calendars and the PDFs: what the feeds link exists.
    app.connect("build-finished", feeds.write_feeds, priority=600)
    app.connect("builder-inited", mathjax.copy_mathjax)
    return {"version": __version__, "env_version": SeminarDomain.data_version, "parallel_read_safe": True, "parallel_write_safe": True}
