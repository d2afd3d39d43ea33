"""A session's materials: which are links, which are files of the repository, and whether those may be published.

A file is given relative to the page's folder, as a Markdown link is.  It
must be inside the source folder, not hidden (``.git``, ``.env``), and
exist; only then is it copied into the site.  Nothing here opens a file:
the checks use the path and ``stat`` only.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from .fields import is_web_link
from .problems import Problem

LABELS = {"slides": "Slides", "recording": "Recording", "code": "Code", "notes": "Notes"}


def repo_path(page: str, value: str) -> str:
    """The material ``value`` of the page at ``page`` (both relative to the source folder), as a path from the source folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), value.replace("\\", "/")))


def _refusal(root: Path, page: str, value: str) -> str | None:
    if os.path.isabs(value) or value.startswith("/"):
        return "is an absolute path"
    relative = repo_path(page, value)
    if relative == ".." or relative.startswith("../"):
        return "is outside the site's source folder"
    if any(part.startswith(".") for part in relative.split("/")):
        return "is in a hidden file or folder"
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root, relative))
    if os.path.commonpath([real_root, real]) != real_root:
        return "leads outside the site's source folder (a symbolic link)"
    if not os.path.isfile(real):
        return "is not a file of the repository"
    return None


def problems(root: Path, page: str, materials: list[tuple[str, str]], line: int | None) -> list[Problem]:
    """The materials of the page ``page`` that are files and may not be published, each with why."""
    found = []
    for kind, value in materials:
        if is_web_link(value):
            continue
        refusal = _refusal(root, page, value)
        if refusal:
            found.append(Problem(page, line, f"materials.{kind}", f"'{value}' {refusal}",
                                 "give an https:// link, or the path of a file in the site's source folder relative to this page, "
                                 "e.g. materials/slides.pdf"))
    return found
