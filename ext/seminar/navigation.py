"""A sidebar that stays small as the archive grows.

Furo puts the whole navigation tree, every page of the site, into every
page (``toctree(collapse=False, maxdepth=-1)``) and parses it again with
BeautifulSoup: with a thousand sessions that is quadratic, and most of a
full build.  Here the sidebar shows every term but only the sessions of the
term being read: the ``toctree`` helper Furo calls gets ``collapse=True``.
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
