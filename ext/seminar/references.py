"""The bibliography in the build: checked first, and never fatal.

sphinxcontrib-bibtex parses the ``.bib`` files when the builder starts, and
pybtex raises on the first syntax error, which ends the build with a
traceback.  While it parses, pybtex's errors are captured instead of
raised, so a bad entry costs only that entry; then each file is checked
(with that same parse) and every problem reported with its file and line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pybtex.errors
from sphinx.application import Sphinx
from sphinx.util import logging

from .bibcheck import BibCheck, check_bibfile
from .nodes import bibtex_loaded

logger = logging.getLogger(__name__)


def checked_bibfile(app: Sphinx, name: str, parsed: tuple | None = None) -> BibCheck:
    """The check of one ``.bib`` file, kept in the environment until the file changes.

    A large shared ``.bib`` takes seconds to parse; a no-op build should not,
    and a full build parses it once (``parsed``: sphinxcontrib-bibtex's parse).
    """
    path = Path(app.srcdir) / name
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    cache: dict[str, tuple[object, BibCheck]] = app.env.__dict__.setdefault("seminar_bibchecks", {})
    if name in cache and stamp is not None and cache[name][0] == stamp:
        return cache[name][1]
    result = check_bibfile(path, os.path.relpath(path, app.srcdir), parsed)
    result.data = None  # pybtex's own parse is kept by sphinxcontrib-bibtex
    cache[name] = (stamp, result)
    return result


def capture_pybtex_errors(app: Sphinx) -> None:
    """Before sphinxcontrib-bibtex parses (``builder-inited``, early): pybtex
    collects its errors instead of raising them."""
    pybtex.errors.captured_errors = []


def check_bibfiles(app: Sphinx) -> None:
    """After it has parsed (``builder-inited``, late): report each file's problems."""
    errors, pybtex.errors.captured_errors = pybtex.errors.captured_errors or [], None
    if not bibtex_loaded(app):
        return
    data = app.env.domains["cite"].bibdata.data
    for name in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / name
        own = [e for e in errors if getattr(e, "filename", None) is None or str(e.filename) == str(path)]
        result = checked_bibfile(app, name, (data, own))
        for problem in result.problems:
            location = f"{path}:{problem.line}" if problem.line else f"{path}:"
            logger.warning(problem.text, location=location, type="seminar", subtype="bibtex")
