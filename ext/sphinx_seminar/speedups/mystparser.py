"""Piece ``myst-parser``: myst-parser's parser, checking the tokens it renders, so that a page
is parsed once.

The checks of what a page brings in (:func:`sphinx_seminar.integration.pagecheck.check_tokens`)
read markdown-it's tokens.  Without this piece the ``source-read`` handler
parses each page for them, and MyST parses it again to render it.
:class:`SeminarMystParser` is myst-parser's ``MystParser`` (5.x) registered in
its place (``add_source_parser(..., override=True)``), whose ``parse`` copies
upstream's and runs the checks between markdown-it's parse and the rendering.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..integration.pagecheck import check_tokens
from .guards import tested

TESTED = ("5.",)  # myst-parser


def setup_myst_parser(app: Sphinx) -> None:
    """MyST's parser with the checks on its tokens, where tested."""
    if "myst_parser" not in app.extensions:
        return
    if not tested("myst-parser", TESTED, "its parser", "pages are parsed a second time for their checks"):
        return
    app.add_source_parser(parser_class(), override=True)


def parser_class() -> type:
    from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser
    from myst_parser.parsers.sphinx_ import MystParser
    from myst_parser.warnings_ import create_warning

    class SeminarMystParser(MystParser):
        """myst-parser's ``parse`` (5.x), with ``check_tokens`` between markdown-it's parse and the rendering."""

        # Read by pagecheck.single_parse: the source-read handler leaves the checks to this parser.
        seminar_checks_tokens = True

        def parse(self, inputstring: str, document) -> None:
            config = document.settings.env.myst_config
            try:
                topmatter = read_topmatter(inputstring)
            except TopmatterReadError:
                pass  # reported by the renderer, as upstream does
            else:
                if topmatter:
                    def warning(wtype, msg):
                        create_warning(document, msg, wtype, line=1, append_to=document)
                    config = merge_file_level(config, topmatter, warning)
            parser = create_md_parser(config, SphinxRenderer)
            parser.options["document"] = document
            md_env: dict = {}
            tokens = parser.parse(inputstring, md_env)
            checked = check_tokens(document.settings.env, inputstring, tokens)
            if checked is not inputstring:  # an unsafe include was blanked: parse what remains
                md_env = {}
                tokens = parser.parse(checked, md_env)
            parser.renderer.render(tokens, parser.options, md_env)

    return SeminarMystParser
