"""sphinx-seminar: a seminar's site from one Markdown page per session.

Add ``"sphinx_seminar"`` to ``extensions`` in ``conf.py``.  Each page
``sessions/<term>/<date>-<slug>.md`` is one session; ``sessions/<term>/index.md``
holds the term's title, defaults and no-meeting dates.  ``{schedule}``,
``{speakers}`` and ``{series-list}`` show what every session contributes;
the PDF handouts, the calendar files and the per-entry BibTeX files are
derived from the same session model.

The package is in layers (``tests/sphinx/test_layers.py`` checks what each imports,
and that no module imports itself through others):

* :mod:`~sphinx_seminar.core`: the model: front-matter, the session and term
  model, validation, the snapshot of the site (``core.site``), the
  schedule's rows and the ``.bib`` checks; it imports no other layer, and
  neither Sphinx nor docutils;
* :mod:`~sphinx_seminar.formats`: every output file as a function of the
  snapshot to bytes, their words, and the registry of files; the model only;
* :mod:`~sphinx_seminar.integration` and :mod:`~sphinx_seminar.outputs`: the
  Sphinx layer: ``setup()``, the configuration, the domain, directives,
  nodes, transforms, late resolution, the HTML and LaTeX rendering and the
  writer of the registry's files;
* :mod:`~sphinx_seminar.cli`: the ``seminar`` command (``check``, ``new``,
  ``init``), on the model and the formats.
"""

from __future__ import annotations

from typing import Any

from ._version import __version__

__all__ = ["__version__", "setup"]


def setup(app: Any) -> dict[str, Any]:
    """Sphinx's entry point; the extension lives in :mod:`sphinx_seminar.integration.extension`,
    so that ``seminar check`` does not import Sphinx."""
    from .integration.extension import setup as setup_extension

    return setup_extension(app)
