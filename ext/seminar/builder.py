"""The HTML builder: under ``-j N``, N workers forked once read, then resolve and write.

Sphinx's parallel build forks a new process for every chunk of about 70
pages, reading and writing.  Each fork pays again, in copy-on-write page
faults, for the memory it touches (on this VM 2.2 s of system time in a
1,000-session build with ``-j 2``), and loses what it cached.  While
writing, Sphinx's main process resolves every page (references,
schedules, search-index words) and hands chunks to N-1 writers; here
resolving is a third of the work, so the writers wait for it, and a writer
that finishes while it resolves a long page (the References page) waits
for the whole chunk with its core idle.

Here each phase forks N workers once (:class:`seminar.workers.Workers`);
the main process sends batches of pages to whichever is free, batches that
shrink towards the end so that the workers finish together.

- Reading: a worker reads a batch and sends back its environment, which
  the main process merges as Sphinx does; :mod:`seminar.parallel` keeps
  the pickle to the batch's pages.
- Writing: a worker resolves *and* writes its batch.  The main process
  keeps what only it can: the search index (each batch's entries are sent
  back and merged) and the images to copy.  The pages that show every
  session or every reference take longest; they go in the middle of the
  order, not last, where one worker would work alone.

Resolving in a worker is safe because no handler of ``doctree-resolved``
keeps anything in the main process (the project's own are pure; the
configured extensions add none).  Guarded to the Sphinx versions whose
reading and search index are as used below; on others Sphinx's own
parallel build runs.  The output is the same as with ``-j 1``
(tests/test_scaling.py compares every file, the search index included).
"""

from __future__ import annotations

import inspect
import pickle
from collections import deque
from collections.abc import Callable, Sequence, Set
from typing import Any

from sphinx import builders as sphinx_builders
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.display import status_iterator

from . import parallel
from .workers import Workers

# The search index's per-page data (sphinx.search.IndexBuilder, Sphinx 8 and 9).
_INDEX_BY_PAGE = ("_titles", "_filenames", "_all_titles", "_index_entries")
_INDEX_BY_WORD = ("_mapping", "_title_mapping")

# What a worker sends back for a batch it wrote: its pages' part of each of
# the search index's dictionaries, and the images those pages show.
BatchWritten = tuple[dict[str, dict[str, Any]], dict[str, str]]

# Pages per batch: a batch costs two messages, so a few pages are enough;
# at most this many, so that the workers can be fed evenly near the end.
FEWEST_PAGES = 4
MOST_PAGES_WRITTEN = 40
# A read batch is sent back as a pickled environment, part of which grows
# with the site, so reading takes bigger batches.
MOST_PAGES_READ = 100


def _can_resolve_in_workers(indexer: Any) -> bool:
    # Sphinx 8.2 and 9: _write_docname(docname, *, env, builder, tags), what
    # Sphinx's own writing does for each page, and Builder._write_serial.
    write_docname = getattr(sphinx_builders, "_write_docname", None)
    resolves_page_by_page = (
        write_docname is not None
        and {"env", "builder", "tags"} <= set(inspect.signature(write_docname).parameters)
        and hasattr(StandaloneHTMLBuilder, "_write_serial")
    )
    index_is_dicts = indexer is None or all(isinstance(getattr(indexer, name, None), dict) for name in _INDEX_BY_PAGE + _INDEX_BY_WORD)
    return resolves_page_by_page and index_is_dicts


def _can_read_in_workers() -> bool:
    # Sphinx 8 and 9: Builder.read_doc(docname, *, _cache=True), and _read_serial.
    return "_cache" in inspect.signature(StandaloneHTMLBuilder.read_doc).parameters and hasattr(StandaloneHTMLBuilder, "_read_serial")


def _batch_size(left: int, workers: int, most: int) -> int:
    # Guided: a fraction of what is left, so that the last batches are small.
    return max(FEWEST_PAGES, min(most, left // (2 * workers)))


class SeminarHTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's ``html`` builder; under ``-j N``, N workers resolve and write."""

    name = "html"

    def write_documents(self, docnames: Set[str]) -> None:
        if not (self.parallel_ok and self._app.parallel > 1 and _can_resolve_in_workers(self.indexer)):
            super().write_documents(docnames)
        elif len(docnames) <= FEWEST_PAGES:
            # A rebuild of a page or two: here, rather than fork for it.
            self._write_serial(sorted(docnames))
        else:
            self._write_with_workers(self._parallel_order(docnames), workers=self._app.parallel)

    def _read_parallel(self, docnames: list[str], nproc: int) -> None:
        if not _can_read_in_workers():
            super()._read_parallel(docnames, nproc)
            return
        if len(docnames) <= FEWEST_PAGES:
            self._read_serial(docnames)
            return
        progress = status_iterator(docnames, "reading sources... ", "purple", len(docnames), self.config.verbosity)
        for docname in docnames:
            self.events.emit("env-purge-doc", self.env, docname)
            self.env.clear_doc(docname)

        def read_batch(batch: list[str]) -> bytes:
            self.env._app = self._app
            parallel.forget_read()
            for docname in batch:
                self.read_doc(docname, _cache=False)
            return pickle.dumps(self.env, pickle.HIGHEST_PROTOCOL)

        def merge(batch: list[str], pickled: bytes) -> None:
            self.env.merge_info_from(batch, pickle.loads(pickled), self._app)
            for _docname in batch:
                next(progress, None)

        self._run_batches(docnames, nproc, read_batch, merge, most=MOST_PAGES_READ)
        next(progress, None)  # the progress line's closing newline

    def _run_batches(self, docnames: Sequence[str], workers: int, task: Callable[[list[str]], Any], done: Callable[[list[str], Any], None], most: int) -> None:
        """Share ``docnames`` out in batches among ``workers`` processes forked for them."""
        left = deque(docnames)
        # No more workers than there are batches of the fewest pages.
        pool = Workers(min(workers, -(-len(left) // FEWEST_PAGES)), task, done)
        try:
            while left or pool.busy:
                while pool.free and left:
                    pool.send([left.popleft() for _ in range(min(len(left), _batch_size(len(left), pool.size, most)))])
                pool.collect()
        finally:
            pool.close()

    def _parallel_order(self, docnames: Set[str]) -> list[str]:
        heavy = set(self.env.domains["seminar"].overview_pages)
        if "cite" in self.env.domains:
            heavy |= {key.docname for key in self.env.domains["cite"].bibliographies}
        light = [docname for docname in sorted(docnames) if docname not in heavy]
        middle = len(light) // 2
        return light[:middle] + sorted(heavy & set(docnames)) + light[middle:]

    def _write_page(self, docname: str) -> None:
        """Resolve and write one page, as Sphinx's serial writing does."""
        sphinx_builders._write_docname(docname, env=self.env, builder=self, tags=self.tags)

    def _write_batch(self, docnames: list[str]) -> BatchWritten:
        """In a worker: resolve and write; return the pages' search-index data and new images."""
        if self.indexer is not None:
            for name in _INDEX_BY_PAGE + _INDEX_BY_WORD:
                setattr(self.indexer, name, {})
        images_before = dict(self.images)
        for docname in docnames:
            self._write_page(docname)
        index = {name: getattr(self.indexer, name) for name in _INDEX_BY_PAGE + _INDEX_BY_WORD} if self.indexer is not None else {}
        images = {uri: name for uri, name in self.images.items() if images_before.get(uri) != name}
        return index, images

    def _merge_batch(self, result: BatchWritten) -> None:
        index, images = result
        self.images.update(images)
        if self.indexer is not None:
            for name in _INDEX_BY_PAGE:
                getattr(self.indexer, name).update(index[name])
            for name in _INDEX_BY_WORD:
                merged: dict[str, set[str]] = getattr(self.indexer, name)
                for word, pages in index[name].items():
                    merged.setdefault(word, set()).update(pages)

    def _write_with_workers(self, docnames: Sequence[str], workers: int) -> None:
        # The first page is written here, as Sphinx does, so that the
        # workers inherit the compiled templates.
        progress = status_iterator(docnames, "writing output... ", "darkgreen", len(docnames), self.config.verbosity)
        first, rest = docnames[0], docnames[1:]
        self._write_page(first)
        next(progress, None)

        def done(batch: list[str], result: BatchWritten) -> None:
            self._merge_batch(result)
            for _docname in batch:
                next(progress, None)

        self._run_batches(rest, workers, self._write_batch, done, most=MOST_PAGES_WRITTEN)
        next(progress, None)  # the progress line's closing newline
