"""The bibliography in the build: parsed once, checked, and never fatal.

sphinxcontrib-bibtex parses the ``.bib`` files when the builder starts, and
pybtex raises on the first syntax error, which would end the build with a
traceback.  :func:`parse_bibfiles` parses them first, into the place where
sphinxcontrib-bibtex keeps its parse, with pybtex's errors captured; a bad
entry costs only that entry.  Then the files are checked together (with
that same parse) and every problem reported with its file and line.

A file that is not in ``bibtex_encoding`` (UTF-8) is left out: reading it
with replacement characters would publish names such as ``Mont�far``
without a word, while leaving it out fails a ``-W`` build with the file,
line and byte to fix, reports each citation of its keys as an unknown key
with its page and line, and builds everything else.  When the files parsed
change (a file was fixed, or broken), the pages with a bibliography and the
pages that cite are read again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Person
from pybtex.database.input.bibtex import Parser
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core import bibcheck
from ..core.bibcheck import BibCheck, read_bibfile, split_by_citation
from ..core.bibfields import inherit_crossrefs, repair_entry, split_persons
from ..core.problems import Problem
from .nodes import bibtex_loaded

logger = logging.getLogger(__name__)

_CACHE = "seminar_bibchecks"


class MainProcessOnly:
    """A value that Sphinx's reader processes (``-j N``) do not send back.

    Under ``-j N`` Sphinx forks a reader for each chunk of about seventy
    pages and pickles the reader's whole environment back to the main
    process, which merges only the pages that reader read (the ``cite``
    domain's ``merge_domaindata`` reads its bibliographies and citation
    references).  The parsed ``.bib`` and its check were most of each
    pickle: with a 5,000-entry file, ``-j 2`` was slower than ``-j 1``.
    Pickled in a forked process, such a value is empty; in the main process
    (the environment Sphinx saves for the next build) it is whole, and it
    belongs to the process that loads it.
    """

    def _own(self) -> None:
        self._seminar_owner = os.getpid()

    def __reduce_ex__(self, protocol):
        if getattr(self, "_seminar_owner", os.getpid()) != os.getpid():
            return self._empty()
        return super().__reduce_ex__(protocol)

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._own()


def is_parsed(data: BibliographyData) -> bool:
    """Whether the parse is there (not only its recipe, as loaded with the environment)."""
    return "entries" in data.__dict__


def complete(data: BibliographyData, repair: Iterable[str]) -> None:
    """The entries get their crossref parents' fields, and those with problems readable LaTeX."""
    inherit_crossrefs(data)
    for key in repair:
        if key in data.entries:
            split_persons(data.entries[key])
            repair_entry(data.entries[key])


class _Checks(MainProcessOnly):
    """The check of each ``.bib`` file and the files' stamps, kept by the main process only."""

    def __init__(self, stamp: tuple, results: dict[str, BibCheck]) -> None:
        self.stamp, self.results = stamp, results
        self._own()

    def _empty(self):
        return (_Checks, ((), {}))


_PARSED = "seminar_parsed_bibfiles"


def _path(app: Sphinx, name: str) -> Path:
    # Where sphinxcontrib-bibtex reads it: relative to conf.py's folder.
    return Path(app.confdir) / name


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def checked_bibfiles(app: Sphinx, parsed: tuple | None = None) -> dict[str, BibCheck]:
    """The check of each ``.bib`` file, kept in the environment until one of them changes.

    The files are checked together (macros and crossrefs cross files), so a
    change to one checks them all again.  A large shared ``.bib`` takes
    seconds to parse; a no-op build should not, and a full build parses it
    once (``parsed``: :func:`parse_bibfiles`'s parse, with pybtex's errors).
    """
    names = list(app.config.bibtex_bibfiles or [])
    encoding = app.config.bibtex_encoding
    stamp = (encoding, tuple((name, _stamp(_path(app, name))) for name in names))
    cached = app.env.__dict__.get(_CACHE)
    if parsed is None and isinstance(cached, _Checks) and cached.stamp == stamp:
        return cached.results
    files = [(_path(app, name), os.path.relpath(_path(app, name), app.srcdir)) for name in names]
    results = dict(zip(names, bibcheck.check_bibfiles(files, encoding, parsed)))
    for result in results.values():
        result.data = None  # pybtex's own parse is kept by sphinxcontrib-bibtex
    app.env.__dict__[_CACHE] = _Checks(stamp, results)
    return results


def checked_bibfile(app: Sphinx, name: str) -> BibCheck:
    """The check of one file of ``bibtex_bibfiles``."""
    return checked_bibfiles(app).get(name, BibCheck())


def parse_bibfiles(app: Sphinx) -> None:
    """``builder-inited``, before sphinxcontrib-bibtex's (priority 500): parse the files it would.

    Upstream's parse raises on a file that is not in ``bibtex_encoding`` and
    on pybtex's first syntax error.  Here the same parser reads the files
    it can decode, with pybtex's errors captured (``pybtex.errors.capture``),
    and the result goes where upstream keeps its parse, with the files'
    modification times: upstream then finds its cache up to date and does
    not parse again.  A file left out has no keys; once it is fixed its
    time changes and it is parsed.
    """
    if not bibtex_loaded(app):
        return
    app.connect("env-get-outdated", reread_after_bibfiles_change)
    from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, is_bibdata_outdated

    names = list(app.config.bibtex_bibfiles or [])
    encoding = app.config.bibtex_encoding
    paths = [_path(app, name).resolve() for name in names]
    domain = app.env.domains["cite"]
    if not is_bibdata_outdated(domain.bibdata, paths, encoding):
        return  # the same files, unchanged: which of them can be read has not changed either
    readable = [path.is_file() and read_bibfile(path, name, encoding)[0] is not None for path, name in zip(paths, names)]
    _note_files_parsed(app.env, [name for name, ok in zip(names, readable) if ok])
    # Names are split only for the entries shown, where the domain does so (the speed-ups' cite-domain).
    person_fields = () if getattr(domain, "seminar_splits_persons", False) else tuple(Person.valid_roles)
    parser = Parser(encoding, person_fields=person_fields)
    files = tuple(str(p) for p, ok in zip(paths, readable) if ok)
    # Where the parse goes: pybtex's own data, or what a handler gives (the speed-ups' bib-recipe).
    parser.data = app.emit_firstresult("seminar-bibliography-data", encoding, person_fields, files) or BibliographyData()
    bibfiles = {}
    keys: dict[str, None] = {}
    with pybtex.errors.capture() as errors:
        for path, ok in zip(paths, readable):
            if ok:
                parser.parse_file(path)
            keys, old_keys = dict.fromkeys(parser.data.entries), keys
            bibfiles[path] = BibFile(mtime=get_mtime(path), keys={key: None for key in keys if key not in old_keys})
    domain.data["bibdata"] = BibData(encoding=encoding, bibfiles=bibfiles, data=parser.data)
    app.env.temp_data["seminar_bib_parse"] = (parser.data, errors)


def _note_files_parsed(env: BuildEnvironment, parsed: list[str]) -> None:
    previous = env.__dict__.get(_PARSED)
    env.__dict__[_PARSED] = parsed
    if previous is not None and previous != parsed:
        env.temp_data["seminar_reread_bibliographies"] = True


def reread_after_bibfiles_change(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: when the files parsed are others than at the last
    build (a file left out was fixed, or one was broken, or conf.py lists
    others), the pages with a bibliography and the pages that cite are read
    again: a bibliography holds the files parsed when its page was read, and
    notes only these as its page's dependencies."""
    if not env.temp_data.pop("seminar_reread_bibliographies", False):
        return []
    cite = env.domains["cite"]
    pages = {key.docname for key in cite.bibliographies} | {ref.docname for ref in cite.citation_refs}
    return sorted(page for page in pages if page in env.found_docs and page not in removed)


def check_bibfiles(app: Sphinx) -> None:
    """After sphinxcontrib-bibtex has parsed (``builder-inited``, late): the
    files as configured again; the entries get their crossref parents'
    fields and readable LaTeX, and each file's problems are reported."""
    if not bibtex_loaded(app):
        return
    data = app.env.domains["cite"].bibdata.data
    results = checked_bibfiles(app, app.env.temp_data.pop("seminar_bib_parse", None))
    repair = tuple(key for result in results.values() for key in result.repair)
    if is_parsed(data):
        complete(data, repair)
    else:  # a parse not made again yet (the speed-ups' bib-recipe) gets both when it is
        data.complete_when_parsed(repair)
    for name, result in results.items():
        for problem in result.problems:
            if problem.field not in result.keys:  # the file's own problems; entries' wait for the citations
                _warn(app, name, problem)


def _warn(app: Sphinx, name: str, problem: Problem) -> None:
    path = _path(app, name)
    location = f"{path}:{problem.line}" if problem.line else f"{path}:"
    logger.warning(problem.text, location=location, type="seminar", subtype="bibtex")


def report_entry_problems(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``, after sphinxcontrib-bibtex's (which formats what the
    bibliographies list): a problem of an entry the site shows (cited,
    suggested as further reading, or listed by a bibliography) is a warning;
    those of entries the site never shows are counted in one note per file,
    not fatal (``seminar check`` lists them)."""
    if not bibtex_loaded(app):
        return []
    results = checked_bibfiles(app)
    cite = env.domains["cite"]
    # What the site shows: what pages cite, and what a bibliography lists (``:all:`` lists every entry).
    cited = {target.key for ref in cite.citation_refs for target in ref.targets} | {c.key for c in cite.citations}
    for name, result in results.items():
        problems, notes = split_by_citation([result], cited)
        for problem in problems:
            if problem.field in result.keys:
                _warn(app, name, problem)
        if notes:
            logger.info(f"{_path(app, name)}: {len(notes)} problem(s) in entries that no page cites, "
                        "not shown on the site (run 'seminar check' to list them)")
    return []


_FORMATTED = "seminar_formatted_citations"


def rewrite_after_entry_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``, after sphinxcontrib-bibtex has formatted the citations: the pages
    citing an entry whose formatting changed (a ``.bib`` edit), to be written again.

    A page's citations and reference lists are resolved when it is written,
    from the formatted entries; Sphinx reads again only the pages whose
    sources changed, and the pages that cite an edited entry did not.  The
    digest of each key's formatting is kept in the ``seminar`` domain's data
    (saved with the environment) and compared build by build.
    """
    if not bibtex_loaded(app):
        return []
    cite = env.domains["cite"]
    data = env.domains["seminar"].data
    previous: dict[str, str] = data.get(_FORMATTED, {})
    formatted = previous if _unchanged_formatting(cite, data) else _formatting_digests(cite)
    data[_FORMATTED] = formatted
    data["seminar_cite_state"] = cite.data.get("seminar_fingerprint")
    changed = {key for key in formatted.keys() | previous.keys() if formatted.get(key) != previous.get(key)}
    if not changed or not previous:
        return []  # a first build writes every page anyway
    pages = {ref.docname for ref in cite.citation_refs if any(target.key in changed for target in ref.targets)}
    return sorted(page for page in pages if page in env.found_docs)


def _unchanged_formatting(cite, data: dict) -> bool:
    """True where the subclass of the ``cite`` domain skipped formatting: its fingerprint is the one last seen."""
    fingerprint = cite.data.get("seminar_fingerprint")
    return fingerprint is not None and fingerprint == data.get("seminar_cite_state") and _FORMATTED in data


def _formatting_digests(cite) -> dict[str, str]:
    """Each cited key: a digest of its label, formatted text and tooltip, in every bibliography that lists it."""
    import hashlib

    digests: dict[str, hashlib._Hash] = {}
    for citation in cite.citations:
        digest = digests.setdefault(citation.key, hashlib.sha256())
        tooltip = citation.tooltip_entry.text if citation.tooltip_entry else None
        digest.update(repr((citation.citation_id, citation.formatted_entry.label, citation.formatted_entry.text, tooltip)).encode())
    return {key: digest.hexdigest() for key, digest in digests.items()}
