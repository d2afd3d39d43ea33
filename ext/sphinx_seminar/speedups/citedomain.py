"""Piece ``cite-domain``: sphinxcontrib-bibtex's ``cite`` domain,
with work that grows with what changed.

Upstream (sphinxcontrib-bibtex 2.6 and 2.7) formats every entry of every
bibliography on every build, no-op builds included, twice when tooltips use
the bibliography's style; finds the pages citing an entry by scanning every
citation reference once per ``.bib`` entry; and resolves each citation by
scanning every formatted citation.  In an archive of a
thousand sessions each of these is quadratic or costs seconds.

:class:`SeminarBibtexDomain` is a subclass registered in the domain's place
(``add_domain(..., override=True)``), only for the versions in :data:`TESTED`:

* ``env_updated`` is skipped when nothing it reads changed since the last
  build (the ``.bib`` files, bibliographies, citations, pages and style
  settings); the citations it formatted then are in the pickled environment;
* ``get_filtered_entries`` looks the citing pages up in an index of
  key → pages, made once per ``env_updated``, and splits the names of the
  entries it yields only: the ``.bib`` is parsed without splitting names
  (a lab's file would otherwise add some 150,000 objects that the garbage
  collector walks through all build long);
* ``get_formatted_entries`` formats an entry once when its tooltip has the
  bibliography's style;
* ``resolve_xref`` works on the citations of the cited keys only, from an
  index, with one plaintext backend for the tooltips (upstream looks it up
  in the installed packages' entry points for every citation).
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..core.bibfields import split_persons
from .guards import tested

logger = logging.getLogger(__name__)

TESTED = ("2.6.", "2.7.")
_FINGERPRINT = "seminar_fingerprint"


def setup_cite_domain(app: Sphinx) -> None:
    """The subclass in place of upstream's domain, where tested."""
    if "sphinxcontrib.bibtex" not in app.extensions:
        return
    if not tested("sphinxcontrib-bibtex", TESTED, "its bibliography domain",
                  "sphinxcontrib-bibtex's own is used (the same output; large archives build more slowly)"):
        return
    app.add_domain(domain_class(), override=True)


def _at_config(app: Sphinx, config: Config) -> None:
    setup_cite_domain(app)


def setup(app: Sphinx) -> dict:
    """The faster ``cite`` domain on its own, as an extension after ``sphinxcontrib.bibtex``: how
    ``tests/sphinx/test_upstream_suites.py`` runs sphinxcontrib-bibtex's own test suite with it in place."""
    app.connect("config-inited", _at_config)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def domain_class() -> type:
    from sphinxcontrib.bibtex.domain import BibtexDomain

    return type("SeminarBibtexDomain", (_FasterLookups, BibtexDomain), {"__module__": __name__})


def _fingerprint(domain) -> str:
    """What upstream's ``env_updated`` reads, as a digest."""
    config = domain.env.config
    state = (
        sorted((str(path), info.mtime) for path, info in domain.bibdata.bibfiles.items()),
        sorted(
            (key.docname, key.id_, value.style, value.list_, value.enumtype, value.start, value.labelprefix,
             value.keyprefix, ast.dump(value.filter_), tuple(value.keys), tuple(value.bibfiles))
            for key, value in domain.bibliographies.items()
        ),
        sorted((ref.docname, tuple(t.key for t in ref.targets)) for ref in domain.citation_refs),
        sorted(domain.env.found_docs),
        sorted((doc, tuple(children)) for doc, children in domain.env.toctree_includes.items()),
        (config.bibtex_tooltips, config.bibtex_tooltips_style, config.bibtex_default_style, config.bibtex_reference_style),
    )
    # JSON, not pickle: pickle's output depends on which strings share an object.
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()


class _FasterLookups:
    """The overridden methods; mixed in before ``BibtexDomain`` by :func:`domain_class`."""

    _cited_in: dict[str, set[str]] | None = None
    _citations_by_key: dict[str, list] | None = None
    _plaintext = None
    # The .bib is parsed without splitting names (seminar.references);
    # get_filtered_entries splits those of the entries it yields.
    seminar_splits_persons = True

    def _split(self, entry) -> None:
        split_persons(entry)

    def clear_doc(self, docname: str) -> None:
        """Upstream's, and the fingerprint forgotten where the page held a bibliography.

        Upstream drops the page's bibliographies with their formatted
        citations, and its ``env_updated`` makes the citations again on every
        build.  Reading the page again usually gives back the same
        bibliographies, so the fingerprint would say nothing changed while
        the citations are gone.  A page that only cites loses nothing
        formatted: its citation references are in the fingerprint.  (Under
        ``-j N`` Sphinx clears every page to be read in the main process
        before forking, so this covers the pages forked readers read too.)
        """
        if any(key.docname == docname for key in self.bibliographies):
            self.data.pop(_FINGERPRINT, None)
        super().clear_doc(docname)

    def env_updated(self) -> Iterable[str]:
        fingerprint = _fingerprint(self)
        if self.data.get(_FINGERPRINT) == fingerprint and self.citations:
            return []  # the citations formatted at the last build still hold
        self._index_citing_pages()
        self._citations_by_key = None
        self._in_reading_order()
        try:
            result = super().env_updated()
        finally:
            self._cited_in = None
        self.data[_FINGERPRINT] = fingerprint
        return result

    def _in_reading_order(self) -> None:
        """The bibliographies in the order a clean build reads their pages (Sphinx reads pages sorted).

        Upstream formats them in the order they were recorded, and a citation
        whose key two bibliographies list links to the first: a page read
        again moves its bibliographies to the end, and an incremental build
        would link elsewhere than a clean one.  Within a page they keep their order.
        """
        ordered = sorted(self.bibliographies.items(), key=lambda item: item[0].docname)
        self.bibliographies.clear()
        self.bibliographies.update(ordered)

    def get_filtered_entries(self, bibliography_key) -> Iterable:
        from sphinxcontrib.bibtex.domain import _FilterVisitor

        if self._cited_in is None:
            self._index_citing_pages()
        bibliography = self.bibliographies[bibliography_key]
        # A filter on names reads the entries' persons: split them all first.
        names_filtered = any(isinstance(n, ast.Name) and n.id.lower() in ("author", "editor") for n in ast.walk(bibliography.filter_))
        for entry in self.get_entries(bibliography.bibfiles):
            if names_filtered:
                self._split(entry)
            key = bibliography.keyprefix + entry.key
            cited_docnames = self._cited_in.get(key, set())
            visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname, cited_docnames=cited_docnames)
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                logger.warning(f"syntax error in :filter: expression; {err}", location=(bibliography_key.docname, bibliography.line),
                               type="bibtex", subtype="filter_syntax_error")
                success = bool(cited_docnames)
            if success or entry.key in bibliography.keys:
                self._split(entry)  # shown: its names are formatted
                yield key, entry

    def _index_citing_pages(self) -> None:
        self._cited_in = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                self._cited_in[target.key].add(citation_ref.docname)

    def get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
        if not tooltips or tooltips_style:
            yield from super().get_formatted_entries(bibliography_key, docnames, tooltips, tooltips_style)
            return
        from pybtex.richtext import Tag

        # Tooltips in the bibliography's own style: upstream formats each entry twice, alike.
        for entry, formatted, _ in super().get_formatted_entries(bibliography_key, docnames, False, ""):
            # An entry with a missing field is upstream's bold message, with no tooltip.
            missing_field = isinstance(formatted.text, Tag) and formatted.text.name == "b"
            yield entry, formatted, None if missing_field else formatted

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        """Upstream's resolution, from the index of the cited keys' citations.

        The same steps as upstream's: a citation in a bibliography of the
        citing page first, then any; one warning per unknown key; then the
        reference style.  The plaintext backend for the tooltips is made
        once, where upstream looks it up in the installed packages' entry
        points for every citation (8 ms each).
        """
        import docutils.nodes
        from sphinxcontrib.bibtex.citation_target import parse_citation_targets
        from sphinxcontrib.bibtex.style.referencing import format_references
        from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

        keys = {parsed.key: parsed for parsed in parse_citation_targets(target)}
        candidates = [c for c in self._cited_citations(keys) if self.bibliographies[c.bibliography_key].list_ == "citation"]
        local = {c.key: c for c in candidates if c.bibliography_key.docname == fromdocname}
        citations = local | {c.key: c for c in candidates if c.key not in local}
        for key in keys:
            if key not in citations:
                logger.warning(f'could not find bibtex key "{key}"', location=node, type="bibtex", subtype="key_not_found")
        plaintext = self._plaintext_backend()
        references = [
            (citation.entry, citation.formatted_entry, SphinxReferenceInfo(
                builder=builder, fromdocname=fromdocname, todocname=citation.bibliography_key.docname,
                citation_id=citation.citation_id,
                title=citation.tooltip_entry.text.render(plaintext).replace("\\url ", "") if citation.tooltip_entry else None,
                pre_text=keys[citation.key].pre, post_text=keys[citation.key].post))
            for citation in citations.values()
        ]
        result = docutils.nodes.inline(rawsource=target)
        result["classes"].append("bibtex-citation")
        result += format_references(self.reference_style, typ, references).render(self.backend)
        return result

    def _cited_citations(self, keys) -> list:
        """The citations of these keys, in the order of ``self.citations``."""
        if self._citations_by_key is None:
            self._citations_by_key = defaultdict(list)
            for position, citation in enumerate(self.citations):
                self._citations_by_key[citation.key].append((position, citation))
        found = sorted((pair for key in keys for pair in self._citations_by_key.get(key, ())), key=lambda pair: pair[0])
        return [citation for _, citation in found]

    def _plaintext_backend(self):
        if self._plaintext is None:
            import pybtex.plugin

            self._plaintext = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")()
        return self._plaintext
