"""What a page says about itself in its ``<head>``: feed link, Open Graph, Twitter card, JSON-LD.

Every page links the Atom feed and has Open Graph and Twitter tags (title,
description; the address and image where ``html_baseurl`` makes them
absolute, as both protocols require).  A session page carries its
``EducationEvent`` and its preview image (:mod:`.preview`, drawn here, as
the page is written, so by ``-j N``'s writer processes too); a term page
its ``EventSeries``.  Values are text from pull requests: every one is
escaped for its attribute, and the JSON-LD for its ``<script>``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..core import structured
from ..core.model import Session
from ..integration.domain import SeminarDomain
from ..integration.sessionpage import status_text
from .feeds import FEED
from .icsevent import page_url
from .links import absolute_url
from .preview import render_preview
from .timezones import time_text

PREVIEWS = "_previews"
DESCRIPTION_LENGTH = 200


def preview_name(docname: str) -> str:
    return f"{PREVIEWS}/{docname}.jpg"


def _meta(attribute: str, name: str, content: str | None) -> str:
    return f'<meta {attribute}="{name}" content="{html.escape(content)}">' if content else ""


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _page_description(doctree: nodes.document | None) -> str:
    for paragraph in doctree.findall(nodes.paragraph) if doctree is not None else ():
        text = paragraph.astext().strip()
        if len(text) > 40:
            return _shorten(text)
    return ""


def _session_description(app: Sphinx, session: Session) -> str:
    status = status_text(session)
    head = f"{session.date:%a, %d %b %Y}, {time_text(app, session)}, {session.room}. {session.speaker}."
    return _shorten(f"{status + '. ' if status else ''}{head} {session.abstract or ''}")


def _tags(app: Sphinx, title: str, description: str, url: str | None, image: str | None, kind: str) -> list[str]:
    return [
        _meta("property", "og:site_name", app.config.project), _meta("property", "og:title", title),
        _meta("property", "og:type", kind), _meta("property", "og:description", description),
        _meta("property", "og:url", url), _meta("property", "og:image", image),
        _meta("name", "twitter:card", "summary_large_image" if image else "summary"),
        _meta("name", "twitter:title", title), _meta("name", "twitter:description", description),
        _meta("name", "twitter:image", image),
    ]


def add_head(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the tags above, appended to the page's ``metatags``."""
    if app.builder.format != "html":
        return
    domain: SeminarDomain = app.env.domains["seminar"]
    feed = html.escape(context["pathto"](FEED, 1))
    head = [f'<link rel="alternate" type="application/atom+xml" title="{html.escape(app.config.project)}" href="{feed}">']
    url = page_url(app, pagename)
    session = domain.sessions.get(pagename)
    term = next((t for t in domain.terms.values() if t.docname == pagename), None)
    if session is not None:
        head += _session_head(app, session, url)
    else:
        title = re.sub(r"<[^>]+>", "", context.get("title", "")) or app.config.project
        head += _tags(app, html.unescape(title), _page_description(doctree), url, None, "website")
    if term is not None:
        sessions = [(s, page_url(app, s.docname)) for s in domain.sorted_sessions(term.id)]
        head.append(structured.script(structured.term_event_series(term, sessions, organizer=_organizer(app), url=url)))
    context["metatags"] = context.get("metatags", "") + "\n".join(part for part in head if part) + "\n"


def _organizer(app: Sphinx) -> str:
    return app.config.seminar_institute or app.config.project


def _session_head(app: Sphinx, session: Session, url: str | None) -> list[str]:
    domain: SeminarDomain = app.env.domains["seminar"]
    term = domain.terms.get(session.term)
    picture = preview_name(session.docname)
    render_preview(Path(app.outdir) / picture, seminar=app.config.project, title=session.page_title, speaker=session.speaker,
                   when=f"{session.date:%A, %d %B %Y}, {time_text(app, session)}", place=session.room, status=status_text(session) or "")
    image = absolute_url(app, picture)
    event = structured.session_event(
        session, term, organizer=_organizer(app), institute=app.config.seminar_institute, url=url,
        term_url=page_url(app, term.docname) if term else None, image=image,
        join_url=session.published_join_url(term))
    return [*_tags(app, session.page_title, _session_description(app, session), url, image, "article"), structured.script(event)]
