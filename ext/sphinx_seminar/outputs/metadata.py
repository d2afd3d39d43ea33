"""Each page's ``<head>`` tags (``formats.head``), added as the page is written."""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..formats import head, registry
from ..integration.snapshot import site_of


def _page_description(doctree: nodes.document | None) -> str:
    """The first paragraph of some length: what a page without a session is about."""
    for paragraph in doctree.findall(nodes.paragraph) if doctree is not None else ():
        text = paragraph.astext().strip()
        if len(text) > 40:
            return head.shorten(text)
    return ""


def add_head(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the tags, appended to the page's ``metatags``."""
    if app.builder.format != "html":
        return
    site = site_of(app)
    tags = [head.feed_link(site, context["pathto"](registry.FEED, 1))]
    session = site.session(pagename)
    if session is not None:
        tags += head.session_head(site, session)
    else:
        title = re.sub(r"<[^>]+>", "", context.get("title", "")) or app.config.project
        tags += head.page_head(site, pagename, html.unescape(title), _page_description(doctree))
    term = site.term_page(pagename)
    if term is not None:
        tags += head.term_head(site, term)
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
