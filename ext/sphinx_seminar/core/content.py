"""Checks of a session page's Markdown body, by the parser MyST itself uses.

Tokens from myst-parser's markdown-it setup carry the source line, so the
checker and the build can name it: raw HTML, file inclusion from outside
the repository, unknown citation keys and empty sections.  (A body
``# heading`` is no mistake: the build makes it the title, or the first
section under the title.)
Directive bodies (admonitions, for example) are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath

from markdown_it.token import Token

from .problems import Problem

INCLUDE_DIRECTIVES = ("include", "literalinclude")
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


def unsafe_include(argument: str, page: Path, root: Path) -> bool:
    """Whether an include names an absolute path or a file outside the repository."""
    target = argument.strip()
    if not target:
        return False
    if PurePosixPath(target).is_absolute() or target.startswith("~"):
        return True
    return not (page.parent / target).resolve().is_relative_to(root.resolve())


def include_problem(display: str, line: int | None, directive: str, argument: str) -> Problem:
    return Problem(
        display,
        line,
        directive,
        f"includes '{argument}': absolute paths and paths outside the repository are not allowed",
        "include only files of this repository, with a path relative to the page",
    )


def raw_html_problem(display: str, line: int | None, html: str) -> Problem:
    snippet = " ".join(html.split())[:40]
    return Problem(display, line, "html", f"raw HTML '{snippet}' in a session page", "write Markdown instead; raw HTML is not rendered")


def _tokens(tokens: list[Token], offset: int, extensions: frozenset[str]) -> Iterator[tuple[Token, int | None]]:
    """Every token with its 1-based line, descending into directive bodies."""
    for token in tokens:
        line = offset + token.map[0] + 1 if token.map else None
        yield token, line
        for child in token.children or []:
            yield child, line
        if token.type == "fence" and token.info.startswith("{"):
            name = token.info[1:].split("}", 1)[0]
            if name not in _VERBATIM and token.map:
                body = _parser(extensions).parse(token.content)
                yield from _tokens(body, offset + token.map[0] + 1, extensions)


def parse(text: str, extensions: frozenset[str]) -> list[Token]:
    """The page's tokens, as myst-parser's markdown-it setup makes them."""
    return _parser(extensions).parse(text)


def unsafe_include_lines(tokens: list[Token], page: Path, root: Path, extensions: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """(first line, last line, directive, argument) of each unsafe include, 0-based."""
    found = []
    for token, line in _tokens(tokens, 0, extensions):
        if token.type == "fence" and token.info.startswith("{") and line is not None:
            name, _, argument = token.info[1:].partition("}")
            if name in INCLUDE_DIRECTIVES and unsafe_include(argument, page, root):
                found.append((line - 1, line - 1 + token.map[1] - token.map[0] - 1, name, argument.strip()))
    return found


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


def check_body(text: str, page: Path, display: str, root: Path, **options) -> tuple[list[Problem], list[tuple[str, int | None]]]:
    """Problems in a session page's body, and the citation keys it uses (see :func:`body_problems`)."""
    return body_problems(parse(text, options.get("extensions", DEFAULT_EXTENSIONS)), page, display, root, **options)


def body_problems(
    tokens: list[Token],
    page: Path,
    display: str,
    root: Path,
    *,
    bib_keys: set[str] | None = None,
    extensions: frozenset[str] = DEFAULT_EXTENSIONS,
    includes: bool = True,
) -> tuple[list[Problem], list[tuple[str, int | None]]]:
    """Problems in a session page's body (its tokens), and the citation keys it uses."""
    problems: list[Problem] = []
    citations: list[tuple[str, int | None]] = []
    problems += _empty_sections(tokens, display)
    for token, line in _tokens(tokens, 0, extensions):
        if token.type in ("html_block", "html_inline"):
            if not token.content.lstrip().startswith("<!--"):
                problems.append(raw_html_problem(display, line, token.content))
        elif token.type == "fence" and token.info.startswith("{"):
            name, _, argument = token.info[1:].partition("}")
            if name == "raw":
                problems.append(raw_html_problem(display, line, f"{{raw}} {argument.strip()}"))
            elif name in INCLUDE_DIRECTIVES and includes and unsafe_include(argument, page, root):
                problems.append(include_problem(display, line, name, argument.strip()))
        elif token.type == "myst_role" and token.meta.get("name") in CITE_ROLES:
            for key in token.content.split(","):
                key = key.strip()
                citations.append((key, line))
                if bib_keys is not None and key not in bib_keys:
                    problems.append(
                        Problem(display, line, "citation", f"unknown citation key '{key}'", "add the entry to references.bib or correct the key")
                    )
    return problems, citations
