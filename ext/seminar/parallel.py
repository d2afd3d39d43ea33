"""Parallel readers send back what they read, not the whole bibliography.

Under ``-j N`` reader processes are forked (:mod:`seminar.builder`).
After each batch a reader pickles its whole environment back to the main
process, which unpickles it only to merge the documents of that batch
(``BuildEnvironment.merge_info_from``).  The parsed ``.bib``
(sphinxcontrib-bibtex's ``bibdata``: thousands of pybtex objects) and the
extension's check of it are made in the main process before the readers
are forked, and no merge ever reads them; yet they were most of every
pickle and of the time spent unpickling, so that with a 5,000-entry
``.bib`` reading with ``-j 2`` was slower than with ``-j 1``.

In a forked reader, the environment's pickle leaves out what the main
process already holds and no merge reads: the bibliography, and the
per-page data (tables of contents are docutils trees, slow to unpickle) of
every page not in the batch.  The environment the main process pickles to
disk is untouched.  Guarded to the sphinxcontrib-bibtex versions
whose ``merge_domaindata`` reads only ``bibliographies`` and
``citation_refs`` (the same as :mod:`seminar.bibspeed`).
"""

from __future__ import annotations

import importlib.metadata
import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .bibspeed import TESTED

# Made in the main process at builder-inited and never merged: the readers'
# copies are the main process's own, forked.
_BIBTEX_SHARED = ("bibdata", "citations", "_seminar_cited_index", "seminar_bibspeed_fingerprint")
_SEMINAR_SHARED = ("fingerprints", "series_parts")
_ENV_SHARED = ("seminar_bibchecks",)
# Per-page data that Sphinx's merges (merge_info_from and the collectors'
# merge_other) read only for the pages the reader read.
_PER_PAGE = ("tocs", "toc_num_entries", "titles", "longtitles", "metadata", "dependencies")
_SEMINAR_PER_PAGE = ("sessions", "overview_pages")

_main_pid: int | None = None
# The pages read in this process, and the process they were read in.
_read_here: tuple[int, set[str]] = (0, set())


def note_main_process(app: Sphinx) -> None:
    """``builder-inited``: the process that forks the readers."""
    global _main_pid
    _main_pid = os.getpid()


def note_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: remember which pages this process read."""
    global _read_here
    if _read_here[0] != os.getpid():
        _read_here = (os.getpid(), set())
    _read_here[1].add(docname)


def forget_read() -> None:
    """A reader that stays up starts a new batch: only its pages are sent back."""
    global _read_here
    _read_here = (os.getpid(), set())


def in_forked_reader() -> bool:
    return _main_pid is not None and os.getpid() != _main_pid


def without_shared(state: dict[str, Any], read: set[str]) -> dict[str, Any]:
    """``state`` (an environment's ``__dict__``) with only what a merge of ``read`` reads."""
    state = {key: value for key, value in state.items() if key not in _ENV_SHARED}
    for key in _PER_PAGE:
        if isinstance(state.get(key), dict):
            state[key] = {docname: value for docname, value in state[key].items() if docname in read}
    domaindata = dict(state.get("domaindata") or {})
    if "cite" in domaindata:
        cite = {key: value for key, value in domaindata["cite"].items() if key not in _BIBTEX_SHARED}
        cite["bibliographies"] = {key: value for key, value in cite["bibliographies"].items() if key.docname in read}
        cite["citation_refs"] = [ref for ref in cite["citation_refs"] if ref.docname in read]
        domaindata["cite"] = cite
    if "seminar" in domaindata:
        seminar = {key: value for key, value in domaindata["seminar"].items() if key not in _SEMINAR_SHARED}
        for key in _SEMINAR_PER_PAGE:
            seminar[key] = {docname: value for docname, value in seminar[key].items() if docname in read}
        seminar["terms"] = {term_id: term for term_id, term in seminar["terms"].items() if term.docname in read}
        domaindata["seminar"] = seminar
    state["domaindata"] = domaindata
    return state


def install() -> bool:
    """Patch ``BuildEnvironment.__getstate__`` once per process."""
    if getattr(BuildEnvironment, "_seminar_lean_readers", False):
        return True
    try:
        version = importlib.metadata.version("sphinxcontrib-bibtex")
    except importlib.metadata.PackageNotFoundError:
        version = TESTED[0]  # no bibtex data to leave out but our own
    if not version.startswith(TESTED):
        return False
    original = BuildEnvironment.__getstate__

    def __getstate__(self: BuildEnvironment) -> dict[str, Any]:
        state = original(self)
        if not in_forked_reader():
            return state
        read = _read_here[1] if _read_here[0] == os.getpid() else set()
        return without_shared(state, read)

    BuildEnvironment.__getstate__ = __getstate__  # type: ignore[method-assign]
    BuildEnvironment._seminar_lean_readers = True  # type: ignore[attr-defined]
    return True
