"""The PDF handouts: one per term (``make latexpdf``), one per session (``make handouts``).

Which LaTeX documents exist is derived from the ``sessions/`` folder, as the
schedule is, so nobody lists them in ``conf.py``.  Sphinx's LaTeX builder
assembles each document from its start page and the pages in its toctree, and
emits ``doctree-resolved`` once for that assembled tree; :func:`lay_out`
then turns it into a handout:

* in the term handout, each session becomes a chapter (a new page, and a
  running header naming it), the per-session reference lists give way to one
  bibliography at the end with every cited entry once;
* in a session's handout, the page's own reference list is its bibliography;
* citations point into that bibliography, so LaTeX has no undefined
  reference (links to pages that are not in the PDF are plain text, see
  :func:`sphinx_seminar.outputs.links.page_link`).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import texescape
from sphinxcontrib.bibtex.nodes import raw_latex

from ..core.site import Site
from ..integration.reading import classify
from ..integration.snapshot import site_of
from .citations import anchor_of, cited_in, render_reference_items
from ..formats.wording import Words
from ..integration.language import words


def latex_documents(env: BuildEnvironment, site: Site) -> list[tuple[str, str, str, str, str, bool]]:
    """The term handouts, or with ``seminar_handouts`` the session handouts: from the snapshot,
    once every page is read (a page whose front-matter has problems gets its handout too,
    named by its file)."""
    config = env.config
    said = Words.of(site)
    documents = []
    for docname in sorted(env.found_docs):
        kind = classify(docname, config.seminar_sessions_dir)
        if kind is None or (kind[0] == "term") == bool(config.seminar_handouts):
            continue
        name = docname.rsplit("/", 1)[-1]
        if kind[0] == "term":
            term = site.term_page(docname)
            organisers = said.names(list(term.fields.organizers)) if term else config.author
            documents.append((docname, f"{kind[1]}.tex", term.title if term else kind[1], organisers, "manual", False))
        else:
            session = site.session(docname)
            documents.append((docname, f"{name}.tex", said.page_title(session) if session else name,
                              said.speaker(session) if session else "", "howto", False))
    return sorted(documents, key=lambda entry: (entry[0].rsplit("/", 1)[0], entry[1]))


def configure(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``, after the snapshot: ``latex_documents`` from it.

    Only for the LaTeX builder, which reads the list when it starts writing.
    A ``latex_documents`` set in ``conf.py`` is kept; Sphinx's default (the
    whole site from the root page) is replaced.
    """
    config = app.config
    if app.builder.format == "latex" and (
            config.seminar_handouts or [entry[0] for entry in config.latex_documents] == [config.root_doc]):
        config.latex_documents = latex_documents(env, site_of(app))
    return []


def lay_out(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Shape an assembled LaTeX document into a handout (``doctree-resolved``)."""
    kind = classify(docname, app.config.seminar_sessions_dir)
    if kind is None:
        return
    role, _ = kind
    cited = cited_in(app, _included_pages(doctree))
    if role == "term":
        # Sphinx prints the start page's title on the title page only; the
        # term's introduction and schedule get a chapter of their own.
        term_page = next(child for child in doctree.children if isinstance(child, nodes.section))
        term_page.insert(1, nodes.raw("", r"\chapter{" + texescape.escape(words(app)._("Schedule"), app.config.latex_engine) + "}", format="latex"))
        _sessions_as_chapters(doctree)
        for section in list(doctree.findall(nodes.section)):
            if "session-references" in section["classes"]:
                section.parent.remove(section)
        if cited:
            bibliography = nodes.section("", nodes.title("", words(app)._("References")), ids=["bibliography"], classes=["handout-bibliography"])
            bibliography += render_reference_items(app, cited, anchors=True)
            doctree += bibliography
    else:
        for items in doctree.findall(nodes.bullet_list):
            if "session-references" in items["classes"]:
                items.replace_self(render_reference_items(app, cited, anchors=True))
    _point_citations_home(app, doctree, cited)
    _materials_on_the_site(app, doctree)
    for details in list(doctree.findall(nodes.field_list)):
        if "session-details" in details["classes"]:
            details.replace_self(_details_table(app, details))




def _materials_on_the_site(app: Sphinx, doctree: nodes.document) -> None:
    """A material that is a file of the repository links to its copy on the site
    (where ``html_baseurl`` is known): a PDF cannot carry the file itself."""
    base = app.config.html_baseurl
    for download in list(doctree.findall(addnodes.download_reference)):
        if base and download.get("filename"):
            uri = base.rstrip("/") + "/_downloads/" + str(download["filename"])
            download.replace_self(nodes.reference("", download.astext(), refuri=uri))


def _included_pages(doctree: nodes.document) -> set[str]:
    return {doctree["docname"], *(node["docname"] for node in doctree.findall(addnodes.start_of_file))}


def _sessions_as_chapters(doctree: nodes.document) -> None:
    """Lift the session pages out of the term page's section to the top level."""
    for start in list(doctree.findall(addnodes.start_of_file)):
        if start.parent is not doctree:
            container = start.parent
            container.remove(start)
            doctree += start
            if not container.children and container.parent is not None:
                container.parent.remove(container)


def _details_table(app: Sphinx, details: nodes.field_list) -> nodes.raw:
    """Speaker, date, time and room as a compact two-column block for print."""
    rows = []
    for field in details.findall(nodes.field):
        name, body = field[0].astext(), field[1].astext()
        rows.append(rf"\textbf{{{texescape.escape(name, app.config.latex_engine)}}} & "
                    rf"{texescape.escape(body, app.config.latex_engine)}\\")
    text = "\n".join([r"\par\noindent\begin{tabular}{@{}l@{\hspace{1em}}p{0.8\linewidth}@{}}", *rows, r"\end{tabular}\par\medskip"])
    return nodes.raw("", text + "\n", format="latex")


_HYPERLINK = re.compile(r"\\hyperlink\{cite\.[^}]*:([^}:]*)\}\{")


def _point_citations_home(app: Sphinx, doctree: nodes.document, cited: list[str]) -> None:
    """Make every citation link to its entry in this PDF's bibliography.

    In LaTeX, sphinxcontrib-bibtex writes a citation as raw
    ``\\hyperlink{cite.<page>:<id>}{...}`` to the entry on the References
    page, which no handout contains; point it at our own entry instead.
    """
    if not cited:
        return
    key_of = {c.citation_id: c.key for c in app.env.domains["cite"].citations}
    for raw in list(doctree.findall(raw_latex)):
        match = _HYPERLINK.fullmatch(raw.rawsource)
        if match and key_of.get(match.group(1)) in cited:
            raw.replace_self(raw_latex(rf"\hyperlink{{{anchor_of(key_of[match.group(1)])}}}{{"))


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "latex":
        lay_out(app, doctree, docname)
