"""A build that did not finish (Ctrl-C, a killed job, a crash) is redone whole by the next one.

Sphinx saves its environment once all pages are read, then writes them:
stopped while writing, the next build believes the pages read are done,
writes only those whose output is older than their source, and merges the
search index with what the stopped build left (an incomplete
``searchindex.js``, or one the next build could not load).  A marker in
the doctree folder is written when the build starts and removed when it
finishes; a build that finds it starts from a fresh environment, so it
reads and writes every page and every file derived from them again.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

MARKER = "seminar-build-unfinished"
#: What the next build must not trust: Sphinx's environment, and the feeds' record of what they show.
UNTRUSTED = ("environment.pickle", "seminar-feeds.stamp")


def start(app: Sphinx, config: Config) -> None:
    """``config-inited``, before Sphinx loads its environment: forget an unfinished build's state."""
    doctrees = Path(app.doctreedir)
    marker = doctrees / MARKER
    if marker.exists():
        logger.info("sphinx-seminar: the last build did not finish; this one reads and writes every page again")
        for name in UNTRUSTED:
            (doctrees / name).unlink(missing_ok=True)
    doctrees.mkdir(parents=True, exist_ok=True)
    marker.write_text("a build is under way, or was stopped\n", encoding="utf-8")


def finish(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, last: a finished build leaves no marker."""
    if exception is None:
        (Path(app.doctreedir) / MARKER).unlink(missing_ok=True)


def setup_interruption(app: Sphinx) -> None:
    app.connect("config-inited", start, priority=950)
    app.connect("build-finished", finish, priority=1000)
