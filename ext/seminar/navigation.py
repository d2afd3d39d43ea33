"""A sidebar that stays small and cheap as the archive grows.

Furo puts the whole navigation tree, every page of the site, into every
page (``toctree(collapse=False, maxdepth=-1)``) and parses it again with
BeautifulSoup: with a thousand sessions that is quadratic, and most of a
full build.  Two changes to the ``toctree`` helper that Furo calls:

* ``collapse=True``: the sidebar shows every term but only the sessions of
  the term being read;
* the sessions of one term share that sidebar but for which entry is the
  current page, so it is resolved once per term and folder, and for the
  other sessions the "current" mark is moved.  Where the markup is not the
  one expected, the sidebar is resolved as usual.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from sphinx.application import Sphinx

from .reading import classify

_CURRENT = re.compile(r'<li class="(toctree-l\d+) current"><a class="current reference internal" href="#">')

# (folder, options) -> (docname the sidebar was made for, its HTML); one build, one process.
_cache: dict[tuple[str, tuple[tuple[str, Any], ...]], tuple[str, str]] = {}


def reset(app: Sphinx) -> None:
    """``builder-inited``: a new build resolves the sidebars again."""
    _cache.clear()


def _moved(html: str, made_for: str, docname: str) -> str | None:
    """The sidebar of ``made_for`` with ``docname`` as the current page instead."""
    current = _CURRENT.findall(html)
    if len(current) != 1:
        return None
    level = current[0]
    old_href = posixpath.basename(made_for) + ".html"
    new_href = posixpath.basename(docname) + ".html"
    unmarked = html.replace(
        f'<li class="{level} current"><a class="current reference internal" href="#">',
        f'<li class="{level}"><a class="reference internal" href="{old_href}">',
    )
    plain = f'<li class="{level}"><a class="reference internal" href="{new_href}">'
    if unmarked.count(plain) != 1:
        return None
    return unmarked.replace(plain, f'<li class="{level} current"><a class="current reference internal" href="#">')


def collapse_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``, before Furo's own handler (priority 500)."""
    toctree = context.get("toctree")
    if toctree is None or not app.config.seminar_collapse_navigation:
        return
    kind = classify(pagename, app.config.seminar_sessions_dir)
    shareable = app.builder.name == "html" and kind is not None and kind[0] == "session"

    def collapsed_toctree(**kwargs: Any) -> str:
        kwargs["collapse"] = True
        if not shareable:
            return toctree(**kwargs)
        key = (posixpath.dirname(pagename), tuple(sorted(kwargs.items())))
        if key in _cache:
            made_for, html = _cache[key]
            moved = _moved(html, made_for, pagename)
            if moved is not None:
                return moved
        html = toctree(**kwargs)
        _cache[key] = (pagename, html)
        return html

    context["toctree"] = collapsed_toctree
