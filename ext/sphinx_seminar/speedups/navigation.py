"""Piece ``navigation``: the sessions of a term share one sidebar, resolved once, in Furo's navigation.

The sidebar is collapsed (``seminar_collapse_navigation``): it shows every
term but only the sessions of the term being read.  The sessions of one
term then share that sidebar but for which entry is the current page, so
it is resolved once per term and folder, and for the other sessions the
"current" mark is moved.  Only a sidebar of titles (``titles_only``, as Furo
asks) is shared: another holds the current page's own sections.  Where the
markup is not the one expected, the sidebar is resolved as usual.

Furo then parses the sidebar again, with BeautifulSoup, to add its
checkboxes, and caches the result by the sidebar's HTML.  While Furo's
handler runs, the sessions of a term give it the very sidebar they share,
so it parses it once per term; afterwards the "current" mark is moved in
Furo's result the same way (at 1,000 sessions, 6 s of a 30 s build).
The shared sidebars belong to the application and are dropped when a build starts.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from sphinx.application import Sphinx

from ..integration.reading import classify

_CURRENT = re.compile(r'<li class="(toctree-l\d+) current"><a class="current reference internal" href="#">')
# The same mark in Furo's sidebar, which adds "current-page" to it.
_FURO_CURRENT = re.compile(r'<li class="(toctree-l\d+) current current-page"><a class="current reference internal" href="#">')
# What Furo asks of the toctree helper (furo._compute_navigation_tree).
FURO_TOCTREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}


def _moved(html: str, made_for: str, docname: str, furo: bool = False) -> str | None:
    """The sidebar of ``made_for`` with ``docname`` as the current page instead.

    ``furo``: the sidebar as Furo made it from the toctree helper's.
    """
    current = (_FURO_CURRENT if furo else _CURRENT).findall(html)
    if len(current) != 1:
        return None
    level = current[0]
    classes = f"{level} current current-page" if furo else f"{level} current"
    marked = f'<li class="{classes}"><a class="current reference internal" href="#">'
    old_href = posixpath.basename(made_for) + ".html"
    new_href = posixpath.basename(docname) + ".html"
    unmarked = html.replace(marked, f'<li class="{level}"><a class="reference internal" href="{old_href}">')
    plain = f'<li class="{level}"><a class="reference internal" href="{new_href}">'
    if unmarked.count(plain) != 1:
        return None
    return unmarked.replace(plain, marked)


class SharedSidebars:
    """The handlers, and the sidebars shared in this application's build:
    (folder, options) -> (the page it was made for, its HTML)."""

    def __init__(self) -> None:
        self.shared: dict[tuple, tuple[str, str]] = {}

    def reset(self, app: Sphinx) -> None:
        """``builder-inited``: a new build resolves the sidebars again."""
        self.shared.clear()

    def share(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
        """``html-page-context``, after the collapsing helper and before Furo's own handler (priority 500)."""
        toctree = context.get("toctree")
        kind = classify(pagename, app.config.seminar_sessions_dir)
        if toctree is None or not app.config.seminar_collapse_navigation or app.builder.name != "html" \
                or kind is None or kind[0] != "session":
            return

        def shared(kwargs: dict[str, Any]) -> tuple[str, str]:
            key = (posixpath.dirname(pagename), tuple(sorted(kwargs.items())))
            if key not in self.shared:
                self.shared[key] = (pagename, toctree(**kwargs))
            return self.shared[key]

        def sharing_toctree(**kwargs: Any) -> str:
            # Without titles_only the current page's own sections are in its sidebar
            # (alabaster's, for one): no other page may share it.
            if not kwargs.get("titles_only"):
                return toctree(**kwargs)
            made_for, html = shared({**kwargs, "collapse": True})
            if made_for == pagename:
                return html
            moved = _moved(html, made_for, pagename)
            return moved if moved is not None else toctree(**kwargs)

        def toctree_for_furo(**kwargs: Any) -> str:
            # Furo's call gets the term's sidebar as it is, so that Furo's own
            # cache (by the HTML) parses it once per term; move_furo_current
            # moves the mark in Furo's result.
            if kwargs == FURO_TOCTREE:
                made_for, html = shared({**kwargs, "collapse": True})
                context["seminar_sidebar_made_for"] = made_for
                return html
            return sharing_toctree(**kwargs)

        context["toctree"] = toctree_for_furo
        context["seminar_sharing_toctree"] = sharing_toctree

    def move_furo_current(self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
        """``html-page-context``, after Furo's handler: the page's own mark in Furo's sidebar."""
        toctree = context.pop("seminar_sharing_toctree", None)
        made_for = context.pop("seminar_sidebar_made_for", None)
        if toctree is None:
            return
        context["toctree"] = toctree  # templates call it with the page's own mark
        if made_for is None or made_for == pagename or "furo_navigation_tree" not in context:
            return
        moved = _moved(context["furo_navigation_tree"], made_for, pagename, furo=True)
        if moved is None:  # unexpected markup: make it as Furo does
            from furo.navigation import get_navigation_tree

            moved = get_navigation_tree(toctree(**FURO_TOCTREE))
        context["furo_navigation_tree"] = moved


def setup_navigation(app: Sphinx) -> None:
    sidebars = SharedSidebars()
    app.connect("builder-inited", sidebars.reset)
    app.connect("html-page-context", sidebars.share, priority=450)
    app.connect("html-page-context", sidebars.move_furo_current, priority=600)
