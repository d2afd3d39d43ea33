"""``embed.html``: the coming meetings as a small page of their own, for another site to include.

The institute's page can show it in an ``<iframe>``, or copy its list.  It
makes no request of its own: its style and script are inline, and no
font, image or script comes from anywhere.

It is never out of date: the list holds every meeting of the current term
and of the next one (the first term that starts after the current one has
ended), each with its absolute start and end, and its script shows what is
still to come by the reader's clock, however long ago the site was built:
it hides the meetings that have ended, shows at most ``SHOWN``, marks the
first that is not cancelled "Next" (or "Now, until 16:30" while it is under
way) and says that none is planned only when none is left.  Without
JavaScript the page shows the build's choice: the first ``SHOWN`` meetings
from the day of the build on.

The script is two files of ``static/``, inlined here as they are:
``seminar-when.js``, the rule of past, now and to come that the site's
pages load too (before ``seminar.js``), and ``embed.js``, the list's own
part.  They are read from the package, as its data, at each build (a few
kB); nothing of the build goes in, so the format stays free of Sphinx.

Its colours are the system's pair for the reader's scheme
(``color-scheme: light dark``, ``Canvas`` and ``CanvasText``), on its own
background, so that it is readable in a light and in a dark host page.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..core.model import Session
from ..core.site import Site
from . import wording

EMBED = "embed.html"
#: How many meetings the list shows at once.
SHOWN = 5
#: The browser files the page inlines, in this order (the package's ``static/``).
SCRIPTS = ("seminar-when.js", "embed.js")
STATIC = Path(__file__).parents[1] / "static"

_STYLE = """
:root { color-scheme: light dark; }
html { background: Canvas; color: CanvasText; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; padding: 0 .5em; overflow-wrap: anywhere; }
ol { list-style: none; margin: 0; padding: 0; }
li { padding: .45em 0; border-bottom: 1px solid color-mix(in srgb, CanvasText 25%, Canvas); }
li[hidden] { display: none; }
.when { font-weight: 600; }
.status { font-weight: 700; color: #a4262c; }
.speaker, .where { color: color-mix(in srgb, CanvasText 72%, Canvas); }
a { color: LinkText; }
@media (prefers-color-scheme: dark) { .status { color: #ff9a8f; } }
"""


def script() -> str:
    """The page's script: the files of ``SCRIPTS`` as they are in the package (read each time: a few kB)."""
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in SCRIPTS)


def words_json(words: wording.Words) -> str:
    """The script's words as a JavaScript object, safe inside ``<script>``."""
    return json.dumps(words.script_words(), ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def entry(site: Site, session: Session, hidden: bool = False) -> str:
    """One meeting's ``<li>``: when, status, title (linking its page), speaker and room."""
    words = wording.Words.of(site)
    status = words._("Cancelled: {title}", title="") if session.cancelled else ""
    link = site.url(site.page(session.docname))
    kind = ' class="cancelled"' if session.cancelled else ""
    return (
        f'<li{" hidden" if hidden else ""}{kind}'
        f' data-start="{session.starts.isoformat()}" data-end="{session.ends.isoformat()}">'
        f'<span class="when">{html.escape(f"{words.short_date(session.date)}, {words.site_time(site, session)}")}</span><br>'
        f'<span class="status">{html.escape(status)}</span>'
        f'<a href="{html.escape(link)}" target="_top">{html.escape(words.title(session))}</a><br>'
        f'<span class="speaker">{html.escape(words.speaker(session))}</span> · <span class="where">{html.escape(words.place(session))}</span>'
        "</li>"
    )


def page(site: Site) -> bytes:
    """The page: every meeting of the current and the next term; without JavaScript the first ``SHOWN`` from the snapshot's day on."""
    found = site.current_and_next_term_sessions
    shown = {s.docname for s in [s for s in found if s.date >= site.today][:SHOWN]}
    items = [entry(site, s, hidden=s.docname not in shown) for s in found]
    words = wording.Words.of(site)
    title = html.escape(words._("Next meetings: {project}", project=site.settings.project))
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(wording.html_language(site.settings.language))}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{_STYLE}</style></head>",
        "<body>",
        f'<ol class="seminar-next" data-shown="{SHOWN}">', *items, "</ol>",
        f'<p id="none"{" hidden" if shown else ""}>{html.escape(words._(wording.SCRIPT_WORDS["none planned"]))}</p>',
        f"<script>\nwindow.seminarWords = {words_json(words)};\n{script()}</script>",
        "</body></html>",
        "",
    ]).encode("utf-8")
