"""Search-index stems remembered across pages, not only within one.

Sphinx's ``IndexBuilder.feed`` caches the stemmer per page; the same words
recur on every page, so at 1,000 sessions the Snowball stemmer ran 144,000
times, a tenth of the build.  Stemming a word always gives the same stem,
so the builder's stemmer is memoised for the build.
"""

from __future__ import annotations

import functools

from docutils import nodes
from sphinx.application import Sphinx


def remember_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: once the HTML builder has its indexer, before it feeds a page."""
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if language is None or getattr(language, "_seminar_memoised", False):
        return
    language.stem = functools.lru_cache(maxsize=1 << 16)(language.stem)
    language._seminar_memoised = True
