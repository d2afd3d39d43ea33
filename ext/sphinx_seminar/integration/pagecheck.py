"""What a page may bring into the build, checked before it reaches the output.

* Control characters and noncharacters are dropped from every page, each
  line that had one reported (``source-read``).
* Front-matter that :func:`~sphinx_seminar.core.frontmatter.unsafe_yaml` refuses is
  blanked before MyST's YAML loader expands it (``source-read``).
* A block directive whose file the rule of :mod:`sphinx_seminar.core.admission`
  refuses is reported and its lines blanked, so that the file is never read
  (pages themselves, images and downloads: :mod:`sphinx_seminar.integration.admission`);
  a citation that sphinxcontrib-bibtex cannot parse is reported and shown
  as code; a session page's raw HTML and empty sections (but a slot's, TBA) are reported.

The last checks read markdown-it's tokens: the ``source-read`` handler
parses the page for them with myst-parser's own markdown-it setup.  (A
subclass of myst-parser's parser that ran them on the tokens it renders, so
that a page was parsed once, was removed: ``make bench`` did not show its
saving; docs/performance.md.)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.content import body_problems, include_problem, malformed_citation, malformed_citations, parse, refused_files, walk
from ..core.frontmatter import (control_characters, drop_control_characters, normalise, read_front_matter, split_front_matter,
                                unsafe_yaml, without_control_characters)
from ..core.model import is_slot
from ..core.problems import Problem
from .admission import env_tree
from .reading import PAGE_READ, classify, warn

logger = logging.getLogger(__name__)


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: drop control characters; blank unsafe front-matter; the token checks."""
    path = Path(app.env.doc2path(docname))
    display = os.path.relpath(path, app.srcdir)
    kind = classify(docname, app.config.seminar_sessions_dir)
    text, problems = drop_control_characters(source[0], display)
    if problems:
        app.env.domains["seminar"].data["control_pages"][docname] = True
    if kind is None:
        for problem in problems:
            warn(problem, docname, subtype="control-character")
    else:  # session and term pages: their one reading, from the text Sphinx read; the transform reports
        front, more = read_front_matter(normalise(text), display)
        app.env.current_document[PAGE_READ] = (front, problems + more)
    if path.suffix == ".md":
        text = _drop_unsafe_front_matter(text, display, docname, report=kind is None)
        text = check_tokens(app.env, text, parse(text, frozenset(app.config.myst_enable_extensions)))
    source[0] = text


def check_tokens(env: BuildEnvironment, text: str, tokens: list) -> str:
    """Report what the page's tokens show; the text without what may not be built.

    Every page: a block directive whose file the rule of
    :mod:`sphinx_seminar.core.admission` refuses is reported and its lines
    blanked, so that the file is never read; a citation whose keys
    sphinxcontrib-bibtex cannot parse (it would end the build) is reported
    and shown as code.  Session pages: raw HTML and empty sections.
    """
    docname = env.docname
    path = Path(env.doc2path(docname))
    display = os.path.relpath(path, env.srcdir)
    extensions = frozenset(env.config.myst_enable_extensions)
    tree = env_tree(env)
    kind = classify(docname, env.config.seminar_sessions_dir)
    tokens = walk(tokens, extensions)
    if kind and kind[0] == "session":
        front = (env.current_document.get(PAGE_READ) or (None, []))[0]
        problems, _ = body_problems(tokens, path, display, tree, extensions=extensions, files=False, slot=is_slot(front))
        for problem in problems:
            warn(problem, docname, subtype="content")
    refused = refused_files(tokens, path, tree, extensions)
    malformed = malformed_citations(tokens, extensions)
    if not refused and not malformed:
        return text
    lines = text.split("\n")
    for first, last, name, argument, refusal in refused:
        warn(include_problem(display, first + 1, name, argument, refusal), docname, subtype="include")
        lines[first : last + 1] = [""] * (last + 1 - first)
    for line, role, target in malformed:
        warn(malformed_citation(display, line, target), docname, subtype="citation")
        _as_code(lines, (line or 1) - 1, role, target)
    return "\n".join(lines)


def _as_code(lines: list[str], first: int, role: str, target: str) -> None:
    """The citation ``{role}`target``` on or below line ``first`` (0-based), as inline code."""
    pattern = re.compile(r"\{" + re.escape(role) + r"\}(`+)" + re.escape(target) + r"\1")
    for index in range(first, len(lines)):
        if pattern.search(lines[index]):
            lines[index] = pattern.sub(lambda match: match.group(1) + target + match.group(1), lines[index], count=1)
            return


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


def clean_copied_sources(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the copies of page sources in ``_sources/`` without control characters.

    Sphinx copies a page's source file as it is (``html_copy_source``), after
    the page is written: the copy of a page whose source had control
    characters is made again from the source, without them.
    """
    if exception is not None or app.builder.format != "html" or not app.config.html_copy_source:
        return
    for docname in sorted(app.env.domains["seminar"].data["control_pages"]):
        source = Path(app.env.doc2path(docname))
        # As Sphinx names the copy (StandaloneHTMLBuilder.get_doc_context).
        suffix = source.suffix + ("" if source.suffix == app.config.html_sourcelink_suffix else app.config.html_sourcelink_suffix)
        copy = Path(app.outdir, "_sources", docname + suffix)
        if copy.is_file() and source.is_file():
            text = source.read_text(encoding=app.config.source_encoding, errors="replace")
            copy.write_text(without_control_characters(text), encoding="utf-8")


class DropControlCharacters(SphinxTransform):
    """What the page's text did not hold but its parse made: control characters from escapes.

    ``source-read`` drops those in the page's text; a YAML escape in the
    front-matter (``"\\x1b"``, ``"\\ud800"``) makes one in the title and the
    metadata after that, and a lone surrogate ends the build in Sphinx's
    inventory writer.  Every text node is cleaned before Sphinx collects the
    titles and the metadata.
    """

    # Before Sphinx's DoctreeReadEvent (880): its collectors read the titles and metadata.
    default_priority = 860

    def apply(self, **kwargs: object) -> None:
        display = os.path.relpath(self.env.doc2path(self.env.docname), self.env.srcdir)
        reported = False
        for text in list(self.document.findall(nodes.Text)):
            found = control_characters(text)
            if not found:
                continue
            text.parent.replace(text, nodes.Text(without_control_characters(text)))
            line = (text.parent.line if text.parent is not None else None) or 1  # a front-matter title has no line of its own
            if not reported:
                warn(Problem(display, line, None, f"control character {', '.join(dict.fromkeys(found))} dropped",
                             "delete the invisible character or its escape (retype the text)"), self.env.docname,
                     subtype="control-character")
                reported = True
