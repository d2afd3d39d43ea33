"""A sidebar that stays small as the archive grows.

Furo puts the whole navigation tree, every page of the site, into every
page (``toctree(collapse=False, maxdepth=-1)``): with a thousand sessions
that is quadratic, and most of a full build.  With
``seminar_collapse_navigation`` (the default) the ``toctree`` helper that
Furo calls collapses: the sidebar shows every term but only the sessions of
the term being read.  (The speed-ups' ``navigation`` piece,
:mod:`sphinx_seminar.speedups.navigation`, then resolves it once per term.)
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def collapse_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``, before Furo's own handler (priority 500)."""
    toctree = context.get("toctree")
    if toctree is None or not app.config.seminar_collapse_navigation:
        return

    def collapsed_toctree(**kwargs: Any) -> str:
        kwargs["collapse"] = True
        return toctree(**kwargs)

    context["toctree"] = collapsed_toctree


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
