"""Links from a page: to another page, to a file the HTML build publishes, and a line of them."""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri

from ..core.fields import is_web_link
from ..core.model import Session
from ..integration.snapshot import site_of
from ..integration.language import words


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


def material_uri(app: Sphinx, fromdocname: str | None, session: Session, kind: str, value: str) -> str | None:
    """Where a material is: its link, or the copy Sphinx made of a repository file
    (relative to ``fromdocname``; absolute from the site's address when None).
    None where there is no copy (LaTeX, or a file refused when its page was read)."""
    site = site_of(app)
    if fromdocname is None:
        return site.material_link(session, kind, value, absolute=True)
    if is_web_link(value):
        return value
    target = site.material_file(session, kind)
    if target is None or app.builder.format != "html":
        return None
    return posixpath.relpath(target, posixpath.dirname(fromdocname) or ".")


def material_links(app: Sphinx, fromdocname: str, session: Session) -> list[nodes.Node]:
    """The session's materials as labelled links ("Slides", "Recording"), each with an icon in HTML."""
    links: list[nodes.Node] = []
    for kind, value in session.materials.items() if session.materials else []:
        uri = material_uri(app, fromdocname, session, kind, value)
        if uri is not None:
            links.append(nodes.reference("", words(app).material_label(kind), refuri=uri, classes=["material", f"material-{kind}"]))
    return links


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
