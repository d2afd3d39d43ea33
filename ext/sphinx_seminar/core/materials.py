"""A session's materials: which are links, which are files of the repository, and whether those may be published.

A file is given relative to the page's folder, as a Markdown link is.  It
must pass the rule of :mod:`sphinx_seminar.core.admission` (inside the
source folder once symbolic links are resolved; nothing hidden, excluded,
built or of an environment on the way; a regular file) and exist; only
then is it copied into the site.  Nothing here opens a file: the checks
use the path and ``stat`` only.
"""

from __future__ import annotations

import os
import posixpath

from .admission import SourceTree
from .fields import is_web_link
from .problems import Problem

LABELS = {"slides": "Slides", "recording": "Recording", "code": "Code", "notes": "Notes"}


def repo_path(page: str, value: str) -> str:
    """The material ``value`` of the page at ``page`` (both relative to the source folder), as a path from the source folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), value.replace("\\", "/")))


def _refusal(tree: SourceTree, page: str, value: str) -> str | None:
    if os.path.isabs(value) or value.startswith("/"):
        return "is an absolute path"
    refusal = tree.refusal(repo_path(page, value))
    if refusal is None:
        return None
    return "is not a file of the repository" if refusal.missing else refusal.reason


def problems(tree: SourceTree, page: str, materials: list[tuple[str, str]], line: int | None) -> list[Problem]:
    """The materials of the page ``page`` that are files and may not be published, each with why."""
    found = []
    for kind, value in materials:
        if is_web_link(value):
            continue
        refusal = _refusal(tree, page, value)
        if refusal:
            found.append(Problem(page, line, f"materials.{kind}", f"'{value}' {refusal}",
                                 "give an https:// link, or the path of a file in the site's source folder relative to this page, "
                                 "e.g. materials/slides.pdf"))
    return found
