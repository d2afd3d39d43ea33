"""The bibliography in the build: checked first, and never fatal.

sphinxcontrib-bibtex parses the ``.bib`` files when the builder starts, and
pybtex raises on the first syntax error, which ends the build with a
traceback.  Before it parses, we check every file ourselves and report each
problem with its file and line; while it parses, pybtex's errors are
captured instead of raised, so a bad entry costs only that entry.
"""

from __future__ import annotations

import os
from pathlib import Path

import pybtex.errors
from sphinx.application import Sphinx
from sphinx.util import logging

from .bibcheck import check_bibfile

logger = logging.getLogger(__name__)


def check_bibfiles(app: Sphinx) -> None:
    """Report the problems of every ``bibtex_bibfiles`` entry (``builder-inited``, early)."""
    for name in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / name
        result = check_bibfile(path, os.path.relpath(path, app.srcdir))
        for problem in result.problems:
            location = f"{path}:{problem.line}" if problem.line else f"{path}:"
            logger.warning(problem.text, location=location, type="seminar", subtype="bibtex")
    # Until release_pybtex_errors: pybtex collects its errors instead of raising.
    pybtex.errors.captured_errors = []


def release_pybtex_errors(app: Sphinx) -> None:
    """After sphinxcontrib-bibtex has parsed (``builder-inited``, late)."""
    pybtex.errors.captured_errors = None
