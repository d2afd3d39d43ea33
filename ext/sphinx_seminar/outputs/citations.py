"""The bibliography on the pages: each session's references, its further reading, and the
References page's back-links ("Cited in", "Further reading for") and BibTeX downloads.

Read from the citations that sphinxcontrib-bibtex formatted once for the
References page, so that a page's list costs only its own citations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.transforms import node_text_transform

from ..core.model import Session
from ..integration import further_reading
from ..integration import nodes as seminar_nodes
from ..integration.snapshot import site_of
from . import bibentries
from .links import page_link, site_file
from ..formats.wording import N_
from ..integration.language import words as words_of

_BACKEND = find_plugin("pybtex.backends", "docutils")()


class CitationIndex:
    """The formatted citations by key, in the global bibliography's order, and each page's cited keys.

    Made once per build after sphinxcontrib-bibtex has formatted the
    citations (``env-updated``), so that a page's reference list and
    back-links cost its own citations, not a scan of all of them.
    """

    def __init__(self, cite: Any) -> None:
        self.first: dict[str, Any] = {}
        for citation in cite.citations:
            self.first.setdefault(citation.key, citation)
        self.position = {key: index for index, key in enumerate(self.first)}
        self.key_of = {citation.citation_id: citation.key for citation in cite.citations}
        self.by_page: dict[str, set[str]] = {}
        for ref in cite.citation_refs:
            if not further_reading.is_further_reading(ref):  # not what the page cites
                self.by_page.setdefault(ref.docname, set()).update(target.key for target in ref.targets)

    def ordered(self, keys: Iterable[str]) -> list[str]:
        return sorted((key for key in set(keys) if key in self.position), key=self.position.__getitem__)


def forget_citation_index(app: Sphinx, env: Any) -> list[str]:
    """``env-updated``: the citations may have been formatted anew."""
    env.domains["seminar"].citation_index = None
    return []


def citation_index(app: Sphinx) -> CitationIndex:
    """This build's index, made when first needed (kept on the seminar domain)."""
    domain = app.env.domains["seminar"]
    if domain.citation_index is None:
        domain.citation_index = CitationIndex(app.env.domains["cite"])
    return domain.citation_index


def render_reference_items(app: Sphinx, keys: list[str], anchors: bool = False,
                           classes: str = "session-references") -> list[nodes.Node]:
    """The entries of ``keys``, formatted as on the References page, in its order.

    Read from the citations that sphinxcontrib-bibtex formatted once for the
    global bibliography, so a page's list costs only its own citations.
    With ``anchors``, each entry gets an id that citations can point to.
    """
    if not keys:
        return []
    index = citation_index(app)
    items = nodes.bullet_list(classes=[classes])
    for key in index.ordered(keys):
        paragraph = _BACKEND.paragraph(index.first[key].formatted_entry)
        if anchors:
            # What sphinxcontrib-bibtex's \hyperlink citations point to, see sphinx_seminar.outputs.latex.
            paragraph.insert(0, nodes.raw("", rf"\hypertarget{{{anchor_of(key)}}}{{}}", format="latex"))
        item = nodes.list_item("", paragraph)
        node_text_transform(item)
        items += item
    return [items] if len(items) else []


def anchor_of(key: str) -> str:
    """Hyperref name of a bibliography entry in a PDF, which citations link to."""
    return "seminar.cite-" + nodes.make_id(key)


def cited_in(app: Sphinx, docnames: set[str]) -> list[str]:
    """The keys these pages cite, in the order of the global bibliography."""
    if not seminar_nodes.bibtex_loaded(app):
        return []
    index = citation_index(app)
    return index.ordered(key for docname in docnames for key in index.by_page.get(docname, ()))


CITED_IN = N_("Cited in")
FURTHER_READING_FOR = N_("Further reading for")


def citing_sessions(app: Sphinx) -> dict[str, dict[str, list[str]]]:
    """The References page's back-links: for "Cited in" and "Further reading for", each key
    and the session pages that cite it or suggest it, in date order."""
    backlinks: dict[str, dict[str, set[str]]] = {CITED_IN: {}, FURTHER_READING_FOR: {}}
    if not seminar_nodes.bibtex_loaded(app):
        return {kind: {} for kind in backlinks}
    order = {s.docname: i for i, s in enumerate(site_of(app).sessions)}
    for ref in app.env.domains["cite"].citation_refs:
        if ref.docname in order:
            by_key = backlinks[FURTHER_READING_FOR if further_reading.is_further_reading(ref) else CITED_IN]
            for target in ref.targets:
                by_key.setdefault(target.key, set()).add(ref.docname)
    return {kind: {key: sorted(docs, key=order.__getitem__) for key, docs in sorted(by_key.items())}
            for kind, by_key in backlinks.items()}


def add_reference_extras(app: Sphinx, entries: list[nodes.Element], docname: str) -> None:
    """On a page with the bibliography: each entry's citing sessions and its BibTeX."""
    if not seminar_nodes.bibtex_loaded(app):
        return
    backlinks = None
    site = site_of(app)
    key_of = citation_index(app).key_of
    for entry in entries:
        key = next((key_of[i] for i in entry["ids"] if i in key_of), None)
        if key is None:
            continue
        if backlinks is None:
            backlinks = citing_sessions(app)
        extras = nodes.paragraph(classes=["reference-extras"])
        for label, by_key in backlinks.items():
            sessions = [site.session(d) for d in by_key.get(key, []) if site.session(d)]
            if sessions:
                extras += _session_links(app, docname, words_of(app)._(label), sessions)
        if backlinks[FURTHER_READING_FOR].get(key):
            entry["classes"].append("further-reading")
        extras += site_file(app, docname, bibentries.entry_file(key), "BibTeX", "bibtex-download")
        entry += extras


def _session_links(app: Sphinx, docname: str, label: str, sessions: list[Session]) -> list[nodes.Node]:
    """``Label: Title (Mon, 4 Nov 2024); Title (…). ``, each title a link."""
    words = words_of(app)
    parts: list[nodes.Node] = [nodes.Text(f"{label}: ")]
    for index, session in enumerate(sessions):
        parts += [nodes.Text("; ")] if index else []
        parts.append(page_link(app, docname, session.docname, f"{words.title(session)} ({words.short_date(session.date)})"))
    return [*parts, nodes.Text(". ")]
