"""Piece ``bib-recipe``: the parsed ``.bib`` saved with the environment as how to parse it
again, and not sent back by ``-j`` readers.

Without it, the build keeps pybtex's parse as it is
(:func:`sphinx_seminar.integration.references.parse_bibfiles`), inside
sphinxcontrib-bibtex's data, and Sphinx pickles its thirty-odd objects per
entry with the environment, loads them on every build, and gets them back
from each ``-j N`` reader.  :class:`ParsedBibliography` is pybtex's
``BibliographyData`` that pickles as its :class:`Recipe` (``__reduce_ex__``)
and parses again on the first look at an entry (``__getattr__``).
"""

from __future__ import annotations

import os
from typing import NamedTuple

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..integration.nodes import bibtex_loaded
from ..integration.references import MainProcessOnly, complete, is_parsed


class Recipe(NamedTuple):
    """How the parse was made: enough to make it again from the same files."""

    encoding: str
    person_fields: tuple[str, ...]
    files: tuple[str, ...]
    repair: tuple[str, ...] = ()


class ParsedBibliography(MainProcessOnly, BibliographyData):
    """pybtex's parse of the ``.bib`` files, kept by the main process only.

    The environment saves it as its :class:`Recipe`, not as its thirty-odd
    objects per entry: a no-op build never looks at an entry, and loading a
    6,000-entry parse and collecting its garbage was a third of such a build.
    The first look at an entry parses the files again; they are the files
    the recipe names, unchanged (a change makes sphinxcontrib-bibtex's cache
    check, and ``parse_bibfiles``, parse anew).
    """

    def __init__(self, recipe: Recipe | None = None) -> None:
        super().__init__()
        self._own()
        self._recipe = recipe

    def _empty(self):
        return (BibliographyData, ())

    def __reduce_ex__(self, protocol):
        recipe = self.__dict__.get("_recipe")
        if recipe is None or getattr(self, "_seminar_owner", os.getpid()) != os.getpid():
            return super().__reduce_ex__(protocol)
        return (_unparsed, (recipe,))

    def __getattr__(self, name: str):
        # Called only for attributes that are not there: those of a parse not made again yet.
        if name.startswith("__") or "_recipe" not in self.__dict__ or self.__dict__.get("_parsing") or is_parsed(self):
            raise AttributeError(name)
        self._parse_again(self.__dict__["_recipe"])
        return getattr(self, name)

    def complete_when_parsed(self, repair: tuple[str, ...]) -> None:
        """The entries to repair once the parse is made again (``references.check_bibfiles``)."""
        if self.__dict__.get("_recipe"):
            self._recipe = self._recipe._replace(repair=repair)

    def _parse_again(self, recipe: Recipe) -> None:
        self.__dict__["_parsing"] = True
        try:
            BibliographyData.__init__(self)
            parser = Parser(recipe.encoding, person_fields=recipe.person_fields)
            parser.data = self
            with pybtex.errors.capture():  # reported when the files were first parsed, and on every build since
                for path in recipe.files:
                    parser.parse_file(path)
            complete(self, recipe.repair)
        finally:
            del self.__dict__["_parsing"]


def _unparsed(recipe: Recipe) -> ParsedBibliography:
    bibliography = ParsedBibliography.__new__(ParsedBibliography)
    bibliography.__dict__["_recipe"] = recipe
    bibliography._own()
    return bibliography


def bibliography_data(app: Sphinx, encoding: str, person_fields: tuple[str, ...], files: tuple[str, ...]) -> ParsedBibliography:
    """``seminar-bibliography-data``: where the parser puts the parse."""
    return ParsedBibliography(Recipe(encoding, person_fields, files))


def parse_before_forking(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: where pages are read by forked processes (``-j N``), the parse
    is made again once, here, rather than by each reader that looks at an entry."""
    if bibtex_loaded(app) and docnames and app.parallel > 1:
        data = env.domains["cite"].bibdata.data
        if not is_parsed(data):
            data.entries  # noqa: B018 (the look makes the parse)


def setup_bib_recipe(app: Sphinx) -> None:
    app.connect("seminar-bibliography-data", bibliography_data)
    app.connect("env-before-read-docs", parse_before_forking)
