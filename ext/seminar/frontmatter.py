"""Read a page's YAML front-matter ourselves, keeping line numbers.

myst-parser hands front-matter to Sphinx as strings without line numbers,
and its YAML loader turns an unquoted ``15:00`` into ``900``.  We read the
block again with PyYAML's ``BaseLoader``, which keeps every scalar as the
text the speaker typed, and remember the line of every key and list item
so that each problem can name ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

# libyaml's loader where PyYAML has it (ten times faster), the same results.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

#: A path into the front-matter: ``("no_meeting", 2)`` is the third item of
#: the ``no_meeting`` list.
Loc = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """The front-matter of one page, as plain strings, lists and dicts."""

    values: dict[str, Any]
    #: 1-based line in the file of every key and list item.
    lines: dict[Loc, int] = field(default_factory=dict)
    #: 1-based line of the opening ``---``.
    first_line: int = 1
    #: 1-based line of the closing ``---``.
    last_line: int = 1

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its closest enclosing key."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line


def read_page(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A page's text, with a problem for a BOM, CRLF line endings or bytes that are not UTF-8.

    The text is returned with the BOM removed and line endings normalised, so
    later checks see what Sphinx sees; None when it cannot be decoded.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(display, line, None, f"file is not UTF-8 (byte 0x{data[error.start]:02x})", "save the file as UTF-8")]
    problems = []
    if text.startswith("\ufeff"):
        text = text[1:]
        problems.append(Problem(display, 1, None, "file starts with a byte-order mark (BOM)", "save the file as UTF-8 without BOM"))
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        problems.append(Problem(display, line, None, "file has Windows (CRLF) line endings", "save the file with Unix (LF) line endings"))
    return text, problems


def read_source(path: Path, display: str) -> tuple[FrontMatter | None, list[Problem]]:
    """The front-matter of a page, with the problems of the file and of the front-matter."""
    text, problems = read_page(path, display)
    if text is None:
        return None, problems
    front, more = read_front_matter(text, display)
    return front, problems + more


def split_front_matter(text: str) -> tuple[str, int, int] | None:
    """Return the YAML between the ``---`` fences and the fences' lines.

    ``None`` when the page does not start with a front-matter block.
    """
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), 1, number
    return None


def _late_front_matter(text: str) -> int | None:
    """The line of a '---' block of 'field: value' lines below the top, if any."""
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---" and number < len(lines) and re.match(r"^[A-Za-z_]\w*:", lines[number]):
            return number
    return None


def read_front_matter(text: str, path: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse the front-matter of ``text`` (the contents of ``path``)."""
    block = split_front_matter(text)
    if block is None:
        later = _late_front_matter(text)
        if later is not None:
            return None, [
                Problem(path, later, None, "front-matter is not at the top of the page",
                        "move the '---' block to the very first line, before any text")
            ]
        opened = text.lstrip("\r\n").startswith("---")
        return None, [
            Problem(
                path,
                1,
                None,
                "front-matter is not closed" if opened else "page has no front-matter",
                "end the block with a line '---'"
                if opened
                else "start the page with a '---' line, the fields, and a closing '---' line",
            )
        ]
    yaml_text, first, last = block
    try:
        node = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first + 1 + (mark.line if mark else 0)
        what = error.problem or str(error)
        return None, [
            Problem(
                path,
                line,
                None,
                f"YAML syntax error: {what}",
                "check indentation and quote values that contain ': ' or start with a special character",
            )
        ]
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, yaml.MappingNode):
        return None, [
            Problem(
                path,
                first + 1,
                None,
                "front-matter is not a mapping of fields",
                "write one 'field: value' per line",
            )
        ]
    front = FrontMatter(values={}, first_line=first, last_line=last)
    problems: list[Problem] = []
    front.values = _plain_mapping(node, (), front, problems, path, offset=first + 1)
    return front, problems


def _plain(node: yaml.Node, loc: Loc, front: FrontMatter, problems: list[Problem], path: str, offset: int) -> Any:
    front.lines[loc] = offset + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        return _plain_mapping(node, loc, front, problems, path, offset)
    if isinstance(node, yaml.SequenceNode):
        return [
            _plain(item, (*loc, index), front, problems, path, offset)
            for index, item in enumerate(node.value)
        ]
    return node.value


def _plain_mapping(node: yaml.MappingNode, loc: Loc, front: FrontMatter, problems: list[Problem], path: str, offset: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = offset + key_node.start_mark.line
        name = ".".join(str(part) for part in (*loc, key))
        if key in result:
            problems.append(
                Problem(
                    path,
                    line,
                    name,
                    f"field given twice (first on line {front.lines[(*loc, key)]})",
                    "keep one of the two lines",
                )
            )
            continue
        result[key] = _plain(value_node, (*loc, key), front, problems, path, offset)
        front.lines[(*loc, key)] = line
    return result
