"""The build's long-lived data kept out of the cyclic garbage collector's way.

Python's collector walks every tracked object at each full collection.  A
build holds the parsed ``.bib`` and the environment (about 700,000 objects
at 1,000 sessions and a 5,000-entry ``.bib``) from start to end, and the
collector walked them again and again (5 s of a 34 s build there), then
once more at exit.  ``gc.freeze()`` moves the objects alive after the
``.bib`` is parsed and after every page is read into the permanent
generation, which collections skip; forked readers and writers of ``-j N``
then leave those pages of memory shared, as the ``gc`` documentation
recommends.

While pages are written, the garbage is the pages' own trees, which die
young and are collected young; full collections (22 in that build, 1.7 s)
found little, so during the build they wait for a thousand younger ones
instead of ten (peak memory +10%, 360 MB there).

A process that runs several builds (the tests, a live preview) gets the
thresholds back at the end of each build, and unfreezes and collects at the
start of the next, so nothing outlives it.  ``seminar_freeze_gc = False``
switches all of this off.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

# Full collections only after this many collections of the middle generation.
FULL_COLLECTION_EVERY = 1000
_saved_thresholds: list[tuple[int, int, int]] = []


def start(app: Sphinx) -> None:
    """``builder-inited``, first: what an earlier build in this process left is collectable again."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    if app.config.seminar_freeze_gc and not _saved_thresholds:
        young, middle, old = gc.get_threshold()
        _saved_thresholds.append((young, middle, old))
        gc.set_threshold(young, middle, max(old, FULL_COLLECTION_EVERY))


def freeze(app: Sphinx, *args: object) -> None:
    """After the ``.bib`` is parsed and after reading: what is alive now stays."""
    if app.config.seminar_freeze_gc:
        gc.freeze()


def freeze_after_reading(app: Sphinx, env: object) -> list[str]:
    """``env-updated``: the environment now holds every page's data."""
    freeze(app)
    return []


def finish(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the thresholds back; what is alive stays frozen, so exit does not walk it."""
    if _saved_thresholds:
        gc.set_threshold(*_saved_thresholds.pop())
    freeze(app)
