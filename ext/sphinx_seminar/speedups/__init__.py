"""The speed-ups: code that exists only to make large sites build faster.

Each piece replaces something of another package through Sphinx's public
API (a subclass registered with ``override=True``, or a handler of a
documented event) and touches that package's internals, so each goes in
only on the versions it was tested with (:mod:`.guards`), and none may
change a byte of the output: ``tests/site/test_equivalence.py`` builds with
and without them, in fresh processes, and compares every page.

* ``cite-domain`` (:mod:`.citedomain`): sphinxcontrib-bibtex's ``cite``
  domain, with work that grows with what changed;
* ``bib-recipe`` (:mod:`.bibrecipe`): the parsed ``.bib`` saved with the
  environment as how to parse it again, and not sent back by ``-j`` readers;
* ``navigation`` (:mod:`.navigation`): the sessions of a term share one
  sidebar, resolved once, in Furo's navigation.

The product never imports this package.  ``seminar_speedups`` (``True`` by
default) switches it: ``setup()`` of :mod:`sphinx_seminar` loads it by name
with ``app.setup_extension`` at ``config-inited`` where the value is true,
with every piece, or only the pieces named where it is a list of their
names (how ``bench/run.py`` measures each piece).  Each piece's saving, as
``make bench`` measured it, is on the Performance page, with the two pieces
that were removed because the benchmark did not show theirs (a shortcut past
pybtex's LaTeX decoding, and a subclass of myst-parser's parser that let a
page be parsed once).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import bibrecipe, citedomain, navigation

#: Each piece by name, with the function that puts it in place.
PIECES = {
    "cite-domain": citedomain.setup_cite_domain,
    "bib-recipe": bibrecipe.setup_bib_recipe,
    "navigation": navigation.setup_navigation,
}


def chosen(value: object) -> list[str]:
    """The pieces ``seminar_speedups`` asks for: all for true, none for false, else those named."""
    if isinstance(value, bool) or value is None:
        return list(PIECES) if value else []
    names = [value] if isinstance(value, str) else list(value)
    return [name for name in PIECES if name in names]


def setup(app: Sphinx) -> dict:
    """Put the pieces in place.  Loaded once the configuration is read (``config-inited``):
    a piece looks at the other extensions and replaces their parts."""
    value = app.config.seminar_speedups
    for name in chosen(value):
        PIECES[name](app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
