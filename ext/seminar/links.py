"""Links from a page to files the HTML build publishes beside the pages."""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx


def site_file(app: Sphinx, fromdocname: str, target: str, text: str, classes: str) -> nodes.reference | None:
    """A link to ``target`` (a path from the site root), in HTML only."""
    if app.builder.format != "html":
        return None
    uri = posixpath.relpath(target, posixpath.dirname(fromdocname) or ".")
    return nodes.reference("", text, refuri=uri, classes=[classes])
