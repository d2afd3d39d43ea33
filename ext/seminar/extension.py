"""The seminar's Sphinx extension: what ``setup()`` registers, and the handlers that tie the modules together."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from docutils import nodes as docutils_nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

from . import bibentries, bibspeed, config, latex_style, bibstyle, calendar, handouts, html, latex, mathjax, memory, navigation, nodes, parallel, references, render, searchindex
from .builder import SeminarHTMLBuilder
from .directives import ConfigValuesDirective, FieldsDirective, SessionPagesDirective, ScheduleDirective, SeriesListDirective, SpeakersDirective
from .domain import SeminarDomain
from .model import check_sessions
from .reading import SessionPageTransform, check_source, read_sources_leniently, warn
from . import __version__

STATIC = Path(__file__).parent / "static"


def _pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = cast(SeminarDomain, env.domains["seminar"])
    pages = [*domain.sessions, *(term.docname for term in domain.terms.values())]
    bibliography_pages = {key.docname for key in env.domains["cite"].bibliographies} if nodes.bibtex_loaded(app) else set()
    return list(domain.pages_to_rewrite(set(handouts.state(app, pages)), render.citing_sessions(app), bibliography_pages))


def _check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    domain = cast(SeminarDomain, env.domains["seminar"])
    for problem in check_sessions(list(domain.sessions.values()), domain.terms):
        docname = next(d for d, s in domain.sessions.items() if s.path == problem.path)
        warn(problem, docname, subtype="schedule")


def _static_files(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> ExtensionMetadata:
    bibstyle.register()
    config.register(app)
    latex_style.setup_package(app)
    app.connect("builder-inited", config.require_calendar_domain)
    app.add_directive("seminar-config-values", ConfigValuesDirective)
    app.add_directive("session-pages", SessionPagesDirective)

    app.add_builder(SeminarHTMLBuilder, override=True)
    app.add_domain(SeminarDomain)
    for node in nodes.PLACEHOLDERS:
        app.add_node(node, **{fmt: (nodes.visit_placeholder, None) for fmt in ("html", "latex", "text", "man", "texinfo")})
    app.add_node(docutils_nodes.title, override=True, html=(html.visit_title, html.depart_title))
    app.add_node(docutils_nodes.citation, override=True, html=(html.visit_citation, html.depart_citation))
    app.add_directive("schedule", ScheduleDirective)
    app.add_directive("speakers", SpeakersDirective)
    app.add_directive("series-list", SeriesListDirective)
    app.add_directive("front-matter-fields", FieldsDirective)
    app.add_transform(SessionPageTransform)
    app.add_css_file("seminar.css")
    app.add_js_file("seminar.js", defer="defer")
    # The printed schedule (seminar.render.latex_schedule) is an xltabular.
    app.add_latex_package("booktabs")
    app.add_latex_package("xltabular")

    app.connect("config-inited", mathjax.configure)
    app.connect("config-inited", bibspeed.install)
    parallel.install()
    app.connect("builder-inited", parallel.note_main_process)
    app.connect("builder-inited", bibspeed.note_processes)
    app.connect("source-read", parallel.note_read)
    app.connect("builder-inited", _static_files)
    app.connect("builder-inited", read_sources_leniently)
    app.connect("builder-inited", latex.configure)
    # Around sphinxcontrib-bibtex's own builder-inited (priority 500).
    app.connect("builder-inited", references.capture_pybtex_errors, priority=100)
    app.connect("builder-inited", references.check_bibfiles, priority=900)
    # After sphinxcontrib-bibtex's env-updated (500), which formats the listed entries.
    app.connect("env-updated", references.report_entry_problems, priority=600)
    app.connect("source-read", check_source)
    app.connect("html-page-context", navigation.collapse_navigation, priority=400)
    app.connect("html-page-context", navigation.move_furo_current, priority=600)
    app.connect("builder-inited", navigation.reset)
    app.connect("env-updated", _pages_to_rewrite)
    app.connect("env-updated", render.forget_citation_index)
    app.connect("env-check-consistency", _check_consistency)
    app.connect("doctree-resolved", render.resolve)
    app.connect("doctree-resolved", searchindex.remember_stems)
    # After render.resolve, which fills the placeholders it rearranges.
    app.connect("doctree-resolved", latex.resolve, priority=600)
    app.connect("build-finished", handouts.copy_pdfs)
    app.connect("html-page-context", calendar.write_page_calendars)
    app.connect("build-finished", calendar.write_schedule_calendar)
    app.connect("html-page-context", bibentries.write_entries)
    app.connect("build-finished", mathjax.copy_mathjax)
    app.connect("builder-inited", memory.start, priority=1)
    app.connect("builder-inited", memory.freeze, priority=950)
    app.connect("env-updated", memory.freeze_after_reading, priority=900)
    app.connect("build-finished", memory.finish, priority=900)
    return {"version": __version__, "env_version": SeminarDomain.data_version, "parallel_read_safe": True, "parallel_write_safe": True}
