"""Make sphinxcontrib-bibtex's per-build work proportional to what changed.

Upstream behaviour (sphinxcontrib-bibtex 2.7.0, pybtex 0.26): on *every*
build, no-op builds included, ``BibtexDomain.env_updated`` formats every
entry of every bibliography, twice when tooltips use the same style;
``get_filtered_entries`` scans all citation references once per ``.bib``
entry (entries × citations: quadratic in the archive); and every citation
looks its pybtex plugins up again in the installed packages' entry points
(``importlib.metadata``), which alone took 4 of 19 s of a 200-page build.

Seven changes, applied only to the versions they were written and tested
against (see ``TESTED``):

* entry-point look-ups are remembered for the process (installed packages
  do not change during a build; plugins registered at run time are looked
  up before entry points, as upstream does);
* an entry whose tooltip has the same style as its bibliography is
  formatted once, not twice, and under ``-j 2`` or more a long bibliography
  is formatted by two processes (this runs after all pages are read, when
  the main process is otherwise alone);
* a field without any LaTeX markup is taken as text instead of going
  through the LaTeX decoder (the decoder returns the same text for it,
  which a test of 100,000 random strings checked; 80 µs a field);
* resolving a citation looks its key up in an index of the formatted
  citations instead of scanning all of them twice (citations × references:
  quadratic);
* a page's bibliographies are made from the citations and references of
  that page's own bibliographies, where upstream scans all of them for each
  entry to find its back-references (entries × references: quadratic on a
  References page of every cited entry);

* ``get_filtered_entries`` looks cited documents up in an index of
  key → documents built once per call of ``env_updated``;
* ``env_updated`` is skipped when nothing it reads has changed since the
  last build (the ``.bib`` files, the bibliographies, the citations and
  the style settings): the formatted citations it stored then are still
  in the pickled environment.

The results are the same; ``tests/test_scaling.py`` compares them with
upstream's on the real site.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import json
import re
from collections import defaultdict
from collections.abc import Iterable

from sphinx.util import logging

logger = logging.getLogger(__name__)

TESTED = ("2.6.", "2.7.")
_FINGERPRINT = "seminar_bibspeed_fingerprint"


def _fingerprint(domain) -> str:
    """What upstream env_updated depends on, as a digest."""
    config = domain.env.config
    state = (
        sorted((str(path), info.mtime) for path, info in domain.bibdata.bibfiles.items()),
        sorted(
            (key.docname, key.id_, value.style, value.list_, value.enumtype, value.start, value.labelprefix,
             value.keyprefix, ast.dump(value.filter_), tuple(value.keys),
             tuple(value.bibfiles))
            for key, value in domain.bibliographies.items()
        ),
        sorted((ref.docname, tuple(t.key for t in ref.targets)) for ref in domain.citation_refs),
        sorted(domain.env.found_docs),
        sorted((doc, tuple(children)) for doc, children in domain.env.toctree_includes.items()),
        (config.bibtex_tooltips, config.bibtex_tooltips_style, config.bibtex_default_style, config.bibtex_reference_style),
    )
    # JSON, not pickle: pickle's output depends on which strings share an object.
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()


def _fast_filtered_entries(original_visitor):
    def get_filtered_entries(self, bibliography_key) -> Iterable:
        bibliography = self.bibliographies[bibliography_key]
        index = self.data.get("_seminar_cited_index")
        if index is None:
            index = defaultdict(set)
            for citation_ref in self.citation_refs:
                for target in citation_ref.targets:
                    index[target.key].add(citation_ref.docname)
            self.data["_seminar_cited_index"] = index
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            visitor = original_visitor(entry=entry, docname=bibliography_key.docname, cited_docnames=index.get(key, set()))
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                logger.warning(
                    "syntax error in :filter: expression; %s" % err,
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",
                )
                success = bool(index.get(key))
            if success or entry.key in bibliography.keys:
                yield key, entry

    return get_filtered_entries


# Under -j N (N > 1), a bibliography of at least this many entries is
# formatted by two processes: the main one and one forked for the second half.
PARALLEL_FROM = 100
_processes = 1
_pending: list[tuple[object, list[tuple[str, object]]]] = []  # what the forked process formats


def note_processes(app) -> None:
    """``builder-inited``: how many processes ``-j`` allows."""
    global _processes
    _processes = app.parallel if app.is_parallel_allowed("read") else 1


def _format(style, pairs: list[tuple[str, object]]) -> list[object]:
    from pybtex.style.template import FieldIsMissing

    results = []
    for label, entry in pairs:
        try:
            results.append(style.format_entry(label, entry))
        except FieldIsMissing as exc:
            results.append(exc)
    return results


def _format_pending() -> list[object]:
    style, pairs = _pending[0]
    return _format(style, pairs)


def _format_all(style, pairs: list[tuple[str, object]]) -> list[object]:
    """Each pair formatted, in two processes when ``-j`` allows and the list is long."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if _processes < 2 or len(pairs) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return _format(style, pairs)
    half = len(pairs) // 2
    # The forked process reads its half from memory; only the formatted
    # entries travel back, pickled.
    _pending[:] = [(style, pairs[half:])]
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as executor:
            second = executor.submit(_format_pending)
            first = _format(style, pairs[:half])
            return first + second.result()
    finally:
        _pending.clear()


def _formatted_once(original):
    """``get_formatted_entries`` that formats an entry once when its tooltip has the same style,
    in two processes under ``-j 2`` and more; what upstream does, in the same order."""
    def get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
        if tooltips and tooltips_style:
            yield from original(self, bibliography_key, docnames, tooltips, tooltips_style)
            return
        import pybtex.plugin
        from pybtex.richtext import Tag
        from pybtex.style import FormattedEntry

        bibliography = self.bibliographies[bibliography_key]
        entries = dict(self.get_sorted_entries(bibliography_key, docnames))
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", bibliography.style)()
        sorted_entries = list(style.sort(entries.values()))
        labels = [bibliography.labelprefix + label for label in style.format_labels(sorted_entries)]
        pairs = list(zip(labels, sorted_entries))
        for (label, entry), formatted in zip(pairs, _format_all(style, pairs)):
            if isinstance(formatted, Exception):  # FieldIsMissing, reported as upstream does
                logger.warning(str(formatted), location=(bibliography_key.docname, bibliography.line),
                               type="bibtex", subtype="missing_field")
                yield entry, FormattedEntry(entry.key, Tag("b", str(formatted)), label), None
            else:
                yield entry, formatted, formatted if tooltips else None

    return get_formatted_entries


def _page_scoped_bibliography_transform(original_run):
    """``BibliographyTransform.run`` over the citations and references of the page's own bibliographies."""
    from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node

    def run(self, **kwargs) -> None:
        docnames = {node["docname"] for node in self.document.findall(bibliography_node)}
        if not docnames:
            return  # upstream does nothing either
        domain = self.document.settings.env.get_domain("cite")
        everything = domain.data["citations"], domain.data["citation_refs"]
        # Upstream keeps the citations of a bibliography on these pages, and
        # the references from the same page as backrefs: both are subsets.
        domain.data["citations"] = [c for c in everything[0] if c.bibliography_key.docname in docnames]
        domain.data["citation_refs"] = [r for r in everything[1] if r.docname in docnames]
        try:
            original_run(self, **kwargs)
        finally:
            domain.data["citations"], domain.data["citation_refs"] = everything

    return run


def _cache_entry_points() -> None:
    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    if getattr(pybtex.plugin, "_seminar_cached", False):
        return

    @functools.lru_cache(maxsize=None)
    def pybtex_entry_points(group: str, name: str) -> tuple:
        return tuple(importlib.metadata.entry_points(group=group, name=name))

    @functools.lru_cache(maxsize=None)
    def bibtex_entry_points(group: str, name: str) -> tuple:
        return tuple(importlib.metadata.entry_points(group=group, name=name))

    pybtex.plugin.entry_points = lambda group, name: pybtex_entry_points(group, name)
    sphinxcontrib.bibtex.plugin._entry_points = lambda group, name: list(bibtex_entry_points(group, name))
    pybtex.plugin._seminar_cached = True


# Text that LaTeX decoding returns unchanged: no markup characters, no ligatures
# ("--", ",,", "<<", "!`"), and no whitespace it would trim or fold.
LATEX_FREE = re.compile(r"^(?!\s)(?!.*\s$)(?!.*\s\s)(?!.*(?:,,|<<|>>|!`|\?`|--))[^\\{}$~%&#_^`'\"\n\t]*$")


def _fast_from_latex() -> None:
    from pybtex.richtext import Text

    owner = next(cls for cls in Text.__mro__ if "from_latex" in cls.__dict__)
    if getattr(owner, "_seminar_fast_from_latex", False):
        return
    original = owner.__dict__["from_latex"].__func__

    def from_latex(cls, latex):
        if LATEX_FREE.match(latex):
            return Text(latex)
        return original(cls, latex)

    owner.from_latex = classmethod(from_latex)
    owner._seminar_fast_from_latex = True


_INDEX = "_seminar_citation_index"


def _indexed_resolve_xref(original):
    """``resolve_xref`` run on the citations of the cited keys only, in their original order."""
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        index = getattr(self, _INDEX, None)
        if index is None:
            index = defaultdict(list)
            for position, citation in enumerate(self.citations):
                index[citation.key].append((position, citation))
            setattr(self, _INDEX, index)
        keys = {parsed.key for parsed in parse_citation_targets(target)}
        subset = [citation for _, citation in sorted((pair for key in keys for pair in index.get(key, ())), key=lambda p: p[0])]
        everything = self.data["citations"]
        self.data["citations"] = subset
        try:
            return original(self, env, fromdocname, builder, typ, target, node, contnode)
        finally:
            self.data["citations"] = everything

    return resolve_xref


def install(app=None, config=None) -> bool:
    """Patch the tested versions, unless ``seminar_fast_bibtex`` is off (``config-inited``)."""
    if config is not None and not config.seminar_fast_bibtex:
        return False
    from sphinxcontrib.bibtex import domain as bibtex_domain

    version = importlib.metadata.version("sphinxcontrib-bibtex")
    if not version.startswith(TESTED) or getattr(bibtex_domain.BibtexDomain, "_seminar_patched", False):
        return False
    original_env_updated = bibtex_domain.BibtexDomain.env_updated

    def env_updated(self) -> Iterable[str]:
        fingerprint = _fingerprint(self)
        if self.data.get(_FINGERPRINT) == fingerprint and self.citations:
            return []  # the citations formatted at the last build still hold
        self.data["_seminar_cited_index"] = None
        setattr(self, _INDEX, None)  # the citations are formatted anew
        try:
            result = original_env_updated(self)
        finally:
            self.data.pop("_seminar_cited_index", None)
        self.data[_FINGERPRINT] = fingerprint
        return result

    import pybtex

    if not getattr(pybtex, "__version__", "0.26").startswith("0.2"):
        return False
    _cache_entry_points()
    _fast_from_latex()
    bibtex_domain.BibtexDomain.get_formatted_entries = _formatted_once(bibtex_domain.BibtexDomain.get_formatted_entries)
    bibtex_domain.BibtexDomain.get_filtered_entries = _fast_filtered_entries(bibtex_domain._FilterVisitor)
    bibtex_domain.BibtexDomain.resolve_xref = _indexed_resolve_xref(bibtex_domain.BibtexDomain.resolve_xref)
    bibtex_domain.BibtexDomain.env_updated = env_updated
    from sphinxcontrib.bibtex.transforms import BibliographyTransform

    BibliographyTransform.run = _page_scoped_bibliography_transform(BibliographyTransform.run)
    bibtex_domain.BibtexDomain._seminar_patched = True
    return True
