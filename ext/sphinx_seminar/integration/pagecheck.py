"""What a page may bring into the build, checked before it reaches the output.

* A page that is not in ``source_encoding`` is reported and left out
  (``config-inited``): Sphinx 9 would end the build with a traceback.
* Front-matter that :func:`~sphinx_seminar.core.frontmatter.unsafe_yaml` refuses is
  blanked before MyST's YAML loader expands it (``source-read``).
* An include of an absolute path or of a file outside the repository is
  reported and its lines blanked, so that the file is never read; a session
  page's raw HTML and empty sections are reported.

The last checks read markdown-it's tokens.  On the myst-parser versions in
``TESTED``, :class:`SeminarMystParser` (a subclass registered in
myst-parser's place) runs them on the tokens MyST itself renders, so a page
is parsed once; elsewhere, and with ``seminar_single_parse = False``, the
``source-read`` handler parses the page for them (the log says why).
``tests/test_equivalence.py`` builds the site both ways, in fresh
processes, and compares every page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.project import Project
from sphinx.util import logging

from ..core.content import body_problems, include_problem, parse, unsafe_include_lines
from ..core.frontmatter import split_front_matter, undecodable, unsafe_yaml
from .guards import tested
from .reading import classify, warn

logger = logging.getLogger(__name__)

TESTED = ("5.",)  # myst-parser


def leave_out_undecodable_pages(app: Sphinx, config: Config) -> None:
    """``config-inited``: a page that is not in ``source_encoding`` is reported and left out.

    Sphinx 9 reads each page strictly and ends the build with a traceback at
    the first byte that is not in the encoding.  Such a page is reported here
    with its line and byte, and added to ``exclude_patterns`` until it is
    saved as UTF-8, so that the other pages build (a ``-W`` build fails).
    Reading it with replacement characters would publish a damaged page.
    """
    project = Project(app.srcdir, config.source_suffix)
    for docname in sorted(project.discover(config.exclude_patterns, config.include_patterns)):
        path = project.doc2path(docname, absolute=True)
        problem = undecodable(path, os.path.relpath(path, app.srcdir), config.source_encoding)
        if problem is not None:
            logger.warning(problem.text, location=f"{path}:{problem.line}", type="seminar", subtype="encoding")
            config.exclude_patterns.append(_literal_pattern(os.path.relpath(path, app.srcdir)))


def _literal_pattern(relative: str) -> str:
    """An ``exclude_patterns`` entry that matches this path only (no wildcards)."""
    return re.sub(r"([\[*?])", r"[\1]", Path(relative).as_posix())


def register_parser(app: Sphinx, config: Config) -> None:
    """``config-inited``: MyST's parser with the checks on its tokens, where tested."""
    if not config.seminar_single_parse or "myst_parser" not in app.extensions:
        return
    if not tested("myst-parser", TESTED, "its parser", "pages are parsed a second time for their checks"):
        return
    app.add_source_parser(parser_class(), override=True)


def single_parse(app: Sphinx) -> bool:
    return getattr(app.registry.source_parsers.get("markdown"), "seminar_checks_tokens", False)


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: blank unsafe front-matter; the token checks, unless the parser runs them."""
    path = Path(app.env.doc2path(docname))
    if path.suffix != ".md":
        return
    display = os.path.relpath(path, app.srcdir)
    kind = classify(docname, app.config.seminar_sessions_dir)
    source[0] = _drop_unsafe_front_matter(source[0], display, docname, report=kind is None)
    if not single_parse(app):
        source[0] = check_tokens(app.env, source[0], parse(source[0], frozenset(app.config.myst_enable_extensions)))


def check_tokens(env: BuildEnvironment, text: str, tokens: list) -> str:
    """Report what the page's tokens show; the text without its unsafe includes.

    Every page: an include of an absolute path or of a file outside the
    repository is reported and its lines blanked, so that nothing outside
    the repository is read.  Session pages: raw HTML and empty sections.
    """
    docname = env.docname
    path = Path(env.doc2path(docname))
    root = Path(env.srcdir)
    display = os.path.relpath(path, root)
    extensions = frozenset(env.config.myst_enable_extensions)
    kind = classify(docname, env.config.seminar_sessions_dir)
    if kind and kind[0] == "session":
        problems, _ = body_problems(tokens, path, display, root, extensions=extensions, includes=False)
        for problem in problems:
            warn(problem, docname, subtype="content")
    unsafe = unsafe_include_lines(tokens, path, root, extensions)
    if not unsafe:
        return text
    lines = text.split("\n")
    for first, last, name, argument in unsafe:
        warn(include_problem(display, first + 1, name, argument), docname, subtype="include")
        lines[first : last + 1] = [""] * (last + 1 - first)
    return "\n".join(lines)


def _drop_unsafe_front_matter(text: str, display: str, docname: str, report: bool) -> str:
    """Front-matter that :func:`unsafe_yaml` refuses, blanked before MyST's YAML loader sees it.

    MyST turns every front-matter value into a string: an alias bomb of
    twenty lines would become gigabytes.  Session and term pages report the
    problem when the transform reads them; other pages here (``report``).
    """
    block = split_front_matter(text)
    if block is None:
        return text
    yaml_text, first, last = block
    problem = unsafe_yaml(yaml_text, display, first + 1)
    if problem is None:
        return text
    if report:
        warn(problem, docname)
    # An empty mapping, and the page's lines where they were.
    lines = text.split("\n")
    lines[first : last - 1] = ["{}"] + [""] * (last - 2 - first)
    return "\n".join(lines)


def parser_class() -> type:
    from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser
    from myst_parser.parsers.sphinx_ import MystParser
    from myst_parser.warnings_ import create_warning

    class SeminarMystParser(MystParser):
        """myst-parser's ``parse`` (5.x), with :func:`check_tokens` between markdown-it's parse and the rendering."""

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
