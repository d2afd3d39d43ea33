"""Links from a page: to another page, to a file the HTML build publishes, and a line of them."""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri


def site_file(app: Sphinx, fromdocname: str, target: str, text: str, classes: str) -> nodes.reference | None:
    """A link to ``target`` (a path from the site root), in HTML only."""
    if app.builder.format != "html":
        return None
    uri = posixpath.relpath(target, posixpath.dirname(fromdocname) or ".")
    return nodes.reference("", text, refuri=uri, classes=[classes])


def page_link(app: Sphinx, fromdocname: str, todocname: str, text: str) -> nodes.Node:
    """A link to a page, or the bare text where the output has no such page
    (a session's PDF handout does not contain the other sessions)."""
    try:
        uri = app.builder.get_relative_uri(fromdocname, todocname)
    except NoUri:
        return nodes.inline("", text)
    return nodes.reference("", text, internal=True, refuri=uri)


def link_line(classes: str, *candidates: nodes.Node | None) -> list[nodes.Node]:
    """The links that exist, on one line separated by dots; nothing if none do."""
    present = [link for link in candidates if link is not None]
    if not present:
        return []
    paragraph = nodes.paragraph(classes=[classes])
    for index, link in enumerate(present):
        paragraph += [nodes.Text(" · ")] if index else []
        paragraph += link
    return [paragraph]
