"""``embed.html``: the next meetings as a small page of their own, for another site to include.

The institute's page can show it in an ``<iframe>``, or copy its list.  It
makes no request of its own: its style and script are inline, and no
font, image or script comes from anywhere.  The list holds the meetings
from the day of the build on; the script hides those that have ended by
the reader's clock, and says so when none is left.
"""

from __future__ import annotations

import html

from ..core.model import Session
from ..core.site import Site
from . import wording

EMBED = "embed.html"
#: How many meetings the list shows; a few more are in the file for when the first have passed.
SHOWN = 5
KEPT = 12

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: transparent; }
ol { list-style: none; margin: 0; padding: 0; }
li { padding: .45em 0; border-bottom: 1px solid #ddd; }
li[hidden] { display: none; }
.when { font-weight: 600; }
.status { color: #a4262c; font-weight: 700; }
.speaker, .where { color: #555; }
a { color: #1a4f9c; }
"""

# Hide what has ended by the reader's clock; keep at most SHOWN visible; a meeting under
# way says "Now, until 16:30" (the venue's clock), as the schedule does (seminar.js).
_SCRIPT = """
(function () {
  var now = Date.now(), shown = 0, limit = %d;
  document.querySelectorAll("li[data-end]").forEach(function (item) {
    // Over at its end, as the schedule counts it (seminar.js).
    var end = item.getAttribute("data-end"), over = Date.parse(end) <= now;
    item.hidden = over || shown >= limit;
    if (!item.hidden) shown += 1;
    var status = item.querySelector(".status");
    if (!over && !status.textContent && Date.parse(item.getAttribute("data-start")) <= now) {
      status.textContent = "Now, until " + end.slice(11, 16) + ": ";
    }
  });
  document.getElementById("none").hidden = shown > 0;
})();
"""


def entry(site: Site, session: Session) -> str:
    """One meeting's ``<li>``: when, status, title (linking its page), speaker and room."""
    status = wording.CANCELLED_PREFIX if session.cancelled else ""
    link = site.url(site.page(session.docname))
    return (
        f'<li data-start="{session.starts.isoformat()}" data-end="{session.ends.isoformat()}">'
        f'<span class="when">{html.escape(f"{wording.short_date(session)}, {wording.site_time(site, session)}")}</span><br>'
        f'<span class="status">{html.escape(status)}</span>'
        f'<a href="{html.escape(link)}" target="_top">{html.escape(session.title)}</a><br>'
        f'<span class="speaker">{html.escape(session.speaker)}</span> · <span class="where">{html.escape(session.place)}</span>'
        "</li>"
    )


def page(site: Site) -> bytes:
    """The page: the meetings from the snapshot's day on (at most ``KEPT``), the first ``SHOWN`` visible."""
    items = [entry(site, s) for s in site.upcoming()[:KEPT]]
    items = [item.replace("<li ", "<li hidden ", 1) if i >= SHOWN else item for i, item in enumerate(items)]
    title = html.escape(f"Next meetings: {site.settings.project}")
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(site.settings.language or "en")}">',
        f'<head><meta charset="utf-8"><title>{title}</title><style>{_STYLE}</style></head>',
        "<body>",
        '<ol class="seminar-next">', *items, "</ol>",
        f'<p id="none"{"" if not items else " hidden"}>No meetings are planned at the moment.</p>',
        f"<script>{_SCRIPT % SHOWN}</script>",
        "</body></html>",
        "",
    ]).encode("utf-8")
