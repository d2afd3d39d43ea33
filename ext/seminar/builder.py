"""The HTML builder, writing with as many processes as ``-j N`` gives.

Under ``-j N`` Sphinx's main process resolves each page (references,
schedules, the search index) while N-1 forked processes write them: with
``-j 2`` one writer, which waits for the main process and then leaves a core
idle once resolving is done.  Here resolving is about two fifths of the
writing phase, so the builder writes with N processes, which the operating
system shares with the main one (1,000 sessions, ``-j 2`` on 2 cores: the
writing phase 8.9 s with one writer, 7.7 s with two).

Sphinx writes the first page alone and resolves a whole chunk before the
first writer starts; the pages that show every session or every reference
(the landing page's schedule, the References page, a second each there)
are therefore put in the middle of the order, where the writers are busy.
The output is the same; with ``-j 1`` nothing changes.
"""

from __future__ import annotations

import inspect
from collections.abc import Set

from sphinx.builders.html import StandaloneHTMLBuilder


def _can_choose_writers() -> bool:
    # Sphinx 8 and 9: Builder._write_parallel(docnames, nproc).
    write_parallel = getattr(StandaloneHTMLBuilder, "_write_parallel", None)
    return write_parallel is not None and list(inspect.signature(write_parallel).parameters) == ["self", "docnames", "nproc"]


class SeminarHTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's ``html`` builder, with N writers under ``-j N``."""

    name = "html"

    def write_documents(self, docnames: Set[str]) -> None:
        if self.parallel_ok and self._app.parallel > 1 and _can_choose_writers():
            self._write_parallel(self._parallel_order(docnames), nproc=self._app.parallel)
        else:
            super().write_documents(docnames)

    def _parallel_order(self, docnames: Set[str]) -> list[str]:
        heavy = set(self.env.domains["seminar"].overview_pages)
        if "cite" in self.env.domains:
            heavy |= {key.docname for key in self.env.domains["cite"].bibliographies}
        light = [docname for docname in sorted(docnames) if docname not in heavy]
        middle = len(light) // 2
        return light[:middle] + sorted(heavy & set(docnames)) + light[middle:]
