"""A sidebar that stays small and cheap as the archive grows.

Furo puts the whole navigation tree, every page of the site, into every
page (``toctree(collapse=False, maxdepth=-1)``) and parses it again with
BeautifulSoup: with a thousand sessions that is quadratic, and most of a
full build.  Two changes to the ``toctree`` helper that Furo calls:

* ``collapse=True``: the sidebar shows every term but only the sessions of
  the term being read;
* the sessions of one term share that sidebar but for which entry is the
  current page, so it is resolved once per term and folder, and for the
  other sessions the "current" mark is moved.  Only a sidebar of titles
  (``titles_only``, as Furo asks) is shared: another holds the current
  page's own sections.  Where the markup is not the
  one expected, the sidebar is resolved as usual.

Furo then parses the sidebar again, with BeautifulSoup, to add its
checkboxes, and caches the result by the sidebar's HTML.  While Furo's
handler runs, the sessions of a term give it the very sidebar they share,
so it parses it once per term; afterwards the "current" mark is moved in
Furo's result the same way (at 1,000 sessions, 6 s of a 30 s build).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from sphinx.application import Sphinx

from .reading import classify

_CURRENT = re.compile(r'<li class="(toctree-l\d+) current"><a class="current reference internal" href="#">')
# The same mark in Furo's sidebar, which adds "current-page" to it.
_FURO_CURRENT = re.compile(r'<li class="(toctree-l\d+) current current-page"><a class="current reference internal" href="#">')
# What Furo asks of the toctree helper (furo._compute_navigation_tree).
FURO_TOCTREE = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}

def reset(app: Sphinx) -> None:
    """``builder-inited``: a new build resolves the sidebars again."""
    app.env.domains["seminar"].sidebars.clear()


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


def collapse_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``, before Furo's own handler (priority 500)."""
    toctree = context.get("toctree")
    if toctree is None or not app.config.seminar_collapse_navigation:
        return
    kind = classify(pagename, app.config.seminar_sessions_dir)
    shareable = app.builder.name == "html" and kind is not None and kind[0] == "session"

    def shared(kwargs: dict[str, Any]) -> tuple[str, str]:
        """The term's shared sidebar: (the page it was made for, its HTML)."""
        key = (posixpath.dirname(pagename), tuple(sorted(kwargs.items())))
        # (folder, options) -> (docname the sidebar was made for, its HTML).
        cache = app.env.domains["seminar"].sidebars
        if key not in cache:
            cache[key] = (pagename, toctree(**kwargs))
        return cache[key]

    def collapsed_toctree(**kwargs: Any) -> str:
        kwargs["collapse"] = True
        # Without titles_only the current page's own sections are in its sidebar
        # (alabaster's, for one): no other page may share it.
        if not shareable or not kwargs.get("titles_only"):
            return toctree(**kwargs)
        made_for, html = shared(kwargs)
        if made_for == pagename:
            return html
        moved = _moved(html, made_for, pagename)
        return moved if moved is not None else toctree(**kwargs)

    def toctree_for_furo(**kwargs: Any) -> str:
        # Furo's call gets the term's sidebar as it is, so that Furo's own
        # cache (by the HTML) parses it once per term; move_furo_current
        # moves the mark in Furo's result.
        if shareable and kwargs == FURO_TOCTREE:
            made_for, html = shared({**kwargs, "collapse": True})
            context["seminar_sidebar_made_for"] = made_for
            return html
        return collapsed_toctree(**kwargs)

    context["toctree"] = toctree_for_furo
    context["seminar_toctree"] = collapsed_toctree


def move_furo_current(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``, after Furo's handler: the page's own mark in Furo's sidebar."""
    toctree = context.pop("seminar_toctree", None)
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


def sidebar_fingerprints(env: Any, collapsed: bool) -> dict[str, str]:
    """What each page's sidebar shows, as a digest: the titles of the entries on its way from the root.

    A page's sidebar lists other pages' titles; Sphinx writes again only the
    pages that were read again (and those whose toctree lists them), so a
    session's new title, or a session added to a term, would stay out of the
    sidebars of its term's other pages.  Collapsed (``seminar_collapse_navigation``),
    a sidebar shows the root's entries and the entries of each page on the
    way down to the page itself; otherwise, every entry of the site.
    """
    import hashlib

    titles = {docname: title.astext() for docname, title in env.titles.items()}
    children = env.toctree_includes

    def entries(docname: str) -> bytes:
        return repr([(child, titles.get(child, "")) for child in children.get(docname, [])]).encode()

    parents: dict[str, str] = {}
    for parent, included in children.items():
        for child in included:
            parents.setdefault(child, parent)
    root = env.config.root_doc
    if not collapsed:
        whole = hashlib.sha256(repr(sorted((d, titles.get(d, ""), children.get(d, [])) for d in env.found_docs)).encode()).hexdigest()
        return dict.fromkeys(env.found_docs, whole)
    own_entries = {docname: hashlib.sha256(entries(docname)).hexdigest() for docname in children}
    top = own_entries.get(root, "")
    found = {}
    for docname in env.found_docs:
        way, seen, current = [top], {root}, docname
        while current is not None and current not in seen:  # a toctree loop ends the walk
            seen.add(current)
            way.append(own_entries.get(current, ""))
            current = parents.get(current)
        found[docname] = hashlib.sha256("".join(way).encode()).hexdigest()
    return found
