"""sphinx-seminar: a seminar's site from one Markdown page per session.

Add ``"sphinx_seminar"`` to ``extensions`` in ``conf.py``.  Each page
``sessions/<term>/<date>-<slug>.md`` is one session; ``sessions/<term>/index.md``
holds the term's title, defaults and no-meeting dates.  ``{schedule}``,
``{speakers}`` and ``{series-list}`` show what every session contributes;
the PDF handouts, the calendar files and the per-entry BibTeX files are
derived from the same session model.

The package is in layers (``tests/test_layers.py`` checks what each imports):

* :mod:`~sphinx_seminar.core`: front-matter, the session and term model,
  validation, the schedule's rows and the ``.bib`` checks; it imports no
  other layer, and neither Sphinx nor docutils;
* :mod:`~sphinx_seminar.integration`: ``setup()``, the configuration, the
  domain, directives, nodes, transforms and late resolution;
* :mod:`~sphinx_seminar.outputs`: HTML, LaTeX, iCalendar and the
  bibliography's styles and files, each read from the domain's model;
* :mod:`~sphinx_seminar.cli`: the ``seminar`` command (``check``, ``new``,
  ``init``), on the core alone.

The integration and the outputs use each other: ``setup()`` connects the
outputs, and they read the domain's model.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx's entry point; the extension lives in :mod:`sphinx_seminar.integration.extension`,
    so that ``seminar check`` does not import Sphinx."""
    from .integration.extension import setup as setup_extension

    return setup_extension(app)
