"""The build's long-lived data kept out of the cyclic garbage collector's way.

Python's collector walks every tracked object at each full collection.  A
build holds the parsed ``.bib`` and the environment (about 700,000 objects
at 1,000 sessions and a 5,000-entry ``.bib``) from start to end, and the
collector walked them again and again (5 s of a 34 s build there), then
once more at exit.  ``gc.freeze()`` moves the objects alive after the
``.bib`` is parsed and after every page is read into the permanent
generation, which collections skip; forked readers and writers of ``-j N``
then leave those pages of memory shared, as the ``gc`` documentation
recommends.  Garbage made while writing is collected as usual.

A process that runs several builds (the tests, a live preview) unfreezes
and collects at the start of the next build, so nothing outlives it.
``seminar_freeze_gc = False`` switches this off.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx


def start(app: Sphinx) -> None:
    """``builder-inited``, first: what an earlier build in this process left is collectable again."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


def freeze(app: Sphinx, *args: object) -> None:
    """After the ``.bib`` is parsed, after reading, and at the end: what is alive now stays."""
    if app.config.seminar_freeze_gc:
        gc.freeze()


def freeze_after_reading(app: Sphinx, env: object) -> list[str]:
    """``env-updated``: the environment now holds every page's data."""
    freeze(app)
    return []
