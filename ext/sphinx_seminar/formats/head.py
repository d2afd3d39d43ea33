"""What a page says about itself in its ``<head>``: feed link, Open Graph, Twitter card, JSON-LD.

Every page links the Atom feed and has Open Graph and Twitter tags (title,
description; the address and image where the site's address makes them
absolute, as both protocols require).  A session page carries its
``EducationEvent`` and its preview image; a term page its
``EventSeries``.  Values are text from pull requests: every one is
escaped for its attribute, and the JSON-LD for its ``<script>``.
"""

from __future__ import annotations

import html

from ..core.model import Session, Term
from ..core.site import Site
from . import jsonld, registry, wording

DESCRIPTION_LENGTH = 200


def meta(attribute: str, name: str, content: str | None) -> str:
    return f'<meta {attribute}="{name}" content="{html.escape(content)}">' if content else ""


def shorten(text: str) -> str:
    """At most ``DESCRIPTION_LENGTH`` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def feed_link(site: Site, href: str) -> str:
    """The ``<link>`` to the Atom feed (``href``: its address from the page)."""
    return f'<link rel="alternate" type="application/atom+xml" title="{html.escape(site.settings.project)}" href="{html.escape(href)}">'


def tags(site: Site, title: str, description: str, url: str | None, image: str | None, kind: str) -> list[str]:
    """Open Graph and Twitter card tags; those without a value are left out."""
    found = [
        meta("property", "og:site_name", site.settings.project), meta("property", "og:title", title),
        meta("property", "og:type", kind), meta("property", "og:description", description),
        meta("property", "og:url", url), meta("property", "og:image", image),
        meta("name", "twitter:card", "summary_large_image" if image else "summary"),
        meta("name", "twitter:title", title), meta("name", "twitter:description", description),
        meta("name", "twitter:image", image),
    ]
    return [tag for tag in found if tag]


def session_description(site: Site, session: Session) -> str:
    """"Cancelled. Mon, 13 Jan 2031, 15:00–16:30 Lisbon time, Room 1. Ada Lovelace. <abstract>", shortened."""
    words = wording.Words.of(site)
    status = words.status_text(session)
    head = (f"{words.short_date(session.date)}, {words.site_time(site, session)}, {words.room(session)}. "
            f"{words.speaker(session)}.")
    return shorten(f"{status + '. ' if status else ''}{head} {session.abstract or ''}")


def session_head(site: Site, session: Session) -> list[str]:
    """A session page's tags and ``EducationEvent``, with its preview image."""
    url = site.page_url(session.docname)
    image = site.absolute_url(registry.preview_image(session.docname))
    event = jsonld.session_event(site, session, image)
    return [*tags(site, wording.Words.of(site).page_title(session), session_description(site, session), url, image, "article"), jsonld.script(event)]


def page_head(site: Site, docname: str, title: str, description: str) -> list[str]:
    """Another page's tags (``title`` and ``description`` from its text)."""
    return tags(site, title, description, site.page_url(docname), None, "website")


def term_head(site: Site, term: Term) -> list[str]:
    """A term page's ``EventSeries``."""
    return [jsonld.script(jsonld.term_event_series(site, term))]
