"""Checks of a session page's Markdown body, by the parser MyST itself uses.

Tokens from myst-parser's markdown-it setup carry the source line, so the
checker and the build can name it: raw HTML, file inclusion from outside
the repository, unknown citation keys and empty sections.  (A body
``# heading`` is no mistake: the build makes it the title, or the first
section under the title.)
Directive bodies (admonitions, for example) are checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath

from markdown_it.token import Token

from .admission import Refusal, SourceTree
from .problems import Problem

INCLUDE_DIRECTIVES = ("include", "literalinclude")
#: Directives that read a file: named by their argument, or by their ``:file:`` option.
FILE_ARGUMENT = ("include", "literalinclude", "image", "figure")
FILE_OPTION = ("csv-table", "raw", "table")
_FILE_OPTION_LINE = re.compile(r"^[ \t]*:file:[ \t]*(.*?)[ \t]*$", re.M)
CITE_ROLES = ("cite", "cite:p", "cite:ps", "cite:t", "cite:ts", "cite:ct", "cite:cts", "cite:alp", "cite:alps",
              "cite:author", "cite:authors", "cite:cauthor", "cite:cauthors", "cite:year", "cite:label", "cite:empty")
# Directives whose body is Markdown, to be checked as well.
_VERBATIM = {"code", "code-block", "code-cell", "sourcecode", "math", "raw", "eval-rst", "literalinclude", "include", "csv-table"}


DEFAULT_EXTENSIONS = frozenset({"dollarmath", "amsmath"})


@lru_cache(maxsize=8)
def _parser(extensions: frozenset[str]):
    # myst-parser's setup, imported on first use: it imports docutils, which
    # the core does not load until a page body is checked.
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def include_problem(display: str, line: int | None, directive: str, argument: str, refusal: Refusal) -> Problem:
    """A file a page brings in that the rule of :mod:`sphinx_seminar.core.admission` refuses, or that is not there."""
    if refusal.missing:
        return Problem(display, line, directive, f"'{argument}' does not exist",
                       "give the path relative to the page, or from the site's source folder with a leading '/'")
    return Problem(
        display,
        line,
        directive,
        f"'{argument}' {refusal.reason}: it is not read into the site",
        "bring in only files of the site's source folder that are not hidden, excluded, or in a build or "
        "environment folder, with a path relative to the page",
    )


def raw_html_problem(display: str, line: int | None, html: str) -> Problem:
    snippet = " ".join(html.split())[:40]
    return Problem(display, line, "html", f"raw HTML '{snippet}' in a session page", "write Markdown instead; raw HTML is not rendered")


def _tokens(tokens: list[Token], offset: int, extensions: frozenset[str]) -> Iterator[tuple[Token, int | None]]:
    """Every token with its 1-based line, descending into directive bodies."""
    for token in tokens:
        line = offset + token.map[0] + 1 if token.map else None
        yield token, line
        breaks = 0  # an inline token's children: their own line within the paragraph
        for child in token.children or []:
            yield child, None if line is None else line + breaks
            breaks += child.type in ("softbreak", "hardbreak")
        if token.type in ("fence", "colon_fence") and token.info.startswith("{"):
            name = token.info[1:].split("}", 1)[0]
            if name not in _VERBATIM and token.map:
                body = _parser(extensions).parse(token.content)
                yield from _tokens(body, offset + token.map[0] + 1, extensions)


class Walk(list):
    """Every token of a page with its line, directive bodies parsed once (:func:`walk`);
    ``top`` is the page's own token list."""

    top: list[Token]


def walk(tokens: list[Token], extensions: frozenset[str]) -> Walk:
    """The page's tokens walked once, for the checks that each look at all of them."""
    if isinstance(tokens, Walk):
        return tokens
    walked = Walk(_tokens(tokens, 0, extensions))
    walked.top = tokens
    return walked


def parse(text: str, extensions: frozenset[str]) -> list[Token]:
    """The page's tokens, as myst-parser's markdown-it setup makes them."""
    return _parser(extensions).parse(text)


def _fence_directive(token: Token) -> tuple[str, str] | None:
    """(name, argument) of a ```` ```{name} argument ```` or ``:::{name}`` block."""
    if token.type in ("fence", "colon_fence") and token.info.startswith("{"):
        name, _, argument = token.info[1:].partition("}")
        return name.strip(), argument.strip()
    return None


def named_file(token: Token) -> tuple[str, str] | None:
    """(directive, path) of a block directive that reads the file at the path, if it is one."""
    directive = _fence_directive(token)
    if directive is None:
        return None
    name, argument = directive
    if name in FILE_ARGUMENT and argument:
        return name, argument
    if name in FILE_OPTION:
        option = _FILE_OPTION_LINE.search(token.content.split("\n\n", 1)[0])
        if option and option.group(1):
            return name, option.group(1)
    return None


def refused_files(tokens: list[Token], page: Path, tree: SourceTree, extensions: frozenset[str]
                  ) -> list[tuple[int, int, str, str, Refusal]]:
    """(first line, last line, directive, path, refusal) of each block directive whose file is refused
    or missing (the build blanks them, so that it says the same as ``seminar check``), 0-based."""
    found = []
    for token, line in walk(tokens, extensions):
        named = named_file(token)
        if named is None or line is None:
            continue
        refusal = tree.include_refusal(named[1], page)
        if refusal is not None:
            found.append((line - 1, line - 1 + token.map[1] - token.map[0] - 1, named[0], named[1], refusal))
    return found


def refused_inline_files(tokens: list[Token], page: Path, tree: SourceTree, extensions: frozenset[str]
                         ) -> list[tuple[int | None, str, str, Refusal]]:
    """(line, what, path, refusal) of each Markdown image and ``{download}`` whose file is refused or missing."""
    found = []
    for token, line in walk(tokens, extensions):
        for what, target in _inline_files(token):
            refusal = tree.include_refusal(target, page)
            if refusal is not None and not (what == "link" and refusal.missing):
                found.append((line, "download" if what == "link" else what, target, refusal))
    return found


_ROLE_TARGET = re.compile(r"<([^<>]*)>\s*$")


def _inline_files(token: Token) -> Iterator[tuple[str, str]]:
    if token.type == "image":
        src = str(token.attrs.get("src", ""))
        if src and not _is_url(src):
            yield "image", src
    elif token.type == "link_open":
        # MyST makes a link to a local file that is no page a download, as {download} is.
        # (A link to a file that is not there is a link to a page, or MyST's own warning.)
        href = str(token.attrs.get("href", "")).split("#", 1)[0]
        if href and not _is_url(href) and not PurePosixPath(href).name.endswith((".md", ".rst", ".html")):
            yield "link", href
    elif token.type == "myst_role" and token.meta.get("name") == "download":
        target = _ROLE_TARGET.search(token.content)
        path = (target.group(1) if target else token.content).strip()
        if path and not _is_url(path):
            yield "download", path


def _is_url(target: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) is not None


_NOT_CONTENT = {"front_matter", "myst_line_comment", "heading_open", "heading_close", "inline"}


def _empty_sections(tokens: list[Token], display: str) -> list[Problem]:
    """Headings with nothing under them (say, a scaffold's heading never filled in)."""
    problems = []
    open_heading: tuple[int, str, int | None] | None = None  # level, title, line
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            if open_heading and level <= open_heading[0]:
                problems.append(_empty(display, open_heading))
            open_heading = (level, tokens[index + 1].content, token.map[0] + 1 if token.map else None)
        elif token.type not in _NOT_CONTENT and token.level == 0 and not token.type.endswith("_close"):
            open_heading = None
    if open_heading:
        problems.append(_empty(display, open_heading))
    return problems


def _empty(display: str, heading: tuple[int, str, int | None]) -> Problem:
    return Problem(display, heading[2], None, f"section '{heading[1]}' is empty", "write its text or remove the heading")


# sphinxcontrib-bibtex's grammar of a citation's target: "{pre}key{post}, key2".
_CITATION_TARGET = re.compile(r"\s*([{](?P<pre>[^{}]+)[}])?\s*(?P<key>[^{}\s,]+)\s*([{](?P<post>[^{}]+)[}])?\s*")


def citation_keys(target: str) -> list[str] | None:
    """The keys of a citation role's target, or None where sphinxcontrib-bibtex cannot parse it."""
    keys, position = [], 0
    while True:
        match = _CITATION_TARGET.match(target, position)
        if match is None:
            return None
        keys.append(match.group("key"))
        position = match.end()
        if position == len(target):
            return keys
        if target[position] != ",":
            return None
        position += 1


def malformed_citation(display: str, line: int | None, target: str) -> Problem:
    return Problem(display, line, "citation", f"'{target}' is not a list of citation keys: it is left out of the page",
                   "a key has no spaces, commas or braces; cite several works as {cite:p}`key1,key2`")


def malformed_citations(tokens: list[Token], extensions: frozenset[str]) -> list[tuple[int | None, str, str]]:
    """(line, role, target) of each citation role whose target sphinxcontrib-bibtex cannot parse."""
    return [(line, token.meta.get("name"), token.content) for token, line in walk(tokens, extensions)
            if token.type == "myst_role" and token.meta.get("name") in CITE_ROLES and citation_keys(token.content) is None]


def check_body(text: str, page: Path, display: str, tree: SourceTree, **options) -> tuple[list[Problem], list[tuple[str, int | None]]]:
    """Problems in a page's body, and the citation keys it uses (see :func:`body_problems`), malformed citations too."""
    extensions = options.get("extensions", DEFAULT_EXTENSIONS)
    tokens = walk(parse(text, extensions), extensions)
    problems, citations = body_problems(tokens, page, display, tree, **options)
    return problems + [malformed_citation(display, line, target) for line, _, target in malformed_citations(tokens, extensions)], citations


_RST_DIRECTIVE = re.compile(r"^[ \t]*\.\.[ \t]+([\w-]+)::[ \t]*(.*?)[ \t]*$")


def refused_rst_files(tokens: list[Token], page: Path, tree: SourceTree, extensions: frozenset[str]
                      ) -> list[tuple[int, str, str, Refusal]]:
    """(line, directive, path, refusal) in ``{eval-rst}`` blocks, read as lines (the build's directives check them as they run)."""
    found = []
    for token, line in walk(tokens, extensions):
        directive = _fence_directive(token)
        if directive is None or directive[0] != "eval-rst" or line is None:
            continue
        current, opened = None, line
        for number, text in enumerate(token.content.split("\n"), start=line + 1):
            opening = _RST_DIRECTIVE.match(text)
            option = _FILE_OPTION_LINE.match(text)
            if opening:
                current, opened = opening.group(1), number
                target = opening.group(2) if current in FILE_ARGUMENT else ""
            elif option and current in FILE_OPTION:
                target = option.group(1)
            else:
                continue
            refusal = tree.include_refusal(target, page) if target else None
            if refusal is not None:  # at the directive's line, as the build names it
                found.append((opened, current, target, refusal))
    return found


def file_problems(tokens: list[Token], page: Path, display: str, tree: SourceTree, extensions: frozenset[str]) -> list[Problem]:
    """Every file the page brings in that the rule refuses: block directives, images and downloads."""
    found = [include_problem(display, first + 1, name, argument, refusal)
             for first, _, name, argument, refusal in refused_files(tokens, page, tree, extensions)]
    found += [include_problem(display, line, name, argument, refusal)
              for line, name, argument, refusal in refused_rst_files(tokens, page, tree, extensions)]
    return found + [include_problem(display, line, what, target, refusal)
                    for line, what, target, refusal in refused_inline_files(tokens, page, tree, extensions)]


def body_problems(
    tokens: list[Token],
    page: Path,
    display: str,
    tree: SourceTree,
    *,
    bib_keys: set[str] | None = None,
    extensions: frozenset[str] = DEFAULT_EXTENSIONS,
    files: bool = True,
    session: bool = True,
    slot: bool = False,
) -> tuple[list[Problem], list[tuple[str, int | None]]]:
    """Problems in a page's body (its tokens), and the citation keys it uses.

    ``files``: the files the page brings in (the build checks those as it
    reads them); ``session``: what only a session page may not hold (raw
    HTML, empty sections); ``slot``: the page is a slot's (its title or
    speaker TBA, :func:`~sphinx_seminar.core.model.is_slot`), whose headings
    may wait for their text.
    """
    tokens = walk(tokens, extensions)
    problems: list[Problem] = file_problems(tokens, page, display, tree, extensions) if files else []
    citations: list[tuple[str, int | None]] = []
    if session and not slot:
        problems += _empty_sections(tokens.top, display)
    for token, line in walk(tokens, extensions):
        if token.type in ("html_block", "html_inline") and session:
            if not token.content.lstrip().startswith("<!--"):
                problems.append(raw_html_problem(display, line, token.content))
        elif token.type == "fence" and token.info.startswith("{") and session:
            name, _, argument = token.info[1:].partition("}")
            if name == "raw":
                problems.append(raw_html_problem(display, line, f"{{raw}} {argument.strip()}"))
        elif token.type == "myst_role" and token.meta.get("name") in CITE_ROLES:
            keys = citation_keys(token.content)
            if keys is None:
                continue  # malformed_citations reports it
            for key in keys:
                citations.append((key, line))
                if bib_keys is not None and key not in bib_keys:
                    problems.append(
                        Problem(display, line, "citation", f"unknown citation key '{key}'", "add the entry to references.bib or correct the key")
                    )
    return problems, citations
