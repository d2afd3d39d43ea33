"""Sphinx extension of the seminar site: sessions from front-matter, a generated schedule.

Add ``"seminar"`` to ``extensions`` in ``conf.py``.  Each page
``sessions/<term>/<date>-<slug>.md`` is one session; ``sessions/<term>/index.md``
holds the term's title, defaults and no-meeting dates.  ``{schedule}``,
``{speakers}`` and ``{series-list}`` show what every session contributes;
the PDF handouts, the calendar files and the per-entry BibTeX files are
derived from the same session model.  The ``seminar`` command
(:mod:`seminar.cli`) checks the same pages without Sphinx.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx's entry point; the extension lives in :mod:`seminar.extension`,
    so that ``seminar check`` does not import Sphinx."""
    from .extension import setup as setup_extension

    return setup_extension(app)
