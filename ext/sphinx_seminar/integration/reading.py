"""Reading a page: validate its front-matter, record it, and lay out a session page.

Runs as a transform while Sphinx reads each page, after docutils has made
the docinfo and before Sphinx collects titles and tables of contents, so
that the page title and the "References" section are seen by both.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from . import further_reading, language, sessionpage
from . import nodes as seminar_nodes
from .admission import env_tree
from .domain import SeminarDomain
from ..core import materials as material_files
from ..core.frontmatter import FrontMatter, read_source
from ..core.conflicts import unknown_further_reading
from ..core.model import Session, Term, load_session, load_term, sessions_term, term_for_sessions
from ..core.problems import Problem

logger = logging.getLogger(__name__)
#: The front-matter of the page being read and its problems: read once, at ``source-read``, from the
#: text Sphinx read (``pagecheck.check_source``), for the transform below.
PAGE_READ = "seminar-page-read"


def classify(docname: str, sessions_dir: str) -> tuple[str, str] | None:
    """``("term", id)`` for ``sessions/<id>/index``, ``("session", id)`` for
    any other page in ``sessions/<id>/``, ``None`` for the rest of the site."""
    parts = docname.split("/")
    if len(parts) != 3 or parts[0] != sessions_dir:
        return None
    return ("term" if parts[2] == "index" else "session"), parts[1]


def warn(problem: Problem, docname: str, subtype: str = "front-matter") -> None:
    logger.warning(problem.text, location=(docname, problem.line), type="seminar", subtype=subtype)


def _neutralise_raw_html(document: nodes.document) -> None:
    """Show a session page's raw HTML as text: contributions are untrusted.

    The warning, with its line, comes from :mod:`sphinx_seminar.integration.pagecheck`.
    """
    for raw in list(document.findall(nodes.raw)):
        if "html" in raw.get("format", "").split():
            text = raw.astext()
            inline = isinstance(raw.parent, nodes.TextElement)
            raw.replace_self(nodes.literal(text, text) if inline else nodes.literal_block(text, text))


def terms_first(app: object, env: object, docnames: list[str]) -> None:
    """``env-before-read-docs``: the term pages before the sessions, whose defaults they hold.

    Sphinx lets this list be reordered in place; so a session finds its term
    read already, and no page is read twice.
    """
    env.domains["seminar"].term_views.clear()
    sessions_dir = env.config.seminar_sessions_dir
    docnames.sort(key=lambda docname: (classify(docname, sessions_dir) or ("",))[0] != "term")


def _page_front(env: object, path: Path, display: str) -> tuple[FrontMatter | None, list[Problem]]:
    """The page's one reading (at ``source-read``); read here only where that did not run (a page of another parser)."""
    found = env.current_document.pop(PAGE_READ, None)
    return found if found is not None else read_source(path, display)


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _fold_into(page: nodes.section, body_h1: nodes.section, title: str) -> None:
    """A body '# heading' below the front-matter's title: one page, one title.

    The heading that repeats the title is dropped and its text joins the
    page; any other becomes the page's first section (with its own
    sections under it).
    """
    body_h1.parent.remove(body_h1)
    if _same_title(body_h1[0].astext(), title):
        page.extend(body_h1.children[1:])
    else:
        page.append(body_h1)


class SessionPageTransform(SphinxTransform):
    """Validate the front-matter of pages under ``sessions/`` and record them."""

    # After docutils' DocInfo (340), which turns `abstract:` into a topic.
    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        kind = classify(self.env.docname, self.config.seminar_sessions_dir)
        if kind is None:
            return
        role, term_id = kind
        if role == "session":
            _neutralise_raw_html(self.document)
        path = Path(self.env.doc2path(self.env.docname))
        display = os.path.relpath(path, self.env.srcdir)
        domain = cast(SeminarDomain, self.env.domains["seminar"])
        front, problems = _page_front(self.env, path, display)
        if role == "term":
            term, more = load_term(term_id, self.env.docname, display, front) if front else (None, [])
            for problem in problems + more:
                warn(problem, self.env.docname)
            if term is not None:
                domain.terms[term_id] = term
            domain.term_views[term_id] = term_for_sessions(term_id, self.env.docname, display, front) if front else None
            return

        term = self._term(term_id, path.parent / f"index{path.suffix}")
        session, more = (load_session(self.env.docname, display, term_id, front, term) if front else (None, []))
        for problem in problems + more:
            warn(problem, self.env.docname)
        if session is None:
            return
        domain.sessions[self.env.docname] = session
        self._lay_out(session, term)
        if session.further_reading:
            self._note_further_reading(session)

    def _note_further_reading(self, session: Session) -> None:
        known = None
        if "cite" in self.env.domains:  # sphinxcontrib-bibtex is loaded
            cite = self.env.domains["cite"]
            known = cite.bibdata.data.entries
            further_reading.note_citations(cite, session, known)
        for problem in unknown_further_reading(session, known):
            warn(problem, self.env.docname, subtype="citation")

    def _term(self, term_id: str, term_path: Path) -> Term | None:
        """The term's defaults, read from its page (which may not be read yet)."""
        # The session page shows the term's default room and time: when the
        # term page changes, this page must be read again.
        self.env.note_dependency(str(term_path))
        refusal = env_tree(self.env).refusal(term_path)
        if refusal is not None and not refusal.missing:
            return None  # reported, and left out, with the pages
        if refusal is not None:
            logger.warning(
                f"term page {os.path.relpath(term_path, self.env.srcdir)} is missing "
                "(create it with the term's title, defaults and no-meeting dates)",
                location=self.env.docname,
                type="seminar",
                subtype="term",
            )
            return None
        # Its own problems are reported when the term page is read.
        domain = cast(SeminarDomain, self.env.domains["seminar"])
        if term_id not in domain.term_views:
            # Read in this build (terms_first), or unchanged and valid since an earlier one; only a
            # term page left unread and with problems, or read by another process of -j N, is read here.
            known = domain.terms.get(term_id)
            domain.term_views[term_id] = known if known is not None else sessions_term(
                term_id, f"{self.config.seminar_sessions_dir}/{term_id}/index", term_path,
                os.path.relpath(term_path, self.env.srcdir))
        return domain.term_views[term_id]

    def _refused_materials(self, session: Session) -> set[str]:
        """Report the material files that may not be published; their kinds."""
        items = session.materials.items() if session.materials else []
        problems = material_files.problems(env_tree(self.env), session.path, items, session.line_of("materials"))
        for problem in problems:
            warn(problem, self.env.docname)
        return {problem.field.split(".", 1)[1] for problem in problems}

    def _lay_out(self, session: Session, term: Term | None) -> None:
        document = self.document
        for topic in list(document.findall(nodes.topic)):
            if "abstract" in topic["classes"] and topic.parent is document:
                topic.parent.remove(topic)  # we render the abstract ourselves, as text
        sections = [child for child in document.children if isinstance(child, nodes.section)]
        if not sections:
            return
        page = sections[0]
        for body_h1 in sections[1:]:
            _fold_into(page, body_h1, session.fields.title)
        title = cast(nodes.title, page[0])
        # myst-parser parses the front-matter title as Markdown; it is text.
        title.children = []
        words = language.words(self.app)
        title += nodes.Text(words.page_title(session))
        # Front-matter is text: no typographic quotes either (SmartQuotes runs later).
        title["support_smartquotes"] = False
        head = [sessionpage.notice(words, session), sessionpage.details(words, session, term, self.config),
                sessionpage.materials(words, session, self.env.docname, self._refused_materials(session)),
                seminar_nodes.session_links(docname=self.env.docname)]
        if session.series:
            head.append(seminar_nodes.series_navigation(series=session.series, docname=self.env.docname))
        if session.abstract:
            abstract = nodes.topic("", nodes.title("", words._("Abstract")), classes=["abstract", "session-abstract"])
            for paragraph in session.abstract.split("\n\n"):
                abstract += nodes.paragraph("", paragraph, support_smartquotes=False)
            head.append(abstract)
        index = page.index(title) + 1
        page[index:index] = [node for node in head if node is not None]
        if any(ref.get("refdomain") == "cite" for ref in document.findall(addnodes.pending_xref)):
            section = nodes.section(
                "", nodes.title("", words._("References")), ids=["references"], names=["references"], classes=["session-references"]
            )
            section += seminar_nodes.session_references(docname=self.env.docname)
            page += section
        if session.further_reading:
            page += further_reading.section(words, self.env.docname, session.further_reading)
